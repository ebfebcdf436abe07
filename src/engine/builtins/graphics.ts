// Graphics: figure, plot, scatter, bar, histogram, hist, subplot, hold, title, xlabel, ylabel,
// legend, grid, axis, xlim, ylim, close, clf, drawnow. They build the session's figure model
// (CallContext.figures); the session sends the touched figures to the page at the end of the cell
// and at drawnow. GPU arrays arrive here already read back (the interpreter gathers them).
// Images and colormaps are in graphicsImages.ts.

import { raise } from '../errors.ts';
import { resolveLimits } from '../runtime/figures/limits.ts';
import { parseMarkerText } from '../runtime/figures/lineSpec.ts';
import type { BarSeries, HistogramSeries, LegendLocation, LineSeries, Rgb, ScatterSeries } from '../runtime/figures/model.ts';
import { CellArray, charRow, scalar, StructArray, Tensor, type Value } from '../runtime/values/index.ts';
import { isText, textArg } from './args.ts';
import { doubles } from './fibres.ts';
import { colorArg, handles, labelText, nameValuePairs, parsePlotArgs, positiveNumber, textOf, unknownProperty } from './graphicsArgs.ts';
import { scalarArg, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { CallContext } from './types.ts';

const BLACK: Rgb = [0, 0, 0];

function words(args: readonly Value[], fname: string): string[] {
  return args.map((a, i) => textArg(a, fname, i + 1).toLowerCase());
}

function oneTo(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i + 1);
}

function vectorArg(v: Value | undefined, fname: string, position: number): Float64Array {
  const t = tensorArg(v, fname, position);
  if (t.shape.length > 2 || (t.shape[0] !== 1 && t.shape[1] !== 1 && t.re.length > 0)) raise(`MATLAB:${fname}:InvalidData`, `Argument ${position} of ${fname} must be a vector.`);
  return t.re;
}

// ------------------------------------------------------------------ plot

function plot(args: Value[], ctx: CallContext): Value | undefined {
  const { lines, props } = parsePlotArgs(args);
  const ax = ctx.figures.plotTarget();
  const series: LineSeries[] = lines.map((line) => {
    const spec = line.spec;
    const marker = props.marker ?? spec?.marker ?? 'none';
    const lineStyle = props.lineStyle ?? spec?.lineStyle ?? (spec?.marker ? 'none' : '-');
    const color = props.color ?? spec?.color ?? ctx.figures.nextColor(ax);
    return {
      kind: 'line',
      x: line.x,
      y: line.y,
      color,
      lineStyle,
      lineWidth: props.lineWidth ?? 0.5,
      marker,
      markerSize: props.markerSize ?? 6,
      markerFaceColor: props.markerFaceColor ?? null,
      markerEdgeColor: props.markerEdgeColor ?? null,
      name: props.displayName ?? null,
    };
  });
  ctx.figures.addSeries(ax, ...series);
  return ctx.nargout > 0 ? handles(series.length) : undefined;
}

// ------------------------------------------------------------------ scatter

