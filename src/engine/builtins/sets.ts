// Set functions: unique, ismember, setdiff, intersect, union, over numbers (class rules of
// concatenation), text (cellstr, string arrays, a char row as one text) and matrix rows
// ('rows'). Results are sorted unless 'stable'; NaN never equals NaN, so each NaN is its own
// element. Index outputs are columns, as in MATLAB.

import { raise } from '../errors.ts';
import { gather } from '../runtime/indexing/elements.ts';
import { CellArray, charRow, charRows, charText, StringArray, Tensor, type Value } from '../runtime/values/index.ts';
import { concatenate } from './concat.ts';
import { badOption, doubles, needValue, splitOptions } from './fibres.ts';
import { compareNumbers, textItems } from './searching.ts';
import { registerFamily } from './registry.ts';
import { gatherAll } from './reshapeValue.ts';
import type { BuiltinSpec } from './types.ts';

/** The elements of one or more values gathered into one comparable list. */
interface Pool {
  /** Where each input's elements start in the pool. */
  offsets: number[];
  counts: number[];
  cmp(i: number, j: number): number;
  /** A hashable identity, or null for elements that equal nothing (those holding NaN). */
  key(i: number): string | number | null;
  /** The elements at pool positions `idx`; `vectorShape` places them for non-rows pools. */
  build(idx: number[], vectorShape: number[]): Value;
  rows: boolean;
}

function isTextLike(v: Value): boolean {
  return v.type === 'cell' || v.type === 'string';
}

function textPool(values: Value[], fname: string): Pool {
  const texts: string[] = [];
  const offsets: number[] = [];
  const counts: number[] = [];
  for (const v of values) {
    let items: string[];
    if (v.type === 'tensor' && v.cls === 'char') items = v.shape[0] <= 1 ? [charText(v)] : charRows(v);
    else if (isTextLike(v)) items = textItems(v, fname);
    else raise(`MATLAB:${fname}:InputClass`, 'Inputs must both be cell arrays of character vectors, string arrays or character vectors.');
    offsets.push(texts.length);
    counts.push(items.length);
    for (const item of items) texts.push(item);
  }
  const asString = values.some((v) => v.type === 'string');
  return {
    offsets,
    counts,
    rows: false,
    cmp: (i, j) => (texts[i] < texts[j] ? -1 : texts[i] > texts[j] ? 1 : 0),
    key: (i) => 's' + texts[i],
    build: (idx, shape) => (asString ? new StringArray(shape, idx.map((i) => texts[i])) : new CellArray(shape, idx.map((i) => charRow(texts[i])))),
  };
}

function numberPool(values: Value[], rows: boolean, fname: string): Pool {
  for (const v of values) if (v.type !== 'tensor') raise(`MATLAB:${fname}:InputClass`, `Input of class ${v.type} is not supported by ${fname}.`);
  const ts = values as Tensor[];
  if (rows) {
    const n = ts[0].shape[1];
    for (const t of ts) {
      if (t.shape.length > 2 || (t.shape[1] !== n && t.re.length > 0)) raise(`MATLAB:${fname}:AandBColnumAgree`, 'A and B must have the same number of columns.');
    }
    const parts = ts.map((t) => (t.re.length === 0 ? new Tensor(t.cls, [0, n], t.re) : t));
    const all = concatenate(parts, 0) as Tensor;
    const m = all.shape[0];
    const at = (i: number, c: number) => i + c * m;
    const hasNaN = (i: number) => {
      for (let c = 0; c < n; c++) if (Number.isNaN(all.re[at(i, c)]) || (all.im && Number.isNaN(all.im[at(i, c)]))) return true;
      return false;
    };
    return {
      offsets: ts.map((_, k) => ts.slice(0, k).reduce((s, t) => s + t.shape[0], 0)),
      counts: ts.map((t) => (t.re.length === 0 ? 0 : t.shape[0])),
      rows: true,
      cmp: (i, j) => {
        for (let c = 0; c < n; c++) {
          const r = compareNumbers(all.re[at(i, c)], all.im ? all.im[at(i, c)] : 0, all.re[at(j, c)], all.im ? all.im[at(j, c)] : 0);
          if (r !== 0) return r;
        }
        return 0;
      },
      key: (i) => {
        if (hasNaN(i)) return null;
        let s = '';
        for (let c = 0; c < n; c++) s += `${all.re[at(i, c)] + 0},${all.im ? all.im[at(i, c)] + 0 : 0};`;
        return s;
      },
      build: (idx) => {
        const positions: number[] = [];
        for (let c = 0; c < n; c++) for (const i of idx) positions.push(at(i, c));
        return gather(all, positions, [idx.length, n]);
      },
    };
  }
  const all = concatenate(ts.map((t) => gatherAll(t, [t.re.length, 1])), 0) as Tensor;
  const { re, im } = all;
  return {
    offsets: ts.map((_, k) => ts.slice(0, k).reduce((s, t) => s + t.re.length, 0)),
    counts: ts.map((t) => t.re.length),
    rows: false,
    cmp: (i, j) => compareNumbers(re[i], im ? im[i] : 0, re[j], im ? im[j] : 0),
    key: (i) => {
      if (Number.isNaN(re[i]) || (im && Number.isNaN(im[i]))) return null;
      return im && im[i] !== 0 ? `${re[i] + 0},${im[i]}` : re[i] + 0;
    },
    build: (idx, shape) => gather(all, idx, shape),
  };
}

