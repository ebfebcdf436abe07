// One axes of a figure as a uPlot chart (faceted mode: every series has its own x and y). uPlot
// gives the scales, ticks, grid, drag-to-zoom and double-click reset; this file draws what MATLAB
// shows on top of that, all on the chart's one canvas (so a PNG is a copy of it): lines with
// per-pixel-column min/max collapsing, markers, bars and histograms, images (a canvas built from
// ImageData, drawn scaled), the box, the title, the legend and the colorbar. Interactive charts
// also get hover values, shift+drag to pan and ctrl/alt+wheel to zoom.

import uPlot from 'uplot';
import type { AxesModel, Colormap, FigureModel, Series } from '../../../worker/protocol.ts';
import { isOpenMarker, markerPath } from './markers.ts';
import { colormapLut, cssColor, ImageRaster, mapColor, scaledIndex } from './raster.ts';

type Range = [number, number];
type LineSeries = Extract<Series, { kind: 'line' }>;
type ScatterSeries = Extract<Series, { kind: 'scatter' }>;
type ImageSeries = Extract<Series, { kind: 'image' }>;

const INK = '#262626';
const GRID = 'rgba(0, 0, 0, 0.12)';
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const TITLE_LINE = 18;
const COLORBAR_SPACE = 78;
/** MATLAB sizes (points) to CSS pixels. */
const PT = 4 / 3;

export interface ChartOptions {
  width: number;
  height: number;
  /** Hover values, zoom and pan (the PNG renderer turns them off). */
  interactive: boolean;
}

/** The series uPlot sees: index 0 is uPlot's x slot, 1 an invisible anchor, then the model's series. */
const FIRST = 2;

