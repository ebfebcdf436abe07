// Matrix factorisations for the linalg builtins, on column-major Float64Arrays: rectangular LU
// with partial pivoting (complex too), Householder QR (optionally column-pivoted), Cholesky,
// SVD (one-sided Jacobi) and expm (Padé 13 with scaling and squaring). Eigenproblems are in
// eigen.ts. Pure numerics: no values, no errors; linalg.ts owns MATLAB semantics. dense.ts keeps
// the square LU / least-squares solvers that mldivide uses.

import { luFactor, luSolve, transpose2d } from './dense.ts';

const EPS = Number.EPSILON;

export function eye(n: number, m = n): Float64Array {
  const r = new Float64Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) r[i + i * n] = 1;
  return r;
}

/** Rows [r0, r1) of an m×n matrix. */
export function rows(a: Float64Array, m: number, n: number, r0: number, r1: number): Float64Array {
  const k = r1 - r0;
  const out = new Float64Array(k * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < k; i++) out[i + j * k] = a[r0 + i + j * m];
  return out;
}

// ---------------------------------------------------------------------------------------------
// LU

export interface RectLU {
  re: Float64Array;
  im: Float64Array;
  /** piv[i] = original row now in row i. */
  piv: Int32Array;
  /** +1 or -1: parity of the row swaps. */
  sign: number;
  zeroPivot: boolean;
  m: number;
  n: number;
}

/** A = P'·L·U for an m×n, possibly complex matrix; the pivot is the first largest |re|+|im| (LAPACK). */
export function luRect(re: Float64Array, im: Float64Array | null, m: number, n: number): RectLU {
  const r = Float64Array.from(re);
  const i2 = im ? Float64Array.from(im) : new Float64Array(re.length);
  const piv = new Int32Array(m);
  for (let i = 0; i < m; i++) piv[i] = i;
  let sign = 1;
  let zeroPivot = false;
  const k = Math.min(m, n);
  for (let c = 0; c < k; c++) {
    let p = c;
    let best = -1;
    for (let i = c; i < m; i++) {
      const v = Math.abs(r[i + c * m]) + Math.abs(i2[i + c * m]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p !== c) {
      for (let j = 0; j < n; j++) {
        const a = j * m;
        [r[c + a], r[p + a]] = [r[p + a], r[c + a]];
        [i2[c + a], i2[p + a]] = [i2[p + a], i2[c + a]];
      }
      [piv[c], piv[p]] = [piv[p], piv[c]];
      sign = -sign;
    }
    const pr = r[c + c * m];
    const pi = i2[c + c * m];
    const d = pr * pr + pi * pi;
    if (d === 0) {
      zeroPivot = true;
      continue;
    }
    for (let i = c + 1; i < m; i++) {
      const xr = r[i + c * m];
      const xi = i2[i + c * m];
      const lr = (xr * pr + xi * pi) / d;
      const li = (xi * pr - xr * pi) / d;
      r[i + c * m] = lr;
      i2[i + c * m] = li;
      if (lr === 0 && li === 0) continue;
      for (let j = c + 1; j < n; j++) {
        const ur = r[c + j * m];
        const ui = i2[c + j * m];
        r[i + j * m] -= lr * ur - li * ui;
        i2[i + j * m] -= lr * ui + li * ur;
      }
    }
  }
  return { re: r, im: i2, piv, sign, zeroPivot, m, n };
}

/** Solves A X = B (n×nrhs, complex) with a square RectLU. */
export function luRectSolve(f: RectLU, bre: Float64Array, bim: Float64Array, nrhs: number): [Float64Array, Float64Array] {
  const n = f.n;
  const xr = new Float64Array(n * nrhs);
  const xi = new Float64Array(n * nrhs);
  for (let c = 0; c < nrhs; c++) {
    const o = c * n;
    for (let i = 0; i < n; i++) {
      xr[o + i] = bre[o + f.piv[i]];
      xi[o + i] = bim[o + f.piv[i]];
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const lr = f.re[i + j * n];
        const li = f.im[i + j * n];
        xr[o + i] -= lr * xr[o + j] - li * xi[o + j];
        xi[o + i] -= lr * xi[o + j] + li * xr[o + j];
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      let sr = xr[o + i];
      let si = xi[o + i];
      for (let j = i + 1; j < n; j++) {
        const ur = f.re[i + j * n];
        const ui = f.im[i + j * n];
        sr -= ur * xr[o + j] - ui * xi[o + j];
        si -= ur * xi[o + j] + ui * xr[o + j];
      }
      const dr = f.re[i + i * n];
      const di = f.im[i + i * n];
      const d = dr * dr + di * di;
      xr[o + i] = (sr * dr + si * di) / d;
      xi[o + i] = (si * dr - sr * di) / d;
    }
  }
  return [xr, xi];
}

// ---------------------------------------------------------------------------------------------
// QR

export interface QR {
  q: Float64Array; // m×m
  r: Float64Array; // m×n
  perm: Int32Array; // column permutation (identity unless pivoted)
}

/** Householder QR (LAPACK's sign convention: R(k,k) = -sign(a_kk)·‖a_k‖), optionally column-pivoted. */
export function householderQr(a: Float64Array, m: number, n: number, pivot = false): QR {
  const r = Float64Array.from(a);
  const perm = new Int32Array(n);
  for (let j = 0; j < n; j++) perm[j] = j;
  const steps = Math.min(m, n);
  const vs: Float64Array[] = [];
  for (let k = 0; k < steps; k++) {
    if (pivot) {
      let best = -1;
      let p = k;
      for (let j = k; j < n; j++) {
        let s = 0;
        for (let i = k; i < m; i++) s += r[i + j * m] ** 2;
        if (s > best) {
          best = s;
          p = j;
        }
      }
      if (p !== k) {
        for (let i = 0; i < m; i++) [r[i + k * m], r[i + p * m]] = [r[i + p * m], r[i + k * m]];
        [perm[k], perm[p]] = [perm[p], perm[k]];
      }
    }
    let norm = 0;
    for (let i = k; i < m; i++) norm = Math.hypot(norm, r[i + k * m]);
    const v = new Float64Array(m);
    vs.push(v);
    if (norm === 0) continue;
    const alpha = r[k + k * m] > 0 ? -norm : norm;
    for (let i = k; i < m; i++) v[i] = r[i + k * m];
    v[k] -= alpha;
    let vn = 0;
    for (let i = k; i < m; i++) vn += v[i] * v[i];
    if (vn === 0) continue;
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * r[i + j * m];
      const f = (2 * s) / vn;
      for (let i = k; i < m; i++) r[i + j * m] -= f * v[i];
    }
    for (let i = k + 1; i < m; i++) r[i + k * m] = 0;
  }
  const q = eye(m);
  for (let k = vs.length - 1; k >= 0; k--) {
    const v = vs[k];
    let vn = 0;
    for (let i = k; i < m; i++) vn += v[i] * v[i];
    if (vn === 0) continue;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * q[i + j * m];
      const f = (2 * s) / vn;
      for (let i = k; i < m; i++) q[i + j * m] -= f * v[i];
    }
  }
  return { q, r, perm };
}

