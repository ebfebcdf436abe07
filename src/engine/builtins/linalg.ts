// Linear algebra builtins: inverses and determinants, norms and conditioning, factorisations
// (lu, qr, chol, eig, svd), subspaces (null, orth), expm, vector products and matrix structure
// tests. The numerics live in decompositions.ts (and dense.ts); this file owns MATLAB's argument
// forms, output shapes, classes, warnings and errors. mldivide lives in operators.ts.

import { raise } from '../errors.ts';
import { isIntClass, logicalScalar, scalar, Tensor, type Value } from '../runtime/values/index.ts';
import { dimArg, firstNonSingleton, isText, textArg } from './args.ts';
import { cholUpper, expmReal, eye, householderQr, luRect, luRectSolve, rows, singularValues, svd } from './decompositions.ts';
import { eigenvectors, generalEigenvalues, symEig } from './eigen.ts';
import { transpose2d } from './dense.ts';
import { describe, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec, CallContext, Lowering } from './types.ts';

type Cls = 'double' | 'single';

/** A 2-D floating matrix argument (logical and char count as double; integers are refused like MATLAB). */
function matrixArg(v: Value | undefined, fname: string, position = 1): Tensor {
  const t = tensorArg(v, fname, position);
  if (isIntClass(t.cls)) raise('MATLAB:UndefinedFunction', `Undefined function '${fname}' for input arguments of type '${t.cls}'.`);
  if (t.shape.length > 2) raise('MATLAB:expected2D', 'Input must be 2-D.');
  return t;
}

function clsOf(...ts: Tensor[]): Cls {
  return ts.some((t) => t.cls === 'single') ? 'single' : 'double';
}

/** A result tensor of class cls (single values rounded); an all-zero imaginary part is dropped. */
function out(cls: Cls, shape: readonly number[], re: Float64Array, im: Float64Array | null = null): Tensor {
  if (cls === 'single') {
    re = re.map(Math.fround);
    if (im) im = im.map(Math.fround);
  }
  if (im && im.every((x) => x === 0)) im = null;
  return new Tensor(cls, shape, re, im);
}

function num(cls: Cls, x: number): Tensor {
  return cls === 'double' ? scalar(x) : out(cls, [1, 1], Float64Array.of(x));
}

function requireSquare(t: Tensor): number {
  if (t.shape[0] !== t.shape[1]) raise('MATLAB:square', 'Matrix must be square.');
  return t.shape[0];
}

function requireReal(t: Tensor, fname: string): void {
  if (t.im) raise('MATLAB:notImplemented', `${fname} of a complex matrix is not supported yet.`);
}

function requireFinite(t: Tensor, fname: string): void {
  const bad = (a: Float64Array | null) => a !== null && a.some((x) => !Number.isFinite(x));
  if (bad(t.re) || bad(t.im)) raise(`MATLAB:${fname}:matrixWithNaNInf`, `Input to ${fname.toUpperCase()} must not contain NaN or Inf.`);
}

function option(args: Value[], from: number, fname: string): string | null {
  const a = args[from];
  return a !== undefined && isText(a) ? textArg(a, fname, from + 1).toLowerCase() : null;
}

// ---------------------------------------------------------------------------------------------
// inv, det

function invArrays(t: Tensor): { re: Float64Array; im: Float64Array; singular: boolean } {
  const n = t.shape[0];
  const f = luRect(t.re, t.im, n, n);
  if (f.zeroPivot) return { re: new Float64Array(n * n).fill(Infinity), im: new Float64Array(n * n), singular: true };
  const [re, im] = luRectSolve(f, eye(n), new Float64Array(n * n), n);
  return { re, im, singular: false };
}

function norm1(re: Float64Array, im: Float64Array | null, m: number, n: number): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += im ? Math.hypot(re[i + j * m], im[i + j * m]) : Math.abs(re[i + j * m]);
    if (s > best || Number.isNaN(s)) best = s;
  }
  return best;
}

function inv(ctx: CallContext, t: Tensor): Tensor {
  const n = requireSquare(t);
  const r = invArrays(t);
  if (r.singular) ctx.warning('MATLAB:singularMatrix', 'Matrix is singular to working precision.');
  else {
    const rc = 1 / (norm1(t.re, t.im, n, n) * norm1(r.re, r.im, n, n));
    if (rc < Number.EPSILON) {
      ctx.warning('MATLAB:nearlySingularMatrix', `Matrix is close to singular or badly scaled. Results may be inaccurate. RCOND = ${rc.toExponential(6)}.`);
    }
  }
  return out(clsOf(t), [n, n], r.re, t.im ? r.im : null);
}