export function createAxesChart(target: HTMLElement, fig: FigureModel, ax: AxesModel, options: ChartOptions): uPlot {
  const resolved = ax.resolved ?? { x: [0, 1] as const, y: [0, 1] as const, c: [0, 1] as const };
  const map: Colormap = ax.colormap ?? fig.colormap;
  const clim: Range = [resolved.c[0], resolved.c[1]];
  const rasters = new Map<number, ImageRaster>();
  ax.series.forEach((s, k) => {
    if (s.kind !== 'image') return;
    const limits = s.mapping === 'scaled' ? (s.clim ?? clim) : clim;
    rasters.set(k, new ImageRaster(s, map, limits, options.width * uPlot.pxRatio, options.height * uPlot.pxRatio));
  });
  const titleLines = ax.title ? ax.title.split('\n') : [];
  const top = titleLines.length > 0 ? titleLines.length * TITLE_LINE + 10 : 12;
  const right = ax.colorbar ? COLORBAR_SPACE : 18;
  let padding: [number, number, number, number] = [top, right, ax.visible ? 4 : 8, ax.visible ? 4 : 8];
  const xBase: Range = [resolved.x[0], resolved.x[1]];
  const yBase: Range = [resolved.y[0], resolved.y[1]];
  const equal = ax.aspect === 'equal' || ax.aspect === 'image';
  // 'image' (and 'equal' with 'tight') keep the limits and shrink the plot box to the data's
  // aspect; 'square' makes the box square. The axes' own size is estimated (uPlot sizes it), and
  // `ranges` below widens the limits by whatever is left over.
  if (ax.aspect === 'image' || (ax.aspect === 'equal' && ax.tight) || ax.aspect === 'square') {
    const target = ax.aspect === 'square' ? 1 : (xBase[1] - xBase[0]) / (yBase[1] - yBase[0]);
    const axisW = ax.visible ? 50 + (ax.ylabel ? 22 : 0) : 0;
    const axisH = ax.visible ? 50 + (ax.xlabel ? 22 : 0) : 0;
    const fitted = fitAspect([padding[0], padding[1], padding[2] + axisH, padding[3] + axisW], options.width, options.height, target);
    padding = [fitted[0], fitted[1], fitted[2] - axisH, fitted[3] - axisW];
  }

  /** The limits to show: the resolved ones, widened on one axis for `axis equal` once the plot box is known. */
  const ranges = (u: uPlot): { x: Range; y: Range } => {
    if (!equal || !ax.visible || u.bbox.width <= 0 || u.bbox.height <= 0) return { x: xBase, y: yBase };
    const ux = (xBase[1] - xBase[0]) / u.bbox.width;
    const uy = (yBase[1] - yBase[0]) / u.bbox.height;
    if (ux < uy) {
      const half = (uy * u.bbox.width) / 2;
      const mid = (xBase[0] + xBase[1]) / 2;
      return { x: [mid - half, mid + half], y: yBase };
    }
    const half = (ux * u.bbox.height) / 2;
    const mid = (yBase[0] + yBase[1]) / 2;
    return { x: xBase, y: [mid - half, mid + half] };
  };

  const series: uPlot.Series[] = [{}, { paths: () => null, points: { show: false }, facets: facets() } as uPlot.Series];
  const data: unknown[] = [null, [Float64Array.of(xBase[0], xBase[1]), Float64Array.of(yBase[0], yBase[1])]];
  for (const s of ax.series) {
    series.push(uplotSeries(s));
    data.push(seriesData(s));
  }

  const axisFont = `12px ${FONT_FAMILY}`;
  const labelFont = `13px ${FONT_FAMILY}`;
  const axisStyle = (label: string): uPlot.Axis => ({
    show: ax.visible,
    stroke: INK,
    font: axisFont,
    labelFont,
    label: label ? label.replace(/\n/g, ' ') : undefined,
    labelSize: label ? 22 : 0,
    grid: { show: ax.grid, stroke: GRID, width: 1 },
    ticks: { show: true, stroke: INK, width: 1, size: 5 },
  });

  const opts: uPlot.Options = {
    mode: 2,
    width: options.width,
    height: options.height,
    padding,
    legend: { show: false },
    series,
    scales: {
      x: { time: false, auto: true, range: (u) => ranges(u).x },
      y: { auto: true, range: (u) => ranges(u).y, dir: ax.yDir === 'reverse' ? -1 : 1 },
    },
    axes: [
      { ...axisStyle(ax.xlabel), scale: 'x', side: 2 },
      { ...axisStyle(ax.ylabel), scale: 'y', side: 3 },
    ],
    cursor: options.interactive
      ? {
          x: false,
          y: false,
          points: { show: false },
          drag: { x: true, y: true, uni: 15, setScale: true },
          dataIdx: () => null as unknown as number,
        }
      : { show: false },
    select: { show: options.interactive, left: 0, top: 0, width: 0, height: 0 },
    hooks: {
      drawClear: [(u) => drawImages(u, ax, rasters)],
      destroy: [() => rasters.forEach((r) => r.dispose())],
      drawSeries: [(u, si) => drawMarkers(u, ax, si, map, clim)],
      draw: [(u) => drawDecorations(u, ax, titleLines, map, clim)],
      // uPlot (faceted mode) recomputes paths only when y changes: a zoom or pan along x alone must too.
      setScale: [
        (u) => {
          u.series.forEach((s) => ((s as unknown as { _paths: unknown })._paths = null));
          // A zoom wants every pixel of a big image: build it now, in slices, and redraw when done.
          if (zoomable) rasters.forEach((r) => r.ensureFull(() => u.redraw(false)));
        },
      ],
      ...(options.interactive ? { setCursor: [(u: uPlot) => hover(u, ax)] } : {}),
    },
  };
  let zoomable = false;
  const u = new uPlot(opts, data as uPlot.AlignedData, target);
  if (equal && ax.visible) {
    const r = ranges(u);
    u.batch(() => {
      u.setScale('x', { min: r.x[0], max: r.x[1] });
      u.setScale('y', { min: r.y[0], max: r.y[1] });
    });
  }
  if (options.interactive) {
    addPanZoom(u);
    zoomable = true;
  }
  return u;
}

function facets(): uPlot.Series.Facet[] {
  return [
    { scale: 'x', auto: false },
    { scale: 'y', auto: false },
  ] as uPlot.Series.Facet[];
}

