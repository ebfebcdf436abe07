// Reading the arguments of the graphics builtins: plot's data groups and line specs
// (`plot(x1, y1, 'r--o', x2, y2)`, `plot(Y)`, matrix columns as series), name/value pairs,
// colours (letters, names, hex, RGB triples) and text (char, string, cell of lines).
// Pure: values in, series descriptions out; graphics.ts puts them into the figure state.

import { raise } from '../errors.ts';
import { parseColorText, parseLineSpec, parseLineStyleText, parseMarkerText, type LineSpec } from '../runtime/figures/lineSpec.ts';
import type { LineStyle, MarkerKind, Rgb } from '../runtime/figures/model.ts';
import { charRows, type Tensor, type Value } from '../runtime/values/index.ts';
import { isText, textArg } from './args.ts';
import { doubles } from './fibres.ts';
import { tensorArg } from './numeric.ts';

/** A plot argument as text, or null when it is not text. */
export function textOf(v: Value | undefined): string | null {
  return v !== undefined && isText(v) ? textArg(v, 'plot') : null;
}

/** Title/label text: a char row, a char matrix or cell array (one line each), a string, or a number. */
export function labelText(v: Value | undefined, fname: string): string {
  if (v === undefined) raise('MATLAB:minrhs', 'Not enough input arguments.');
  if (v.type === 'tensor' && v.cls === 'char') return charRows(v).map((r) => r.trimEnd()).join('\n');
  if (v.type === 'string') return v.items.map((s) => s ?? '').join('\n');
  if (v.type === 'cell') return v.items.map((item) => labelText(item, fname)).join('\n');
  if (v.type === 'tensor') return Array.from(v.re, (x) => String(x)).join(' ');
  raise('MATLAB:invalidType', `Argument 1 of ${fname} must be text.`);
}

/** A colour argument: text ('r', 'red', '#ff0000') or a 1×3 RGB triple in [0, 1]. */
export function colorArg(v: Value | undefined, fname: string): Rgb | 'none' {
  const t = textOf(v);
  if (t !== null) {
    const c = parseColorText(t);
    if (c === null) raise('MATLAB:hg:ColorSpec_InvalidSpecification', `Invalid color name '${t}' in ${fname}.`);
    return c;
  }
  const n = tensorArg(v, fname);
  if (n.re.length !== 3 || n.re.some((x) => !(x >= 0 && x <= 1))) {
    raise('MATLAB:hg:ColorSpec_InvalidSpecification', 'Color value must be a 3 element vector with values between 0 and 1.');
  }
  return [n.re[0], n.re[1], n.re[2]];
}

/** Name/value pairs from `args[start]` on, names lower-cased; an odd count is MATLAB's error. */
export function nameValuePairs(args: readonly Value[], start: number, fname: string): [string, Value][] {
  const out: [string, Value][] = [];
  for (let i = start; i < args.length; i += 2) {
    const name = textOf(args[i]);
    if (name === null) raise('MATLAB:plot:InvalidArgument', `Invalid argument ${i + 1} to ${fname}: expected a property name.`);
    if (i + 1 >= args.length) raise('MATLAB:plot:PairsMismatch', `Name-value arguments to ${fname} must come in pairs ('${name}' has no value).`);
    out.push([name.toLowerCase(), args[i + 1]]);
  }
  return out;
}

export function unknownProperty(name: string, cls: string): never {
  raise('MATLAB:class:InvalidProperty', `Unrecognized property '${name}' for class '${cls}'.`);
}

export function positiveNumber(v: Value, name: string, fname: string): number {
  const t = tensorArg(v, fname);
  const x = t.re[0];
  if (t.re.length !== 1 || !(x > 0) || !Number.isFinite(x)) raise('MATLAB:hg:set_chck:InvalidValue', `Value of '${name}' must be a positive finite scalar.`);
  return x;
}

/** Real data of a tensor as doubles (logical/char/int values as numbers). */
export function realData(t: Tensor): Float64Array {
  return t.re;
}

/** One line of a plot call before styling: its data and the line spec written after it. */
export interface PlotLine {
  x: Float64Array;
  y: Float64Array;
  spec: LineSpec | null;
}

/** Line properties from name/value pairs; each applies to every line of the call. */
export interface LineProps {
  color?: Rgb;
  lineStyle?: LineStyle;
  lineWidth?: number;
  marker?: MarkerKind;
  markerSize?: number;
  markerFaceColor?: Rgb | null;
  markerEdgeColor?: Rgb | null;
  displayName?: string;
}

export interface PlotArgs {
  lines: PlotLine[];
  props: LineProps;
}

function column(t: Tensor, j: number, rows: number): Float64Array {
  return t.re.subarray(j * rows, (j + 1) * rows);
}

function isVector(t: Tensor): boolean {
  return t.shape.length === 2 && (t.shape[0] === 1 || t.shape[1] === 1);
}

function oneTo(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i + 1;
  return out;
}

function matrixArg(v: Value, position: number): Tensor {
  const t = tensorArg(v, 'plot', position);
  if (t.shape.length > 2) raise('MATLAB:plot:InvalidData', 'Data must be a vector or 2-D matrix.');
  return t;
}

