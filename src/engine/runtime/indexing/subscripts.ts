// Turning MATLAB subscripts into 0-based positions: colon (`:` or the char ':'), logical masks
// and positive integer indices, with MATLAB's errors for zero, negative, fractional and
// out-of-range subscripts. Shared by reading (subsref) and writing (subsasgn).

import { raise } from '../../errors.ts';
import type { Value } from '../values/index.ts';

/** One dimension's subscript: every position, or an explicit list (0-based). */
export type Subscript = { all: true; count: number } | { all: false; list: number[]; shape: readonly number[]; logical: boolean };

export function isColonArg(v: Value): boolean {
  return v.type === 'tensor' && v.cls === 'char' && v.re.length === 1 && v.re[0] === 58;
}

/**
 * Reads one subscript argument. `extent` is the size of the dimension it indexes (for `:`).
 * `position`/`count` give MATLAB's "Index in position k" wording.
 */
export function readSubscript(arg: Value, extent: number, position: number, count: number): Subscript {
  if (isColonArg(arg)) return { all: true, count: extent };
  if (arg.type !== 'tensor') {
    raise('MATLAB:badsubscript', `Unable to use a value of type ${arg.type === 'cell' ? 'cell' : arg.type} as an index.`);
  }
  if (arg.cls === 'logical') {
    const list: number[] = [];
    for (let i = 0; i < arg.re.length; i++) {
      if (arg.re[i] !== 0) {
        if (i >= extent) outOfRange(i + 1, extent, position, count, true);
        list.push(i);
      }
    }
    return { all: false, list, shape: arg.shape, logical: true };
  }
  const list = new Array<number>(arg.re.length);
  for (let i = 0; i < arg.re.length; i++) {
    const x = arg.re[i];
    if (!(x >= 1) || x !== Math.floor(x)) {
      const where = count > 1 ? `Index in position ${position} is invalid. ` : '';
      if (Number.isNaN(x) || x !== Math.floor(x) || x < 1) {
        raise('MATLAB:badsubscript', `${where}Array indices must be positive integers or logical values.`);
      }
    }
    list[i] = x - 1;
  }
  return { all: false, list, shape: arg.shape, logical: false };
}

export function outOfRange(index: number, extent: number, position: number, count: number, logical = false): never {
  if (count === 1) {
    raise(
      'MATLAB:badsubscript',
      logical
        ? `The logical indices contain a true value outside of the array bounds.`
        : `Index exceeds the number of array elements. Index must not exceed ${extent}.`,
    );
  }
  raise('MATLAB:badsubscript', `Index in position ${position} exceeds array bounds. Index must not exceed ${extent}.`);
}

export function subscriptLength(s: Subscript): number {
  return s.all ? s.count : s.list.length;
}

export function subscriptAt(s: Subscript, i: number): number {
  return s.all ? i : s.list[i];
}

export function subscriptMax(s: Subscript): number {
  if (s.all) return s.count - 1;
  let m = -1;
  for (const x of s.list) if (x > m) m = x;
  return m;
}

/**
 * Sizes of the dimensions that `n` subscripts address: the last subscript spans all the
 * remaining dimensions (MATLAB's trailing-dimension folding).
 */
export function addressedShape(shape: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i < n - 1) out.push(i < shape.length ? shape[i] : 1);
    else {
      let p = 1;
      for (let j = i; j < shape.length; j++) p *= shape[j];
      out.push(i < shape.length ? p : 1);
    }
  }
  return out;
}
