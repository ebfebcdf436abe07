// Axis limits as MATLAB picks them: the data's extent rounded out to a "nice" tick step (at most
// ten steps across), or exactly the extent with `axis tight`; images always fit their pixels.
// Colour limits default to the data range of scaled images and colour-mapped scatters.

import type { AxesModel, Series } from './model.ts';

export type Range = readonly [number, number];

interface Extent {
  lo: number;
  hi: number;
}

function grow(e: Extent, v: number): void {
  if (!Number.isFinite(v)) return;
  if (v < e.lo) e.lo = v;
  if (v > e.hi) e.hi = v;
}

function growAll(e: Extent, a: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v < e.lo) e.lo = v;
    if (v > e.hi) e.hi = v;
  }
  // NaN and ±Inf never move a finite extent the wrong way except Inf; undo those.
  if (!Number.isFinite(e.lo) || !Number.isFinite(e.hi)) {
    e.lo = Infinity;
    e.hi = -Infinity;
    for (let i = 0; i < a.length; i++) grow(e, a[i]);
  }
}

/** The extents of a series along x and y; `tightOnly` marks series whose limits are never rounded (images). */
export function seriesExtent(s: Series): { x: Extent; y: Extent; tightOnly: boolean } {
  const x: Extent = { lo: Infinity, hi: -Infinity };
  const y: Extent = { lo: Infinity, hi: -Infinity };
  switch (s.kind) {
    case 'line':
    case 'scatter':
      growAll(x, s.x);
      growAll(y, s.y);
      return { x, y, tightOnly: false };
    case 'bar': {
      for (let i = 0; i < s.x.length; i++) {
        grow(x, s.x[i] - s.width / 2);
        grow(x, s.x[i] + s.width / 2);
        const b = s.base ? s.base[i] : 0;
        grow(y, b);
        grow(y, b + s.y[i]);
      }
      return { x, y, tightOnly: false };
    }
    case 'histogram':
      growAll(x, s.edges);
      grow(y, 0);
      growAll(y, s.values);
      return { x, y, tightOnly: false };
    case 'image': {
      const dx = s.cols > 1 ? (s.xData[1] - s.xData[0]) / (s.cols - 1) : 1;
      const dy = s.rows > 1 ? (s.yData[1] - s.yData[0]) / (s.rows - 1) : 1;
      grow(x, s.xData[0] - dx / 2);
      grow(x, s.xData[1] + dx / 2);
      grow(y, s.yData[0] - dy / 2);
      grow(y, s.yData[1] + dy / 2);
      return { x, y, tightOnly: true };
    }
  }
}

/** The smallest 1, 2, 5 × 10^k step that covers [lo, hi] in at most `maxSteps` steps. */
export function niceStep(lo: number, hi: number, maxSteps = 10): number {
  const span = hi - lo;
  let step = 10 ** Math.floor(Math.log10(span / maxSteps));
  for (;;) {
    for (const m of [1, 2, 5]) {
      const s = step * m;
      if (Math.ceil(hi / s - 1e-9) - Math.floor(lo / s + 1e-9) <= maxSteps) return s;
    }
    step *= 10;
  }
}

/** Rounds [lo, hi] out to the nice step (MATLAB's automatic limits). */
export function niceLimits(lo: number, hi: number): Range {
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) return [0, 1];
  if (lo === hi) return lo === 0 ? [-1, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  const s = niceStep(lo, hi);
  return [Math.floor(lo / s + 1e-9) * s, Math.ceil(hi / s - 1e-9) * s];
}

function finish(e: Extent, tight: boolean): Range {
  if (!(e.lo <= e.hi)) return [0, 1];
  if (tight) return e.lo === e.hi ? [e.lo - 0.5, e.hi + 0.5] : [e.lo, e.hi];
  return niceLimits(e.lo, e.hi);
}

/** The x, y and colour limits the axes shows. */
export function resolveLimits(ax: AxesModel): { x: Range; y: Range; c: Range } {
  const x: Extent = { lo: Infinity, hi: -Infinity };
  const y: Extent = { lo: Infinity, hi: -Infinity };
  let onlyImages = ax.series.length > 0;
  for (const s of ax.series) {
    const e = seriesExtent(s);
    grow(x, e.x.lo);
    grow(x, e.x.hi);
    grow(y, e.y.lo);
    grow(y, e.y.hi);
    if (!e.tightOnly) onlyImages = false;
  }
  const tight = ax.tight || ax.aspect === 'image' || onlyImages;
  return {
    x: ax.xlim ?? finish(x, tight),
    y: ax.ylim ?? finish(y, tight),
    c: ax.clim ?? colorLimits(ax.series),
  };
}

/** The data range of scaled images and colour-mapped scatters ([0 1] when there are none). */
export function colorLimits(series: readonly Series[]): Range {
  const c: Extent = { lo: Infinity, hi: -Infinity };
  for (const s of series) {
    if (s.kind === 'image' && s.mapping === 'scaled') {
      if (s.clim) {
        grow(c, s.clim[0]);
        grow(c, s.clim[1]);
      } else growAll(c, s.data);
    } else if (s.kind === 'scatter' && s.colorValues) growAll(c, s.colorValues);
  }
  if (!(c.lo <= c.hi)) return [0, 1];
  return c.lo === c.hi ? [c.lo - 0.5, c.hi + 0.5] : [c.lo, c.hi];
}
