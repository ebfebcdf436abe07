// Operator builtins: what `a + b`, `A * B`, `A \ b`, `~a`, `a'`, `a:b` call. MATLAB names them
// (plus, mtimes, …) and so do we: the interpreter maps each operator token to one of these.

import { checkArraySize } from '../limits.ts';
import { raise } from '../errors.ts';
import { ELEMENTWISE_OPS as OPS, type ElementwiseOp } from '../graph/elementwiseOps.ts';
import { castScalar, CellArray, isIntClass, StringArray, StructArray, Tensor, type ArrayClass, type Value } from '../runtime/values/index.ts';
import { complexBinary, type ComplexOp } from './complex.ts';
import { luFactor, luSolve, qrSolve, rcondFromLu, transpose2d } from './dense.ts';
import { applyBinary, applyUnary, arithmeticClass, simplifyComplex, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec, CallContext } from './types.ts';

function arithmetic(name: string, op: ElementwiseOp, complexOp: ComplexOp | null, symbol: string, doc: string): BuiltinSpec {
  return {
    family: 'operators',
    signatures: [`C = A ${symbol} B`, `C = ${name}(A, B)`],
    doc,
    impl: (args, ctx) => {
      const [a, b] = operands(args, symbol);
      if (complexOp && (a.im || b.im)) return complexBinary(complexOp, a, b);
      if (complexOp === 'pow' && needsComplexPower(a, b)) return complexBinary('pow', a, b);
      return applyBinary(ctx, op, a, b);
    },
    lowering: { elementwise: op.name as keyof typeof OPS },
  };
}

/** Both operands of a binary operator, or MATLAB's error naming the operator and the type. */
function operands(args: Value[], symbol: string): [Tensor, Tensor] {
  if (args.length < 2) raise('MATLAB:minrhs', 'Not enough input arguments.');
  for (const v of args) {
    if (v.type !== 'tensor') {
      const type = v.type === 'struct' ? v.className : v.type;
      raise('MATLAB:UndefinedFunction', `Operator '${symbol}' is not supported for operands of type '${type}'.`);
    }
  }
  return [args[0] as Tensor, args[1] as Tensor];
}

/** A negative base with a fractional exponent has a complex result in MATLAB. */
function needsComplexPower(a: Tensor, b: Tensor): boolean {
  if (isIntClass(a.cls) || isIntClass(b.cls)) return false;
  let neg = false;
  for (let i = 0; i < a.re.length; i++) if (a.re[i] < 0) neg = true;
  if (!neg) return false;
  for (let i = 0; i < b.re.length; i++) if (!Number.isInteger(b.re[i]) && Number.isFinite(b.re[i])) return true;
  return false;
}

function comparison(name: string, op: ElementwiseOp, symbol: string, doc: string): BuiltinSpec {
  return {
    family: 'operators',
    signatures: [`TF = A ${symbol} B`, `TF = ${name}(A, B)`],
    doc,
    impl: (args, ctx) => {
      const [a, b] = operands(args, symbol);
      if ((a.im || b.im) && (name === 'eq' || name === 'ne')) {
        const re = applyBinary(ctx, OPS.eq, new Tensor('double', a.shape, a.re), new Tensor('double', b.shape, b.re));
        const im = applyBinary(
          ctx,
          OPS.eq,
          new Tensor('double', a.shape, a.im ?? new Float64Array(a.re.length)),
          new Tensor('double', b.shape, b.im ?? new Float64Array(b.re.length)),
        );
        const both = applyBinary(ctx, OPS.and, re, im);
        return name === 'eq' ? both : applyUnary(ctx, OPS.not, both);
      }
      return applyBinary(ctx, op, a, b);
    },
    lowering: { elementwise: op.name as keyof typeof OPS },
  };
}

function realMatrix(t: Tensor, fname: string): Tensor {
  if (t.shape.length > 2) raise('MATLAB:undefinedFunction', `Arguments must be 2-D, or at least one argument must be scalar. Use ${fname === 'mtimes' ? 'TIMES (.*)' : 'elementwise operators'} for elementwise operations.`);
  return t;
}