interface SetOptions {
  stable: boolean;
  last: boolean;
  rows: boolean;
}

function setOptions(args: Value[], first: number, fname: string): SetOptions {
  const opts: SetOptions = { stable: false, last: false, rows: false };
  for (const w of splitOptions(args, first, fname).words) {
    if (w === 'stable') opts.stable = true;
    else if (w === 'sorted') opts.stable = false;
    else if (w === 'rows') opts.rows = true;
    else if (w === 'last' && fname === 'unique') opts.last = true;
    else if (w === 'first' && fname === 'unique') opts.last = false;
    else if (w !== 'legacy') badOption(fname, w);
  }
  return opts;
}

function poolOf(values: Value[], opts: SetOptions, fname: string): Pool {
  return values.some(isTextLike) ? textPool(values, fname) : numberPool(values, opts.rows, fname);
}

/**
 * Groups pool positions into distinct elements. Returns one representative per group (its
 * first member, or last with `last`), in sorted or first-appearance order, and for every
 * member the 1-based number of its group.
 */
function distinct(pool: Pool, members: number[], stable: boolean, last = false): { reps: number[]; groupOf: Map<number, number> } {
  const sorted = [...members].sort(pool.cmp);
  const groups: number[][] = [];
  for (const i of sorted) {
    const g = groups[groups.length - 1];
    if (g && pool.key(i) !== null && pool.key(i) === pool.key(g[0])) g.push(i);
    else groups.push([i]);
  }
  if (stable) groups.sort((a, b) => minOf(a) - minOf(b));
  const groupOf = new Map<number, number>();
  groups.forEach((g, k) => g.forEach((i) => groupOf.set(i, k + 1)));
  return { reps: groups.map((g) => (last ? g[g.length - 1] : g[0])), groupOf };
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => from + k);
}

function isRowish(v: Value): boolean {
  return v.shape.length === 2 && (v.shape[0] === 1 || (v.shape[0] === 0 && v.shape[1] === 0)) || (v.type === 'tensor' && v.cls === 'char' && v.shape[0] <= 1);
}

function vectorShape(k: number, row: boolean): number[] {
  return row ? [1, k] : [k, 1];
}

function column(idx: number[]): Tensor {
  return doubles(idx, [idx.length, 1]);
}

function setOperation(name: 'setdiff' | 'intersect' | 'union', doc: string, signatures: string[]): BuiltinSpec {
  return {
    family: 'reductions',
    signatures,
    doc,
    impl: (args) => {
      const a = needValue(args, 0);
      const b = needValue(args, 1);
      const opts = setOptions(args, 2, name);
      const pool = poolOf([a, b], opts, name);
      const aIdx = range(pool.offsets[0], pool.counts[0]);
      const bIdx = range(pool.offsets[1], pool.counts[1]);
      const firstInB = new Map<string | number, number>();
      for (const j of bIdx) {
        const k = pool.key(j);
        if (k !== null && !firstInB.has(k)) firstInB.set(k, j);
      }
      let members: number[];
      if (name === 'setdiff') members = aIdx.filter((i) => { const k = pool.key(i); return k === null || !firstInB.has(k); });
      else if (name === 'intersect') members = aIdx.filter((i) => { const k = pool.key(i); return k !== null && firstInB.has(k); });
      else members = [...aIdx, ...bIdx];
      const { reps } = distinct(pool, members, opts.stable);
      const row = name === 'setdiff' ? isRowish(a) : isRowish(a) && isRowish(b);
      const both00 = [a, b].every((v) => v.shape.length === 2 && v.shape[0] === 0 && v.shape[1] === 0);
      const shape = both00 && reps.length === 0 ? [0, 0] : vectorShape(reps.length, row);
      const c = pool.build(reps, shape);
      const nA = pool.counts[0];
      if (name === 'setdiff') return [c, column(reps.map((i) => i + 1))];
      if (name === 'intersect') return [c, column(reps.map((i) => i + 1)), column(reps.map((i) => firstInB.get(pool.key(i)!)! - nA + 1))];
      return [c, column(reps.filter((i) => i < nA).map((i) => i + 1)), column(reps.filter((i) => i >= nA).map((i) => i - nA + 1))];
    },
  };
}

