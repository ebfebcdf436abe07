// Eigenproblems for eig, on column-major Float64Arrays: symmetric matrices by cyclic Jacobi
// (eigenvalues ascending), other real matrices by Householder reduction to Hessenberg form and
// Francis double-shift QR (hqr), with eigenvectors by inverse iteration. Pure numerics; linalg.ts
// owns MATLAB semantics.

import { eye, luRect, luRectSolve } from './decompositions.ts';

const EPS = Number.EPSILON;

// ---------------------------------------------------------------------------------------------
// Symmetric eigenproblem: cyclic Jacobi, eigenvalues ascending.

export function symEig(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const w = Float64Array.from(a);
  const v = eye(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const x = w[i + j * n] ** 2;
        total += x;
        if (i !== j) off += x;
      }
    }
    if (off <= EPS * EPS * total * 1e-2 || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w[p + q * n];
        if (apq === 0) continue;
        const app = w[p + p * n];
        const aqq = w[q + q * n];
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = w[k + p * n];
          const akq = w[k + q * n];
          w[k + p * n] = c * akp - s * akq;
          w[k + q * n] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = w[p + k * n];
          const aqk = w[q + k * n];
          w[p + k * n] = c * apk - s * aqk;
          w[q + k * n] = s * apk + c * aqk;
        }
        w[p + q * n] = 0;
        w[q + p * n] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k + p * n];
          const vkq = v[k + q * n];
          v[k + p * n] = c * vkp - s * vkq;
          v[k + q * n] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => w[x + x * n] - w[y + y * n]);
  const values = Float64Array.from(order, (i) => w[i + i * n]);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    // A fixed sign: the first clearly nonzero entry of each vector is positive.
    let flip = false;
    for (let k = 0; k < n; k++) {
      const x = v[k + src * n];
      if (Math.abs(x) > 1e-14) {
        flip = x < 0;
        break;
      }
    }
    for (let k = 0; k < n; k++) vectors[k + dst * n] = flip ? -v[k + src * n] : v[k + src * n];
  });
  return { values, vectors };
}

// ---------------------------------------------------------------------------------------------
// Nonsymmetric eigenvalues: Householder reduction to Hessenberg form, then Francis double-shift QR
// (the hqr algorithm). Eigenvalues come out in Schur-form order, a complex pair with +imag first.

function hessenberg(a: Float64Array, n: number): Float64Array {
  const h = Float64Array.from(a);
  for (let k = 0; k < n - 2; k++) {
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm = Math.hypot(norm, h[i + k * n]);
    if (norm === 0) continue;
    const alpha = h[k + 1 + k * n] > 0 ? -norm : norm;
    const v = new Float64Array(n);
    for (let i = k + 1; i < n; i++) v[i] = h[i + k * n];
    v[k + 1] -= alpha;
    let vn = 0;
    for (let i = k + 1; i < n; i++) vn += v[i] * v[i];
    if (vn === 0) continue;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k + 1; i < n; i++) s += v[i] * h[i + j * n];
      const f = (2 * s) / vn;
      for (let i = k + 1; i < n; i++) h[i + j * n] -= f * v[i];
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += h[i + j * n] * v[j];
      const f = (2 * s) / vn;
      for (let j = k + 1; j < n; j++) h[i + j * n] -= f * v[j];
    }
    for (let i = k + 2; i < n; i++) h[i + k * n] = 0;
  }
  return h;
}