// ---------------------------------------------------------------------------------------------
// Cholesky

/** Upper R with R'R = A from A's upper triangle; p = 0, or the 1-based column where A is not positive definite. */
export function cholUpper(a: Float64Array, n: number): { r: Float64Array; p: number } {
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = a[j + j * n];
    for (let k = 0; k < j; k++) s -= r[k + j * n] ** 2;
    if (!(s > 0)) return { r, p: j + 1 };
    const d = Math.sqrt(s);
    r[j + j * n] = d;
    for (let i = j + 1; i < n; i++) {
      let t = a[j + i * n];
      for (let k = 0; k < j; k++) t -= r[k + j * n] * r[k + i * n];
      r[j + i * n] = t / d;
    }
  }
  return { r, p: 0 };
}

// ---------------------------------------------------------------------------------------------
// SVD: one-sided Jacobi (Hestenes). Singular values descending.

export interface SVD {
  u: Float64Array; // m×m (full) or m×k
  s: Float64Array; // k = min(m, n)
  v: Float64Array; // n×n (full) or n×k
}

function jacobiTall(a: Float64Array, m: number, n: number): { u: Float64Array; s: Float64Array; v: Float64Array } {
  const u = Float64Array.from(a);
  const v = eye(n);
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = u[i + p * m];
          const y = u[i + q * m];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = u[i + p * m];
          const y = u[i + q * m];
          u[i + p * m] = c * x - s * y;
          u[i + q * m] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = v[i + p * n];
          const y = v[i + q * n];
          v[i + p * n] = c * x - s * y;
          v[i + q * n] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let nrm = 0;
    for (let i = 0; i < m; i++) nrm = Math.hypot(nrm, u[i + j * m]);
    s[j] = nrm;
    if (nrm > 0) for (let i = 0; i < m; i++) u[i + j * m] /= nrm;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => s[y] - s[x]);
  const us = new Float64Array(m * n);
  const vs = new Float64Array(n * n);
  const ss = new Float64Array(n);
  order.forEach((src, dst) => {
    ss[dst] = s[src];
    us.set(u.subarray(src * m, src * m + m), dst * m);
    vs.set(v.subarray(src * n, src * n + n), dst * n);
  });
  return { u: us, s: ss, v: vs };
}