function det(t: Tensor): Tensor {
  const n = requireSquare(t);
  const f = luRect(t.re, t.im, n, n);
  let dr = f.sign;
  let di = 0;
  for (let i = 0; i < n; i++) {
    const ur = f.re[i + i * n];
    const ui = f.im[i + i * n];
    [dr, di] = [dr * ur - di * ui, dr * ui + di * ur];
  }
  return out(clsOf(t), [1, 1], Float64Array.of(dr + 0), t.im ? Float64Array.of(di + 0) : null);
}

// ---------------------------------------------------------------------------------------------
// Norms, rank, cond

function isVectorShape(t: Tensor): boolean {
  return t.shape.length === 2 && (t.shape[0] === 1 || t.shape[1] === 1);
}

function absAt(t: Tensor, i: number): number {
  return t.im ? Math.hypot(t.re[i], t.im[i]) : Math.abs(t.re[i]);
}

function vectorNorm(abs: number[], p: number): number {
  if (abs.length === 0) return p === -Infinity ? Infinity : 0;
  if (p === Infinity) return abs.reduce((a, b) => (Number.isNaN(b) ? NaN : Math.max(a, b)), 0);
  if (p === -Infinity) return abs.reduce((a, b) => (Number.isNaN(b) ? NaN : Math.min(a, b)), Infinity);
  if (p === 2) {
    const scale = abs.reduce((a, b) => Math.max(a, b), 0);
    if (scale === 0 || !Number.isFinite(scale)) return abs.some((x) => Number.isNaN(x)) ? NaN : scale;
    return scale * Math.sqrt(abs.reduce((s, x) => s + (x / scale) ** 2, 0));
  }
  if (p === 1) return abs.reduce((s, x) => s + x, 0);
  return abs.reduce((s, x) => s + x ** p, 0) ** (1 / p);
}

function normKind(v: Value | undefined, fname: string): number | 'fro' {
  if (v === undefined) return 2;
  if (isText(v)) {
    const w = textArg(v, fname, 2).toLowerCase();
    if (w === 'fro') return 'fro';
    if (w === 'inf') return Infinity;
    raise('MATLAB:norm:unknownNorm', `Unknown norm type '${w}'.`);
  }
  const t = tensorArg(v, fname, 2);
  if (t.re.length !== 1) raise('MATLAB:norm:unknownNorm', 'The norm type must be a scalar or text.');
  return t.re[0];
}

function matrixNorm(t: Tensor, p: number | 'fro'): number {
  const [m, n] = t.shape;
  const abs = Array.from({ length: t.re.length }, (_, i) => absAt(t, i));
  if (isVectorShape(t) || t.re.length === 0) {
    if (t.re.length === 0) return 0;
    return vectorNorm(abs, p === 'fro' ? 2 : p);
  }
  if (p === 'fro') return vectorNorm(abs, 2);
  if (p === 1) return norm1(t.re, t.im, m, n);
  if (p === Infinity) {
    let best = 0;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += abs[i + j * m];
      if (s > best || Number.isNaN(s)) best = s;
    }
    return best;
  }
  if (p === 2) {
    if (abs.some((x) => Number.isNaN(x))) return NaN;
    if (abs.some((x) => x === Infinity)) return Infinity;
    return singularValues(t.re, t.im, m, n)[0] ?? 0;
  }
  raise('MATLAB:norm:unknownNorm', "The only matrix norms available are 1, 2, inf, and 'fro'.");
}

function svdTol(s: Float64Array, m: number, n: number): number {
  return Math.max(m, n) * (s[0] ?? 0) * epsOf(s[0] ?? 0);
}

/** MATLAB's eps(x): the spacing of doubles at |x|. */
function epsOf(x: number): number {
  const a = Math.abs(x);
  if (a < 2.2250738585072014e-308) return 5e-324;
  return 2 ** (Math.floor(Math.log2(a)) - 52);
}

function rank(t: Tensor, tol?: number): number {
  const [m, n] = t.shape;
  if (t.re.length === 0) return 0;
  requireFinite(t, 'svd');
  const s = singularValues(t.re, t.im, m, n);
  const limit = tol ?? svdTol(s, m, n);
  return s.reduce((r, x) => (x > limit ? r + 1 : r), 0);
}

