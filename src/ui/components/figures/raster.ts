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

/**
 * An image series' pixels, row-major RGBA, as ImageData wants them: every `step[0]`-th row and
 * `step[1]`-th column (nearest subsampling; [1, 1] is the full image), columns `from` to `to` of
 * that grid only when asked (a full image is built in slices between frames).
 */
export function imagePixels(
  s: ImageSeries,
  map: Colormap,
  clim: readonly [number, number],
  step: readonly [number, number] = [1, 1],
  out?: Uint8ClampedArray<ArrayBuffer>,
  from = 0,
  to?: number,
): Uint8ClampedArray<ArrayBuffer> {
  const { rows: srcRows, data } = s;
  const [sr, sc] = step;
  const rows = Math.ceil(s.rows / sr);
  const cols = Math.ceil(s.cols / sc);
  out ??= new Uint8ClampedArray(rows * cols * 4);
  const end = Math.min(cols, to ?? cols);
  const plane = s.rows * s.cols;
  if (s.mapping === 'truecolor') {
    const scale = 255 / s.maxValue;
    for (let c0 = from; c0 < end; c0 += BLOCK) {
      const c1 = Math.min(end, c0 + BLOCK);
      for (let r = 0; r < rows; r++) {
        for (let c = c0; c < c1; c++) {
          const src = c * sc * srcRows + r * sr;
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
  const colStride = sc * srcRows;
  for (let c0 = from; c0 < end; c0 += BLOCK) {
    const c1 = Math.min(end, c0 + BLOCK);
    for (let r = 0; r < rows; r++) {
      let dst = r * cols + c0;
      let src = c0 * colStride + r * sr;
      for (let c = c0; c < c1; c++, dst++, src += colStride) {
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

function canvasOf(pixels: Uint8ClampedArray<ArrayBuffer>, cols: number, rows: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, cols);
  canvas.height = Math.max(1, rows);
  if (rows > 0 && cols > 0) canvas.getContext('2d')!.putImageData(new ImageData(pixels, cols, rows), 0, 0);
  return canvas;
}

/**
 * An image on a canvas. A big image first gets a canvas subsampled to about the size it is shown
 * at, in device pixels (fast: a 4K image is drawn from ~0.4M pixels); the full-resolution canvas is built on
 * demand (a zoom) in slices between frames, and `onFull` is told when it replaces the first.
 */
export class ImageRaster {
  canvas: HTMLCanvasElement;
  private building = false;
  private cancelled = false;

  constructor(
    private readonly s: ImageSeries,
    private readonly map: Colormap,
    private readonly clim: readonly [number, number],
    shownWidth: number,
    shownHeight: number,
  ) {
    const sc = Math.max(1, Math.floor(s.cols / Math.max(1, shownWidth)));
    const sr = Math.max(1, Math.floor(s.rows / Math.max(1, shownHeight)));
    this.full = sc === 1 && sr === 1;
    this.canvas = canvasOf(imagePixels(s, map, clim, [sr, sc]), Math.ceil(s.cols / sc), Math.ceil(s.rows / sr));
  }

  /** true once the canvas holds every pixel. */
  full: boolean;

  /** Starts building the full-resolution canvas (once); calls onFull when it is in place. */
  ensureFull(onFull: () => void): void {
    if (this.full || this.building) return;
    this.building = true;
    const { s } = this;
    const pixels = new Uint8ClampedArray(s.rows * s.cols * 4);
    // About two million pixels per slice.
    const slice = Math.max(BLOCK, Math.ceil(2_000_000 / Math.max(1, s.rows) / BLOCK) * BLOCK);
    let from = 0;
    const step = () => {
      if (this.cancelled) return;
      imagePixels(s, this.map, this.clim, [1, 1], pixels, from, from + slice);
      from += slice;
      if (from < s.cols) {
        setTimeout(step, 0);
        return;
      }
      this.canvas = canvasOf(pixels, s.cols, s.rows);
      this.full = true;
      onFull();
    };
    setTimeout(step, 0);
  }

  dispose(): void {
    this.cancelled = true;
  }
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
