// Tensor: a dense, column-major, host-resident array of class double, single, int*, logical or
// char. Element data is always held in Float64Array (values already cast to the class: singles
// are fround-ed, integers saturated), plus an optional imaginary part. Tensors are immutable
// once built; the interpreter copies before writing (copy-on-write at assignment).

import { type ArrayClass, castScalar } from './classes.ts';
import { normalizeShape, numelOf, type Shape } from './shape.ts';
import { checkArraySize } from '../../limits.ts';

export class Tensor {
  readonly type = 'tensor' as const;
  readonly cls: ArrayClass;
  readonly shape: Shape;
  readonly re: Float64Array;
  /** Imaginary part; null for real arrays. */
  readonly im: Float64Array | null;
  /**
   * Copy-on-write bookkeeping: true only while a single workspace slot holds this tensor and it
   * was made by an indexed assignment, so the next `A(i) = x` may write in place instead of
   * copying. Reading the variable as a value (`B = A`, `f(A)`) clears it.
   */
  exclusive = false;

  constructor(cls: ArrayClass, shape: readonly number[], re: Float64Array, im: Float64Array | null = null) {
    this.cls = cls;
    // Most tensors are already 2-D with valid sizes; skip the normalising copy for them.
    this.shape = shape.length === 2 && shape[0] >= 0 && shape[1] >= 0 ? shape : normalizeShape(shape);
    this.re = re;
    this.im = im;
  }

  get numel(): number {
    return this.re.length;
  }

  get isComplex(): boolean {
    return this.im !== null;
  }

  get rows(): number {
    return this.shape[0];
  }

  get cols(): number {
    let n = 1;
    for (let i = 1; i < this.shape.length; i++) n *= this.shape[i];
    return n;
  }

  isScalar(): boolean {
    return this.re.length === 1;
  }

  isEmpty(): boolean {
    return this.re.length === 0;
  }

  /** Real part of element k (0-based, column-major). */
  at(k: number): number {
    return this.re[k];
  }

  withShape(shape: readonly number[]): Tensor {
    return new Tensor(this.cls, shape, this.re, this.im);
  }
}

const scalarCache = new Map<number, Tensor>();

/** A real double scalar. Small integers are cached: loops build millions of them. */
const SCALAR_SHAPE: readonly number[] = Object.freeze([1, 1]);

export function scalar(x: number): Tensor {
  if (Number.isInteger(x) && x >= -1 && x <= 1024) {
    let t = scalarCache.get(x);
    if (!t) {
      t = new Tensor('double', SCALAR_SHAPE, Float64Array.of(x));
      scalarCache.set(x, t);
    }
    return t;
  }
  return new Tensor('double', SCALAR_SHAPE, Float64Array.of(x));
}

export function complexScalar(re: number, im: number): Tensor {
  return new Tensor('double', [1, 1], Float64Array.of(re), Float64Array.of(im));
}

export function logicalScalar(b: boolean): Tensor {
  return b ? TRUE : FALSE;
}
const TRUE = new Tensor('logical', [1, 1], Float64Array.of(1));
const FALSE = new Tensor('logical', [1, 1], Float64Array.of(0));

/** A tensor of `cls` from real data that is cast element by element. */
export function fromReal(cls: ArrayClass, shape: readonly number[], data: ArrayLike<number>): Tensor {
  const re = new Float64Array(data.length);
  if (cls === 'double') re.set(data);
  else for (let i = 0; i < data.length; i++) re[i] = castScalar(data[i], cls);
  return new Tensor(cls, shape, re);
}

export function zerosOf(cls: ArrayClass, shape: readonly number[]): Tensor {
  checkArraySize(shape);
  return new Tensor(cls, shape, new Float64Array(numelOf(normalizeShape(shape))));
}

export function emptyDouble(): Tensor {
  return new Tensor('double', [0, 0], new Float64Array(0));
}

export function charRow(text: string): Tensor {
  const re = new Float64Array(text.length);
  for (let i = 0; i < text.length; i++) re[i] = text.charCodeAt(i);
  return new Tensor('char', [text.length === 0 ? 0 : 1, text.length], re);
}

/** The text of a char array read column-major (for a row vector: the string itself). */
export function charText(t: Tensor): string {
  let s = '';
  for (let i = 0; i < t.re.length; i++) s += String.fromCharCode(t.re[i]);
  return s;
}

/** Rows of a char matrix as strings. */
export function charRows(t: Tensor): string[] {
  const [r] = t.shape;
  const c = t.cols;
  const out: string[] = [];
  for (let i = 0; i < r; i++) {
    let s = '';
    for (let j = 0; j < c; j++) s += String.fromCharCode(t.re[i + j * r]);
    out.push(s);
  }
  return out;
}