function mtimes(ctx: CallContext, a: Tensor, b: Tensor): Tensor {
  if (a.re.length === 1 || b.re.length === 1) {
    if (a.im || b.im) return complexBinary('mul', a, b);
    return applyBinary(ctx, OPS.mul, a, b);
  }
  realMatrix(a, 'mtimes');
  realMatrix(b, 'mtimes');
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) {
    raise(
      'MATLAB:innerdim',
      'Incorrect dimensions for matrix multiplication. Check that the number of columns in the first matrix matches the number of rows in the second matrix. To operate on each element of the matrix individually, use TIMES (.*) for elementwise multiplication.',
    );
  }
  checkArraySize([m, n], a.im !== null || b.im !== null);
  const cls = arithmeticClass(a, b);
  let re: Float64Array;
  let im: Float64Array | null = null;
  if (a.im || b.im) {
    const ai = a.im ?? new Float64Array(a.re.length);
    const bi = b.im ?? new Float64Array(b.re.length);
    const rr = ctx.cpu.matmul(a.re, b.re, m, k, n);
    const ii = ctx.cpu.matmul(ai, bi, m, k, n);
    const ri = ctx.cpu.matmul(a.re, bi, m, k, n);
    const ir = ctx.cpu.matmul(ai, b.re, m, k, n);
    re = rr.map((x, i) => x - ii[i]);
    im = ri.map((x, i) => x + ir[i]);
  } else {
    re = ctx.cpu.matmul(a.re, b.re, m, k, n);
  }
  if (cls !== 'double') for (let i = 0; i < re.length; i++) re[i] = castScalar(re[i], cls);
  return simplifyComplex(new Tensor(cls, [m, n], re, im));
}

/** A \ B */
function mldivide(ctx: CallContext, a: Tensor, b: Tensor): Tensor {
  if (a.re.length === 1) return applyBinary(ctx, OPS.ldiv, a, b);
  if (a.im || b.im) raise('MATLAB:notImplemented', 'Complex matrix division is not supported yet.');
  const [m, n] = a.shape;
  if (b.shape[0] !== m) {
    raise('MATLAB:dimagree', 'Matrix dimensions must agree.');
  }
  const nrhs = b.cols;
  const cls: ArrayClass = a.cls === 'single' || b.cls === 'single' ? 'single' : 'double';
  let x: Float64Array;
  if (m === n) {
    const f = luFactor(a.re, n);
    if (f.singular || rcondFromLu(f) < Number.EPSILON) {
      ctx.warning('MATLAB:singularMatrix', 'Matrix is singular to working precision.');
    }
    x = luSolve(f, b.re, nrhs);
  } else {
    x = qrSolve(a.re, m, n, b.re, nrhs);
  }
  if (cls === 'single') x = x.map(Math.fround);
  return new Tensor(cls, [n, nrhs], x);
}

function transposeOf(t: Tensor, conjugate: boolean): Tensor {
  if (t.shape.length > 2) raise('MATLAB:transpose:NDArray', 'Transpose on ND array is not defined. Use PERMUTE instead.');
  const [m, n] = t.shape;
  const re = transpose2d(t.re, m, n);
  let im = t.im ? transpose2d(t.im, m, n) : null;
  if (im && conjugate) im = im.map((x) => -x);
  return new Tensor(t.cls, [n, m], re, im);
}

function mpower(ctx: CallContext, a: Tensor, b: Tensor): Tensor {
  if (a.re.length === 1 && b.re.length === 1) {
    if (a.im || b.im || (a.re[0] < 0 && !Number.isInteger(b.re[0]))) return complexBinary('pow', a, b);
    return applyBinary(ctx, OPS.pow, a, b);
  }
  if (b.re.length === 1 && a.shape.length === 2 && a.shape[0] === a.shape[1]) {
    const p = b.re[0];
    if (Number.isInteger(p)) {
      const n = a.shape[0];
      let base = p < 0 ? mldivide(ctx, a, identity(n)) : a;
      let result = identity(n);
      let e = Math.abs(p);
      while (e > 0) {
        if (e & 1) result = mtimes(ctx, result, base);
        base = mtimes(ctx, base, base);
        e = Math.floor(e / 2);
      }
      return result;
    }
  }
  raise('MATLAB:mpower:notSquare', 'Incorrect dimensions for raising a matrix to a power. Check that the matrix is square and the power is a scalar. To operate on each element of the matrix individually, use POWER (.^) for elementwise power.');
}