/** Shrinks the plot box (by padding) so that its width/height is `aspect`. */
function fitAspect(padding: [number, number, number, number], width: number, height: number, aspect: number): [number, number, number, number] {
  const [t, r, b, l] = padding;
  const w = width - l - r;
  const h = height - t - b;
  if (!(aspect > 0) || w <= 0 || h <= 0) return padding;
  if (w / h > aspect) {
    const extra = (w - h * aspect) / 2;
    return [t, r + extra, b, l + extra];
  }
  const extra = (h - w / aspect) / 2;
  return [t + extra, r, b + extra, l];
}

function seriesData(s: Series): [ArrayLike<number>, ArrayLike<number>] {
  switch (s.kind) {
    case 'line':
    case 'scatter':
    case 'bar':
      return [s.x, s.y];
    case 'histogram':
      return [Array.prototype.slice.call(s.edges, 0, s.values.length), s.values];
    case 'image':
      return [Float64Array.of(s.xData[0], s.xData[1]), Float64Array.of(s.yData[0], s.yData[1])];
  }
}

function dashFor(style: LineSeries['lineStyle'], width: number): number[] | undefined {
  const k = Math.max(1, width) * uPlot.pxRatio;
  switch (style) {
    case '--':
      return [6 * k, 4 * k];
    case ':':
      return [1.5 * k, 2.5 * k];
    case '-.':
      return [6 * k, 3 * k, 1.5 * k, 3 * k];
    default:
      return undefined;
  }
}

function lineWidthPx(points: number): number {
  return Math.max(1, points * PT);
}

function uplotSeries(s: Series): uPlot.Series {
  const base = { points: { show: false }, facets: facets(), auto: false } as uPlot.Series;
  switch (s.kind) {
    case 'line': {
      const width = lineWidthPx(s.lineWidth);
      if (s.lineStyle === 'none') return { ...base, paths: () => null };
      return { ...base, stroke: cssColor(s.color), width, dash: dashFor(s.lineStyle, width), paths: linePath };
    }
    case 'bar':
      return { ...base, stroke: cssColor(s.edgeColor), fill: cssColor(s.color), width: 0.75, paths: barPath(s) };
    case 'histogram':
      return { ...base, stroke: cssColor(s.edgeColor), fill: cssColor(s.color, s.faceAlpha), width: 0.75, paths: histogramPath(s) };
    default:
      return { ...base, paths: () => null };
  }
}

/**
 * A polyline through the points in order; NaN breaks it. Consecutive points that land in the same
 * pixel column collapse to that column's min and max, so a million points draw as a few thousand.
 */
const linePath: uPlot.Series.PathBuilder = (u, si) => {
  const [xs, ys] = (u.data as unknown as [ArrayLike<number>, ArrayLike<number>][])[si];
  const p = new Path2D();
  // Canvas position = a + b * value (linear scales), inlined: a million points in a few ms.
  const [ax, bx] = linearMap(u, 'x');
  const [ay, by] = linearMap(u, 'y');
  let pen = false;
  let col = NaN;
  let minY = 0;
  let maxY = 0;
  let lastY = 0;
  const flush = () => {
    if (col === col) {
      p.lineTo(col, minY);
      p.lineTo(col, maxY);
      p.lineTo(col, lastY);
    }
  };
  for (let i = 0; i < xs.length; i++) {
    const x = ax + bx * xs[i];
    const y = ay + by * ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      flush();
      col = NaN;
      pen = false;
      continue;
    }
    const c = Math.round(x);
    if (pen && c === col) {
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      lastY = y;
      continue;
    }
    if (pen) {
      flush();
      p.lineTo(x, y);
    } else p.moveTo(x, y);
    pen = true;
    col = c;
    minY = maxY = lastY = y;
  }
  flush();
  return { stroke: p, fill: null, clip: null, flags: 0 } as unknown as uPlot.Series.Paths;
};

/** [a, b] with canvas position = a + b * value on a linear scale (what valToPos computes). */
function linearMap(u: uPlot, key: 'x' | 'y'): [number, number] {
  const p0 = u.valToPos(0, key, true);
  const p1 = u.valToPos(1, key, true);
  return [p0, p1 - p0];
}

