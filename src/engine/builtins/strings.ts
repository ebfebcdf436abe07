// Text builtins: conversion (str2num, str2double, int2str, dec2bin…), building and splitting
// (strcat, strsplit, strjoin, strrep, strtrim, blanks, deblank), case, comparison (strcmp family,
// contains/startsWith/endsWith, strfind) and character classes (isspace, isletter, isstrprop).
// Regular expressions live in regexp.ts; sprintf/num2str/mat2str in io.ts.
//
// Text comes in three containers — char rows, cell arrays of char rows, string arrays — and most
// functions accept all three and answer in the same container. `textList` reads any of them into
// one list of strings with a shape, `rebuild` writes a list back in the caller's container.

import { checkArraySize } from '../limits.ts';
import { raise } from '../errors.ts';
import { num2strText, processEscapes } from '../runtime/display/index.ts';
import {
  CellArray,
  charRows,
  charText,
  emptyDouble,
  isIntClass,
  logicalScalar,
  scalar,
  StringArray,
  Tensor,
  type Value,
} from '../runtime/values/index.ts';
import { isText, textArg } from './args.ts';
import { describe, scalarArg, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

// ---------------------------------------------------------------- text containers

export type TextKind = 'char' | 'cell' | 'string';

/** Text read from any container; `items[k]` is null for a missing string or non-text cell element. */
export interface TextList {
  kind: TextKind;
  shape: number[];
  items: (string | null)[];
}

/** A char row with MATLAB's shape: 1×n, also 1×0 for text cut from a row. */
export function rowChar(text: string): Tensor {
  const re = new Float64Array(text.length);
  for (let i = 0; i < text.length; i++) re[i] = text.charCodeAt(i);
  return new Tensor('char', [1, text.length], re);
}

/** A char result: '' (0×0) only when the source was 0×0 too. */
function charLike(text: string, source: Tensor): Tensor {
  if (text.length === 0 && source.re.length === 0) return new Tensor('char', source.shape, new Float64Array(0));
  return rowChar(text);
}

export function textList(v: Value | undefined, fname: string, position = 1): TextList {
  if (v !== undefined) {
    if (v.type === 'tensor' && v.cls === 'char') {
      return { kind: 'char', shape: [1, 1], items: [v.shape[0] <= 1 ? charText(v) : charRows(v).join('\n')] };
    }
    if (v.type === 'string') return { kind: 'string', shape: [...v.shape], items: [...v.items] };
    if (v.type === 'cell') {
      return { kind: 'cell', shape: [...v.shape], items: v.items.map((x) => (x.type === 'tensor' && x.cls === 'char' && x.shape[0] <= 1 ? charText(x) : null)) };
    }
  }
  raise('MATLAB:invalidType', `Argument ${position} of ${fname} must be text: a character vector, a cell array of character vectors, or a string array.`);
}

/** Like textList but every item must be text (cells of char only). */
export function strictTextList(v: Value | undefined, fname: string, position = 1): TextList {
  const list = textList(v, fname, position);
  if (list.kind === 'cell' && list.items.some((s) => s === null)) {
    raise('MATLAB:invalidType', `Cell array input to ${fname} must contain only character vectors.`);
  }
  return list;
}

/** Writes a list of texts back into the container it came from. */
export function rebuild(list: TextList, items: (string | null)[], source?: Value): Value {
  if (list.kind === 'string') return new StringArray(list.shape, items);
  if (list.kind === 'cell') return new CellArray(list.shape, items.map((s) => rowChar(s ?? '')));
  const s = items[0] ?? '';
  return source && source.type === 'tensor' ? charLike(s, source) : rowChar(s);
}

/** Applies `f` to every text of a char row / cell / string array. */
function mapText(v: Value | undefined, fname: string, f: (s: string) => string): Value {
  const list = strictTextList(v, fname);
  return rebuild(list, list.items.map((s) => (s === null ? null : f(s))), v);
}

function logicalArray(shape: readonly number[], bits: readonly boolean[]): Tensor {
  return new Tensor('logical', shape, Float64Array.from(bits, (b) => (b ? 1 : 0)));
}

function needArgs(args: Value[], n: number): void {
  if (args.length < n) raise('MATLAB:minrhs', 'Not enough input arguments.');
}

/** Trailing name/value options (`'IgnoreCase', true`), read case-insensitively. */
function options(args: Value[], from: number, fname: string): Map<string, Value> {
  const out = new Map<string, Value>();
  for (let i = from; i < args.length; i += 2) {
    const name = textArg(args[i], fname, i + 1).toLowerCase();
    if (i + 1 >= args.length) raise('MATLAB:InputParser:ParamMissingValue', `Expected a value after the option '${name}'.`);
    out.set(name, args[i + 1]);
  }
  return out;
}

function flag(v: Value | undefined): boolean {
  return v !== undefined && v.type === 'tensor' && v.re.length > 0 && v.re[0] !== 0;
}

// ---------------------------------------------------------------- number parsing

const WHITESPACE = /^[\s\0]+|[\s\0]+$/g;

/** One real number as str2double reads it: digits with optional sign, point, exponent, commas. */
function parseReal(s: string): number {
  const t = s.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  const m = /^[+-]?(\d[\d,]*\.?\d*|\.\d+)([eEdD][+-]?\d+)?$/.exec(t);
  if (!m) return NaN;
  return Number(t.replace(/,/g, '').replace(/[dD]/, 'e'));
}

/** str2double of one text: a real, or a complex `a+bi` / `bi`. Returns [re, im]. */
function parseNumber(s: string): [number, number] {
  const t = s.replace(WHITESPACE, '');
  const real = parseReal(t);
  if (!Number.isNaN(real) || /^[+-]?nan$/i.test(t)) return [real, 0];
  const c = /^([+-]?[^+-]*?(?:[eE][+-]?\d+)?)?([+-][^+-]*?(?:[eE][+-]?\d+)?)[ij]$/.exec(t) ?? /^()([+-]?[^+-]*)[ij]$/.exec(t);
  if (c) {
    const re = c[1] ? parseReal(c[1]) : 0;
    const imText = c[2] === '+' || c[2] === '-' || c[2] === '' ? `${c[2]}1` : c[2];
    const im = parseReal(imText);
    if (!Number.isNaN(re) && !Number.isNaN(im)) return [re, im];
  }
  return [NaN, 0];
}

/** str2num's reader: a matrix literal of numbers (`[1 2; 3 4]`, `1,2`, `true`, `pi`). */
function parseMatrix(text: string): Tensor | null {
  let t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  const rows = t.split(/[;\n]/).map((r) => r.trim()).filter((r) => r.length > 0);
  const grid: [number, number][][] = [];
  let logical = true;
  for (const row of rows) {
    const cells: [number, number][] = [];
    for (const word of row.split(/[\s,]+/).filter((w) => w.length > 0)) {
      const w = word.toLowerCase();
      if (w === 'true' || w === 'false') {
        cells.push([w === 'true' ? 1 : 0, 0]);
        continue;
      }
      logical = false;
      const value: [number, number] | null =
        w === 'pi' ? [Math.PI, 0] : w === '-pi' ? [-Math.PI, 0] : w === 'i' || w === 'j' ? [0, 1] : /^[+-]?(nan|inf)$/.test(w) ? [parseReal(w), 0] : parseNumber(word);
      if (Number.isNaN(value[0]) && !/nan/.test(w)) return null;
      cells.push(value);
    }
    grid.push(cells);
  }
  if (grid.length === 0) return emptyDouble();
  const cols = grid[0].length;
  if (grid.some((r) => r.length !== cols)) return null;
  const re = new Float64Array(grid.length * cols);
  const im = new Float64Array(grid.length * cols);
  grid.forEach((r, i) => r.forEach(([a, b], j) => {
    re[i + j * grid.length] = a;
    im[i + j * grid.length] = b;
  }));
  return new Tensor(logical ? 'logical' : 'double', [grid.length, cols], re, im.some((x) => x !== 0) ? im : null);
}

// ---------------------------------------------------------------- strcat / strsplit / strjoin

function strcat(args: Value[]): Value {
  if (args.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
  const anyString = args.some((a) => a.type === 'string');
  const anyCell = args.some((a) => a.type === 'cell');
  if (!anyString && !anyCell) {
    // char arrays: trailing whitespace of each argument is removed, rows are joined.
    const parts = args.map((a) => {
      const t = tensorArg(a, 'strcat');
      return t.cls === 'char' ? (t.shape[0] <= 1 ? [charText(t)] : charRows(t)).map((r) => r.replace(/[ \t\n\v\f\r\0]+$/, '')) : [charText(t)];
    });
    const rows = Math.max(...parts.map((p) => p.length));
    const out = Array.from({ length: rows }, (_, i) => parts.map((p) => (p.length === 1 ? p[0] : p[i] ?? '')).join(''));
    if (rows <= 1) return rowChar(out[0] ?? '');
    const width = Math.max(...out.map((r) => r.length));
    const re = new Float64Array(rows * width).fill(32);
    out.forEach((r, i) => {
      for (let j = 0; j < r.length; j++) re[i + j * rows] = r.charCodeAt(j);
    });
    return new Tensor('char', [rows, width], re);
  }
  const lists = args.map((a) => strictTextList(a, 'strcat'));
  const big = lists.find((l) => l.items.length !== 1);
  const shape = big ? big.shape : [1, 1];
  const n = big ? big.items.length : 1;
  for (const l of lists) if (l.items.length !== 1 && l.items.length !== n) raise('MATLAB:strcat:InvalidInputSize', 'Inputs must be the same size or either one can be a scalar.');
  const items = Array.from({ length: n }, (_, k) => lists.map((l) => l.items[l.items.length === 1 ? 0 : k] ?? '').join(''));
  return anyString ? new StringArray(shape, items) : new CellArray(shape, items.map(rowChar));
}

function strsplit(args: Value[], nargout: number): Value[] {
  needArgs(args, 1);
  const s = textArg(args[0], 'strsplit');
  let delims = [' ', '\f', '\n', '\r', '\t', '\v'];
  let from = 1;
  if (args.length >= 2 && !(isText(args[1]) && textArg(args[1], 'strsplit', 2).toLowerCase() === 'collapsedelimiters' && args.length % 2 === 1)) {
    delims = strictTextList(args[1], 'strsplit', 2).items.map((d) => processEscapes(d ?? ''));
    from = 2;
  }
  const opts = options(args, from, 'strsplit');
  const collapse = opts.has('collapsedelimiters') ? flag(opts.get('collapsedelimiters')) : true;
  const sorted = [...delims].filter((d) => d.length > 0).sort((a, b) => b.length - a.length);
  const escaped = sorted.map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const re = new RegExp(collapse ? `(?:${escaped})+` : escaped, 'g');
  const pieces: string[] = [];
  const matches: string[] = [];
  let last = 0;
  if (escaped.length > 0) {
    for (const m of s.matchAll(re)) {
      pieces.push(s.slice(last, m.index));
      matches.push(m[0]);
      last = m.index + m[0].length;
    }
  }
  pieces.push(s.slice(last));
  const asString = args[0].type === 'string';
  const wrap = (xs: string[]): Value => (asString ? new StringArray([1, xs.length], xs) : new CellArray([1, xs.length], xs.map((x) => (x.length === 0 ? new Tensor('char', [0, 0], new Float64Array(0)) : rowChar(x)))));
  return nargout > 1 ? [wrap(pieces), wrap(matches)] : [wrap(pieces)];
}

function strjoin(args: Value[]): Value {
  needArgs(args, 1);
  const list = strictTextList(args[0], 'strjoin');
  if (list.kind === 'char') raise('MATLAB:strjoin:InvalidCellType', 'First input must be a cell array of character vectors or a string array.');
  const delim = args.length > 1 ? processEscapes(textArg(args[1], 'strjoin', 2)) : ' ';
  const text = list.items.map((s) => s ?? '').join(delim);
  return list.kind === 'string' ? new StringArray([1, 1], [text]) : rowChar(text);
}

/** MATLAB strrep: every occurrence is replaced, overlapping ones included. */
function replaceAll(s: string, from: string, to: string): string {
  if (from.length === 0) return s;
  let out = '';
  let next = 0;
  for (let i = s.indexOf(from); i >= 0; i = s.indexOf(from, i + 1)) {
    if (i > next) out += s.slice(next, i);
    out += to;
    next = i + from.length;
  }
  return out + s.slice(next);
}

// ---------------------------------------------------------------- comparison

function comparer(name: string, ignoreCase: boolean, counted: boolean): BuiltinSpec {
  const what = `${ignoreCase ? 'ignoring case' : 'exactly'}${counted ? ', up to the first n characters' : ''}`;
  return {
    family: 'strings',
    signatures: counted ? [`tf = ${name}(s1, s2, n)`] : [`tf = ${name}(s1, s2)`],
    doc: `Compares text ${what}; cell arrays and string arrays compare element by element (a single text is compared with each). Non-text inputs are false. Example: ${name}({'abc', 'Abd'}, 'abc'${counted ? ', 2' : ''}) is [1 ${ignoreCase || counted ? 1 : 0}].`,
    impl: (args) => {
      needArgs(args, counted ? 3 : 2);
      const n = counted ? scalarArg(args[2], name, 3) : Infinity;
      if (counted && (!(n >= 0) || n !== Math.floor(n))) raise('MATLAB:strncmp:InvalidN', 'N must be a nonnegative integer.');
      const read = (v: Value): TextList | null => (v.type === 'tensor' && v.cls === 'char') || v.type === 'string' || v.type === 'cell' ? textList(v, name) : null;
      const a = read(args[0]);
      const b = read(args[1]);
      if (!a || !b) return logicalScalar(false);
      const same = (x: string | null, y: string | null): boolean => {
        if (x === null || y === null) return false;
        if (counted) {
          if (x.length < n || y.length < n) return false;
          x = x.slice(0, n);
          y = y.slice(0, n);
        }
        return ignoreCase ? x.toLowerCase() === y.toLowerCase() : x === y;
      };
      if (a.kind === 'char' && b.kind === 'char') {
        const ta = args[0] as Tensor;
        const tb = args[1] as Tensor;
        const shapesMatch = counted || ta.shape.join('x') === tb.shape.join('x') || (ta.re.length === 0 && tb.re.length === 0);
        return logicalScalar(shapesMatch && same(a.items[0], b.items[0]));
      }
      const aMany = a.kind !== 'char' && a.items.length !== 1;
      const bMany = b.kind !== 'char' && b.items.length !== 1;
      if (aMany && bMany && a.items.length !== b.items.length) raise('MATLAB:strcmp:InputsSizeMismatch', 'Inputs must be the same size or either one can be a scalar.');
      const shape = aMany ? a.shape : bMany ? b.shape : a.kind !== 'char' ? a.shape : b.shape;
      const count = aMany ? a.items.length : bMany ? b.items.length : 1;
      return logicalArray(shape, Array.from({ length: count }, (_, k) => same(a.items[aMany ? k : 0], b.items[bMany ? k : 0])));
    },
  };
}

function patternTest(name: 'contains' | 'startsWith' | 'endsWith', test: (s: string, p: string) => boolean, example: string): BuiltinSpec {
  return {
    family: 'strings',
    signatures: [`tf = ${name}(str, pat)`, `tf = ${name}(str, pat, 'IgnoreCase', true)`],
    doc: `True where the text ${name === 'contains' ? 'contains' : name === 'startsWith' ? 'starts with' : 'ends with'} any of the patterns; the result has one element per text. Example: ${example}.`,
    impl: (args) => {
      needArgs(args, 2);
      const str = strictTextList(args[0], name);
      const pats = strictTextList(args[1], name, 2).items.map((p) => p ?? '');
      const ignore = flag(options(args, 2, name).get('ignorecase'));
      const norm = (s: string): string => (ignore ? s.toLowerCase() : s);
      return logicalArray(str.shape, str.items.map((s) => s !== null && pats.some((p) => test(norm(s), norm(p)))));
    },
  };
}

// ---------------------------------------------------------------- number ↔ text in bases

function nonNegativeIntegers(v: Value | undefined, fname: string): Tensor {
  const t = tensorArg(v, fname);
  for (const x of t.re) {
    if (!(x >= 0) || x !== Math.floor(x) || !Number.isFinite(x)) raise(`MATLAB:${fname}:InputMustBeNonNegativeInteger`, 'Input must be a nonnegative integer.');
  }
  return t;
}

/** dec2bin/dec2hex: one row per element, left-padded with zeros to a common width. */
function toBase(args: Value[], fname: string, base: number): Tensor {
  needArgs(args, 1);
  const t = nonNegativeIntegers(args[0], fname);
  const minWidth = args.length > 1 ? scalarArg(args[1], fname, 2) : 0;
  const texts = Array.from(t.re, (x) => x.toString(base).toUpperCase());
  const width = Math.max(minWidth, 1, ...texts.map((s) => s.length));
  const rows = texts.length;
  if (rows === 0) return new Tensor('char', [0, 0], new Float64Array(0));
  const re = new Float64Array(rows * width);
  texts.forEach((s, i) => {
    const padded = s.padStart(width, '0');
    for (let j = 0; j < width; j++) re[i + j * rows] = padded.charCodeAt(j);
  });
  return new Tensor('char', [rows, width], re);
}

/** bin2dec/hex2dec: each row (or cell element) read in the base; spaces are ignored. */
function fromBase(args: Value[], fname: string, base: number): Tensor {
  needArgs(args, 1);
  const v = args[0];
  const texts = v.type === 'tensor' && v.cls === 'char' ? (v.shape[0] <= 1 ? [charText(v)] : charRows(v)) : strictTextList(v, fname).items.map((s) => s ?? '');
  const digits = base === 2 ? /^[01]+$/ : /^[0-9a-fA-F]+$/;
  const out = texts.map((s) => {
    const d = s.replace(/\s/g, '');
    if (!digits.test(d)) return NaN;
    let x = 0;
    for (const ch of d) x = x * base + parseInt(ch, base);
    return x;
  });
  return new Tensor('double', [out.length, 1], Float64Array.from(out));
}

// ---------------------------------------------------------------- character classes

const CHAR_CLASSES: Record<string, (c: number) => boolean> = {
  alpha: (c) => /\p{L}/u.test(String.fromCharCode(c)),
  digit: (c) => c >= 48 && c <= 57,
  alphanum: (c) => /[\p{L}\p{Nd}]/u.test(String.fromCharCode(c)),
  lower: (c) => /\p{Ll}/u.test(String.fromCharCode(c)),
  upper: (c) => /\p{Lu}/u.test(String.fromCharCode(c)),
  wspace: (c) => /\s/.test(String.fromCharCode(c)),
  punct: (c) => c > 32 && c < 127 && !/[A-Za-z0-9]/.test(String.fromCharCode(c)),
  cntrl: (c) => c < 32 || c === 127,
  xdigit: (c) => /[0-9a-fA-F]/.test(String.fromCharCode(c)),
};

/** A per-character predicate over a char array (false for every element of a non-char array). */
function charPredicate(v: Value | undefined, test: (c: number) => boolean, fname: string): Value {
  if (v === undefined) raise('MATLAB:minrhs', 'Not enough input arguments.');
  if (v.type === 'tensor') return new Tensor('logical', v.shape, v.cls === 'char' ? v.re.map((c) => (test(c) ? 1 : 0)) : new Float64Array(v.re.length));
  if (v.type === 'string' && v.items.length === 1) return charPredicate(rowChar(v.items[0] ?? ''), test, fname);
  if (v.type === 'cell' && fname === 'isstrprop') return new CellArray(v.shape, v.items.map((x) => charPredicate(x, test, fname)));
  raise('MATLAB:invalidType', `Input to ${fname} must be a character array (got ${describe(v)}).`);
}

// ---------------------------------------------------------------- the table

const isWhite = (c: string): boolean => /[\s\0]/.test(c);

registerFamily({
  str2num: {
    family: 'strings',
    signatures: ['X = str2num(chr)', '[X, tf] = str2num(chr)'],
    doc: "Reads a matrix written as text (numbers separated by spaces or commas, rows by semicolons or newlines); [] and tf = false when it cannot. Example: str2num('[1 2; 3 4]') is [1 2; 3 4].",
    impl: (args, ctx) => {
      needArgs(args, 1);
      const v = args[0];
      const text = v.type === 'tensor' && v.cls === 'char' ? charRows(v).join(';') : textArg(v, 'str2num');
      const x = parseMatrix(text);
      const out = x ?? emptyDouble();
      return ctx.nargout > 1 ? [out, logicalScalar(x !== null)] : out;
    },
  },
  str2double: {
    family: 'strings',
    signatures: ['X = str2double(str)'],
    doc: "Converts text to a double; anything that is not one number gives NaN. Cell and string arrays convert element by element. Example: str2double('3.14') is 3.14; str2double({'1', 'x'}) is [1 NaN].",
    impl: (args) => {
      needArgs(args, 1);
      const v = args[0];
      if (!(v.type === 'tensor' && v.cls === 'char') && v.type !== 'cell' && v.type !== 'string') return scalar(NaN);
      const list = textList(v, 'str2double');
      if (list.kind === 'char' && (v as Tensor).shape[0] > 1) return scalar(NaN);
      const parsed = list.items.map((s) => (s === null ? ([NaN, 0] as [number, number]) : parseNumber(s)));
      const im = parsed.some(([, b]) => b !== 0) ? Float64Array.from(parsed, ([, b]) => b) : null;
      return new Tensor('double', list.shape, Float64Array.from(parsed, ([a]) => a), im);
    },
  },
  strcat: {
    family: 'strings',
    signatures: ['s = strcat(s1, ..., sN)'],
    doc: "Joins texts horizontally. Char arguments lose their trailing whitespace; with a cell or string argument the result is a cell or string array, joined element by element. Example: strcat('a ', 'b') is 'ab'; strcat({'a '}, 'b') is {'a b'}.",
    impl: (args) => strcat(args),
  },
  strsplit: {
    family: 'strings',
    signatures: ['C = strsplit(str)', 'C = strsplit(str, delimiter)', "[C, matches] = strsplit(str, delimiter, 'CollapseDelimiters', tf)"],
    doc: "Splits text at whitespace or the given delimiters (escapes like \\t are understood); consecutive delimiters collapse into one unless 'CollapseDelimiters' is false. Example: strsplit('a,b,,c', ',') is {'a', 'b', 'c'}.",
    impl: (args, ctx) => strsplit(args, ctx.nargout),
  },
  strjoin: {
    family: 'strings',
    signatures: ['str = strjoin(C)', 'str = strjoin(C, delimiter)'],
    doc: "Joins a cell array of texts with a delimiter (default one space). Example: strjoin({'a', 'b', 'c'}, ', ') is 'a, b, c'.",
    impl: (args) => strjoin(args),
  },
  strrep: {
    family: 'strings',
    signatures: ['newStr = strrep(str, old, new)'],
    doc: "Replaces every occurrence of old with new (overlapping occurrences too). Works on char rows, cell arrays and string arrays. Example: strrep('hello world', 'o', '0') is 'hell0 w0rld'.",
    impl: (args) => {
      needArgs(args, 3);
      const from = textArg(args[1], 'strrep', 2);
      const to = textArg(args[2], 'strrep', 3);
      return mapText(args[0], 'strrep', (s) => replaceAll(s, from, to));
    },
  },
  strtrim: {
    family: 'strings',
    signatures: ['newStr = strtrim(str)'],
    doc: "Removes leading and trailing whitespace (and null characters). Example: strtrim('  ab c  ') is 'ab c'.",
    impl: (args) => mapText(args[0], 'strtrim', (s) => s.replace(WHITESPACE, '')),
  },
  deblank: {
    family: 'strings',
    signatures: ['newStr = deblank(str)'],
    doc: "Removes trailing whitespace and null characters. Example: deblank('ab  ') is 'ab'.",
    impl: (args) => mapText(args[0], 'deblank', (s) => s.replace(/[\s\0]+$/, '')),
  },
  blanks: {
    family: 'strings',
    signatures: ['chr = blanks(n)'],
    doc: "A row of n spaces. Example: ['a' blanks(3) 'b'] is 'a   b'.",
    impl: (args) => {
      const n = scalarArg(args[0], 'blanks');
      if (!Number.isFinite(n)) raise('MATLAB:blanks:invalidN', 'N must be a non-negative integer.');
      checkArraySize([1, n]);
      return rowChar(' '.repeat(Math.max(0, Math.floor(n))));
    },
  },
  newline: {
    family: 'strings',
    signatures: ['c = newline'],
    doc: "The newline character, char(10). Example: ['a' newline 'b'] is two lines.",
    impl: () => rowChar('\n'),
  },
  upper: {
    family: 'strings',
    signatures: ['newStr = upper(str)'],
    doc: "Converts text to upper case; char matrices keep their shape. Example: upper('abc1') is 'ABC1'.",
    impl: (args) => {
      needArgs(args, 1);
      const v = args[0];
      if (v.type === 'tensor') return v.cls === 'char' ? new Tensor('char', v.shape, v.re.map((c) => String.fromCharCode(c).toUpperCase().charCodeAt(0))) : v;
      return mapText(v, 'upper', (s) => s.toUpperCase());
    },
  },
  lower: {
    family: 'strings',
    signatures: ['newStr = lower(str)'],
    doc: "Converts text to lower case; char matrices keep their shape. Example: lower('ABC') is 'abc'.",
    impl: (args) => {
      needArgs(args, 1);
      const v = args[0];
      if (v.type === 'tensor') return v.cls === 'char' ? new Tensor('char', v.shape, v.re.map((c) => String.fromCharCode(c).toLowerCase().charCodeAt(0))) : v;
      return mapText(v, 'lower', (s) => s.toLowerCase());
    },
  },
  strcmp: comparer('strcmp', false, false),
  strcmpi: comparer('strcmpi', true, false),
  strncmp: comparer('strncmp', false, true),
  strncmpi: comparer('strncmpi', true, true),
  contains: patternTest('contains', (s, p) => s.includes(p), "contains({'apple', 'kiwi'}, 'pp') is [1 0]"),
  startsWith: patternTest('startsWith', (s, p) => s.startsWith(p), "startsWith('filename.m', 'file') is true"),
  endsWith: patternTest('endsWith', (s, p) => s.endsWith(p), "endsWith({'a.m', 'b.txt'}, '.m') is [1 0]"),
  strfind: {
    family: 'strings',
    signatures: ['k = strfind(str, pat)'],
    doc: "Start indices of every occurrence of pat in str, overlapping ones included; [] when none. A cell array str gives a cell of index rows. Example: strfind('abcabc', 'bc') is [2 5].",
    impl: (args) => {
      needArgs(args, 2);
      const pat = textArg(args[1], 'strfind', 2);
      const find = (s: string): Tensor => {
        const hits: number[] = [];
        if (pat.length > 0) for (let i = s.indexOf(pat); i >= 0; i = s.indexOf(pat, i + 1)) hits.push(i + 1);
        return hits.length === 0 ? new Tensor('double', s.length === 0 && pat.length > 0 ? [0, 0] : [1, 0], new Float64Array(0)) : new Tensor('double', [1, hits.length], Float64Array.from(hits));
      };
      const list = strictTextList(args[0], 'strfind');
      if (list.kind === 'cell') return new CellArray(list.shape, list.items.map((s) => find(s ?? '')));
      if (list.items.length !== 1) raise('MATLAB:strfind:InvalidInput', 'First argument must be text or a cell array of text.');
      return find(list.items[0] ?? '');
    },
  },
  strlength: {
    family: 'strings',
    signatures: ['L = strlength(str)'],
    doc: 'The number of characters in each text; a char row counts as one text. Example: strlength({\'ab\', \'\'}) is [2 0].',
    impl: (args) => {
      const list = strictTextList(args[0], 'strlength');
      return new Tensor('double', list.shape, Float64Array.from(list.items, (s) => (s === null ? NaN : s.length)));
    },
  },
  int2str: {
    family: 'strings',
    signatures: ['chr = int2str(N)'],
    doc: "Rounds to integers and converts to text; matrices give a padded char matrix. Example: int2str(2.7) is '3'; int2str([1 22]) is '1  22'.",
    impl: (args) => {
      const t = tensorArg(args[0], 'int2str');
      const r = t.cls === 'char' || t.cls === 'logical' || isIntClass(t.cls) ? t : new Tensor(t.cls, t.shape, t.re.map((x) => (Number.isFinite(x) ? (x < 0 ? -Math.round(-x) : Math.round(x)) : x)));
      const rows = num2strText(r.cls === 'char' ? new Tensor('double', r.shape, r.re) : r).split('\n');
      if (rows.length <= 1) return rowChar(rows[0] ?? '');
      const width = Math.max(...rows.map((x) => x.length));
      const re = new Float64Array(rows.length * width).fill(32);
      rows.forEach((row, i) => {
        for (let j = 0; j < row.length; j++) re[i + j * rows.length] = row.charCodeAt(j);
      });
      return new Tensor('char', [rows.length, width], re);
    },
  },
  dec2bin: {
    family: 'strings',
    signatures: ['str = dec2bin(d)', 'str = dec2bin(d, n)'],
    doc: "Binary digits of nonnegative integers, one row each, padded to at least n digits. Example: dec2bin(5) is '101'; dec2bin(5, 8) is '00000101'.",
    impl: (args) => toBase(args, 'dec2bin', 2),
  },
  dec2hex: {
    family: 'strings',
    signatures: ['str = dec2hex(d)', 'str = dec2hex(d, n)'],
    doc: "Hexadecimal digits (upper case) of nonnegative integers, one row each. Example: dec2hex(255) is 'FF'.",
    impl: (args) => toBase(args, 'dec2hex', 16),
  },
  bin2dec: {
    family: 'strings',
    signatures: ['d = bin2dec(str)'],
    doc: "Reads binary digits; each row of a char matrix or each cell element gives one number, NaN for invalid text. Example: bin2dec('101') is 5.",
    impl: (args) => fromBase(args, 'bin2dec', 2),
  },
  hex2dec: {
    family: 'strings',
    signatures: ['d = hex2dec(str)'],
    doc: "Reads hexadecimal digits (either case); one number per row or cell element. Example: hex2dec('FF') is 255.",
    impl: (args) => fromBase(args, 'hex2dec', 16),
  },
  isspace: {
    family: 'strings',
    signatures: ['tf = isspace(A)'],
    doc: "True for whitespace characters (space, tab, newline…); false for every element of a non-char array. Example: isspace('a b') is [0 1 0].",
    impl: (args) => charPredicate(args[0], (c) => isWhite(String.fromCharCode(c)) && c !== 0, 'isspace'),
  },
  isletter: {
    family: 'strings',
    signatures: ['tf = isletter(A)'],
    doc: "True for letters. Example: isletter('a1B') is [1 0 1].",
    impl: (args) => charPredicate(args[0], CHAR_CLASSES.alpha, 'isletter'),
  },
  isstrprop: {
    family: 'strings',
    signatures: ['tf = isstrprop(str, category)'],
    doc: "True for each character in a category: 'alpha', 'digit', 'alphanum', 'lower', 'upper', 'wspace', 'punct', 'cntrl', 'xdigit'. Example: isstrprop('a1 B', 'digit') is [0 1 0 0].",
    impl: (args) => {
      needArgs(args, 2);
      const category = textArg(args[1], 'isstrprop', 2);
      const test = CHAR_CLASSES[category] ?? raise('MATLAB:isstrprop:InvalidCategory', `Unrecognized category '${category}'.`);
      const v = args[0];
      if (v.type === 'tensor' && v.cls !== 'char') return charPredicate(new Tensor('char', v.shape, v.re), test, 'isstrprop');
      return charPredicate(v, test, 'isstrprop');
    },
  },
});