function cond(t: Tensor, p: number | 'fro'): number {
  const [m, n] = t.shape;
  if (t.re.length === 0) return 0;
  if (p === 2) {
    requireFinite(t, 'svd');
    const s = singularValues(t.re, t.im, m, n);
    const last = s[s.length - 1];
    return last === 0 ? Infinity : s[0] / last;
  }
  requireSquare(t);
  const r = invArrays(t);
  if (r.singular) return Infinity;
  return matrixNorm(t, p) * matrixNorm(new Tensor('double', [n, n], r.re, t.im ? r.im : null), p);
}

// ---------------------------------------------------------------------------------------------
// Factorisations

function lu(ctx: CallContext, args: Value[]): Value[] {
  const t = matrixArg(args[0], 'lu');
  const vector = option(args, 1, 'lu') === 'vector';
  const [m, n] = t.shape;
  const k = Math.min(m, n);
  const f = luRect(t.re, t.im, m, n);
  const cls = clsOf(t);
  const im = t.im !== null;
  if (ctx.nargout <= 1) return [out(cls, [m, n], f.re, im ? f.im : null)];
  const Lr = new Float64Array(m * k);
  const Li = new Float64Array(m * k);
  const Ur = new Float64Array(k * n);
  const Ui = new Float64Array(k * n);
  for (let j = 0; j < k; j++) {
    Lr[j + j * m] = 1;
    for (let i = j + 1; i < m; i++) {
      Lr[i + j * m] = f.re[i + j * m];
      Li[i + j * m] = f.im[i + j * m];
    }
  }
  for (let j = 0; j < n; j++) {
    for (let i = 0; i <= Math.min(j, k - 1); i++) {
      Ur[i + j * k] = f.re[i + j * m];
      Ui[i + j * k] = f.im[i + j * m];
    }
  }
  const U = out(cls, [k, n], Ur, im ? Ui : null);
  if (ctx.nargout === 2) {
    // L := P'·L, the rows put back in the original order.
    const Pr = new Float64Array(m * k);
    const Pi = new Float64Array(m * k);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < k; j++) {
        Pr[f.piv[i] + j * m] = Lr[i + j * m];
        Pi[f.piv[i] + j * m] = Li[i + j * m];
      }
    }
    return [out(cls, [m, k], Pr, im ? Pi : null), U];
  }
  let P: Tensor;
  if (vector) P = out('double', [1, m], Float64Array.from(f.piv, (x) => x + 1));
  else {
    const p = new Float64Array(m * m);
    for (let i = 0; i < m; i++) p[i + f.piv[i] * m] = 1;
    P = out('double', [m, m], p);
  }
  return [out(cls, [m, k], Lr, im ? Li : null), U, P];
}

function qr(ctx: CallContext, args: Value[]): Value[] {
  const t = matrixArg(args[0], 'qr');
  requireReal(t, 'qr');
  const opt = args[1];
  let econ = false;
  if (opt !== undefined) {
    if (isText(opt)) {
      const w = textArg(opt, 'qr', 2).toLowerCase();
      if (w === 'econ') econ = true;
      else if (w !== 'matrix' && w !== 'vector') raise('MATLAB:qr:unknownOption', `Invalid option '${w}'.`);
    } else if (tensorArg(opt, 'qr', 2).re[0] === 0) econ = true;
    else raise('MATLAB:qr:unknownOption', 'Use 0 or "econ" for the economy-size decomposition.');
  }
  const vectorPerm = econ || option(args, 1, 'qr') === 'vector';
  const [m, n] = t.shape;
  const cls = clsOf(t);
  const f = householderQr(t.re, m, n, ctx.nargout >= 3);
  const rowsKept = econ ? Math.min(m, n) : m;
  const R = out(cls, [rowsKept, n], econ ? rows(f.r, m, n, 0, rowsKept) : f.r);
  if (ctx.nargout <= 1) return [R];
  const Q = out(cls, [m, rowsKept], f.q.slice(0, m * rowsKept));
  if (ctx.nargout === 2) return [Q, R];
  let P: Tensor;
  if (vectorPerm) P = out('double', [1, n], Float64Array.from(f.perm, (x) => x + 1));
  else {
    const p = new Float64Array(n * n);
    for (let j = 0; j < n; j++) p[f.perm[j] + j * n] = 1;
    P = out('double', [n, n], p);
  }
  return [Q, R, P];
}

