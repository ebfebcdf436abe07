// Reading builtin arguments the way MATLAB accepts them: text (char row or string scalar),
// size vectors (`zeros(2,3)`, `zeros([2 3])`), class names and trailing option words.

import { raise } from '../errors.ts';
import { checkArraySize } from '../limits.ts';
import { charText, type ArrayClass, type Value } from '../runtime/values/index.ts';
import { tensorArg } from './numeric.ts';

export function isText(v: Value | undefined): boolean {
  return v !== undefined && ((v.type === 'tensor' && v.cls === 'char' && v.shape[0] <= 1) || (v.type === 'string' && v.items.length === 1));
}

export function textArg(v: Value | undefined, fname: string, position = 1): string {
  if (v !== undefined) {
    if (v.type === 'tensor' && v.cls === 'char') return charText(v);
    if (v.type === 'string' && v.items.length === 1 && v.items[0] !== null) return v.items[0];
  }
  raise('MATLAB:invalidType', `Argument ${position} of ${fname} must be a character vector or string scalar.`);
}

const CLASS_WORDS = new Set(['double', 'single', 'logical', 'char', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64']);

/**
 * Splits `f(2, 3, 'single')` / `f([2 3], 'like', p)` into a size vector and a class. The size
 * is what MATLAB means: no size → 1×1, one scalar n → n×n, otherwise the listed dims. An array
 * of that size must fit the array budget (limits.ts) unless `checkSize` is false (repmat's counts).
 */
export function sizeAndClass(
  args: Value[],
  fname: string,
  defaultClass: ArrayClass = 'double',
  checkSize = true,
): { shape: number[]; cls: ArrayClass; like: Value | null; gpuArray: boolean } {
  let cls: ArrayClass = defaultClass;
  let like: Value | null = null;
  let gpuArray = false;
  const dims: Value[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (isText(a)) {
      const word = textArg(a, fname, i + 1);
      if (word === 'like') {
        like = args[++i] ?? raise('MATLAB:minrhs', 'Not enough input arguments.');
        if (like.type === 'tensor') cls = like.cls === 'char' ? 'double' : like.cls;
        continue;
      }
      if (CLASS_WORDS.has(word)) {
        cls = word as ArrayClass;
        continue;
      }
      if (word === 'gpuArray') {
        gpuArray = true;
        continue;
      }
      raise('MATLAB:invalidOption', `Invalid option '${word}' for ${fname}.`);
    }
    dims.push(a);
  }
  let shape: number[];
  if (dims.length === 0) shape = [1, 1];
  else if (dims.length === 1) {
    const t = tensorArg(dims[0], fname);
    shape = t.re.length === 1 ? [t.re[0], t.re[0]] : Array.from(t.re);
  } else {
    shape = dims.map((d, i) => {
      const t = tensorArg(d, fname, i + 1);
      if (t.re.length !== 1) raise('MATLAB:nonScalarSizeInput', 'Size inputs must be scalar.');
      return t.re[0];
    });
  }
  for (const d of shape) {
    if (Number.isNaN(d)) raise('MATLAB:NonaNSize', 'Size vector must not contain NaN.');
    if (!Number.isFinite(d) || d !== Math.floor(d)) raise('MATLAB:NonIntegerInput', 'Size inputs must be integers.');
  }
  const sizes = shape.map((d) => Math.max(0, d));
  if (checkSize) checkArraySize(sizes);
  return { shape: sizes, cls, like, gpuArray };
}

/**
 * A dimension past every array's last one: all such dimensions act alike (a trailing singleton),
 * so larger `dim` arguments are read as this one — `sum(x, 9e15)` must not pad a shape to 9e15.
 */
export const MAX_DIM_ARG = 1024;

/** Optional dimension argument: a positive integer scalar (huge ones read as MAX_DIM_ARG). */
export function dimArg(v: Value | undefined, fname: string): number {
  const t = tensorArg(v, fname, 2);
  const d = t.re[0];
  if (t.re.length !== 1 || !(d >= 1) || d !== Math.floor(d)) {
    raise('MATLAB:getdimarg:dimensionMustBePositiveInteger', 'Dimension argument must be a positive integer scalar within indexing range.');
  }
  return Math.min(d, MAX_DIM_ARG);
}

/** The first non-singleton dimension (1-based), MATLAB's default for reductions. */
export function firstNonSingleton(shape: readonly number[]): number {
  for (let i = 0; i < shape.length; i++) if (shape[i] !== 1) return i + 1;
  return 1;
}