/** Eigenvalues of a real square matrix; null if the QR iteration does not converge. */
export function generalEigenvalues(a0: Float64Array, n: number): { wr: Float64Array; wi: Float64Array } | null {
  const h = hessenberg(a0, n);
  const A = (i: number, j: number) => h[i + j * n];
  const set = (i: number, j: number, x: number) => (h[i + j * n] = x);
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  const sign = (a: number, b: number) => (b >= 0 ? Math.abs(a) : -Math.abs(a));
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) anorm += Math.abs(A(i, j));
  let nn = n - 1;
  let t = 0;
  let p = 0, q = 0, r = 0, s = 0, w = 0, x = 0, y = 0, z = 0;
  while (nn >= 0) {
    let its = 0;
    let l: number;
    do {
      for (l = nn; l > 0; l--) {
        s = Math.abs(A(l - 1, l - 1)) + Math.abs(A(l, l));
        if (s === 0) s = anorm;
        if (Math.abs(A(l, l - 1)) <= EPS * s) {
          set(l, l - 1, 0);
          break;
        }
      }
      x = A(nn, nn);
      if (l === nn) {
        wr[nn] = x + t;
        wi[nn--] = 0;
      } else {
        y = A(nn - 1, nn - 1);
        w = A(nn, nn - 1) * A(nn - 1, nn);
        if (l === nn - 1) {
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = z;
            wi[nn] = -z;
          }
          nn -= 2;
        } else {
          if (its === 60) return null;
          if (its === 10 || its === 20 || its === 40) {
            t += x;
            for (let i = 0; i <= nn; i++) set(i, i, A(i, i) - x);
            s = Math.abs(A(nn, nn - 1)) + Math.abs(A(nn - 1, nn - 2));
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          ++its;
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = A(m, m);
            r = x - z;
            s = y - z;
            p = (r * s - w) / A(m + 1, m) + A(m, m + 1);
            q = A(m + 1, m + 1) - z - r - s;
            r = A(m + 2, m + 1);
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(A(m, m - 1)) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(A(m - 1, m - 1)) + Math.abs(z) + Math.abs(A(m + 1, m + 1)));
            if (u <= EPS * v) break;
          }
          for (let i = m; i < nn - 1; i++) {
            set(i + 2, i, 0);
            if (i !== m) set(i + 2, i - 1, 0);
          }
          for (let k = m; k < nn; k++) {
            if (k !== m) {
              p = A(k, k - 1);
              q = A(k + 1, k - 1);
              r = 0;
              if (k + 1 !== nn) r = A(k + 2, k - 1);
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            s = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (s !== 0) {
              if (k === m) {
                if (l !== m) set(k, k - 1, -A(k, k - 1));
              } else set(k, k - 1, -s * x);
              p += s;
              x = p / s;
              y = q / s;
              z = r / s;
              q /= p;
              r /= p;
              for (let j = k; j <= nn; j++) {
                p = A(k, j) + q * A(k + 1, j);
                if (k + 1 !== nn) {
                  p += r * A(k + 2, j);
                  set(k + 2, j, A(k + 2, j) - p * z);
                }
                set(k + 1, j, A(k + 1, j) - p * y);
                set(k, j, A(k, j) - p * x);
              }
              const mmin = nn < k + 3 ? nn : k + 3;
              for (let i = l; i <= mmin; i++) {
                p = x * A(i, k) + y * A(i, k + 1);
                if (k + 1 !== nn) {
                  p += z * A(i, k + 2);
                  set(i, k + 2, A(i, k + 2) - p * r);
                }
                set(i, k + 1, A(i, k + 1) - p * q);
                set(i, k, A(i, k) - p);
              }
            }
          }
        }
      }
    } while (l + 1 < nn);
  }
  return { wr, wi };
}