function scatter(args: Value[], ctx: CallContext): Value | undefined {
  if (args.length < 2) raise('MATLAB:minrhs', 'Not enough input arguments.');
  const x = vectorArg(args[0], 'scatter', 1);
  const y = vectorArg(args[1], 'scatter', 2);
  if (x.length !== y.length) raise('MATLAB:scatter:InvalidXYData', 'X and Y must be vectors of the same length.');
  const n = x.length;
  let i = 2;
  let sizes: Float64Array = Float64Array.of(36);
  let color: Rgb | null = null;
  let colorValues: Float64Array | null = null;
  let colorsRgb: Float32Array | null = null;
  // Positional size and colour (numeric, or colour text right after the size).
  if (i < args.length && textOf(args[i]) === null) {
    const s = tensorArg(args[i], 'scatter', i + 1);
    if (s.re.length !== 0) {
      if (s.re.length !== 1 && s.re.length !== n) raise('MATLAB:scatter:InvalidSizeData', 'Size data must be a scalar or a vector of the same length as X.');
      sizes = s.re;
    }
    i++;
    const c = args[i];
    if (c !== undefined) {
      const text = textOf(c);
      if (text === null) {
        const t = tensorArg(c, 'scatter', i + 1);
        if (t.shape[0] === 1 && t.shape[1] === 3 && n !== 3) color = colorArg(c, 'scatter') as Rgb;
        else if (t.re.length === n && (t.shape[0] === 1 || t.shape[1] === 1)) colorValues = t.re;
        else if (t.shape[0] === n && t.shape[1] === 3) {
          colorsRgb = new Float32Array(n * 3);
          for (let k = 0; k < n; k++) for (let ch = 0; ch < 3; ch++) colorsRgb[3 * k + ch] = t.re[k + ch * n];
        } else raise('MATLAB:scatter:InvalidColorData', 'Color must be a color name, an RGB triple, a vector of the same length as X, or an n-by-3 matrix.');
        i++;
      } else if (colorArgOrNull(text) !== null) {
        color = colorArgOrNull(text);
        i++;
      }
    }
  }
  let filled = false;
  let marker: ScatterSeries['marker'] = 'o';
  // 'filled' and a marker may come in any order before the name/value pairs.
  for (;;) {
    const t = textOf(args[i]);
    if (t === null) break;
    if (t.toLowerCase() === 'filled') filled = true;
    else if (parseMarkerText(t) !== null && t.length <= 1) marker = parseMarkerText(t)!;
    else if (color === null && colorArgOrNull(t) !== null && t.length === 1) color = colorArgOrNull(t);
    else break;
    i++;
  }
  let name: string | null = null;
  let lineWidth = 0.5;
  for (const [key, v] of nameValuePairs(args, i, 'scatter')) {
    if (key === 'displayname') name = labelText(v, 'scatter');
    else if (key === 'markerfacecolor') {
      const c = textOf(v)?.toLowerCase() === 'flat' ? 'flat' : colorArg(v, 'scatter');
      if (c === 'flat') filled = true;
      else if (c !== 'none') {
        color = c;
        filled = true;
      }
    } else if (key === 'markeredgecolor') {
      const c = colorArg(v, 'scatter');
      if (c !== 'none') color = c;
    } else if (key === 'linewidth') lineWidth = positiveNumber(v, 'LineWidth', 'scatter');
    else if (key === 'marker') marker = parseMarkerText(textOf(v) ?? '') ?? raise('MATLAB:hg:set_chck:InvalidValue', 'Invalid Marker value.');
    else if (key === 'sizedata') sizes = tensorArg(v, 'scatter').re;
    else unknownProperty(key, 'Scatter');
  }
  const ax = ctx.figures.plotTarget();
  const series: ScatterSeries = {
    kind: 'scatter',
    x,
    y,
    sizes,
    color: color ?? ctx.figures.nextColor(ax),
    colorValues,
    colorsRgb,
    marker,
    filled,
    lineWidth,
    name,
  };
  ctx.figures.addSeries(ax, series);
  return ctx.nargout > 0 ? handles(1) : undefined;
}

