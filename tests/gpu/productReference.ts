// Host references for the matrix-product kernels (matmul.test.ts, matmulSplit.test.ts): exact
// inputs (multiples of 1/8), an f64 product with the epilogue applied the way MATLAB would, and a
// per-element tolerance of 1e-4·Σ|a||b| pushed through that epilogue.

import type { MatmulConstants, MatmulEpilogue, MatmulParams, MatmulVariant } from '../../src/engine/kernels/matmul.ts';

/** Multiples of 1/8 in [lo, hi] (exact in f32). */
export function values(n: number, salt: number, lo = -2, hi = 2): Float64Array {
  const out = new Float64Array(n);
  let state = (0x9e3779b9 ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = Math.round((lo + (state / 2 ** 32) * (hi - lo)) * 8) / 8;
  }
  return out;
}

/** A product's parameters (never diag-only). */
export function params(variant: MatmulVariant, m: number, n: number, k: number, transA = false, transB = false, epilogue: MatmulEpilogue | null = null): MatmulParams {
  return { variant, m, n, k, transA, transB, epilogue, diagonalOnly: false };
}

export const TRANSPOSES: readonly [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];
export const tname = (ta: boolean, tb: boolean): string => `${ta ? "A'" : 'A'}·${tb ? "B'" : 'B'}`;

export const NO_EPILOGUE: MatmulEpilogue = { alpha: false, beta: false, bias: 'none', scale: 'none', clampMin: false, clampMax: false, power: false };

export interface ProductInputs {
  a: Float64Array;
  b: Float64Array;
  bias: Float64Array | null;
  scale: Float64Array | null;
}

export function productInputs(params: MatmulParams, salt: number): ProductInputs {
  const { m, n, k, epilogue } = params;
  return {
    a: values(m * k, salt),
    b: values(k * n, salt + 1),
    bias: epilogue && epilogue.bias !== 'none' ? values(epilogue.bias === 'row' ? n : m, salt + 2) : null,
    // Scales away from zero, so division is well conditioned.
    scale: epilogue && epilogue.scale !== 'none' ? values(epilogue.scale.startsWith('row') ? m : n, salt + 3, 0.5, 2) : null,
  };
}

function applyEpilogue(v: number, i: number, j: number, e: MatmulEpilogue | null, k: MatmulConstants, x: ProductInputs): number {
  if (!e) return v;
  if (e.alpha) v *= k.alpha ?? 1;
  if (e.beta) v += k.beta ?? 0;
  if (e.bias === 'row') v += x.bias![j];
  if (e.bias === 'column') v += x.bias![i];
  if (e.scale === 'rowMul') v *= x.scale![i];
  if (e.scale === 'rowDiv') v /= x.scale![i];
  if (e.scale === 'colMul') v *= x.scale![j];
  if (e.scale === 'colDiv') v /= x.scale![j];
  if (e.clampMin) v = Math.max(v, k.lo ?? 0);
  if (e.clampMax) v = Math.min(v, k.hi ?? 0);
  if (e.power) v = v ** (k.p ?? 1);
  return v;
}

/**
 * f64 reference of C (column-major, or its diagonal for diagonalOnly) and per-element tolerance:
 * 1e-4·Σ|a||b| (+ a tiny absolute floor) through the epilogue.
 */
export function productReference(params: MatmulParams, constants: MatmulConstants, x: ProductInputs): { want: Float64Array; tol: Float64Array } {
  const { m, n, k, transA, transB, epilogue, diagonalOnly } = params;
  const A = (i: number, p: number): number => (transA ? x.a[p + i * k] : x.a[i + p * m]);
  const B = (p: number, j: number): number => (transB ? x.b[j + p * n] : x.b[p + j * k]);
  const cells: [number, number][] = [];
  if (diagonalOnly) for (let i = 0; i < Math.min(m, n); i++) cells.push([i, i]);
  else for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) cells.push([i, j]);
  const want = new Float64Array(cells.length);
  const tol = new Float64Array(cells.length);
  cells.forEach(([i, j], o) => {
    let s = 0;
    let mag = 0;
    for (let p = 0; p < k; p++) {
      s += A(i, p) * B(p, j);
      mag += Math.abs(A(i, p) * B(p, j));
    }
    const t = 1e-4 * mag + 1e-6;
    const e = (v: number): number => applyEpilogue(v, i, j, epilogue, constants, x);
    const centre = e(s);
    let dev = Math.max(Math.abs(e(s + t) - centre), Math.abs(e(s - t) - centre));
    if (s - t < 0 && s + t > 0) dev = Math.max(dev, Math.abs(e(0) - centre));
    want[o] = centre;
    tol[o] = dev + 1e-5 * Math.abs(centre) + 1e-6;
  });
  return { want, tol };
}

/** Up to four lines naming the elements of `got` outside the reference's tolerance, each labelled. */
export function productMismatches(label: string, got: ArrayLike<number>, params: MatmulParams, constants: MatmulConstants, x: ProductInputs): string[] {
  const { want, tol } = productReference(params, constants, x);
  const out: string[] = [];
  for (let o = 0; o < want.length && out.length < 4; o++) {
    const ok = Number.isNaN(want[o]) ? Number.isNaN(got[o]) : Math.abs(got[o] - want[o]) <= tol[o];
    if (!ok) out.push(`${label}[${o}] = ${got[o]}, expected ${want[o]} ± ${tol[o]}`);
  }
  return out;
}