/** The lines of `plot(Y)`: a vector against its index, complex as real vs imaginary, a matrix column by column. */
function linesOfY(y: Tensor, spec: LineSpec | null): PlotLine[] {
  if (y.re.length === 0) return [];
  if (y.im) return isVector(y) ? [{ x: y.re, y: y.im, spec }] : Array.from({ length: y.cols }, (_, j) => ({ x: column(y, j, y.rows), y: y.im!.subarray(j * y.rows, (j + 1) * y.rows), spec }));
  if (isVector(y)) return [{ x: oneTo(y.re.length), y: y.re, spec }];
  const x = oneTo(y.rows);
  return Array.from({ length: y.cols }, (_, j) => ({ x, y: column(y, j, y.rows), spec }));
}

/** The lines of `plot(X, Y)`: vectors of equal length, a vector against a matrix's columns or rows, or matrix pairs. */
function linesOfXY(x: Tensor, y: Tensor, spec: LineSpec | null): PlotLine[] {
  if (x.re.length === 0 && y.re.length === 0) return [];
  const xv = isVector(x);
  const yv = isVector(y);
  if (xv && yv) {
    if (x.re.length !== y.re.length) raise('MATLAB:plot:VectorLengthsMustMatch', 'Vectors must be the same length.');
    return [{ x: x.re, y: y.re, spec }];
  }
  if (xv || yv) {
    const [v, m, vIsX] = xv ? [x, y, true] : [y, x, false];
    const n = v.re.length;
    let series: Float64Array[];
    if (m.rows === n) series = Array.from({ length: m.cols }, (_, j) => column(m, j, m.rows));
    else if (m.cols === n) {
      series = Array.from({ length: m.rows }, (_, i) => {
        const row = new Float64Array(m.cols);
        for (let j = 0; j < m.cols; j++) row[j] = m.re[j * m.rows + i];
        return row;
      });
    } else raise('MATLAB:plot:VectorMatrixDimensionsMismatch', 'Vectors must be the same length as one dimension of the matrix.');
    return series.map((s) => (vIsX ? { x: v.re, y: s, spec } : { x: s, y: v.re, spec }));
  }
  if (x.rows !== y.rows || x.cols !== y.cols) raise('MATLAB:plot:MatrixDimensionsMustMatch', 'Matrix dimensions must agree.');
  return Array.from({ length: y.cols }, (_, j) => ({ x: column(x, j, x.rows), y: column(y, j, y.rows), spec }));
}

/**
 * Splits a plot call into lines and properties: data groups `Y`, `X, Y`, each optionally followed
 * by a line spec, then name/value pairs (from the first text that is not a line spec in place).
 */
export function parsePlotArgs(args: readonly Value[]): PlotArgs {
  const lines: PlotLine[] = [];
  let i = 0;
  while (i < args.length) {
    const a = args[i];
    if (textOf(a) !== null) break;
    const first = matrixArg(a, i + 1);
    const next = args[i + 1];
    let group: { x: Tensor | null; y: Tensor };
    if (next !== undefined && textOf(next) === null) {
      group = { x: first, y: matrixArg(next, i + 2) };
      i += 2;
    } else {
      group = { x: null, y: first };
      i += 1;
    }
    let spec: LineSpec | null = null;
    const t = textOf(args[i]);
    if (t !== null) {
      spec = parseLineSpec(t);
      // A lone text that is no line spec and has no value after it is a bad line spec.
      if (spec === null && i + 1 >= args.length) raise('MATLAB:plot:InvalidLineSpec', `Invalid line spec or property name '${t}'.`);
      if (spec !== null) i += 1;
    }
    lines.push(...(group.x ? linesOfXY(group.x, group.y, spec) : linesOfY(group.y, spec)));
    if (spec === null && t !== null) break;
  }
  if (i === 0 && args.length > 0) raise('MATLAB:plot:InvalidData', 'Data must be numeric, datetime, duration, categorical, or an array convertible to double.');
  return { lines, props: lineProps(nameValuePairs(args, i, 'plot'), 'Line') };
}

/** Line properties from name/value pairs (plot, and the line-like options of other builtins). */
export function lineProps(pairs: [string, Value][], cls: string): LineProps {
  const props: LineProps = {};
  for (const [name, v] of pairs) {
    switch (name) {
      case 'color': {
        const c = colorArg(v, 'plot');
        if (c !== 'none') props.color = c;
        break;
      }
      case 'linewidth':
        props.lineWidth = positiveNumber(v, 'LineWidth', 'plot');
        break;
      case 'linestyle': {
        const s = parseLineStyleText(textOf(v) ?? '');
        if (!s) raise('MATLAB:hg:set_chck:InvalidValue', "LineStyle must be '-', '--', ':', '-.' or 'none'.");
        props.lineStyle = s;
        break;
      }
      case 'marker': {
        const m = parseMarkerText(textOf(v) ?? '');
        if (!m) raise('MATLAB:hg:set_chck:InvalidValue', 'Invalid Marker value.');
        props.marker = m;
        break;
      }
      case 'markersize':
        props.markerSize = positiveNumber(v, 'MarkerSize', 'plot');
        break;
      case 'markerfacecolor': {
        const c = colorArg(v, 'plot');
        props.markerFaceColor = c === 'none' ? null : c;
        break;
      }
      case 'markeredgecolor': {
        const c = colorArg(v, 'plot');
        props.markerEdgeColor = c === 'none' ? null : c;
        break;
      }
      case 'displayname':
        props.displayName = labelText(v, 'plot');
        break;
      default:
        unknownProperty(name, cls);
    }
  }
  return props;
}

/** Handles are plain numbers here: a figure's number, an axes' id, a running count for the rest. */
let nextHandle = 1000;
export function handles(n: number): Tensor {
  return doubles(Array.from({ length: n }, () => nextHandle++), [n, 1]);
}