function chol(ctx: CallContext, args: Value[]): Value[] {
  const t = matrixArg(args[0], 'chol');
  requireReal(t, 'chol');
  const n = requireSquare(t);
  const tri = option(args, 1, 'chol') ?? 'upper';
  if (tri !== 'upper' && tri !== 'lower') raise('MATLAB:chol:invalidOption', `Invalid option '${tri}'.`);
  // 'lower' reads the lower triangle: chol(A,'lower') = chol(A.').'.
  const src = tri === 'lower' ? transpose2d(t.re, n, n) : t.re;
  const { r, p } = cholUpper(src, n);
  if (p > 0 && ctx.nargout < 2) raise('MATLAB:posdef', 'Matrix must be positive definite.');
  const k = p > 0 ? p - 1 : n;
  let R: Float64Array = new Float64Array(k * k);
  for (let j = 0; j < k; j++) for (let i = 0; i <= j; i++) R[i + j * k] = r[i + j * n];
  if (tri === 'lower') R = transpose2d(R, k, k);
  return [out(clsOf(t), [k, k], R), scalar(p)];
}

function eig(ctx: CallContext, args: Value[]): Value[] {
  const t = matrixArg(args[0], 'eig');
  if (args[1] !== undefined && !isText(args[1])) raise('MATLAB:notImplemented', 'The generalized eigenproblem eig(A, B) is not supported yet.');
  const flag = option(args, 1, 'eig');
  requireReal(t, 'eig');
  const n = requireSquare(t);
  requireFinite(t, 'eig');
  const cls = clsOf(t);
  const asVector = ctx.nargout >= 2 ? flag === 'vector' : flag !== 'matrix';
  const diagOf = (re: Float64Array, im: Float64Array | null) => {
    if (asVector) return out(cls, [n, 1], re, im);
    const dr = new Float64Array(n * n);
    const di = im ? new Float64Array(n * n) : null;
    for (let i = 0; i < n; i++) {
      dr[i + i * n] = re[i];
      if (di && im) di[i + i * n] = im[i];
    }
    return out(cls, [n, n], dr, di);
  };
  let symmetric = true;
  for (let j = 0; j < n && symmetric; j++) for (let i = j + 1; i < n; i++) if (t.re[i + j * n] !== t.re[j + i * n]) symmetric = false;
  if (symmetric) {
    const { values, vectors } = symEig(t.re, n);
    if (ctx.nargout <= 1) return [diagOf(values, null)];
    return [out(cls, [n, n], vectors), diagOf(values, null)];
  }
  const ev = generalEigenvalues(t.re, n);
  if (!ev) raise('MATLAB:eig:noConvergence', 'EIG did not converge.');
  const complex = ev.wi.some((x) => x !== 0);
  if (ctx.nargout <= 1) return [diagOf(ev.wr, complex ? ev.wi : null)];
  const v = eigenvectors(t.re, n, ev.wr, ev.wi);
  return [out(cls, [n, n], v.re, complex ? v.im : null), diagOf(ev.wr, complex ? ev.wi : null)];
}

function svdBuiltin(ctx: CallContext, args: Value[]): Value[] {
  const t = matrixArg(args[0], 'svd');
  requireFinite(t, 'svd');
  const [m, n] = t.shape;
  const cls = clsOf(t);
  const k = Math.min(m, n);
  const opt = args[1];
  let econ = false;
  if (opt !== undefined) {
    if (isText(opt)) econ = textArg(opt, 'svd', 2).toLowerCase() === 'econ';
    else if (tensorArg(opt, 'svd', 2).re[0] === 0) econ = m > n; // svd(A,0) economises only tall A
  }
  if (ctx.nargout <= 1) return [out(cls, [k, 1], singularValues(t.re, t.im, m, n))];
  requireReal(t, '[U,S,V] = svd');
  const f = svd(t.re, m, n, !econ);
  const ur = econ ? k : m;
  const vc = econ ? k : n;
  const S = new Float64Array(ur * vc);
  for (let i = 0; i < k; i++) S[i + i * ur] = f.s[i];
  return [out(cls, [m, ur], f.u), out(cls, [ur, vc], S), out(cls, [n, vc], f.v)];
}

/** Orthonormal bases from the SVD: null space (V's trailing columns) or range (U's leading). */
function subspace(t: Tensor, which: 'null' | 'orth'): Tensor {
  requireReal(t, which);
  requireFinite(t, 'svd');
  const [m, n] = t.shape;
  const cls = clsOf(t);
  if (t.re.length === 0) return which === 'null' ? out(cls, [n, n], eye(n)) : out(cls, [m, 0], new Float64Array(0));
  const f = svd(t.re, m, n, true);
  const r = f.s.reduce((c, x) => (x > svdTol(f.s, m, n) ? c + 1 : c), 0);
  if (which === 'orth') return out(cls, [m, r], f.u.slice(0, m * r));
  return out(cls, [n, n - r], f.v.slice(r * n));
}

