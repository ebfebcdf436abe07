// Colormaps as MATLAB builds them: gray, hot and jet by MATLAB's own formulas; parula (a
// close likeness of MATLAB's default) and viridis by interpolating anchor colours.

import type { Colormap } from './model.ts';

export const COLORMAP_NAMES = ['parula', 'viridis', 'gray', 'hot', 'jet'] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];

/** The default length of a colormap (MATLAB: 256). */
export const DEFAULT_COLORMAP_LENGTH = 256;

const PARULA_ANCHORS: readonly (readonly [number, number, number])[] = [
  [0.2422, 0.1504, 0.6603],
  [0.281, 0.3228, 0.9579],
  [0.1786, 0.5289, 0.9682],
  [0.0689, 0.6948, 0.8394],
  [0.2161, 0.7843, 0.5923],
  [0.6720, 0.7793, 0.2227],
  [0.9970, 0.7659, 0.2199],
  [0.9769, 0.9839, 0.0805],
];

const VIRIDIS_ANCHORS: readonly (readonly [number, number, number])[] = [
  [0.267, 0.005, 0.329],
  [0.283, 0.141, 0.458],
  [0.254, 0.265, 0.53],
  [0.191, 0.407, 0.556],
  [0.149, 0.51, 0.557],
  [0.122, 0.62, 0.533],
  [0.208, 0.718, 0.473],
  [0.431, 0.808, 0.345],
  [0.993, 0.906, 0.144],
];

export function isColormapName(name: string): name is ColormapName {
  return (COLORMAP_NAMES as readonly string[]).includes(name);
}

/** n RGB triples, interleaved, of the named map. */
export function colormapColors(name: ColormapName, n: number = DEFAULT_COLORMAP_LENGTH): Float32Array {
  const m = Math.max(0, Math.floor(n));
  switch (name) {
    case 'gray':
      return build(m, (i) => {
        const v = m > 1 ? i / (m - 1) : 0;
        return [v, v, v];
      });
    case 'hot':
      return hot(m);
    case 'jet':
      return jet(m);
    case 'parula':
      return interpolated(PARULA_ANCHORS, m);
    case 'viridis':
      return interpolated(VIRIDIS_ANCHORS, m);
  }
}

export function namedColormap(name: ColormapName, n: number = DEFAULT_COLORMAP_LENGTH): Colormap {
  return { name, colors: colormapColors(name, n) };
}

export function defaultColormap(): Colormap {
  return namedColormap('parula');
}

function build(m: number, f: (i: number) => readonly [number, number, number]): Float32Array {
  const out = new Float32Array(m * 3);
  for (let i = 0; i < m; i++) {
    const [r, g, b] = f(i);
    out[3 * i] = r;
    out[3 * i + 1] = g;
    out[3 * i + 2] = b;
  }
  return out;
}

function interpolated(anchors: readonly (readonly [number, number, number])[], m: number): Float32Array {
  const last = anchors.length - 1;
  return build(m, (i) => {
    const t = m > 1 ? (i / (m - 1)) * last : 0;
    const k = Math.min(last - 1, Math.floor(t));
    const f = t - k;
    const a = anchors[k];
    const b = anchors[k + 1];
    return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
  });
}

/** MATLAB's hot(m): black, red, yellow, white. */
function hot(m: number): Float32Array {
  const n = Math.floor((3 / 8) * m);
  const out = new Float32Array(m * 3);
  for (let i = 0; i < m; i++) {
    const r = i < n ? (i + 1) / n : 1;
    const g = i < n ? 0 : i < 2 * n ? (i - n + 1) / n : 1;
    const b = i < 2 * n ? 0 : (i - 2 * n + 1) / (m - 2 * n);
    out[3 * i] = r;
    out[3 * i + 1] = g;
    out[3 * i + 2] = b;
  }
  return out;
}

/** MATLAB's jet(m): dark blue, blue, cyan, yellow, red, dark red. */
function jet(m: number): Float32Array {
  const out = new Float32Array(m * 3);
  if (m === 0) return out;
  const n = Math.ceil(m / 4);
  const u: number[] = [];
  for (let k = 1; k <= n; k++) u.push(k / n);
  for (let k = 1; k < n; k++) u.push(1);
  for (let k = n; k >= 1; k--) u.push(k / n);
  const g0 = Math.ceil(n / 2) - (m % 4 === 1 ? 1 : 0);
  for (let k = 0; k < u.length; k++) {
    const g = g0 + k + 1; // 1-based row
    const r = g + n;
    const b = g - n;
    if (r >= 1 && r <= m) out[3 * (r - 1)] = u[k];
    if (g >= 1 && g <= m) out[3 * (g - 1) + 1] = u[k];
    if (b >= 1 && b <= m) out[3 * (b - 1) + 2] = u[k];
  }
  return out;
}
