// Dense linear algebra on column-major Float64Arrays (real): transpose, LU with partial
// pivoting, solves for square systems and Householder QR least squares for rectangular ones.
// Used by mldivide/mrdivide, inv, det and friends.

export function transpose2d(a: Float64Array, m: number, n: number): Float64Array {
  const t = new Float64Array(m * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) t[j + i * n] = a[i + j * m];
  return t;
}

export interface LU {
  lu: Float64Array;
  piv: Int32Array;
  sign: number;
  singular: boolean;
  n: number;
}

export function luFactor(a: Float64Array, n: number): LU {
  const lu = Float64Array.from(a);
  const piv = new Int32Array(n);
  let sign = 1;
  let singular = false;
  for (let i = 0; i < n; i++) piv[i] = i;
  for (let k = 0; k < n; k++) {
    let p = k;
    let max = Math.abs(lu[k + k * n]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i + k * n]);
      if (v > max) {
        max = v;
        p = i;
      }
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k + j * n];
        lu[k + j * n] = lu[p + j * n];
        lu[p + j * n] = t;
      }
      const t = piv[k];
      piv[k] = piv[p];
      piv[p] = t;
      sign = -sign;
    }
    const pivot = lu[k + k * n];
    if (pivot === 0) {
      singular = true;
      continue;
    }
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i + k * n] /= pivot);
      if (f !== 0) for (let j = k + 1; j < n; j++) lu[i + j * n] -= f * lu[k + j * n];
    }
  }
  return { lu, piv, sign, singular, n };
}

/** Reciprocal condition estimate from the LU diagonal (cheap; enough to warn like MATLAB). */
export function rcondFromLu(f: LU): number {
  let maxd = 0;
  let mind = Infinity;
  for (let i = 0; i < f.n; i++) {
    const d = Math.abs(f.lu[i + i * f.n]);
    maxd = Math.max(maxd, d);
    mind = Math.min(mind, d);
  }
  return maxd === 0 ? 0 : mind / maxd;
}

/** Solves A X = B for square A given its LU; B is n×nrhs. */
export function luSolve(f: LU, b: Float64Array, nrhs: number): Float64Array {
  const n = f.n;
  const x = new Float64Array(n * nrhs);
  for (let c = 0; c < nrhs; c++) {
    const off = c * n;
    for (let i = 0; i < n; i++) x[off + i] = b[off + f.piv[i]];
    for (let i = 0; i < n; i++) {
      let s = x[off + i];
      for (let j = 0; j < i; j++) s -= f.lu[i + j * n] * x[off + j];
      x[off + i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[off + i];
      for (let j = i + 1; j < n; j++) s -= f.lu[i + j * n] * x[off + j];
      x[off + i] = s / f.lu[i + i * n];
    }
  }
  return x;
}

/** Least-squares solution of A X = B (A m×n, m ≥ n or m < n minimum-norm-free basic solution) via Householder QR. */
export function qrSolve(a: Float64Array, m: number, n: number, b: Float64Array, nrhs: number): Float64Array {
  const r = Float64Array.from(a);
  const y = Float64Array.from(b);
  const steps = Math.min(m, n);
  for (let k = 0; k < steps; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i + k * m] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = r[k + k * m] > 0 ? -norm : norm;
    const v = new Float64Array(m);
    for (let i = k; i < m; i++) v[i] = r[i + k * m];
    v[k] -= alpha;
    let vnorm = 0;
    for (let i = k; i < m; i++) vnorm += v[i] ** 2;
    if (vnorm === 0) continue;
    const apply = (mat: Float64Array, cols: number, col0: number) => {
      for (let j = col0; j < cols; j++) {
        let s = 0;
        for (let i = k; i < m; i++) s += v[i] * mat[i + j * m];
        const f = (2 * s) / vnorm;
        for (let i = k; i < m; i++) mat[i + j * m] -= f * v[i];
      }
    };
    apply(r, n, k);
    apply(y, nrhs, 0);
  }
  const x = new Float64Array(n * nrhs);
  const tol = Math.max(m, n) * Number.EPSILON * Math.abs(r[0] || 0);
  for (let c = 0; c < nrhs; c++) {
    for (let i = steps - 1; i >= 0; i--) {
      const d = r[i + i * m];
      if (Math.abs(d) <= tol) {
        x[i + c * n] = 0;
        continue;
      }
      let s = y[i + c * m];
      for (let j = i + 1; j < Math.min(n, steps); j++) s -= r[i + j * m] * x[j + c * n];
      x[i + c * n] = s / d;
    }
  }
  return x;
}