registerFamily({
  unique: {
    family: 'reductions',
    signatures: ['C = unique(A)', "C = unique(A, 'stable')", "C = unique(A, 'rows')", '[C, ia, ic] = unique(...)', "[C, ia, ic] = unique(..., 'last')"],
    doc: "The distinct values of A, sorted (or in order of first appearance with 'stable'); a row vector gives a row, anything else a column; 'rows' finds distinct rows. C = A(ia) and A = C(ic); ia points at first occurrences unless 'last'. NaN values are all kept. Works on cell arrays of char vectors and string arrays. Example: [C, ia, ic] = unique([3 1 3 2]) gives C = [1 2 3], ia = [2; 4; 1], ic = [3; 1; 3; 2].",
    impl: (args) => {
      const a = needValue(args);
      const opts = setOptions(args, 1, 'unique');
      const pool = poolOf([a], opts, 'unique');
      const members = range(0, pool.counts[0]);
      const { reps, groupOf } = distinct(pool, members, opts.stable, opts.last);
      const is00 = a.shape.length === 2 && a.shape[0] === 0 && a.shape[1] === 0;
      const shape = is00 ? [0, 0] : vectorShape(reps.length, isRowish(a));
      return [pool.build(reps, shape), column(reps.map((i) => i + 1)), column(members.map((i) => groupOf.get(i)!))];
    },
  },
  ismember: {
    family: 'reductions',
    signatures: ['tf = ismember(A, S)', "tf = ismember(A, S, 'rows')", '[tf, loc] = ismember(...)'],
    doc: "True where an element of A is in S (NaN never is); loc holds the lowest index in S of each found element, 0 elsewhere. Works on numbers, text (cellstr, string arrays, a char row as one text against a cellstr) and, with 'rows', matrix rows. Example: [tf, loc] = ismember([1 5 2], [2 1 1]) gives tf = [1 0 1], loc = [2 0 1].",
    impl: (args) => {
      const a = needValue(args, 0);
      const s = needValue(args, 1);
      const opts = setOptions(args, 2, 'ismember');
      const pool = poolOf([a, s], opts, 'ismember');
      const first = new Map<string | number, number>();
      for (let j = 0; j < pool.counts[1]; j++) {
        const k = pool.key(pool.offsets[1] + j);
        if (k !== null && !first.has(k)) first.set(k, j + 1);
      }
      const loc = range(pool.offsets[0], pool.counts[0]).map((i) => {
        const k = pool.key(i);
        return k === null ? 0 : first.get(k) ?? 0;
      });
      const shape = pool.rows ? [loc.length, 1] : loc.length === a.shape.reduce((p, d) => p * d, 1) ? a.shape : [loc.length, 1];
      return [new Tensor('logical', shape, Float64Array.from(loc, (x) => (x > 0 ? 1 : 0))), doubles(loc, shape)];
    },
  },
  setdiff: setOperation(
    'setdiff',
    "The values of A that are not in B, without repetitions, sorted (or in A's order with 'stable'); C = A(ia). A row vector A gives a row. Example: setdiff([5 1 3 1], [1 2]) is [3 5].",
    ['C = setdiff(A, B)', "C = setdiff(A, B, 'stable')", "C = setdiff(A, B, 'rows')", '[C, ia] = setdiff(...)'],
  ),
  intersect: setOperation(
    'intersect',
    "The values common to A and B, without repetitions, sorted (or in A's order with 'stable'); C = A(ia) = B(ib). Two row vectors give a row, otherwise a column. Example: [C, ia, ib] = intersect([1 2 3], [3 1 5]) gives C = [1 3], ia = [1; 3], ib = [2; 1].",
    ['C = intersect(A, B)', "C = intersect(A, B, 'stable')", "C = intersect(A, B, 'rows')", '[C, ia, ib] = intersect(...)'],
  ),
  union: setOperation(
    'union',
    "The values in A or B, without repetitions, sorted (or in order of appearance with 'stable'); C combines A(ia) and B(ib), a value in both coming from A. Two row vectors give a row, otherwise a column. Example: union([3 1], [2 1]) is [1 2 3].",
    ['C = union(A, B)', "C = union(A, B, 'stable')", "C = union(A, B, 'rows')", '[C, ia, ib] = union(...)'],
  ),
});

/** Math.min over an array of any length (a spread of millions overflows the JS stack). */
function minOf(xs: readonly number[]): number {
  let m = Infinity;
  for (const x of xs) m = Math.min(m, x);
  return m;
}