function barPath(s: Extract<Series, { kind: 'bar' }>): uPlot.Series.PathBuilder {
  return (u) => {
    const p = new Path2D();
    for (let i = 0; i < s.x.length; i++) {
      const b = s.base ? s.base[i] : 0;
      rect(u, p, s.x[i] - s.width / 2, s.x[i] + s.width / 2, b, b + s.y[i]);
    }
    return { stroke: p, fill: p, clip: null, flags: 0 } as unknown as uPlot.Series.Paths;
  };
}

function histogramPath(s: Extract<Series, { kind: 'histogram' }>): uPlot.Series.PathBuilder {
  return (u) => {
    const p = new Path2D();
    for (let i = 0; i < s.values.length; i++) rect(u, p, s.edges[i], s.edges[i + 1], 0, s.values[i]);
    return { stroke: p, fill: p, clip: null, flags: 0 } as unknown as uPlot.Series.Paths;
  };
}

function rect(u: uPlot, p: Path2D, x0: number, x1: number, y0: number, y1: number): void {
  if (!(Number.isFinite(y1) && Number.isFinite(y0)) || y0 === y1) return;
  const a = u.valToPos(x0, 'x', true);
  const b = u.valToPos(x1, 'x', true);
  const c = u.valToPos(y0, 'y', true);
  const d = u.valToPos(y1, 'y', true);
  p.rect(Math.min(a, b), Math.min(c, d), Math.abs(b - a), Math.abs(d - c));
}

function clipToPlot(u: uPlot, ctx: CanvasRenderingContext2D): void {
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
}

/** The pixel rectangle of an image series: from the outer edge of its first pixel to that of its last. */
function imageEdges(s: ImageSeries): { x: Range; y: Range } {
  const dx = s.cols > 1 ? (s.xData[1] - s.xData[0]) / (s.cols - 1) : 1;
  const dy = s.rows > 1 ? (s.yData[1] - s.yData[0]) / (s.rows - 1) : 1;
  return { x: [s.xData[0] - dx / 2, s.xData[1] + dx / 2], y: [s.yData[0] - dy / 2, s.yData[1] + dy / 2] };
}

function drawImages(u: uPlot, ax: AxesModel, rasters: Map<number, ImageRaster>): void {
  if (rasters.size === 0) return;
  const ctx = u.ctx;
  ctx.save();
  clipToPlot(u, ctx);
  ctx.imageSmoothingEnabled = false;
  for (const [k, { canvas: raster }] of rasters) {
    const s = ax.series[k] as ImageSeries;
    const e = imageEdges(s);
    const x0 = u.valToPos(e.x[0], 'x', true);
    const x1 = u.valToPos(e.x[1], 'x', true);
    const y0 = u.valToPos(e.y[0], 'y', true);
    const y1 = u.valToPos(e.y[1], 'y', true);
    ctx.save();
    ctx.translate(x0, y0);
    ctx.scale((x1 - x0) / raster.width, (y1 - y0) / raster.height);
    ctx.drawImage(raster, 0, 0);
    ctx.restore();
  }
  ctx.restore();
}

function drawMarkers(u: uPlot, ax: AxesModel, si: number, map: Colormap, clim: Range): void {
  const s = ax.series[si - FIRST];
  if (!s || (s.kind !== 'line' && s.kind !== 'scatter') || s.marker === 'none') return;
  const ctx = u.ctx;
  const px = uPlot.pxRatio;
  ctx.save();
  clipToPlot(u, ctx);
  ctx.setLineDash([]);
  ctx.lineWidth = lineWidthPx(s.lineWidth) * px;
  if (s.kind === 'line') {
    const size = s.markerSize * PT * px;
    const path = new Path2D();
    for (let i = 0; i < s.x.length; i++) {
      const x = u.valToPos(s.x[i], 'x', true);
      const y = u.valToPos(s.y[i], 'y', true);
      if (Number.isFinite(x) && Number.isFinite(y)) markerPath(path, s.marker, x, y, size);
    }
    const edge = s.markerEdgeColor ?? s.color;
    if (s.markerFaceColor && !isOpenMarker(s.marker)) {
      ctx.fillStyle = cssColor(s.markerFaceColor);
      ctx.fill(path);
    } else if (s.marker === '.') {
      ctx.fillStyle = cssColor(edge);
      ctx.fill(path);
    }
    ctx.strokeStyle = cssColor(edge);
    ctx.stroke(path);
  } else drawScatter(u, ctx, s, map, clim);
  ctx.restore();
}

