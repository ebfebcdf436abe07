// The figure model: what plot, imagesc, subplot, title, ... build, as pure data. Everything here
// is structured-clone safe (plain objects, arrays, typed arrays): the worker sends a snapshot of
// a figure to the page in a `figure` event, and the page renders it without asking anything back.
//
// A figure holds axes (each at a position of a subplot grid); an axes holds series (line,
// scatter, bar, histogram, image) and its decorations (title, labels, legend, grid, limits).
// Data arrays are kept exactly as plotted in the engine; the event may carry a decimated copy
// for display (see display.ts), flagged by `displayDecimated`.

/** An RGB triple with components in [0, 1]. */
export type Rgb = readonly [number, number, number];

export type LineStyle = '-' | '--' | ':' | '-.' | 'none';

/** MATLAB marker codes: none, circle, plus, asterisk, point, cross, square, diamond, triangles, pentagram, hexagram. */
export type MarkerKind = 'none' | 'o' | '+' | '*' | '.' | 'x' | 's' | 'd' | '^' | 'v' | '<' | '>' | 'p' | 'h';

/** A colormap: `colors` holds n RGB triples, interleaved (r0 g0 b0 r1 g1 b1 ...), in [0, 1]. */
export interface Colormap {
  /** The name it was made from ('gray', 'parula', ...), or 'custom' for a matrix. */
  name: string;
  colors: Float32Array;
}

export interface LineSeries {
  kind: 'line';
  x: Float64Array;
  y: Float64Array;
  color: Rgb;
  lineStyle: LineStyle;
  lineWidth: number;
  marker: MarkerKind;
  /** Marker size in points (MATLAB's MarkerSize, default 6). */
  markerSize: number;
  /** Marker fill; null draws hollow markers. */
  markerFaceColor: Rgb | null;
  /** Marker outline; null uses the line colour. */
  markerEdgeColor: Rgb | null;
  /** DisplayName, for the legend; null when none was given. */
  name: string | null;
  /** The series' length in the engine when the display copy was decimated (min/max per bucket). */
  displayDecimated?: number;
}

export interface ScatterSeries {
  kind: 'scatter';
  x: Float64Array;
  y: Float64Array;
  /** Marker area in points² for every point (MATLAB's SizeData, default 36), or one value for all. */
  sizes: Float64Array;
  /** One colour for all points, used when neither `colorValues` nor `colorsRgb` is given. */
  color: Rgb;
  /** Per-point values mapped through the colormap (scatter(x, y, s, c) with a vector c). */
  colorValues: Float64Array | null;
  /** Per-point RGB triples, interleaved (scatter(x, y, s, C) with an n×3 C). */
  colorsRgb: Float32Array | null;
  marker: MarkerKind;
  filled: boolean;
  lineWidth: number;
  name: string | null;
  displayDecimated?: number;
}

export interface BarSeries {
  kind: 'bar';
  /** Bar centres. */
  x: Float64Array;
  /** Bar heights (bars go from `base` to y). */
  y: Float64Array;
  /** Bar bottoms for stacked bars (same length as y); null means 0. */
  base: Float64Array | null;
  /** Bar width in x units. */
  width: number;
  color: Rgb;
  edgeColor: Rgb;
  name: string | null;
}

export interface HistogramSeries {
  kind: 'histogram';
  /** n+1 bin edges. */
  edges: Float64Array;
  /** n bin values (counts, or the normalised values). */
  values: Float64Array;
  color: Rgb;
  edgeColor: Rgb;
  faceAlpha: number;
  name: string | null;
}

/**
 * An image: rows × cols (× 3 for truecolor) values, column-major like the MATLAB array.
 * `scaled`: values map linearly from clim to the colormap (imagesc, imshow of a grey image);
 * `direct`: values index the colormap (1-based, image of doubles);
 * `truecolor`: RGB values, with full intensity at `maxValue` (1 for double, 255 for uint8).
 */