function pinv(t: Tensor, tolArg?: number): Tensor {
  requireReal(t, 'pinv');
  const [m, n] = t.shape;
  const cls = clsOf(t);
  if (t.re.length === 0) return out(cls, [n, m], new Float64Array(0));
  requireFinite(t, 'svd');
  const f = svd(t.re, m, n, false);
  const k = Math.min(m, n);
  const tol = tolArg ?? svdTol(f.s, m, n);
  const x = new Float64Array(n * m);
  for (let p = 0; p < k; p++) {
    if (!(f.s[p] > tol)) continue;
    const inv = 1 / f.s[p];
    for (let j = 0; j < m; j++) {
      const u = f.u[j + p * m] * inv;
      if (u === 0) continue;
      for (let i = 0; i < n; i++) x[i + j * n] += f.v[i + p * n] * u;
    }
  }
  return out(cls, [n, m], x);
}

// ---------------------------------------------------------------------------------------------
// Vectors: dot, cross, vecnorm

/** Views shape as [before, along, after] for 1-based dim. */
function layout(shape: readonly number[], dim: number): [number, number, number] {
  let before = 1;
  let after = 1;
  for (let d = 0; d < shape.length; d++) {
    if (d < dim - 1) before *= shape[d];
    else if (d > dim - 1) after *= shape[d];
  }
  return [before, shape[dim - 1] ?? 1, after];
}

function reducedShape(shape: readonly number[], dim: number): number[] {
  const s = [...shape];
  while (s.length < dim) s.push(1);
  s[dim - 1] = 1;
  return s;
}

function dot(args: Value[]): Tensor {
  let a = matrixArgND(args[0], 'dot', 1);
  let b = matrixArgND(args[1], 'dot', 2);
  if (isVectorShape(a) && isVectorShape(b) && a.re.length === b.re.length && args[2] === undefined) {
    a = a.withShape([a.re.length, 1]);
    b = b.withShape([b.re.length, 1]);
  }
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) raise('MATLAB:dot:InputSizeMismatch', 'A and B must be same size.');
  const dim = args[2] !== undefined ? dimArg(args[2], 'dot') : firstNonSingleton(a.shape);
  const [before, along, after] = layout(a.shape, dim);
  const re = new Float64Array(before * after);
  const im = new Float64Array(before * after);
  for (let o = 0; o < after; o++) {
    for (let i = 0; i < before; i++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < along; k++) {
        const idx = i + k * before + o * before * along;
        const ar = a.re[idx];
        const ai = a.im ? -a.im[idx] : 0; // conj(a)
        const br = b.re[idx];
        const bi = b.im ? b.im[idx] : 0;
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      re[i + o * before] = sr;
      im[i + o * before] = si;
    }
  }
  return out(clsOf(a, b), reducedShape(a.shape, dim), re, im);
}

function matrixArgND(v: Value | undefined, fname: string, position: number): Tensor {
  const t = tensorArg(v, fname, position);
  if (isIntClass(t.cls)) raise('MATLAB:UndefinedFunction', `Undefined function '${fname}' for input arguments of type '${t.cls}'.`);
  return t;
}

function cross(args: Value[]): Tensor {
  let a = matrixArgND(args[0], 'cross', 1);
  let b = matrixArgND(args[1], 'cross', 2);
  let shape = a.shape;
  if (args[2] === undefined && isVectorShape(a) && isVectorShape(b) && a.re.length === 3 && b.re.length === 3) {
    shape = a.shape[0] === 1 && b.shape[0] === 1 ? [1, 3] : a.shape[0] === b.shape[0] ? a.shape : [3, 1];
    a = a.withShape([3, 1]);
    b = b.withShape([3, 1]);
  }
  const sizeError = () => raise('MATLAB:cross:InputSizeMismatch', 'A and B must be of length 3 in the dimension in which the cross product is taken.');
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) sizeError();
  const dim = args[2] !== undefined ? dimArg(args[2], 'cross') : a.shape.indexOf(3) + 1;
  if (dim === 0 || a.shape[dim - 1] !== 3) sizeError();
  const [before, , after] = layout(a.shape, dim);
  const n = a.re.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const A = (x: Tensor, i: number): [number, number] => [x.re[i], x.im ? x.im[i] : 0];
  for (let o = 0; o < after; o++) {
    for (let i = 0; i < before; i++) {
      const idx = (k: number) => i + k * before + o * before * 3;
      for (let k = 0; k < 3; k++) {
        const [p, q] = [(k + 1) % 3, (k + 2) % 3];
        const [apr, api] = A(a, idx(p));
        const [bqr, bqi] = A(b, idx(q));
        const [aqr, aqi] = A(a, idx(q));
        const [bpr, bpi] = A(b, idx(p));
        re[idx(k)] = apr * bqr - api * bqi - (aqr * bpr - aqi * bpi);
        im[idx(k)] = apr * bqi + api * bqr - (aqr * bpi + aqi * bpr);
      }
    }
  }
  return out(clsOf(a, b), shape, re, im);
}