function identity(n: number): Tensor {
  const re = new Float64Array(n * n);
  for (let i = 0; i < n; i++) re[i + i * n] = 1;
  return new Tensor('double', [n, n], re);
}

/**
 * The elements of `a:s:b` (non-NaN operands) without building them: how many, and element k
 * (0-based) exactly as `colonRange` computes it. A `for` loop over a range iterates this lazily,
 * as MATLAB does, so `for k = 1:1e12` needs no array.
 */
export function colonSequence(a: number, s: number, b: number): { n: number; at: (k: number) => number } {
  if (s === 0 || (s > 0 && a > b) || (s < 0 && a < b)) return { n: 0, at: () => NaN };
  const span = (b - a) / s;
  const tol = 2 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b)) / Math.abs(s);
  const n = Math.floor(span + tol) + 1;
  // Like MATLAB, fill half from each end so the last element is exactly b when b is reached.
  let last = a + (n - 1) * s;
  if (Math.abs(last - b) <= tol * Math.abs(s)) last = b;
  const half = Math.floor(n / 2);
  return { n: Number.isFinite(n) ? n : Infinity, at: (k) => (k < half ? a + k * s : last - (n - 1 - k) * s) };
}

/** `a:b` and `a:s:b` as MATLAB computes them: n = floor((b-a)/s) + 1 with a tolerance. */
export function colonRange(a: number, s: number, b: number, cls: ArrayClass = 'double'): Tensor {
  if (Number.isNaN(a) || Number.isNaN(s) || Number.isNaN(b)) return new Tensor(cls, [1, 1], Float64Array.of(NaN));
  const { n, at } = colonSequence(a, s, b);
  if (n === 0) return new Tensor(cls, [1, 0], new Float64Array(0));
  checkArraySize([1, n]);
  const re = new Float64Array(n);
  for (let k = 0; k < n; k++) re[k] = at(k);
  if (cls !== 'double') for (let k = 0; k < n; k++) re[k] = castScalar(re[k], cls);
  return new Tensor(cls, [1, n], re);
}

function colonClass(ts: Tensor[]): ArrayClass {
  for (const t of ts) if (isIntClass(t.cls)) return t.cls;
  if (ts.some((t) => t.cls === 'single')) return 'single';
  if (ts.every((t) => t.cls === 'char')) return 'char';
  return 'double';
}

/** colon uses the first element of each operand; an empty operand gives an empty range. */
function firstOf(t: Tensor): number {
  return t.re.length === 0 ? NaN : t.re[0];
}

