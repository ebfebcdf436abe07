// Images to pixels: a figure's image series becomes a canvas at its own resolution (one canvas
// pixel per data pixel), built through ImageData with a colour lookup table, so a 4K image is one
// tight loop and one putImageData. The chart then draws that canvas scaled into the axes.

import type { Colormap, Series } from '../../../worker/protocol.ts';

type ImageSeries = Extract<Series, { kind: 'image' }>;

/** The colormap as 8-bit RGB, one triple per entry. */
export function colormapLut(map: Colormap): Uint8ClampedArray {
  const n = map.colors.length / 3;
  const lut = new Uint8ClampedArray(n * 3);
  for (let i = 0; i < n * 3; i++) lut[i] = Math.round(map.colors[i] * 255);
  return lut;
}

/** MATLAB's scaled mapping: [lo, hi] spread over the n entries; outside clamps; NaN is the first. */
export function scaledIndex(v: number, lo: number, hi: number, n: number): number {
  if (!(v === v)) return 0;
  const k = hi > lo ? Math.floor(((v - lo) / (hi - lo)) * n) : Math.floor(n / 2);
  return k < 0 ? 0 : k >= n ? n - 1 : k;
}

/** Columns per block when transposing column-major data into row-major pixels (cache friendly both ways). */
const BLOCK = 32;

/** The colormap as packed RGBA words in the platform's byte order, for one store per pixel. */
function packedLut(map: Colormap): Uint32Array {
  const rgb = colormapLut(map);
  const n = rgb.length / 3;
  const out = new Uint32Array(n);
  const bytes = new Uint8ClampedArray(out.buffer);
  for (let k = 0; k < n; k++) {
    bytes[4 * k] = rgb[3 * k];
    bytes[4 * k + 1] = rgb[3 * k + 1];
    bytes[4 * k + 2] = rgb[3 * k + 2];
    bytes[4 * k + 3] = 255;
  }
  return out;
}

/** An image series' pixels, row-major RGBA, as ImageData wants them. */
export function imagePixels(s: ImageSeries, map: Colormap, clim: readonly [number, number]): Uint8ClampedArray<ArrayBuffer> {
  const { rows, cols, data } = s;
  const out = new Uint8ClampedArray(rows * cols * 4);
  const plane = rows * cols;
  if (s.mapping === 'truecolor') {
    const scale = 255 / s.maxValue;
    for (let c0 = 0; c0 < cols; c0 += BLOCK) {
      const c1 = Math.min(cols, c0 + BLOCK);
      for (let r = 0; r < rows; r++) {
        for (let c = c0; c < c1; c++) {
          const src = c * rows + r;
          const dst = (r * cols + c) * 4;
          out[dst] = data[src] * scale;
          out[dst + 1] = data[src + plane] * scale;
          out[dst + 2] = data[src + 2 * plane] * scale;
          out[dst + 3] = 255;
        }
      }
    }
    return out;
  }
  const lut = packedLut(map);
  const words = new Uint32Array(out.buffer);
  const n = lut.length;
  const last = n - 1;
  const [lo, hi] = clim;
  const direct = s.mapping === 'direct';
  // index = floor((v - lo) * k) for scaled data, floor(v) - 1 for direct; NaN → 0; clamped.
  const k = direct ? 1 : hi > lo ? n / (hi - lo) : 0;
  const off = direct ? 1 : lo;
  const mid = k === 0 ? Math.floor(n / 2) : -1;
  for (let c0 = 0; c0 < cols; c0 += BLOCK) {
    const c1 = Math.min(cols, c0 + BLOCK);
    for (let r = 0; r < rows; r++) {
      let dst = r * cols + c0;
      let src = c0 * rows + r;
      for (let c = c0; c < c1; c++, dst++, src += rows) {
        // NaN fails both tests and takes entry 0; in-range values truncate like floor.
        let idx = mid >= 0 ? mid : (data[src] - off) * k;
        if (!(idx >= 0)) idx = 0;
        else if (idx > last) idx = last;
        words[dst] = lut[idx | 0];
      }
    }
  }
  return out;
}

/** A canvas holding the image at its own resolution. */
export function imageCanvas(s: ImageSeries, map: Colormap, clim: readonly [number, number]): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, s.cols);
  canvas.height = Math.max(1, s.rows);
  if (s.rows > 0 && s.cols > 0) {
    const ctx = canvas.getContext('2d')!;
    const t0 = performance.now();
    const px = imagePixels(s, map, clim);
    const t1 = performance.now();
    ctx.putImageData(new ImageData(px, s.cols, s.rows), 0, 0);
    console.log('TIMING pixels', t1 - t0, 'put', performance.now() - t1);
  }
  return canvas;
}

/** CSS colour text of an RGB triple in [0, 1]. */
export function cssColor(c: readonly [number, number, number], alpha = 1): string {
  const [r, g, b] = c.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
  return alpha >= 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The colour of entry k of a colormap as CSS text. */
export function mapColor(map: Colormap, k: number): string {
  return cssColor([map.colors[3 * k], map.colors[3 * k + 1], map.colors[3 * k + 2]]);
}
