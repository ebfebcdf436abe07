// Matrix structure and special arrays: diag, tril, triu, kron, magic, logspace; the class limits
// (intmax, intmin, realmax, realmin, flintmax); and equality of whole values (isequal,
// isequaln) for every value class. Pure element rearrangement lives in `reshaping.ts`.

import { checkArraySize } from '../limits.ts';
import { hostOnly } from '../runtime/values/index.ts';
import { raise } from '../errors.ts';
import {
  castScalar,
  charText,
  INT_RANGE,
  isIntClass,
  logicalScalar,
  scalar,
  Tensor,
  type ArrayClass,
  type IntClass,
  type Value,
} from '../runtime/values/index.ts';
import { textArg } from './args.ts';
import { arithmeticClass, scalarArg, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

function matrixArg(v: Value | undefined, fname: string): Tensor {
  const t = tensorArg(v, fname);
  if (t.shape.length > 2) raise(`MATLAB:${fname}:firstInputMustBe2D`, 'First input must be 2-D.');
  return t;
}

function offsetArg(v: Value | undefined, fname: string): number {
  if (v === undefined) return 0;
  const k = scalarArg(v, fname, 2);
  if (!Number.isInteger(k)) raise(`MATLAB:${fname}:kthDiagInputNotInteger`, 'K-th diagonal input must be an integer scalar.');
  return k;
}

/** tril/triu: keeps elements with (col - row) on the kept side of k, zeroes the rest. */
function triangle(name: 'tril' | 'triu', doc: string): BuiltinSpec {
  return {
    family: 'construction',
    signatures: [`L = ${name}(A)`, `L = ${name}(A, k)`],
    doc,
    impl: (args) => {
      const a = matrixArg(args[0], name);
      const k = offsetArg(args[1], name);
      const [m, n] = a.shape;
      const re = Float64Array.from(a.re);
      const im = a.im ? Float64Array.from(a.im) : null;
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < m; i++) {
          const keep = name === 'tril' ? j - i <= k : j - i >= k;
          if (!keep) {
            re[i + j * m] = 0;
            if (im) im[i + j * m] = 0;
          }
        }
      }
      return new Tensor(a.cls, a.shape, re, im);
    },
  };
}

function magicSquare(n: number): Float64Array {
  const m = new Float64Array(n * n);
  const set = (i: number, j: number, v: number) => (m[i + j * n] = v);
  if (n % 2 === 1) {
    // Siamese method, in MATLAB's arrangement.
    for (let j = 1; j <= n; j++) {
      for (let i = 1; i <= n; i++) {
        const a = (((i + j - (n + 3) / 2) % n) + n) % n;
        const b = (i + 2 * j - 2) % n;
        set(i - 1, j - 1, n * a + b + 1);
      }
    }
  } else if (n % 4 === 0) {
    for (let j = 1; j <= n; j++) {
      for (let i = 1; i <= n; i++) {
        const v = (i - 1) * n + j;
        const flipped = Math.floor((i % 4) / 2) === Math.floor((j % 4) / 2);
        set(i - 1, j - 1, flipped ? n * n + 1 - v : v);
      }
    }
  } else {
    // LUX method: four magic squares of order p, then swap columns between the halves.
    const p = n / 2;
    const q = magicSquare(p);
    const p2 = p * p;
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < p; i++) {
        const v = q[i + j * p];
        set(i, j, v);
        set(i, j + p, v + 2 * p2);
        set(i + p, j, v + 3 * p2);
        set(i + p, j + p, v + p2);
      }
    }
    if (n === 2) return m;
    const k = (n - 2) / 4;
    const swap = (i: number, j: number) => {
      const t = m[i + j * n];
      m[i + j * n] = m[i + p + j * n];
      m[i + p + j * n] = t;
    };
    const cols: number[] = [];
    for (let j = 1; j <= k; j++) cols.push(j);
    for (let j = n - k + 2; j <= n; j++) cols.push(j);
    for (let i = 0; i < p; i++) for (const j of cols) swap(i, j - 1);
    swap(k, 0);
    swap(k, k);
  }
  return m;
}

/** A class-name argument (default `fallback`), or the class of p in (..., 'like', p). */
function classWord(args: Value[], fname: string, fallback: string): string {
  if (args.length === 0) return fallback;
  const w = textArg(args[0], fname);
  if (w === 'like') {
    const p = args[1] ?? raise('MATLAB:minrhs', 'Not enough input arguments.');
    return p.type === 'tensor' ? p.cls : p.type;
  }
  return w;
}

function intLimit(name: 'intmax' | 'intmin'): BuiltinSpec {
  const which = name === 'intmax' ? 1 : 0;
  return {
    family: 'construction',
    signatures: [`v = ${name}`, `v = ${name}(classname)`, `v = ${name}('like', p)`],
    doc: `The ${name === 'intmax' ? 'largest' : 'smallest'} value of an integer class (default int32), of that class. Example: ${name}('uint8') is ${name === 'intmax' ? 255 : 0}; ${name} is ${name === 'intmax' ? 2147483647 : -2147483648}.`,
    impl: (args) => {
      const cls = classWord(args, name, 'int32');
      if (!isIntClass(cls)) raise(`MATLAB:${name}:invalidClassName`, 'Invalid class name.');
      return new Tensor(cls, [1, 1], Float64Array.of(INT_RANGE[cls as IntClass][which]));
    },
  };
}

