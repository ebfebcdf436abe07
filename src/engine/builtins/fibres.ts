// Walking an array along one dimension, shared by the reshaping, searching and statistics
// families: the [before, along, after] view of a shape, fibre iteration, trailing option words
// and the index maps (permute, flip) that move elements of any value class through `gather`.

import { raise } from '../errors.ts';
import { gather } from '../runtime/indexing/elements.ts';
import { numelOf, Tensor, type Value } from '../runtime/values/index.ts';
import { dimArg, firstNonSingleton, isText, textArg } from './args.ts';

/** Views a shape as [before, along, after] for 1-based dimension `dim` (dims past ndims are 1). */
export function layout(shape: readonly number[], dim: number): { before: number; along: number; after: number } {
  let before = 1;
  let after = 1;
  for (let d = 0; d < shape.length; d++) {
    if (d < dim - 1) before *= shape[d];
    else if (d > dim - 1) after *= shape[d];
  }
  return { before, along: shape[dim - 1] ?? 1, after };
}

/** `shape` with dimension `dim` (1-based) set to `size`, padding with 1s. */
export function withDim(shape: readonly number[], dim: number, size: number): number[] {
  const out = [...shape];
  while (out.length < dim) out.push(1);
  out[dim - 1] = size;
  return out;
}

/**
 * Calls `visit(start, stride)` for every fibre along `dim`: element k of the fibre is at
 * `start + k * stride` in column-major order.
 */
export function forEachFibre(shape: readonly number[], dim: number, visit: (start: number, stride: number, fibre: number) => void): void {
  const { before, along, after } = layout(shape, dim);
  let f = 0;
  for (let a = 0; a < after; a++) {
    for (let b = 0; b < before; b++) visit(b + a * before * along, before, f++);
  }
}

/** Splits trailing option words from positional arguments (numbers, arrays). */
export function splitOptions(args: Value[], first: number, fname: string): { positional: Value[]; words: string[] } {
  const positional: Value[] = [];
  const words: string[] = [];
  for (let i = first; i < args.length; i++) {
    if (isText(args[i])) words.push(textArg(args[i], fname, i + 1).toLowerCase());
    else positional.push(args[i]);
  }
  return { positional, words };
}

/** A dim argument, or the first non-singleton dimension when it is absent or []. */
export function dimOrDefault(v: Value | undefined, shape: readonly number[], fname: string): number {
  if (v === undefined || (v.type === 'tensor' && v.re.length === 0)) return firstNonSingleton(shape);
  return dimArg(v, fname);
}

export function badOption(fname: string, word: string): never {
  raise('MATLAB:invalidOption', `Invalid option '${word}' for ${fname}.`);
}

/** Linear source positions of `permute(A, order)` (order 0-based, covering every dim). */
export function permutePositions(shape: readonly number[], order: readonly number[]): { positions: number[]; shape: number[] } {
  const src = order.map((_, d) => shape[d] ?? 1);
  const strides: number[] = [];
  let acc = 1;
  for (const s of src) {
    strides.push(acc);
    acc *= s;
  }
  const outShape = order.map((d) => src[d]);
  const n = numelOf(outShape);
  const positions = new Array<number>(n);
  const sub = new Array<number>(order.length).fill(0);
  for (let k = 0; k < n; k++) {
    let p = 0;
    for (let d = 0; d < order.length; d++) p += sub[d] * strides[order[d]];
    positions[k] = p;
    for (let d = 0; d < order.length; d++) {
      if (++sub[d] < outShape[d]) break;
      sub[d] = 0;
    }
  }
  return { positions, shape: outShape };
}

/**
 * Linear positions after mapping each subscript: `map(d, i, size)` returns the source subscript
 * along dimension d (0-based) for output subscript i. The output has the input's shape.
 */
export function mapSubscripts(shape: readonly number[], map: (d: number, i: number, size: number) => number): number[] {
  const n = numelOf(shape);
  const strides: number[] = [];
  let acc = 1;
  for (const s of shape) {
    strides.push(acc);
    acc *= s;
  }
  const positions = new Array<number>(n);
  const sub = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let p = 0;
    for (let d = 0; d < shape.length; d++) p += map(d, sub[d], shape[d]) * strides[d];
    positions[k] = p;
    for (let d = 0; d < shape.length; d++) {
      if (++sub[d] < shape[d]) break;
      sub[d] = 0;
    }
  }
  return positions;
}

/** Linear positions of the sub-array that takes source subscripts `perDim[d]` along each dim d. */
export function selectPositions(srcShape: readonly number[], perDim: readonly (readonly number[])[]): { positions: number[]; shape: number[] } {
  const strides: number[] = [];
  let acc = 1;
  for (let d = 0; d < perDim.length; d++) {
    strides.push(acc);
    acc *= srcShape[d] ?? 1;
  }
  const shape = perDim.map((l) => l.length);
  const n = numelOf(shape);
  const positions = new Array<number>(n);
  const sub = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let p = 0;
    for (let d = 0; d < shape.length; d++) p += perDim[d][sub[d]] * strides[d];
    positions[k] = p;
    for (let d = 0; d < shape.length; d++) {
      if (++sub[d] < shape[d]) break;
      sub[d] = 0;
    }
  }
  return { positions, shape };
}

export function gatherValue(v: Value, positions: ArrayLike<number>, shape: readonly number[]): Value {
  return gather(v, positions, shape);
}

/** A real double column or row built from plain numbers. */
export function doubles(data: ArrayLike<number>, shape: readonly number[]): Tensor {
  return new Tensor('double', shape, Float64Array.from(data));
}

export function needValue(args: Value[], i = 0): Value {
  return args[i] ?? raise('MATLAB:minrhs', 'Not enough input arguments.');
}
