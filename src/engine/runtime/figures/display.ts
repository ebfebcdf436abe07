// The copy of a figure that goes to the page: the model as it is, except that very large
// series are decimated for display (never the data the engine keeps). A line or scatter series
// of more than a million points keeps, per pixel bucket, its minimum and maximum (a line) or one
// point per occupied cell (a scatter); images larger than 4096 × 4096 are subsampled; image data
// travels as Float32Array.

import { resolveLimits } from './limits.ts';
import type { AxesModel, FigureModel, ImageSeries, LineSeries, ScatterSeries, Series } from './model.ts';

/** Series with more points than this are decimated for display. */
export const DECIMATE_ABOVE = 1_000_000;
/** Buckets along x for a decimated line (each keeps its min and max: at most twice this many points). */
export const LINE_BUCKETS = 8192;
/** Cells per side of the grid a decimated scatter keeps one point per cell of. */
export const SCATTER_GRID = 2048;
/** The longest image side sent as is. */
export const IMAGE_MAX_SIDE = 4096;

/** A snapshot of a figure for a `figure` event. */
export function figureForDisplay(fig: FigureModel): FigureModel {
  return {
    id: fig.id,
    name: fig.name,
    colormap: fig.colormap,
    currentAxes: fig.currentAxes,
    version: fig.version,
    axes: fig.axes.map(axesForDisplay),
  };
}

function axesForDisplay(ax: AxesModel): AxesModel {
  return {
    ...ax,
    cells: [...ax.cells],
    legend: { ...ax.legend, labels: ax.legend.labels ? [...ax.legend.labels] : null },
    series: ax.series.map(seriesForDisplay),
    // From the full data, before any decimation.
    resolved: resolveLimits(ax),
  };
}

/**
 * A typed array that owns its buffer: a view (a column of a matrix) is copied, since structured
 * clone would copy the whole buffer behind it.
 */
function compact<T extends Float64Array | Float32Array>(a: T): T {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as T);
}

function seriesForDisplay(s: Series): Series {
  switch (s.kind) {
    case 'line':
      return s.x.length > DECIMATE_ABOVE ? decimateLine(s, LINE_BUCKETS) : { ...s, x: compact(s.x), y: compact(s.y) };
    case 'scatter':
      return s.x.length > DECIMATE_ABOVE
        ? decimateScatter(s, SCATTER_GRID)
        : { ...s, x: compact(s.x), y: compact(s.y), sizes: compact(s.sizes), colorValues: s.colorValues && compact(s.colorValues) };
    case 'bar':
      return { ...s, x: compact(s.x), y: compact(s.y), base: s.base && compact(s.base) };
    case 'histogram':
      return { ...s, edges: compact(s.edges), values: compact(s.values) };
    case 'image':
      return imageForDisplay(s);
  }
}

function isSorted(x: Float64Array): boolean {
  let prev = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) continue;
    if (v < prev) return false;
    prev = v;
  }
  return true;
}

/**
 * Min/max decimation: the points are split into `buckets` runs (by x when x is sorted, else by
 * index); each run keeps the points holding its minimum and maximum y, in their original order,
 * so the drawn envelope is the same as the full line's at that resolution. A NaN in a run keeps
 * the gap.
 */