function floatLimit(name: string, double: number, single: number, doc: string): BuiltinSpec {
  return {
    family: 'construction',
    signatures: [`f = ${name}`, `f = ${name}(precision)`, `f = ${name}('like', p)`],
    doc,
    impl: (args) => {
      const cls = classWord(args, name, 'double');
      if (cls === 'double') return scalar(double);
      if (cls === 'single') return new Tensor('single', [1, 1], Float64Array.of(single));
      raise(`MATLAB:${name}:invalidClassName`, "Input must be 'double' or 'single'.");
    },
  };
}

/** Structural equality of two values; numbers compare by value whatever their class. */
export function valuesEqual(a: Value, b: Value, nanEqual: boolean): boolean {
  if (a.type === 'string' && b.type === 'tensor' && b.cls === 'char') return b.shape[0] <= 1 && a.items.length === 1 && a.items[0] === charText(b);
  if (b.type === 'string' && a.type === 'tensor') return valuesEqual(b, a, nanEqual);
  if (a.type !== b.type) return false;
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) return false;
  switch (a.type) {
    case 'gpu':
      return hostOnly('isequal');
    case 'tensor': {
      const t = b as Tensor;
      const same = (x: number, y: number) => x === y || (nanEqual && Number.isNaN(x) && Number.isNaN(y));
      for (let i = 0; i < a.re.length; i++) {
        if (!same(a.re[i], t.re[i])) return false;
        if ((a.im || t.im) && !same(a.im ? a.im[i] : 0, t.im ? t.im[i] : 0)) return false;
      }
      return true;
    }
    case 'string': {
      const items = (b as typeof a).items;
      return a.items.every((s, i) => s !== null && s === items[i]);
    }
    case 'cell': {
      const items = (b as typeof a).items;
      return a.items.every((x, i) => valuesEqual(x, items[i], nanEqual));
    }
    case 'struct': {
      const s = b as typeof a;
      if (a.fields.length !== s.fields.length || a.fields.some((f) => !s.fields.includes(f))) return false;
      return a.items.every((m, i) => a.fields.every((f) => valuesEqual(m.get(f)!, s.items[i].get(f)!, nanEqual)));
    }
    case 'function_handle':
      return a === b || (a.name !== null && a.name === (b as typeof a).name);
  }
}

function equality(name: 'isequal' | 'isequaln', nanEqual: boolean, doc: string): BuiltinSpec {
  return {
    family: 'types',
    signatures: [`tf = ${name}(A, B)`, `tf = ${name}(A1, A2, ..., An)`],
    doc,
    impl: (args) => {
      if (args.length < 2) raise('MATLAB:minrhs', 'Not enough input arguments.');
      return logicalScalar(args.slice(1).every((b) => valuesEqual(args[0], b, nanEqual)));
    },
  };
}