export interface ImageSeries {
  kind: 'image';
  rows: number;
  cols: number;
  channels: 1 | 3;
  data: Float32Array | Float64Array;
  mapping: 'scaled' | 'direct' | 'truecolor';
  /** Colour limits for `scaled`; null takes the axes' clim (or the data range). */
  clim: readonly [number, number] | null;
  maxValue: number;
  /** x of the first and last column's centres, y of the first and last row's centres. */
  xData: readonly [number, number];
  yData: readonly [number, number];
  name: string | null;
  /** The image's size in the engine when the display copy was subsampled. */
  displayDecimated?: readonly [number, number];
}

export type Series = LineSeries | ScatterSeries | BarSeries | HistogramSeries | ImageSeries;

export type LegendLocation = 'northeast' | 'northwest' | 'southeast' | 'southwest' | 'north' | 'south' | 'east' | 'west' | 'best';

export interface AxesModel {
  /** Unique within the figure. */
  id: number;
  /** Subplot grid: `rows` × `cols`, covering the 1-based, row-major cells in `cells` (one cell, or a span). */
  rows: number;
  cols: number;
  cells: number[];
  series: Series[];
  title: string;
  xlabel: string;
  ylabel: string;
  legend: { visible: boolean; labels: string[] | null; location: LegendLocation };
  grid: boolean;
  /** Explicit limits (axis / xlim / ylim); null is automatic. */
  xlim: readonly [number, number] | null;
  ylim: readonly [number, number] | null;
  /** 'equal': one data unit is as long on x as on y; 'image': equal and tight; 'square': a square plot box. */
  aspect: 'normal' | 'equal' | 'image' | 'square';
  /** Automatic limits fit the data exactly instead of rounding out to nice ticks. */
  tight: boolean;
  /** false after `axis off`: no ticks, labels or box. */
  visible: boolean;
  /** 'reverse' after `axis ij` and for images: y grows downwards. */
  yDir: 'normal' | 'reverse';
  hold: boolean;
  /** This axes' own colormap (imshow sets gray), or null for the figure's. */
  colormap: Colormap | null;
  /** Colour limits for scaled images and scatter colours; null is the data range. */
  clim: readonly [number, number] | null;
  colorbar: boolean;
  /** Next index into the colour order (hold on cycles colours). */
  colorIndex: number;
  /**
   * The limits the axes shows, resolved by the engine when it sends the figure (explicit limits,
   * or automatic ones from the full data: rounded out to nice ticks, or tight), and the colour
   * limits of scaled images and colour-mapped scatters. Absent in the engine's own model.
   */
  resolved?: { x: readonly [number, number]; y: readonly [number, number]; c: readonly [number, number] };
}

export interface FigureModel {
  /** The figure number (`figure(2)`). */
  id: number;
  name: string;
  colormap: Colormap;
  axes: AxesModel[];
  /** Index into `axes` of the current axes, or -1. */
  currentAxes: number;
  /** Incremented by every change; the page can tell a newer snapshot of the same figure. */
  version: number;
}

/** MATLAB's default colour order (R2014b and later). */
export const COLOR_ORDER: readonly Rgb[] = [
  [0, 0.447, 0.741],
  [0.85, 0.325, 0.098],
  [0.929, 0.694, 0.125],
  [0.494, 0.184, 0.556],
  [0.466, 0.674, 0.188],
  [0.301, 0.745, 0.933],
  [0.635, 0.078, 0.184],
];

export function emptyAxes(id: number, rows = 1, cols = 1, cells: number[] = [1]): AxesModel {
  return {
    id,
    rows,
    cols,
    cells,
    series: [],
    title: '',
    xlabel: '',
    ylabel: '',
    legend: { visible: false, labels: null, location: 'northeast' },
    grid: false,
    xlim: null,
    ylim: null,
    aspect: 'normal',
    tight: false,
    visible: true,
    yDir: 'normal',
    hold: false,
    colormap: null,
    clim: null,
    colorbar: false,
    colorIndex: 0,
  };
}