/** Scatter markers, batched into one path per colour (per colormap entry for mapped colours). */
function drawScatter(u: uPlot, ctx: CanvasRenderingContext2D, s: ScatterSeries, map: Colormap, clim: Range): void {
  const px = uPlot.pxRatio;
  const size = (i: number) => Math.sqrt(s.sizes.length === 1 ? s.sizes[0] : s.sizes[i]) * PT * px;
  const groups = new Map<string, Path2D>();
  const lut = s.colorValues ? colormapLut(map) : null;
  const n = lut ? lut.length / 3 : 0;
  for (let i = 0; i < s.x.length; i++) {
    const x = u.valToPos(s.x[i], 'x', true);
    const y = u.valToPos(s.y[i], 'y', true);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    let key: string;
    if (s.colorValues && lut) {
      const k = scaledIndex(s.colorValues[i], clim[0], clim[1], n);
      key = `rgb(${lut[3 * k]}, ${lut[3 * k + 1]}, ${lut[3 * k + 2]})`;
    } else if (s.colorsRgb) key = cssColor([s.colorsRgb[3 * i], s.colorsRgb[3 * i + 1], s.colorsRgb[3 * i + 2]]);
    else key = cssColor(s.color);
    let path = groups.get(key);
    if (!path) groups.set(key, (path = new Path2D()));
    markerPath(path, s.marker, x, y, size(i));
  }
  for (const [color, path] of groups) {
    if (s.filled && !isOpenMarker(s.marker)) {
      ctx.fillStyle = color;
      ctx.fill(path);
    } else {
      ctx.strokeStyle = color;
      ctx.stroke(path);
    }
  }
}

function drawDecorations(u: uPlot, ax: AxesModel, titleLines: string[], map: Colormap, clim: Range): void {
  const ctx = u.ctx;
  const px = uPlot.pxRatio;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.setLineDash([]);
  if (ax.visible) {
    ctx.strokeStyle = INK;
    ctx.lineWidth = px;
    ctx.strokeRect(Math.round(left) + 0.5, Math.round(top) + 0.5, Math.round(width) - 1, Math.round(height) - 1);
  }
  if (titleLines.length > 0) {
    ctx.fillStyle = INK;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    titleLines.forEach((line, i) => {
      ctx.font = `${i === 0 ? 'bold ' : ''}${14 * px}px ${FONT_FAMILY}`;
      ctx.fillText(line, left + width / 2, top - (6 + (titleLines.length - 1 - i) * TITLE_LINE) * px);
    });
  }
  if (ax.legend.visible) drawLegend(u, ctx, ax);
  if (ax.colorbar) drawColorbar(u, ctx, map, clim);
  ctx.restore();
}

interface LegendEntry {
  label: string;
  series: Series;
}

function legendEntries(ax: AxesModel): LegendEntry[] {
  const shown = ax.series.filter((s) => s.kind !== 'image');
  const labels = ax.legend.labels;
  if (labels) return shown.slice(0, labels.length).map((series, k) => ({ label: labels[k], series }));
  return shown.map((series, k) => ({ label: series.name ?? `data${k + 1}`, series }));
}