/**
 * Fills an m×m orthonormal basis whose first `keep` columns are `basis`'s first `keep`
 * (assumed orthonormal); columns past `keep` in `basis` are ignored.
 */
export function completeBasis(basis: Float64Array, m: number, keep: number, total: number): Float64Array {
  const out = new Float64Array(m * total);
  out.set(basis.subarray(0, keep * m));
  let col = keep;
  for (let e = 0; e < m && col < total; e++) {
    const x = new Float64Array(m);
    x[e] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < col; j++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += out[i + j * m] * x[i];
        for (let i = 0; i < m; i++) x[i] -= d * out[i + j * m];
      }
    }
    let nrm = 0;
    for (let i = 0; i < m; i++) nrm = Math.hypot(nrm, x[i]);
    if (nrm < 1e-8) continue;
    for (let i = 0; i < m; i++) out[i + col * m] = x[i] / nrm;
    col++;
  }
  return out;
}

/** SVD of a real m×n matrix; `full` gives square U and V, otherwise k = min(m, n) columns. */
export function svd(a: Float64Array, m: number, n: number, full: boolean): SVD {
  const tall = m >= n;
  const { u, s, v } = tall ? jacobiTall(a, m, n) : jacobiTall(transpose2d(a, m, n), n, m);
  // Tall: u is m×n, v n×n. Wide: computed for A' (n×m): u is n×m, v m×m; swap roles.
  let U = tall ? u : v;
  let V = tall ? v : u;
  const k = Math.min(m, n);
  const rank = s.reduce((r, x) => (x > 0 ? r + 1 : r), 0);
  // Columns of U (or V) paired with zero singular values are zero: rebuild them orthonormal.
  if (tall) U = completeBasis(U, m, rank, full ? m : k);
  else V = completeBasis(V, n, rank, full ? n : k);
  if (!full) {
    if (tall) V = V.slice(0, n * k);
    else U = U.slice(0, m * k);
  }
  return { u: U, s: s.slice(0, k), v: V };
}

/** Singular values only, for real or complex input (complex via the real 2m×2n embedding). */
export function singularValues(re: Float64Array, im: Float64Array | null, m: number, n: number): Float64Array {
  if (!im) return svd(re, m, n, false).s;
  const M = 2 * m;
  const N = 2 * n;
  const big = new Float64Array(M * N);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const r = re[i + j * m];
      const c = im[i + j * m];
      big[i + j * M] = r;
      big[i + m + j * M] = c;
      big[i + (j + n) * M] = -c;
      big[i + m + (j + n) * M] = r;
    }
  }
  const s2 = svd(big, M, N, false).s;
  return Float64Array.from({ length: Math.min(m, n) }, (_, i) => s2[2 * i]);
}

// ---------------------------------------------------------------------------------------------
// expm: Higham (2005) Padé 13 with scaling and squaring.

const PADE13 = [
  64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600,
  670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
];
const THETA13 = 5.371920351148152;

export function expmReal(a: Float64Array, n: number, mm: (x: Float64Array, y: Float64Array, m: number, k: number, n: number) => Float64Array): Float64Array {
  let norm1 = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(a[i + j * n]);
    norm1 = Math.max(norm1, s);
  }
  const sq = norm1 > THETA13 ? Math.max(0, Math.ceil(Math.log2(norm1 / THETA13))) : 0;
  const A = a.map((x) => x / 2 ** sq);
  const I = eye(n);
  const A2 = mm(A, A, n, n, n);
  const A4 = mm(A2, A2, n, n, n);
  const A6 = mm(A4, A2, n, n, n);
  const b = PADE13;
  const lin = (terms: [number, Float64Array][]) => {
    const r = new Float64Array(n * n);
    for (const [c, m] of terms) for (let i = 0; i < r.length; i++) r[i] += c * m[i];
    return r;
  };
  const u1 = mm(A6, lin([[b[13], A6], [b[11], A4], [b[9], A2]]), n, n, n);
  const U = mm(A, lin([[1, u1], [b[7], A6], [b[5], A4], [b[3], A2], [b[1], I]]), n, n, n);
  const v1 = mm(A6, lin([[b[12], A6], [b[10], A4], [b[8], A2]]), n, n, n);
  const V = lin([[1, v1], [b[6], A6], [b[4], A4], [b[2], A2], [b[0], I]]);
  const P = lin([[1, V], [1, U]]);
  const Q = lin([[1, V], [-1, U]]);
  let R = luSolve(luFactor(Q, n), P, n);
  for (let k = 0; k < sq; k++) R = mm(R, R, n, n, n);
  return R;
}