function vecnorm(args: Value[]): Tensor {
  const a = matrixArgND(args[0], 'vecnorm', 1);
  let p = 2;
  if (args[1] !== undefined && !(args[1].type === 'tensor' && args[1].re.length === 0)) {
    const k = normKind(args[1], 'vecnorm');
    p = k === 'fro' ? 2 : k;
    if (!(p > 0)) raise('MATLAB:vecnorm:unknownNorm', 'The norm type must be a positive scalar or Inf.');
  }
  const dim = args[2] !== undefined ? dimArg(args[2], 'vecnorm') : firstNonSingleton(a.shape);
  const [before, along, after] = layout(a.shape, dim);
  const re = new Float64Array(before * after);
  for (let o = 0; o < after; o++) {
    for (let i = 0; i < before; i++) {
      const abs: number[] = [];
      for (let k = 0; k < along; k++) abs.push(absAt(a, i + k * before + o * before * along));
      re[i + o * before] = vectorNorm(abs, p);
    }
  }
  return out(clsOf(a), reducedShape(a.shape, dim), re);
}

// ---------------------------------------------------------------------------------------------
// Structure tests

function structure(v: Value | undefined, fname: string, keep: (i: number, j: number) => boolean): Tensor {
  const t = tensorArg(v, fname);
  if (t.shape.length > 2) return logicalScalar(false);
  const [m, n] = t.shape;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      if (keep(i, j)) continue;
      const k = i + j * m;
      if (t.re[k] !== 0 || (t.im && t.im[k] !== 0)) return logicalScalar(false);
    }
  }
  return logicalScalar(true);
}

function issymmetric(args: Value[]): Tensor {
  const t = tensorArg(args[0], 'issymmetric');
  let skew = false;
  let tol = 0;
  for (let i = 1; i < args.length; i++) {
    if (isText(args[i])) {
      const w = textArg(args[i], 'issymmetric', i + 1).toLowerCase();
      if (w === 'skew') skew = true;
      else if (w !== 'nonskew') raise('MATLAB:issymmetric:inputFlag', "Second input must be 'skew' or 'nonskew'.");
    } else tol = tensorArg(args[i], 'issymmetric', i + 1).re[0];
  }
  if (t.shape.length > 2 || t.shape[0] !== t.shape[1]) return logicalScalar(false);
  const n = t.shape[0];
  const sgn = skew ? -1 : 1;
  const diffRe = new Float64Array(n * n);
  const diffIm = t.im ? new Float64Array(n * n) : null;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      diffRe[i + j * n] = t.re[i + j * n] - sgn * t.re[j + i * n];
      if (diffIm && t.im) diffIm[i + j * n] = t.im[i + j * n] - sgn * t.im[j + i * n];
    }
  }
  const d = new Tensor('double', [n, n], diffRe, diffIm);
  if (tol === 0) return logicalScalar(d.re.every((x) => x === 0) && (!d.im || d.im.every((x) => x === 0)));
  return logicalScalar(matrixNorm(d, Infinity) <= tol * matrixNorm(t, Infinity));
}

// ---------------------------------------------------------------------------------------------

const sq = (name: string, doc: string, signatures: string[], impl: BuiltinSpec['impl']): BuiltinSpec => ({ family: 'linalg', signatures, doc, impl });

/** A spec with a GPU lowering added (the planner composes norms from reduction nodes). */
function withLowering(lowering: Lowering, spec: BuiltinSpec): BuiltinSpec {
  return { ...spec, lowering };
}