function colorArgOrNull(text: string): Rgb | null {
  try {
    const c = colorArg(charRow(text), 'scatter');
    return c === 'none' ? null : c;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ bar

function bar(args: Value[], ctx: CallContext): Value | undefined {
  const data: Tensor[] = [];
  let i = 0;
  while (i < args.length && textOf(args[i]) === null && data.length < 3) data.push(tensorArg(args[i++], 'bar', i));
  if (data.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
  let widthFactor = 0.8;
  let xT: Tensor | null = null;
  let yT: Tensor;
  if (data.length === 3) [xT, yT, widthFactor] = [data[0], data[1], data[2].re[0]];
  else if (data.length === 2) {
    // bar(y, width) when the second is a scalar and the first is not; else bar(x, y).
    if (data[1].re.length === 1 && data[0].re.length > 1) [yT, widthFactor] = [data[0], data[1].re[0]];
    else [xT, yT] = [data[0], data[1]];
  } else yT = data[0];
  let layout: 'grouped' | 'stacked' = 'grouped';
  let faceColor: Rgb | null = null;
  let edgeColor: Rgb = BLACK;
  let name: string | null = null;
  for (;;) {
    const t = textOf(args[i])?.toLowerCase();
    if (t === undefined) break;
    if (t === 'grouped' || t === 'stacked') layout = t;
    else if (t === 'hist' || t === 'histc') widthFactor = 1;
    else if (t.length === 1 && colorArgOrNull(t)) faceColor = colorArgOrNull(t);
    else break;
    i++;
  }
  for (const [key, v] of nameValuePairs(args, i, 'bar')) {
    if (key === 'facecolor') {
      const c = colorArg(v, 'bar');
      if (c !== 'none') faceColor = c;
    } else if (key === 'edgecolor') {
      const c = colorArg(v, 'bar');
      if (c !== 'none') edgeColor = c;
    } else if (key === 'displayname') name = labelText(v, 'bar');
    else if (key === 'barwidth') widthFactor = positiveNumber(v, 'BarWidth', 'bar');
    else unknownProperty(key, 'Bar');
  }
  const yIsVector = yT.shape[0] === 1 || yT.shape[1] === 1;
  const rows = yIsVector ? yT.re.length : yT.rows;
  const groups = yIsVector ? 1 : yT.cols;
  const x = xT ? xT.re : oneTo(rows);
  if (x.length !== rows) raise('MATLAB:bar:XYLengthMismatch', 'X must be the same length as the number of rows of Y.');
  let spacing = Infinity;
  const sorted = [...x].sort((a, b) => a - b);
  for (let k = 1; k < sorted.length; k++) if (sorted[k] > sorted[k - 1]) spacing = Math.min(spacing, sorted[k] - sorted[k - 1]);
  if (!Number.isFinite(spacing)) spacing = 1;
  const ax = ctx.figures.plotTarget();
  const series: BarSeries[] = [];
  const groupWidth = groups === 1 || layout === 'stacked' ? widthFactor * spacing : Math.min(0.8, groups / (groups + 1.5)) * spacing * (widthFactor / 0.8);
  let base: Float64Array | null = layout === 'stacked' && groups > 1 ? new Float64Array(rows) : null;
  for (let g = 0; g < groups; g++) {
    const y = yT.re.slice(g * rows, (g + 1) * rows);
    let xs = x;
    let width = groupWidth;
    if (layout === 'grouped' && groups > 1) {
      width = groupWidth / groups;
      xs = x.map((v) => v - groupWidth / 2 + (g + 0.5) * width);
    }
    series.push({ kind: 'bar', x: xs, y, base: base ? base.slice() : null, width, color: faceColor ?? ctx.figures.nextColor(ax), edgeColor, name });
    if (base) for (let k = 0; k < rows; k++) base[k] += y[k];
  }
  ctx.figures.addSeries(ax, ...series);
  return ctx.nargout > 0 ? handles(series.length) : undefined;
}

// ------------------------------------------------------------------ histogram, hist

async function histogram(args: Value[], ctx: CallContext): Promise<Value | undefined> {
  if (args.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
  const data = tensorArg(args[0], 'histogram');
  let i = 1;
  let binSpec: Value | null = null;
  if (i < args.length && textOf(args[i]) === null) binSpec = args[i++];
  let normalization = 'count';
  let faceColor: Rgb | null = null;
  let edgeColor: Rgb = BLACK;
  let faceAlpha = 0.6;
  let name: string | null = null;
  let binWidth: number | null = null;
  for (const [key, v] of nameValuePairs(args, i, 'histogram')) {
    if (key === 'normalization') normalization = textArg(v, 'histogram').toLowerCase();
    else if (key === 'numbins' || key === 'binedges') binSpec = v;
    else if (key === 'binwidth') binWidth = positiveNumber(v, 'BinWidth', 'histogram');
    else if (key === 'facecolor') {
      const c = colorArg(v, 'histogram');
      if (c !== 'none') faceColor = c;
    } else if (key === 'edgecolor') {
      const c = colorArg(v, 'histogram');
      if (c !== 'none') edgeColor = c;
    } else if (key === 'facealpha') faceAlpha = Math.min(1, Math.max(0, scalarArg(v, 'histogram')));
    else if (key === 'displayname') name = labelText(v, 'histogram');
    else unknownProperty(key, 'Histogram');
  }
  if (binWidth !== null) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of data.re) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    if (lo > hi) [lo, hi] = [0, 1];
    const first = Math.floor(lo / binWidth) * binWidth;
    const count = Math.max(1, Math.ceil((hi - first) / binWidth) + (hi === first + Math.ceil((hi - first) / binWidth) * binWidth && hi > first ? 0 : 0));
    binSpec = doubles(Array.from({ length: count + 1 }, (_, k) => first + k * binWidth!), [1, count + 1]);
  }
  // The counting itself is histcounts' (same bins, same edge rules).
  const callArgs: Value[] = [data];
  if (binSpec) callArgs.push(binSpec);
  callArgs.push(charRow('Normalization'), charRow(normalization));
  const [values, edges] = (await ctx.call('histcounts', callArgs, 2)) as [Tensor, Tensor];
  const ax = ctx.figures.plotTarget();
  const series: HistogramSeries = {
    kind: 'histogram',
    edges: edges.re,
    values: values.re,
    color: faceColor ?? ctx.figures.nextColor(ax),
    edgeColor,
    faceAlpha,
    name,
  };
  ctx.figures.addSeries(ax, series);
  if (ctx.nargout === 0) return undefined;
  const widths = edges.re.slice(1).map((e, k) => e - edges.re[k]);
  const uniform = widths.every((w) => Math.abs(w - widths[0]) <= 1e-12 * Math.max(1, Math.abs(widths[0])));
  const fields = ['Values', 'BinEdges', 'NumBins', 'BinWidth', 'Normalization'];
  const entries: [string, Value][] = [
    ['Values', values],
    ['BinEdges', edges],
    ['NumBins', scalar(values.re.length)],
    ['BinWidth', uniform && widths.length > 0 ? scalar(widths[0]) : charRow('nonuniform')],
    ['Normalization', charRow(normalization)],
  ];
  return new StructArray([1, 1], fields, [new Map(entries)]);
}

/** hist's bins: `nbins` equal bins over the data range (centres returned), or the given centres. */
export function histCentersAndCounts(y: Float64Array, spec: Float64Array | null): { centers: Float64Array; counts: Float64Array } {
  const finite = y.filter((v) => !Number.isNaN(v));
  let centers: Float64Array;
  if (spec === null || spec.length === 1) {
    const nbins = spec === null ? 10 : spec[0];
    if (!(nbins >= 1) || !Number.isInteger(nbins)) raise('MATLAB:hist:InvalidNumBins', 'Number of bins must be a positive integer.');
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of finite) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    if (lo > hi) [lo, hi] = [0, 1];
    if (lo === hi) {
      lo = lo - Math.floor(nbins / 2) - 0.5;
      hi = hi + Math.ceil(nbins / 2) - 0.5;
    }
    const w = (hi - lo) / nbins;
    centers = Float64Array.from({ length: nbins }, (_, k) => lo + w * (k + 0.5));
  } else centers = Float64Array.from(spec);
  const nb = centers.length;
  // Interval k is (mid(k-1), mid(k)]; the first and last are open to ∓Inf.
  const mids = Float64Array.from({ length: nb - 1 }, (_, k) => (centers[k] + centers[k + 1]) / 2);
  const counts = new Float64Array(nb);
  for (const v of finite) {
    let lo = 0;
    let hi = nb - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= mids[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return { centers, counts };
}

function hist(args: Value[], ctx: CallContext): Value[] | undefined {
  if (args.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
  const y = tensorArg(args[0], 'hist');
  const spec = args[1] === undefined ? null : tensorArg(args[1], 'hist', 2).re;
  const { centers, counts } = histCentersAndCounts(y.re, spec);
  const columnInput = y.shape[1] === 1 && y.shape[0] > 1;
  if (ctx.nargout > 0) {
    const shape = columnInput ? [counts.length, 1] : [1, counts.length];
    return [doubles(counts, shape), doubles(centers, [1, centers.length])];
  }
  const ax = ctx.figures.plotTarget();
  let spacing = Infinity;
  for (let k = 1; k < centers.length; k++) spacing = Math.min(spacing, centers[k] - centers[k - 1]);
  const series: BarSeries = {
    kind: 'bar',
    x: centers,
    y: counts,
    base: null,
    width: Number.isFinite(spacing) ? spacing : 1,
    color: ctx.figures.nextColor(ax),
    edgeColor: BLACK,
    name: null,
  };
  ctx.figures.addSeries(ax, series);
  return undefined;
}

// ------------------------------------------------------------------ axes decorations

function setLabel(field: 'title' | 'xlabel' | 'ylabel') {
  return (args: Value[], ctx: CallContext): Value | undefined => {
    if (args.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
    const ax = ctx.figures.gca();
    // title(txt, subtitle) when the second argument is text that is not a property name.
    let text = labelText(args[0], field);
    if (field === 'title' && args.length % 2 === 0 && args.length >= 2 && !isPropertyName(textOf(args[1]))) text += '\n' + labelText(args[1], field);
    ax[field] = text;
    ctx.figures.touch();
    return ctx.nargout > 0 ? handles(1) : undefined;
  };
}

function isPropertyName(t: string | null): boolean {
  return t !== null && /^(fontsize|fontweight|color|interpreter|fontname|fontangle|horizontalalignment|units|position)$/i.test(t);
}

const LOCATIONS = new Set(['northeast', 'northwest', 'southeast', 'southwest', 'north', 'south', 'east', 'west', 'best']);

function legend(args: Value[], ctx: CallContext): Value | undefined {
  const ax = ctx.figures.gca();
  const labels: string[] = [];
  let i = 0;
  let show = true;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a.type === 'cell') {
      labels.push(...(a as CellArray).items.map((item) => labelText(item, 'legend')));
      continue;
    }
    if (a.type === 'string' && a.items.length > 1) {
      labels.push(...a.items.map((s) => s ?? ''));
      continue;
    }
    const t = textOf(a);
    if (t === null) raise('MATLAB:legend:InvalidArgument', 'Legend labels must be text.');
    const w = t.toLowerCase();
    if (w === 'off' || w === 'hide') {
      show = false;
      continue;
    }
    if (w === 'show' || w === 'boxoff' || w === 'boxon' || w === 'toggle') {
      if (w === 'toggle') show = !ax.legend.visible;
      continue;
    }
    if (w === 'location' || w === 'orientation' || w === 'fontsize' || w === 'autoupdate' || w === 'interpreter' || w === 'numcolumns') {
      const v = args[i + 1];
      if (w === 'location' && v !== undefined) {
        const loc = textArg(v, 'legend').toLowerCase().replace(/outside$/, '');
        ax.legend.location = (LOCATIONS.has(loc) ? loc : 'northeast') as LegendLocation;
      }
      i++;
      continue;
    }
    labels.push(t);
  }
  ax.legend.visible = show;
  if (labels.length > 0) ax.legend.labels = labels;
  ctx.figures.touch();
  return ctx.nargout > 0 ? handles(1) : undefined;
}

function onOff(args: Value[], fname: string, current: boolean): boolean {
  if (args.length === 0) return !current;
  const w = textArg(args[args.length - 1], fname, args.length).toLowerCase();
  if (w === 'on' || w === 'minor') return true;
  if (w === 'off') return false;
  raise(`MATLAB:${fname}:InvalidOption`, `Unknown option '${w}' for ${fname}: use 'on' or 'off'.`);
}

function axis(args: Value[], ctx: CallContext): Value | undefined {
  const ax = ctx.figures.gca();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const t = textOf(a);
    if (t === null) {
      const lim = tensorArg(a, 'axis', i + 1).re;
      if (lim.length !== 4 && lim.length !== 6) raise('MATLAB:axis:WrongNumberElements', 'Vector must have 4 or 6 elements.');
      if (!(lim[0] < lim[1] && lim[2] < lim[3])) raise('MATLAB:axis:InvalidLimits', 'Axis limits must be increasing.');
      ax.xlim = [lim[0], lim[1]];
      ax.ylim = [lim[2], lim[3]];
      continue;
    }
    switch (t.toLowerCase()) {
      case 'equal':
        ax.aspect = 'equal';
        break;
      case 'image':
        ax.aspect = 'image';
        break;
      case 'square':
        ax.aspect = 'square';
        break;
      case 'normal':
      case 'fill':
        ax.aspect = 'normal';
        break;
      case 'tight':
        ax.tight = true;
        ax.xlim = ax.ylim = null;
        break;
      case 'padded':
        ax.tight = false;
        ax.xlim = ax.ylim = null;
        break;
      case 'auto':
        ax.xlim = ax.ylim = null;
        break;
      case 'manual':
        break;
      case 'on':
        ax.visible = true;
        break;
      case 'off':
        ax.visible = false;
        break;
      case 'ij':
        ax.yDir = 'reverse';
        break;
      case 'xy':
        ax.yDir = 'normal';
        break;
      default:
        raise('MATLAB:axis:UnknownOption', `Unknown command option '${t}'.`);
    }
  }
  ctx.figures.touch();
  if (ctx.nargout === 0) return undefined;
  const { x, y } = resolveLimits(ax);
  return doubles([x[0], x[1], y[0], y[1]], [1, 4]);
}

function limFunction(which: 'x' | 'y') {
  const field = which === 'x' ? 'xlim' : 'ylim';
  return (args: Value[], ctx: CallContext): Value | undefined => {
    const ax = ctx.figures.gca();
    if (args.length > 0) {
      const t = textOf(args[0]);
      if (t !== null) {
        const w = t.toLowerCase();
        if (w === 'auto') ax[field] = null;
        else if (w !== 'manual' && w !== 'mode') raise(`MATLAB:${field}:InvalidOption`, `Unknown option '${t}' for ${field}.`);
      } else {
        const lim = tensorArg(args[0], field).re;
        if (lim.length !== 2) raise(`MATLAB:${field}:InvalidLimits`, 'Limits must be a 2-element vector of increasing numeric values.');
        const old = resolveLimits(ax)[which];
        // An infinite limit keeps that end automatic.
        const lo = lim[0] === -Infinity ? old[0] : lim[0];
        const hi = lim[1] === Infinity ? old[1] : lim[1];
        if (!(lo < hi)) raise(`MATLAB:${field}:InvalidLimits`, 'Limits must be a 2-element vector of increasing numeric values.');
        ax[field] = [lo, hi];
      }
      ctx.figures.touch();
    }
    if (ctx.nargout === 0 && args.length > 0) return undefined;
    const r = resolveLimits(ax)[which];
    return doubles(r, [1, 2]);
  };
}

// ------------------------------------------------------------------ the table

registerFamily({
  figure: {
    family: 'graphics',
    signatures: ['figure', 'figure(n)', "figure('Name', name)", 'f = figure(...)'],
    doc: 'Creates a new figure (the lowest unused number) and makes it current; figure(n) makes figure n current, creating it if needed. Figures appear under the cell that drew into them. Example: figure; plot(1:10); figure(2); bar([3 1 2]).',
    impl: (args, ctx) => {
      let id: number | undefined;
      let i = 0;
      if (args.length > 0 && textOf(args[0]) === null) {
        id = scalarArg(args[0], 'figure');
        if (!(id >= 1) || !Number.isInteger(id)) raise('MATLAB:figure:InvalidNumber', 'Figure number must be a positive integer.');
        i = 1;
      }
      const fig = ctx.figures.figure(id);
      for (const [key, v] of nameValuePairs(args, i, 'figure')) {
        if (key === 'name') fig.name = labelText(v, 'figure');
        else if (key !== 'color' && key !== 'position' && key !== 'visible' && key !== 'numbertitle') unknownProperty(key, 'Figure');
      }
      ctx.figures.touch(fig);
      return ctx.nargout > 0 ? scalar(fig.id) : undefined;
    },
  },
  plot: {
    family: 'graphics',
    signatures: ['plot(Y)', 'plot(X, Y)', 'plot(X, Y, LineSpec)', 'plot(X1, Y1, LineSpec1, X2, Y2, ...)', "plot(..., 'LineWidth', w, 'Color', c, 'DisplayName', name, 'MarkerSize', s)", 'h = plot(...)'],
    doc: "2-D line plot. plot(Y) plots Y against its index (each column of a matrix is a line; complex Y is real vs imaginary); plot(X, Y) against X (a vector X against a matrix's columns or rows). A line spec sets colour (r g b c m y k w), style (- -- : -.) and marker (o + * . x s d ^ v < > p h); name/value pairs LineWidth, Color, LineStyle, Marker, MarkerSize, MarkerFaceColor, MarkerEdgeColor, DisplayName apply to every line. Lines without a colour take the next one of MATLAB's colour order. Example: x = linspace(0, 2*pi); plot(x, sin(x), 'r--', x, cos(x), 'LineWidth', 2).",
    impl: plot,
  },
  scatter: {
    family: 'graphics',
    signatures: ['scatter(x, y)', 'scatter(x, y, sz)', 'scatter(x, y, sz, c)', "scatter(..., 'filled')", 'scatter(..., marker)', "scatter(..., 'DisplayName', name)"],
    doc: "Scatter plot of circles at (x, y). sz is the marker area in points² (scalar or one per point, default 36); c is a colour (name or RGB triple), a vector of values mapped through the colormap, or an n-by-3 matrix of RGB colours. 'filled' fills the markers. Example: x = randn(500, 1); scatter(x, 2*x + randn(500, 1), 12, x, 'filled'); colorbar.",
    impl: scatter,
  },
  bar: {
    family: 'graphics',
    signatures: ['bar(y)', 'bar(x, y)', 'bar(..., width)', "bar(..., 'stacked')", 'bar(..., color)', "bar(..., 'FaceColor', c, 'DisplayName', name)"],
    doc: "Bar graph: one bar per element of y at x (default 1:n), width 0.8 of the spacing. A matrix y draws groups (one bar per column in each group) or, with 'stacked', stacks the columns. Example: bar([2 3; 4 1; 3 3]); legend('a', 'b').",
    impl: bar,
  },
  histogram: {
    family: 'graphics',
    signatures: ['histogram(X)', 'histogram(X, nbins)', 'histogram(X, edges)', "histogram(..., 'Normalization', norm)", "histogram(..., 'BinWidth', w)", 'h = histogram(...)'],
    doc: "Histogram of the data in X with histcounts' bins (automatic, nbins, or edges) and normalisation ('count', 'probability', 'pdf', 'cdf', ...); options NumBins, BinEdges, BinWidth, FaceColor, EdgeColor, FaceAlpha, DisplayName. h = histogram(...) returns a struct with Values, BinEdges, NumBins, BinWidth and Normalization. Example: h = histogram(randn(1e4, 1), 50); h.NumBins is 50.",
    impl: histogram,
  },
  hist: {
    family: 'graphics',
    signatures: ['hist(y)', 'hist(y, nbins)', 'hist(y, centers)', '[counts, centers] = hist(...)'],
    doc: 'The older histogram: 10 equal bins over the data range (or nbins, or bins around the given centres), drawn as touching bars; with outputs, returns the counts and bin centres instead of drawing. Example: [n, c] = hist([1 2 2 3 3 3], 3) gives n = [1 2 3], c = [1.3333 2 2.6667].',
    impl: hist,
  },
  subplot: {
    family: 'graphics',
    signatures: ['subplot(m, n, p)', 'subplot(mnp)', 'subplot(m, n, [p1 p2])', 'ax = subplot(...)'],
    doc: 'Divides the figure into an m-by-n grid and makes the axes at position p current (numbered along rows, first row first), creating it and deleting any axes it overlaps. A vector p spans several cells. Example: subplot(2, 1, 1); plot(1:10); subplot(2, 1, 2); bar(1:3).',
    impl: (args, ctx) => {
      let m: number;
      let n: number;
      let p: number[];
      if (args.length === 1) {
        const v = scalarArg(args[0], 'subplot');
        if (!(v >= 111 && v <= 999) || !Number.isInteger(v)) raise('MATLAB:subplot:InvalidInput', 'subplot(mnp) needs a three-digit number.');
        [m, n, p] = [Math.floor(v / 100), Math.floor(v / 10) % 10, [v % 10]];
      } else if (args.length >= 3) {
        m = scalarArg(args[0], 'subplot', 1);
        n = scalarArg(args[1], 'subplot', 2);
        p = Array.from(tensorArg(args[2], 'subplot', 3).re);
      } else raise('MATLAB:minrhs', 'Not enough input arguments.');
      if (!(m >= 1 && n >= 1 && Number.isInteger(m) && Number.isInteger(n))) raise('MATLAB:subplot:InvalidGrid', 'The grid size must be positive integers.');
      if (p.length === 0 || p.some((q) => !(q >= 1 && q <= m * n) || !Number.isInteger(q))) raise('MATLAB:subplot:IndexOutOfRange', 'Index exceeds number of subplots.');
      const ax = ctx.figures.subplot(m, n, p);
      return ctx.nargout > 0 ? scalar(ax.id) : undefined;
    },
  },
  hold: {
    family: 'graphics',
    signatures: ['hold on', 'hold off', 'hold', 'hold all'],
    doc: 'hold on keeps what the current axes shows, so the next plots add to it (colours continue along the colour order); hold off (the default) makes the next plot replace it; hold alone toggles. Example: plot(1:10); hold on; plot(10:-1:1); hold off.',
    impl: (args, ctx) => {
      if (args.length === 0) ctx.figures.hold('toggle');
      else {
        const w = words(args, 'hold').pop()!;
        if (w === 'on' || w === 'all') ctx.figures.hold('on');
        else if (w === 'off') ctx.figures.hold('off');
        else raise('MATLAB:hold:UnknownOption', `Unknown option '${w}' for hold: use 'on' or 'off'.`);
      }
    },
  },
  title: {
    family: 'graphics',
    signatures: ['title(txt)', 'title(txt, subtitle)', "title(..., 'FontSize', s)"],
    doc: "Sets the title of the current axes (a cell array or char matrix gives several lines). Example: plot(1:3); title('Growth').",
    impl: setLabel('title'),
  },
  xlabel: {
    family: 'graphics',
    signatures: ['xlabel(txt)'],
    doc: "Labels the x-axis of the current axes. Example: plot(1:3); xlabel('time (s)').",
    impl: setLabel('xlabel'),
  },
  ylabel: {
    family: 'graphics',
    signatures: ['ylabel(txt)'],
    doc: "Labels the y-axis of the current axes. Example: plot(1:3); ylabel('amplitude').",
    impl: setLabel('ylabel'),
  },
  legend: {
    family: 'graphics',
    signatures: ['legend', 'legend(label1, ..., labelN)', 'legend(labels)', "legend(..., 'Location', loc)", 'legend off'],
    doc: "Shows a legend for the current axes: the given labels in series order (a cell array or several texts), else each series' DisplayName (or data1, data2, ...). Location: northeast (default), northwest, southeast, southwest, north, south, east, west. legend off hides it. Example: plot(1:3); hold on; plot(3:-1:1); legend('up', 'down', 'Location', 'north').",
    impl: legend,
  },
  grid: {
    family: 'graphics',
    signatures: ['grid on', 'grid off', 'grid', 'grid minor'],
    doc: 'Shows (on) or hides (off) grid lines at the ticks of the current axes; grid alone toggles. Example: plot(rand(1, 10)); grid on.',
    impl: (args, ctx) => {
      const ax = ctx.figures.gca();
      ax.grid = onOff(args, 'grid', ax.grid);
      ctx.figures.touch();
    },
  },
  axis: {
    family: 'graphics',
    signatures: ['axis([xmin xmax ymin ymax])', 'axis equal', 'axis image', 'axis square', 'axis tight', 'axis normal', 'axis auto', 'axis on', 'axis off', 'axis ij', 'axis xy', 'lims = axis'],
    doc: "Sets the current axes' limits ([xmin xmax ymin ymax]), aspect ('equal': one unit is as long on both axes; 'image': equal and tight; 'square'; 'normal'), automatic limits ('tight' fits the data exactly, 'auto' rounds out to ticks), visibility ('on', 'off') and direction ('ij': y grows downwards, 'xy'). lims = axis returns [xmin xmax ymin ymax]. Example: t = linspace(0, 2*pi); plot(cos(t), sin(t)); axis equal.",
    impl: axis,
  },
  xlim: {
    family: 'graphics',
    signatures: ['xlim([xmin xmax])', "xlim('auto')", 'lims = xlim'],
    doc: "Sets the x-limits of the current axes (an infinite end stays automatic); xlim('auto') goes back to automatic; lims = xlim returns them. Example: plot(1:100); xlim([10 20]).",
    impl: limFunction('x'),
  },
  ylim: {
    family: 'graphics',
    signatures: ['ylim([ymin ymax])', "ylim('auto')", 'lims = ylim'],
    doc: "Sets the y-limits of the current axes (an infinite end stays automatic); ylim('auto') goes back to automatic; lims = ylim returns them. Example: plot(rand(1, 10)); ylim([0 2]).",
    impl: limFunction('y'),
  },
  close: {
    family: 'graphics',
    signatures: ['close', 'close(n)', 'close all'],
    doc: 'Closes the current figure, figure n, or all figures; the next plot starts a new figure 1. Figures already shown under earlier cells stay there. Example: close all.',
    impl: (args, ctx) => {
      if (args.length === 0) ctx.figures.close('current');
      else if (isText(args[0])) {
        const w = textArg(args[0], 'close').toLowerCase();
        if (w !== 'all') raise('MATLAB:close:UnknownOption', `Unknown option '${w}' for close.`);
        ctx.figures.close('all');
      } else for (const id of tensorArg(args[0], 'close').re) ctx.figures.close(id);
    },
  },
  clf: {
    family: 'graphics',
    signatures: ['clf', 'clf reset'],
    doc: 'Clears the current figure: removes all its axes (subplots included). Example: plot(1:3); clf; bar(1:3).',
    impl: (_args, ctx) => ctx.figures.clf(),
  },
  drawnow: {
    family: 'graphics',
    signatures: ['drawnow'],
    doc: 'Sends the figures changed so far to the page now, instead of at the end of the cell; a loop that plots and calls drawnow animates the figure in place (and stops there when interrupted). Example: for k = 1:5, plot(rand(1, 10)); drawnow; end.',
    impl: (_args, ctx) => {
      ctx.figures.drawnow();
      ctx.checkInterrupt();
    },
  },
});