function drawLegend(u: uPlot, ctx: CanvasRenderingContext2D, ax: AxesModel): void {
  const entries = legendEntries(ax);
  if (entries.length === 0) return;
  const px = uPlot.pxRatio;
  ctx.font = `${12 * px}px ${FONT_FAMILY}`;
  const lineH = 18 * px;
  const swatch = 28 * px;
  const pad = 6 * px;
  const textW = Math.max(...entries.map((e) => ctx.measureText(e.label).width));
  const w = pad * 3 + swatch + textW;
  const h = pad * 2 + lineH * entries.length;
  const { left, top, width, height } = u.bbox;
  const m = 8 * px;
  const loc = ax.legend.location;
  const x = loc.includes('west') ? left + m : loc === 'north' || loc === 'south' ? left + (width - w) / 2 : left + width - w - m;
  const y = loc.includes('south') ? top + height - h - m : loc === 'east' || loc === 'west' ? top + (height - h) / 2 : top + m;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.fillRect(x, y, w, h);
  ctx.strokeStyle = INK;
  ctx.lineWidth = px;
  ctx.strokeRect(Math.round(x) + 0.5, Math.round(y) + 0.5, Math.round(w), Math.round(h));
  entries.forEach((e, k) => {
    const cy = y + pad + lineH * k + lineH / 2;
    const sx = x + pad;
    const s = e.series;
    ctx.setLineDash([]);
    if (s.kind === 'line') {
      if (s.lineStyle !== 'none') {
        ctx.strokeStyle = cssColor(s.color);
        ctx.lineWidth = lineWidthPx(s.lineWidth) * px;
        ctx.setLineDash(dashFor(s.lineStyle, lineWidthPx(s.lineWidth)) ?? []);
        ctx.beginPath();
        ctx.moveTo(sx, cy);
        ctx.lineTo(sx + swatch, cy);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      if (s.marker !== 'none') {
        ctx.beginPath();
        markerPath(ctx, s.marker, sx + swatch / 2, cy, s.markerSize * PT * px);
        ctx.lineWidth = px;
        if (s.markerFaceColor && !isOpenMarker(s.marker)) {
          ctx.fillStyle = cssColor(s.markerFaceColor);
          ctx.fill();
        }
        ctx.strokeStyle = cssColor(s.markerEdgeColor ?? s.color);
        ctx.stroke();
      }
    } else if (s.kind === 'scatter') {
      ctx.beginPath();
      markerPath(ctx, s.marker, sx + swatch / 2, cy, 8 * px);
      ctx.lineWidth = px;
      const c = cssColor(s.color);
      if (s.filled && !isOpenMarker(s.marker)) {
        ctx.fillStyle = c;
        ctx.fill();
      } else {
        ctx.strokeStyle = c;
        ctx.stroke();
      }
    } else if (s.kind === 'bar' || s.kind === 'histogram') {
      ctx.fillStyle = cssColor(s.color, s.kind === 'histogram' ? s.faceAlpha : 1);
      ctx.fillRect(sx + 4 * px, cy - 5 * px, swatch - 8 * px, 10 * px);
      ctx.strokeStyle = cssColor(s.edgeColor);
      ctx.lineWidth = px;
      ctx.strokeRect(sx + 4 * px, cy - 5 * px, swatch - 8 * px, 10 * px);
    }
    ctx.fillStyle = INK;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(e.label, sx + swatch + pad, cy);
  });
}

/** Tick values between lo and hi at a 1-2-5 step, about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

export function formatTick(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function drawColorbar(u: uPlot, ctx: CanvasRenderingContext2D, map: Colormap, clim: Range): void {
  const px = uPlot.pxRatio;
  const { left, top, width, height } = u.bbox;
  const x = left + width + 14 * px;
  const w = 14 * px;
  const n = map.colors.length / 3;
  for (let k = 0; k < n; k++) {
    const y0 = top + height - ((k + 1) / n) * height;
    ctx.fillStyle = mapColor(map, k);
    ctx.fillRect(x, Math.floor(y0), w, Math.ceil(height / n) + 1);
  }
  ctx.strokeStyle = INK;
  ctx.lineWidth = px;
  ctx.strokeRect(Math.round(x) + 0.5, Math.round(top) + 0.5, Math.round(w), Math.round(height) - 1);
  ctx.fillStyle = INK;
  ctx.font = `${11 * px}px ${FONT_FAMILY}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const v of niceTicks(clim[0], clim[1])) {
    const y = top + height - ((v - clim[0]) / (clim[1] - clim[0])) * height;
    ctx.beginPath();
    ctx.moveTo(x + w, y);
    ctx.lineTo(x + w + 4 * px, y);
    ctx.stroke();
    ctx.fillText(formatTick(v), x + w + 6 * px, y);
  }
}

// ------------------------------------------------------------------ interaction

function hover(u: uPlot, ax: AxesModel): void {
  let tip = u.over.querySelector<HTMLDivElement>('.figure-tooltip');
  if (!tip) {
    tip = document.createElement('div');
    tip.className = 'figure-tooltip';
    u.over.appendChild(tip);
  }
  const { left, top } = u.cursor;
  if (left === undefined || top === undefined || left < 0 || top < 0) {
    tip.style.display = 'none';
    return;
  }
  const text = describePoint(u, ax, left, top);
  if (!text) {
    tip.style.display = 'none';
    return;
  }
  tip.textContent = text;
  tip.style.display = 'block';
  const overW = u.over.clientWidth;
  tip.style.left = `${Math.min(left + 12, Math.max(0, overW - tip.offsetWidth - 4))}px`;
  tip.style.top = `${top > 40 ? top - 34 : top + 14}px`;
}

const fmt = (v: number) => String(Number(v.toPrecision(5)));

/** What lies under the pointer (CSS px in the plot area): the nearest data point within reach, or an image pixel. */
function describePoint(u: uPlot, ax: AxesModel, cx: number, cy: number): string | null {
  const reach = 10;
  let best: { d: number; text: string } | null = null;
  const consider = (d: number, text: string) => {
    if (d <= reach * reach && (!best || d < best.d)) best = { d, text };
  };
  ax.series.forEach((s, k) => {
    const name = s.name ?? ax.legend.labels?.[k] ?? '';
    const prefix = name ? `${name}: ` : '';
    if (s.kind === 'line' || s.kind === 'scatter') {
      const i = nearestPoint(u, s.x, s.y, cx, cy, reach);
      if (i >= 0) {
        const dx = u.valToPos(s.x[i], 'x') - cx;
        const dy = u.valToPos(s.y[i], 'y') - cy;
        const c = s.kind === 'scatter' && s.colorValues ? `, c = ${fmt(s.colorValues[i])}` : '';
        consider(dx * dx + dy * dy, `${prefix}x = ${fmt(s.x[i])}, y = ${fmt(s.y[i])}${c}`);
      }
    } else if (s.kind === 'bar' || s.kind === 'histogram') {
      const xv = u.posToVal(cx, 'x');
      const yv = u.posToVal(cy, 'y');
      const n = s.kind === 'bar' ? s.x.length : s.values.length;
      for (let i = 0; i < n; i++) {
        const [x0, x1] = s.kind === 'bar' ? [s.x[i] - s.width / 2, s.x[i] + s.width / 2] : [s.edges[i], s.edges[i + 1]];
        const b = s.kind === 'bar' && s.base ? s.base[i] : 0;
        const h = s.kind === 'bar' ? s.y[i] : s.values[i];
        if (xv >= x0 && xv <= x1 && yv >= Math.min(b, b + h) && yv <= Math.max(b, b + h)) {
          const where = s.kind === 'bar' ? `x = ${fmt(s.x[i])}` : `[${fmt(x0)}, ${fmt(x1)})`;
          consider(0, `${prefix}${where}: ${fmt(h)}`);
        }
      }
    } else if (s.kind === 'image') {
      const text = describePixel(s, u.posToVal(cx, 'x'), u.posToVal(cy, 'y'));
      if (text) consider(reach * reach, text);
    }
  });
  return (best as { d: number; text: string } | null)?.text ?? null;
}

function describePixel(s: ImageSeries, xv: number, yv: number): string | null {
  const dx = s.cols > 1 ? (s.xData[1] - s.xData[0]) / (s.cols - 1) : 1;
  const dy = s.rows > 1 ? (s.yData[1] - s.yData[0]) / (s.rows - 1) : 1;
  const c = Math.round((xv - s.xData[0]) / dx);
  const r = Math.round((yv - s.yData[0]) / dy);
  if (c < 0 || c >= s.cols || r < 0 || r >= s.rows) return null;
  const scale = s.displayDecimated ? s.displayDecimated[0] / s.rows : 1;
  const row = Math.round(r * scale) + 1;
  const col = Math.round(c * (s.displayDecimated ? s.displayDecimated[1] / s.cols : 1)) + 1;
  const at = c * s.rows + r;
  const plane = s.rows * s.cols;
  const value = s.channels === 3 ? `[${fmt(s.data[at])} ${fmt(s.data[at + plane])} ${fmt(s.data[at + 2 * plane])}]` : fmt(s.data[at]);
  return `(${row}, ${col}): ${value}`;
}

/** Index of the point nearest (cx, cy) within `reach` CSS px, or -1; sorted x searches only the nearby run. */
function nearestPoint(u: uPlot, xs: Float64Array, ys: Float64Array, cx: number, cy: number, reach: number): number {
  let lo = 0;
  let hi = xs.length;
  if (isSorted(xs)) {
    const a = u.posToVal(cx - reach, 'x');
    const b = u.posToVal(cx + reach, 'x');
    lo = lowerBound(xs, Math.min(a, b));
    hi = lowerBound(xs, Math.max(a, b) + Number.EPSILON * Math.abs(Math.max(a, b)));
    hi = Math.min(xs.length, hi + 1);
  } else if (xs.length > 200_000) return -1;
  let best = -1;
  let bestD = reach * reach;
  for (let i = lo; i < hi; i++) {
    const dx = u.valToPos(xs[i], 'x') - cx;
    const dy = u.valToPos(ys[i], 'y') - cy;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

const sortedCache = new WeakMap<Float64Array, boolean>();
function isSorted(xs: Float64Array): boolean {
  let v = sortedCache.get(xs);
  if (v === undefined) {
    v = true;
    for (let i = 1; i < xs.length; i++) {
      if (!(xs[i] >= xs[i - 1])) {
        v = false;
        break;
      }
    }
    sortedCache.set(xs, v);
  }
  return v;
}

function lowerBound(xs: Float64Array, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Shift+drag pans; Ctrl/Alt/⌘+wheel zooms about the pointer. (Plain drag zooms to a box; double-click resets.) */
function addPanZoom(u: uPlot): void {
  const over = u.over;
  over.addEventListener(
    'mousedown',
    (e) => {
      if (!e.shiftKey || e.button !== 0) return;
      e.stopImmediatePropagation();
      e.preventDefault();
      const startX = e.clientX;
      const startY = e.clientY;
      const sx = u.scales.x;
      const sy = u.scales.y;
      const x0 = [sx.min!, sx.max!];
      const y0 = [sy.min!, sy.max!];
      const move = (m: MouseEvent) => {
        const dx = ((m.clientX - startX) / u.bbox.width) * uPlot.pxRatio * (x0[1] - x0[0]);
        const dy = ((m.clientY - startY) / u.bbox.height) * uPlot.pxRatio * (y0[1] - y0[0]) * (sy.dir === -1 ? -1 : 1);
        u.batch(() => {
          u.setScale('x', { min: x0[0] - dx, max: x0[1] - dx });
          u.setScale('y', { min: y0[0] + dy, max: y0[1] + dy });
        });
      };
      const up = () => {
        window.removeEventListener('mousemove', move);
        window.removeEventListener('mouseup', up);
      };
      window.addEventListener('mousemove', move);
      window.addEventListener('mouseup', up);
    },
    { capture: true },
  );
  over.addEventListener(
    'wheel',
    (e) => {
      if (!(e.ctrlKey || e.altKey || e.metaKey)) return;
      e.preventDefault();
      const rect = over.getBoundingClientRect();
      const xv = u.posToVal(e.clientX - rect.left, 'x');
      const yv = u.posToVal(e.clientY - rect.top, 'y');
      const f = e.deltaY < 0 ? 0.8 : 1.25;
      const sx = u.scales.x;
      const sy = u.scales.y;
      u.batch(() => {
        u.setScale('x', { min: xv - (xv - sx.min!) * f, max: xv + (sx.max! - xv) * f });
        u.setScale('y', { min: yv - (yv - sy.min!) * f, max: yv + (sy.max! - yv) * f });
      });
    },
    { passive: false },
  );
}