registerFamily({
  inv: sq('inv', 'Matrix inverse by LU with partial pivoting. A singular matrix warns "Matrix is singular to working precision." and gives Inf everywhere; a badly conditioned one warns with its RCOND. Example: inv([2 0; 0 4]) is [0.5 0; 0 0.25].', ['Y = inv(A)'], (args, ctx) =>
    inv(ctx, matrixArg(args[0], 'inv'))),
  pinv: sq('pinv', 'Moore-Penrose pseudoinverse from the SVD, ignoring singular values at or below tol (default max(size(A))*norm(A)*eps). Example: pinv([1 2; 2 4]) is [1 2; 2 4]/25.', ['B = pinv(A)', 'B = pinv(A, tol)'], (args) =>
    pinv(matrixArg(args[0], 'pinv'), args[1] === undefined ? undefined : tensorArg(args[1], 'pinv', 2).re[0])),
  det: sq('det', 'Determinant of a square matrix, from its LU factors; det([]) is 1. Example: det([1 2; 3 4]) is -2.', ['d = det(A)'], (args) => det(matrixArg(args[0], 'det'))),
  rank: sq('rank', 'Number of singular values above tol (default max(size(A))*eps(norm(A))). Example: rank([1 2; 2 4]) is 1.', ['k = rank(A)', 'k = rank(A, tol)'], (args) =>
    scalar(rank(matrixArg(args[0], 'rank'), args[1] === undefined ? undefined : tensorArg(args[1], 'rank', 2).re[0]))),
  trace: sq('trace', 'Sum of the diagonal of a square matrix. Example: trace([1 2; 3 4]) is 5.', ['b = trace(A)'], (args) => {
    const t = matrixArg(args[0], 'trace');
    const n = requireSquare(t);
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += t.re[i + i * n];
      if (t.im) im += t.im[i + i * n];
    }
    return out(clsOf(t), [1, 1], Float64Array.of(re), t.im ? Float64Array.of(im) : null);
  }),
  norm: withLowering({ composite: 'norm' }, sq('norm', "Vector or matrix norm. Vectors: p-norm for any p, Inf (largest |x|), -Inf (smallest), 'fro' (2-norm). Matrices: 1 (largest column sum), 2 (largest singular value, the default), Inf (largest row sum), 'fro'. Example: norm([3 4]) is 5.", ['n = norm(X)', 'n = norm(X, p)', "n = norm(X, 'fro')"], (args) => {
    const t = matrixArg(args[0], 'norm');
    return num(clsOf(t), matrixNorm(t, normKind(args[1], 'norm')));
  })),
  cond: sq('cond', 'Condition number: ratio of largest to smallest singular value, or norm(A,p)*norm(inv(A),p) for p = 1, Inf, \'fro\'; Inf for a singular matrix. Example: cond([1 0; 0 2]) is 2.', ['c = cond(A)', 'c = cond(A, p)'], (args) => {
    const t = matrixArg(args[0], 'cond');
    return num(clsOf(t), cond(t, normKind(args[1], 'cond')));
  }),
  lu: sq('lu', "LU factorisation with partial pivoting. [L,U,P] = lu(A) gives P*A = L*U with unit lower L; [L,U] = lu(A) folds P into L (A = L*U); one output returns the packed factors; lu(A,'vector') returns P as a row of indices. Example: [L,U,P] = lu([1 2; 3 4]) has U = [3 4; 0 2/3].", ['Y = lu(A)', '[L, U] = lu(A)', '[L, U, P] = lu(A)', "[L, U, p] = lu(A, 'vector')"], (args, ctx) =>
    lu(ctx, args)),
  qr: sq('qr', "Householder QR: [Q,R] = qr(A) with orthogonal Q and upper triangular R, A = Q*R; qr(A,'econ') or qr(A,0) keeps min(m,n) columns of Q; [Q,R,P] = qr(A) pivots columns (A*P = Q*R). One output returns R. Example: [Q,R] = qr([3 0; 4 5]) has R(1,1) = -5.", ['R = qr(A)', '[Q, R] = qr(A)', "[Q, R] = qr(A, 'econ')", '[Q, R, P] = qr(A)'], (args, ctx) =>
    qr(ctx, args)),
  chol: sq('chol', "Cholesky factor: upper triangular R with R'*R = A (only A's upper triangle is read); chol(A,'lower') gives L with L*L' = A. Errors 'Matrix must be positive definite.' unless [R,p] = chol(A) is asked, where p > 0 marks the failing column. Example: chol([4 2; 2 5]) is [2 1; 0 2].", ['R = chol(A)', "L = chol(A, 'lower')", '[R, p] = chol(A)'], (args, ctx) =>
    chol(ctx, args)),
  eig: sq('eig', "Eigenvalues and eigenvectors. A symmetric matrix gives real eigenvalues in ascending order (Jacobi) and orthonormal V; other real matrices use Hessenberg QR, with complex conjugate pairs where they occur. [V,D] = eig(A) satisfies A*V = V*D with unit-norm columns; 'vector' returns D as a column. Example: eig([2 0; 0 1]) is [1; 2].", ['e = eig(A)', '[V, D] = eig(A)', "[V, D] = eig(A, 'vector')"], (args, ctx) =>
    eig(ctx, args)),
  svd: sq('svd', "Singular value decomposition: s = svd(A) is the singular values in descending order; [U,S,V] = svd(A) gives A = U*S*V' with orthogonal U and V; svd(A,'econ') keeps min(m,n) columns. Example: svd([3 0; 0 4]) is [4; 3].", ['s = svd(A)', '[U, S, V] = svd(A)', "[U, S, V] = svd(A, 'econ')"], (args, ctx) =>
    svdBuiltin(ctx, args)),
  null: sq('null', 'Orthonormal basis of the null space of A, from the SVD (n×0 when A has full column rank). Example: null([1 1]) is ±[-1; 1]/sqrt(2).', ['Z = null(A)'], (args) => subspace(matrixArg(args[0], 'null'), 'null')),
  orth: sq('orth', 'Orthonormal basis of the range of A, from the SVD. Example: orth([1 1; 1 1]) is ±[1; 1]/sqrt(2).', ['Q = orth(A)'], (args) => subspace(matrixArg(args[0], 'orth'), 'orth')),
  expm: sq('expm', 'Matrix exponential by Padé approximation of degree 13 with scaling and squaring (Higham 2005). Example: expm([0 1; 0 0]) is [1 1; 0 1].', ['Y = expm(A)'], (args, ctx) => {
    const t = matrixArg(args[0], 'expm');
    requireReal(t, 'expm');
    const n = requireSquare(t);
    requireFinite(t, 'expm');
    return out(clsOf(t), [n, n], expmReal(t.re, n, (x, y, m, k, c) => ctx.cpu.matmul(x, y, m, k, c)));
  }),
  dot: sq('dot', 'Dot product sum(conj(A).*B): of two vectors of the same length, or column by column (along dim) for arrays of the same size. Example: dot([1 2 3], [4 5 6]) is 32.', ['C = dot(A, B)', 'C = dot(A, B, dim)'], (args) => dot(args)),
  cross: sq('cross', 'Cross product of 3-element vectors, or along the first dimension of length 3 (or dim) of arrays of the same size. Example: cross([1 0 0], [0 1 0]) is [0 0 1].', ['C = cross(A, B)', 'C = cross(A, B, dim)'], (args) => cross(args)),
  issymmetric: sq('issymmetric', "True when A is square and equals A.' ('skew': equals -A.'); with tol, when norm(A - A.', Inf)/norm(A, Inf) <= tol. Example: issymmetric([1 2; 2 1]) is true.", ['tf = issymmetric(A)', "tf = issymmetric(A, 'skew')", 'tf = issymmetric(A, tol)'], (args) =>
    issymmetric(args)),
  istriu: sq('istriu', 'True when every element below the main diagonal is zero (any 2-D size). Example: istriu([1 2; 0 3]) is true.', ['tf = istriu(A)'], (args) => structure(args[0], 'istriu', (i, j) => i <= j)),
  istril: sq('istril', 'True when every element above the main diagonal is zero (any 2-D size). Example: istril([1 0; 2 3]) is true.', ['tf = istril(A)'], (args) => structure(args[0], 'istril', (i, j) => i >= j)),
  isdiag: sq('isdiag', 'True when every element off the main diagonal is zero. Example: isdiag(eye(3)) is true.', ['tf = isdiag(A)'], (args) => structure(args[0], 'isdiag', (i, j) => i === j)),
  vecnorm: sq('vecnorm', 'p-norm (default 2, or Inf) of each vector along dim (default the first non-singleton dimension). Example: vecnorm([3 0; 4 1]) is [5 1].', ['N = vecnorm(A)', 'N = vecnorm(A, p)', 'N = vecnorm(A, p, dim)'], (args) => vecnorm(args)),
  linsolve: sq('linsolve', 'Solves A*X = B with the same solver as A\\B (LU for square A, least squares QR otherwise); an options struct is accepted and ignored. Example: linsolve([2 0; 0 4], [2; 4]) is [1; 1].', ['X = linsolve(A, B)', 'X = linsolve(A, B, opts)'], (args, ctx) => {
    if (args.length < 2) raise('MATLAB:minrhs', 'Not enough input arguments.');
    if (args[2] !== undefined && args[2].type !== 'struct') raise('MATLAB:linsolve:InvalidOpts', `The options argument must be a struct, not ${describe(args[2])}.`);
    const r = ctx.call('mldivide', [args[0], args[1]], 1);
    return r instanceof Promise ? r.then((v) => v[0]) : r[0];
  }),
});