registerFamily({
  plus: arithmetic('plus', OPS.add, 'add', '+', 'Addition with implicit expansion. Example: [1 2] + [10; 20] is [11 12; 21 22].'),
  minus: arithmetic('minus', OPS.sub, 'sub', '-', 'Subtraction with implicit expansion. Example: 5 - [1 2 3] is [4 3 2].'),
  times: arithmetic('times', OPS.mul, 'mul', '.*', 'Elementwise multiplication with implicit expansion. Example: [1 2 3] .* [4 5 6] is [4 10 18].'),
  rdivide: arithmetic('rdivide', OPS.div, 'div', './', 'Elementwise right division. Example: [2 4] ./ 2 is [1 2].'),
  ldivide: {
    family: 'operators',
    signatures: ['C = A .\\ B', 'C = ldivide(A, B)'],
    doc: 'Elementwise left division: A .\\ B is B ./ A. Example: 2 .\\ [2 4] is [1 2].',
    impl: (args) => complexBinary('div', tensorArg(args[1], 'ldivide', 2), tensorArg(args[0], 'ldivide', 1)),
    lowering: { elementwise: 'ldiv' },
  },
  power: arithmetic('power', OPS.pow, 'pow', '.^', 'Elementwise power. A negative base with a fractional exponent gives a complex result. Example: [1 2 3] .^ 2 is [1 4 9].'),
  mtimes: {
    family: 'operators',
    lowering: { matrix: 'mtimes' },
    signatures: ['C = A * B', 'C = mtimes(A, B)'],
    doc: 'Matrix multiplication: the number of columns of A must equal the number of rows of B; a scalar operand multiplies every element. Example: [1 2; 3 4] * [1; 1] is [3; 7].',
    impl: (args, ctx) => mtimes(ctx, tensorArg(args[0], 'mtimes', 1), tensorArg(args[1], 'mtimes', 2)),
  },
  mldivide: {
    family: 'operators',
    lowering: { scalarElementwise: 'ldiv', scalar: 'first' },
    signatures: ['X = A \\ B', 'X = mldivide(A, B)'],
    doc: 'Solves A*X = B: LU with partial pivoting for square A, least squares (QR) for rectangular A. Example: [2 0; 0 4] \\ [2; 4] is [1; 1].',
    impl: (args, ctx) => mldivide(ctx, tensorArg(args[0], 'mldivide', 1), tensorArg(args[1], 'mldivide', 2)),
  },
  mrdivide: {
    family: 'operators',
    lowering: { scalarElementwise: 'div', scalar: 'second' },
    signatures: ['X = B / A', 'X = mrdivide(B, A)'],
    doc: 'Solves X*A = B, i.e. (A.\' \\ B.\').\'; with a scalar A it divides every element. Example: [2 4] / 2 is [1 2].',
    impl: (args, ctx) => {
      const b = tensorArg(args[0], 'mrdivide', 1);
      const a = tensorArg(args[1], 'mrdivide', 2);
      if (a.re.length === 1) return a.im || b.im ? complexBinary('div', b, a) : applyBinary(ctx, OPS.div, b, a);
      if (a.shape.length === 2 && b.shape.length === 2 && a.shape[1] !== b.shape[1]) raise('MATLAB:dimagree', 'Matrix dimensions must agree.');
      return transposeOf(mldivide(ctx, transposeOf(a, false), transposeOf(b, false)), false);
    },
  },
  mpower: {
    family: 'operators',
    lowering: { scalarElementwise: 'pow', scalar: 'both' },
    signatures: ['C = A ^ B', 'C = mpower(A, B)'],
    doc: 'Matrix power: a scalar raised to a scalar, or a square matrix raised to an integer power by repeated squaring. Example: [1 1; 0 1]^3 is [1 3; 0 1].',
    impl: (args, ctx) => mpower(ctx, tensorArg(args[0], 'mpower', 1), tensorArg(args[1], 'mpower', 2)),
  },
  uminus: {
    family: 'operators',
    signatures: ['B = -A', 'B = uminus(A)'],
    doc: 'Unary minus. Example: -[1 -2] is [-1 2].',
    impl: (args, ctx) => {
      const a = tensorArg(args[0], 'uminus');
      const r = applyUnary(ctx, OPS.neg, a);
      const cls = a.cls === 'logical' || a.cls === 'char' ? 'double' : r.cls;
      return new Tensor(cls, r.shape, r.re, a.im ? a.im.map((x) => -x) : null);
    },
    lowering: { elementwise: 'neg' },
  },
  uplus: {
    family: 'operators',
    signatures: ['B = +A', 'B = uplus(A)'],
    doc: 'Unary plus: returns A (logical and char become double). Example: +true is 1.',
    impl: (args) => {
      const a = tensorArg(args[0], 'uplus');
      return a.cls === 'logical' || a.cls === 'char' ? new Tensor('double', a.shape, a.re, a.im) : a;
    },
  },
  not: {
    family: 'operators',
    signatures: ['B = ~A', 'B = not(A)'],
    doc: 'Logical NOT: true where A is zero. Example: ~[1 0 2] is [0 1 0] (logical).',
    impl: (args, ctx) => {
      const a = tensorArg(args[0], 'not');
      for (let i = 0; i < a.re.length; i++) if (Number.isNaN(a.re[i])) raise('MATLAB:nologicalnan', "NaN's cannot be converted to logicals.");
      return applyUnary(ctx, OPS.not, a);
    },
    lowering: { elementwise: 'not' },
  },
  eq: comparison('eq', OPS.eq, '==', 'Equality, elementwise, with implicit expansion. Example: [1 2 3] == 2 is [0 1 0].'),
  ne: comparison('ne', OPS.ne, '~=', 'Inequality, elementwise. Example: [1 2 3] ~= 2 is [1 0 1].'),
  lt: comparison('lt', OPS.lt, '<', 'Less than, elementwise. Example: [1 2 3] < 2 is [1 0 0].'),
  le: comparison('le', OPS.le, '<=', 'Less than or equal, elementwise. Example: [1 2 3] <= 2 is [1 1 0].'),
  gt: comparison('gt', OPS.gt, '>', 'Greater than, elementwise. Example: [1 2 3] > 2 is [0 0 1].'),
  ge: comparison('ge', OPS.ge, '>=', 'Greater than or equal, elementwise. Example: [1 2 3] >= 2 is [0 1 1].'),
  and: comparison('and', OPS.and, '&', 'Elementwise logical AND. Example: [1 0 1] & [1 1 0] is [1 0 0].'),
  or: comparison('or', OPS.or, '|', 'Elementwise logical OR. Example: [1 0 0] | [0 0 1] is [1 0 1].'),
  xor: {
    family: 'operators',
    signatures: ['C = xor(A, B)'],
    doc: 'Elementwise exclusive OR. Example: xor([1 1 0], [1 0 0]) is [0 1 0].',
    impl: (args, ctx) => applyBinary(ctx, OPS.xor, tensorArg(args[0], 'xor', 1), tensorArg(args[1], 'xor', 2)),
    lowering: { elementwise: 'xor' },
  },
  transpose: {
    family: 'operators',
    lowering: { matrix: 'transpose' },
    signatures: [`B = A.'`, 'B = transpose(A)'],
    doc: "Transpose without conjugation. Example: [1 2 3].' is a column.",
    impl: (args) => transposeValue(args[0], false),
  },
  ctranspose: {
    family: 'operators',
    lowering: { matrix: 'transpose' },
    signatures: [`B = A'`, 'B = ctranspose(A)'],
    doc: "Complex conjugate transpose. Example: [1+2i 3]' is [1-2i; 3].",
    impl: (args) => transposeValue(args[0], true),
  },
  colon: {
    family: 'operators',
    signatures: ['v = j:k', 'v = j:i:k', 'v = colon(j, k)', 'v = colon(j, i, k)'],
    doc: 'A row vector from j to k in steps of i (default 1); empty when the step goes the wrong way. Example: 1:2:7 is [1 3 5 7].',
    impl: (args) => {
      const ts = args.map((a, i) => tensorArg(a, 'colon', i + 1));
      const cls = colonClass(ts);
      if (ts.some((t) => t.re.length === 0)) return new Tensor(cls, [1, 0], new Float64Array(0));
      if (ts.length === 2) return colonRange(firstOf(ts[0]), 1, firstOf(ts[1]), cls);
      if (ts.length === 3) return colonRange(firstOf(ts[0]), firstOf(ts[1]), firstOf(ts[2]), cls);
      raise('MATLAB:minrhs', 'Not enough input arguments.');
    },
  },
});

function transposeValue(v: Value | undefined, conjugate: boolean): Value {
  if (v === undefined) raise('MATLAB:minrhs', 'Not enough input arguments.');
  if (v.type === 'tensor') return transposeOf(v, conjugate);
  if (v.shape.length > 2) raise('MATLAB:transpose:NDArray', 'Transpose on ND array is not defined. Use PERMUTE instead.');
  const [m, n] = v.shape;
  const order: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) order.push(i + j * m);
  if (v.type === 'cell') return new CellArray([n, m], order.map((k) => v.items[k]));
  if (v.type === 'string') return new StringArray([n, m], order.map((k) => v.items[k]));
  if (v.type === 'struct') return new StructArray([n, m], v.fields, order.map((k) => v.items[k]));
  return v;
}