registerFamily({
  diag: {
    family: 'construction',
    lowering: { matrix: 'diag' },
    signatures: ['D = diag(v)', 'D = diag(v, k)', 'x = diag(A)', 'x = diag(A, k)'],
    doc: 'For a vector v, a square matrix with v on the k-th diagonal (k > 0 above the main one, k < 0 below); for a matrix A, the column of its k-th diagonal. Example: diag([1 2]) is [1 0; 0 2]; diag([1 2; 3 4]) is [1; 4]; diag([1 2; 3 4], 1) is 2.',
    impl: (args) => {
      const a = matrixArg(args[0], 'diag');
      const k = offsetArg(args[1], 'diag');
      const [m, n] = a.shape;
      if (m === 1 || n === 1) {
        const len = a.re.length;
        const size = len + Math.abs(k);
        const re = new Float64Array(size * size);
        const im = a.im ? new Float64Array(size * size) : null;
        const r0 = k < 0 ? -k : 0;
        const c0 = k > 0 ? k : 0;
        for (let i = 0; i < len; i++) {
          re[r0 + i + (c0 + i) * size] = a.re[i];
          if (im) im[r0 + i + (c0 + i) * size] = a.im![i];
        }
        return new Tensor(a.cls, [size, size], re, im);
      }
      if (m === 0 && n === 0) return a;
      const r0 = k < 0 ? -k : 0;
      const c0 = k > 0 ? k : 0;
      const len = Math.max(0, Math.min(m - r0, n - c0));
      const re = new Float64Array(len);
      const im = a.im ? new Float64Array(len) : null;
      for (let i = 0; i < len; i++) {
        re[i] = a.re[r0 + i + (c0 + i) * m];
        if (im) im[i] = a.im![r0 + i + (c0 + i) * m];
      }
      return new Tensor(a.cls, [len, 1], re, im);
    },
  },
  tril: triangle('tril', 'The lower triangular part of A: elements on and below the k-th diagonal (default 0), zeros elsewhere. Example: tril([1 2; 3 4]) is [1 0; 3 4]; tril(ones(3), -1) has zeros on the diagonal.'),
  triu: triangle('triu', 'The upper triangular part of A: elements on and above the k-th diagonal (default 0), zeros elsewhere. Example: triu([1 2; 3 4]) is [1 2; 0 4]; triu(ones(3), 1) has zeros on the diagonal.'),
  kron: {
    family: 'linalg',
    signatures: ['K = kron(A, B)'],
    doc: 'The Kronecker tensor product: every element A(i,j) replaced by the block A(i,j)*B, so K is size(A).*size(B). Example: kron([1 2], [1; 1]) is [1 2; 1 2].',
    impl: (args) => {
      const a = matrixArg(args[0], 'kron');
      const b = matrixArg(args[1], 'kron');
      const cls: ArrayClass = a.cls === 'logical' && b.cls === 'logical' ? 'double' : arithmeticClass(a, b);
      const [ma, na] = a.shape;
      const [mb, nb] = b.shape;
      const m = ma * mb;
      const complex = a.im !== null || b.im !== null;
      checkArraySize([m, na * nb], complex);
      const re = new Float64Array(m * na * nb);
      const im = complex ? new Float64Array(re.length) : null;
      for (let ja = 0; ja < na; ja++) {
        for (let ia = 0; ia < ma; ia++) {
          const ar = a.re[ia + ja * ma];
          const ai = a.im ? a.im[ia + ja * ma] : 0;
          for (let jb = 0; jb < nb; jb++) {
            for (let ib = 0; ib < mb; ib++) {
              const br = b.re[ib + jb * mb];
              const bi = b.im ? b.im[ib + jb * mb] : 0;
              const at = ia * mb + ib + (ja * nb + jb) * m;
              re[at] = ar * br - ai * bi;
              if (im) im[at] = ar * bi + ai * br;
            }
          }
        }
      }
      const out = new Tensor(cls, [m, na * nb], re, im);
      return cls === 'double' ? out : new Tensor(cls, out.shape, re.map((x) => castScalar(x, cls)), im);
    },
  },
  magic: {
    family: 'construction',
    signatures: ['M = magic(n)'],
    doc: 'An n-by-n magic square of the integers 1 to n^2, every row, column and both diagonals summing to n*(n^2+1)/2 (n ≥ 3; magic(2) is not magic). Example: magic(3) is [8 1 6; 3 5 7; 4 9 2].',
    impl: (args) => {
      let n = Math.floor(Math.abs(scalarArg(args[0], 'magic')));
      if (!Number.isFinite(n)) raise('MATLAB:magic:invalidInput', 'Input must be finite.');
      n = Math.max(0, n);
      return new Tensor('double', [n, n], magicSquare(n));
    },
  },
  logspace: {
    family: 'construction',
    signatures: ['y = logspace(a, b)', 'y = logspace(a, b, n)'],
    doc: 'n points (default 50) logarithmically spaced from 10^a to 10^b; when b is pi the points end at pi instead. Example: logspace(0, 2, 3) is [1 10 100].',
    impl: (args) => {
      const a = scalarArg(args[0], 'logspace', 1);
      let b = scalarArg(args[1], 'logspace', 2);
      const n = Math.max(1, Math.floor(args.length > 2 ? scalarArg(args[2], 'logspace', 3) : 50));
      if (b === Math.PI) b = Math.log10(Math.PI);
      const re = new Float64Array(n);
      for (let k = 0; k < n; k++) re[k] = 10 ** (n === 1 ? b : k === n - 1 ? b : a + (b - a) * (k / (n - 1)));
      return new Tensor('double', [1, n], re);
    },
  },
  intmax: intLimit('intmax'),
  intmin: intLimit('intmin'),
  realmax: floatLimit('realmax', Number.MAX_VALUE, 3.4028234663852886e38, "The largest finite floating-point number: 1.7977e+308 for double, 3.4028e+38 for realmax('single'). Example: realmax * 2 is Inf."),
  realmin: floatLimit('realmin', 2 ** -1022, 2 ** -126, "The smallest positive normalized floating-point number: 2.2251e-308 for double, 1.1755e-38 for realmin('single'). Example: realmin / 2 is subnormal but not 0."),
  flintmax: floatLimit('flintmax', 2 ** 53, 2 ** 24, "The largest consecutive integer a floating-point class holds exactly: 2^53 for double, 2^24 for flintmax('single'). Example: flintmax + 1 == flintmax is true."),
  isequal: equality('isequal', false, 'True when all inputs have the same size and contents; numeric classes may differ, NaN is never equal to NaN, cells and structs compare element by element. Example: isequal([1 2], int8([1 2])) is true; isequal(NaN, NaN) is false.'),
  isequaln: equality('isequaln', true, 'Like isequal, but NaN values compare equal to each other. Example: isequaln([1 NaN], [1 NaN]) is true.'),
});