export function decimateLine(s: LineSeries, buckets: number): LineSeries {
  const { x, y } = s;
  const n = x.length;
  const sorted = isSorted(x);
  let x0 = Infinity;
  let x1 = -Infinity;
  if (sorted) {
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(x[i])) continue;
      x0 = Math.min(x0, x[i]);
      x1 = Math.max(x1, x[i]);
    }
  }
  const byX = sorted && x1 > x0;
  const bucketOf = byX ? (i: number) => Math.min(buckets - 1, Math.floor(((x[i] - x0) / (x1 - x0)) * buckets)) : (i: number) => Math.floor((i * buckets) / n);
  const ox: number[] = [];
  const oy: number[] = [];
  let current = -1;
  let iMin = -1;
  let iMax = -1;
  let gap = false;
  const flush = () => {
    if (iMin >= 0) {
      const a = Math.min(iMin, iMax);
      const b = Math.max(iMin, iMax);
      ox.push(x[a]);
      oy.push(y[a]);
      if (b !== a) {
        ox.push(x[b]);
        oy.push(y[b]);
      }
    }
    if (gap) {
      ox.push(NaN);
      oy.push(NaN);
    }
    iMin = iMax = -1;
    gap = false;
  };
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    const b = Number.isNaN(xi) ? current : bucketOf(i);
    if (b !== current) {
      flush();
      current = b;
    }
    if (Number.isNaN(yi) || Number.isNaN(xi)) {
      gap = true;
      continue;
    }
    if (iMin < 0 || yi < y[iMin]) iMin = i;
    if (iMax < 0 || yi > y[iMax]) iMax = i;
  }
  flush();
  return { ...s, x: Float64Array.from(ox), y: Float64Array.from(oy), displayDecimated: n };
}

/** Keeps the first point of every occupied cell of a grid × grid raster over the data's range. */
export function decimateScatter(s: ScatterSeries, grid: number): ScatterSeries {
  const { x, y } = s;
  const n = x.length;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < x0) x0 = x[i];
    if (x[i] > x1) x1 = x[i];
    if (y[i] < y0) y0 = y[i];
    if (y[i] > y1) y1 = y[i];
  }
  const sx = x1 > x0 ? grid / (x1 - x0) : 0;
  const sy = y1 > y0 ? grid / (y1 - y0) : 0;
  const seen = new Uint8Array(grid * grid);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    const cx = Math.min(grid - 1, Math.floor((x[i] - x0) * sx));
    const cy = Math.min(grid - 1, Math.floor((y[i] - y0) * sy));
    const k = cy * grid + cx;
    if (seen[k]) continue;
    seen[k] = 1;
    keep.push(i);
  }
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
  return {
    ...s,
    x: pick(x),
    y: pick(y),
    sizes: s.sizes.length === n ? pick(s.sizes) : s.sizes,
    colorValues: s.colorValues ? pick(s.colorValues) : null,
    colorsRgb: s.colorsRgb ? Float32Array.from({ length: keep.length * 3 }, (_, j) => s.colorsRgb![3 * keep[Math.floor(j / 3)] + (j % 3)]) : null,
    displayDecimated: n,
  };
}

/** Image data as Float32Array, subsampled (nearest) when a side is longer than IMAGE_MAX_SIDE. */
export function imageForDisplay(s: ImageSeries): ImageSeries {
  const step = Math.max(1, Math.ceil(Math.max(s.rows, s.cols) / IMAGE_MAX_SIDE));
  if (step === 1) return { ...s, data: s.data instanceof Float32Array ? compact(s.data) : Float32Array.from(s.data) };
  const rows = Math.ceil(s.rows / step);
  const cols = Math.ceil(s.cols / step);
  const out = new Float32Array(rows * cols * s.channels);
  for (let ch = 0; ch < s.channels; ch++) {
    for (let c = 0; c < cols; c++) {
      const src = ch * s.rows * s.cols + c * step * s.rows;
      const dst = ch * rows * cols + c * rows;
      for (let r = 0; r < rows; r++) out[dst + r] = s.data[src + r * step];
    }
  }
  // The centres of the kept first/last pixels, in the original coordinates.
  const dx = s.cols > 1 ? (s.xData[1] - s.xData[0]) / (s.cols - 1) : 1;
  const dy = s.rows > 1 ? (s.yData[1] - s.yData[0]) / (s.rows - 1) : 1;
  return {
    ...s,
    rows,
    cols,
    data: out,
    xData: [s.xData[0], s.xData[0] + (cols - 1) * step * dx],
    yData: [s.yData[0], s.yData[0] + (rows - 1) * step * dy],
    displayDecimated: [s.rows, s.cols],
  };
}