/** Unit eigenvectors (complex, columns) for given eigenvalues by inverse iteration; conjugate pairs share one solve. */
export function eigenvectors(a: Float64Array, n: number, wr: Float64Array, wi: Float64Array): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  const shiftTol = Math.max(scale, 1) * 1e-10;
  for (let k = 0; k < n; k++) {
    if (k > 0 && wi[k] !== 0 && wi[k] === -wi[k - 1] && wr[k] === wr[k - 1]) {
      for (let i = 0; i < n; i++) {
        re[i + k * n] = re[i + (k - 1) * n];
        im[i + k * n] = -im[i + (k - 1) * n];
      }
      continue;
    }
    // Earlier vectors of the same eigenvalue: start elsewhere and project them out.
    const same: number[] = [];
    for (let j = 0; j < k; j++) if (Math.abs(wr[j] - wr[k]) + Math.abs(wi[j] - wi[k]) <= shiftTol) same.push(j);
    const mr = Float64Array.from(a);
    const mi = new Float64Array(n * n);
    const delta = Math.max(scale, 1) * 1e-12;
    for (let i = 0; i < n; i++) {
      mr[i + i * n] -= wr[k] + delta;
      mi[i + i * n] -= wi[k];
    }
    const f = luRect(mr, mi, n, n);
    for (let i = 0; i < n; i++) {
      if (f.re[i + i * n] === 0 && f.im[i + i * n] === 0) f.re[i + i * n] = EPS * Math.max(scale, 1);
    }
    const iterate = (project: number[]): [Float64Array, Float64Array] => {
      let xr: Float64Array = new Float64Array(n).fill(1);
      let xi: Float64Array = new Float64Array(n);
      if (project.length > 0) {
        xr.fill(0);
        xr[project.length % n] = 1;
        for (let i = 0; i < n; i++) xr[i] += 1e-3 * (i + 1);
      }
      for (let it = 0; it < 3; it++) {
        [xr, xi] = luRectSolve(f, xr, xi, 1);
        for (const j of project) {
          // x -= (v_j^H x) v_j
          let dr = 0;
          let di = 0;
          for (let i = 0; i < n; i++) {
            const vr = re[i + j * n];
            const vi = im[i + j * n];
            dr += vr * xr[i] + vi * xi[i];
            di += vr * xi[i] - vi * xr[i];
          }
          for (let i = 0; i < n; i++) {
            const vr = re[i + j * n];
            const vi = im[i + j * n];
            xr[i] -= dr * vr - di * vi;
            xi[i] -= dr * vi + di * vr;
          }
        }
        let nrm = 0;
        for (let i = 0; i < n; i++) nrm = Math.hypot(nrm, xr[i], xi[i]);
        if (nrm === 0 || !Number.isFinite(nrm)) break;
        for (let i = 0; i < n; i++) {
          xr[i] /= nrm;
          xi[i] /= nrm;
        }
      }
      return [xr, xi];
    };
    /** ‖(A - λI)x‖ for a unit x. */
    const residual = ([xr, xi]: [Float64Array, Float64Array]): number => {
      let r = 0;
      for (let i = 0; i < n; i++) {
        let sr = -(wr[k] * xr[i] - wi[k] * xi[i]);
        let si = -(wr[k] * xi[i] + wi[k] * xr[i]);
        for (let j = 0; j < n; j++) {
          sr += a[i + j * n] * xr[j];
          si += a[i + j * n] * xi[j];
        }
        r = Math.hypot(r, sr, si);
      }
      return r;
    };
    // A second vector for a repeated eigenvalue exists only if the eigenvalue is not defective;
    // otherwise MATLAB, too, returns (nearly) parallel vectors.
    let x = iterate(same);
    if (same.length > 0 && !(residual(x) <= 1e-8 * Math.max(scale, 1))) x = iterate([]);
    const [xr, xi] = x;
    // Rotate so the largest component is real and positive-leading (a fixed phase).
    let big = 0;
    for (let i = 1; i < n; i++) if (Math.hypot(xr[i], xi[i]) > Math.hypot(xr[big], xi[big]) + 1e-12) big = i;
    const mag = Math.hypot(xr[big], xi[big]);
    const cr = mag === 0 ? 1 : xr[big] / mag;
    const ci = mag === 0 ? 0 : -xi[big] / mag;
    for (let i = 0; i < n; i++) {
      re[i + k * n] = xr[i] * cr - xi[i] * ci;
      im[i + k * n] = wi[k] === 0 ? 0 : xr[i] * ci + xi[i] * cr;
    }
  }
  return { re, im };
}
