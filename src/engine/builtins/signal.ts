// Signal processing builtins: fft/ifft of any length (iterative radix-2, Bluestein's chirp-z for
// other lengths) along a dimension, conv (full/same/valid), filter (direct form II transposed)
// and deconv. Moving statistics (movmean and friends) live with the statistics family.

import { raise } from '../errors.ts';
import { isIntClass, Tensor, type Value } from '../runtime/values/index.ts';
import { dimArg, firstNonSingleton, isText, textArg } from './args.ts';
import { tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

type Cls = 'double' | 'single';

function clsOf(...ts: Tensor[]): Cls {
  return ts.some((t) => t.cls === 'single') ? 'single' : 'double';
}

function out(cls: Cls, shape: readonly number[], re: Float64Array, im: Float64Array | null): Tensor {
  if (cls === 'single') {
    re = re.map(Math.fround);
    if (im) im = im.map(Math.fround);
  }
  return new Tensor(cls, shape, re, im);
}

function numericArg(v: Value | undefined, fname: string, position: number): Tensor {
  const t = tensorArg(v, fname, position);
  if (isIntClass(t.cls)) raise('MATLAB:UndefinedFunction', `Undefined function '${fname}' for input arguments of type '${t.cls}'.`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// FFT kernels on separate real/imaginary arrays, in place.

function radix2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  const sgn = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const wr = new Float64Array(half);
    const wi = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      const ang = (sgn * 2 * Math.PI * k) / len;
      wr[k] = Math.cos(ang);
      wi[k] = Math.sin(ang);
    }
    for (let s = 0; s < n; s += len) {
      for (let k = 0; k < half; k++) {
        const a = s + k;
        const b = a + half;
        const tr = re[b] * wr[k] - im[b] * wi[k];
        const ti = re[b] * wi[k] + im[b] * wr[k];
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

/** Bluestein: X_k = w_k Σ (x_j w_j) conj(w_{k-j}), w_j = exp(∓iπ j²/n), a convolution done with radix-2. */
function bluestein(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const sgn = inverse ? 1 : -1;
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ang = (sgn * Math.PI * ((k * k) % (2 * n))) / n; // k² mod 2n keeps the angle exact
    cr[k] = Math.cos(ang);
    ci[k] = Math.sin(ang);
  }
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = re[k] * cr[k] - im[k] * ci[k];
    ai[k] = re[k] * ci[k] + im[k] * cr[k];
  }
  br[0] = cr[0];
  bi[0] = -ci[0];
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = cr[k];
    bi[k] = bi[m - k] = -ci[k];
  }
  radix2(ar, ai, false);
  radix2(br, bi, false);
  for (let k = 0; k < m; k++) {
    const r = ar[k] * br[k] - ai[k] * bi[k];
    ai[k] = ar[k] * bi[k] + ai[k] * br[k];
    ar[k] = r;
  }
  radix2(ar, ai, true);
  for (let k = 0; k < n; k++) {
    const xr = ar[k] / m;
    const xi = ai[k] / m;
    re[k] = xr * cr[k] - xi * ci[k];
    im[k] = xr * ci[k] + xi * cr[k];
  }
}

/** Unnormalised DFT (inverse: e^{+i}), in place, any length. */
export function dft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (n <= 1) return;
  if ((n & (n - 1)) === 0) radix2(re, im, inverse);
  else bluestein(re, im, inverse);
}

// ---------------------------------------------------------------------------------------------
// fft / ifft along a dimension

function fftBuiltin(args: Value[], inverse: boolean): Tensor {
  const fname = inverse ? 'ifft' : 'fft';
  let symmetricFlag: boolean | null = null;
  if (inverse && args.length > 1 && isText(args[args.length - 1])) {
    const w = textArg(args[args.length - 1], fname, args.length).toLowerCase();
    if (w !== 'symmetric' && w !== 'nonsymmetric') raise('MATLAB:ifft:invalidOption', `Invalid option '${w}'.`);
    symmetricFlag = w === 'symmetric';
    args = args.slice(0, -1);
  }
  const x = numericArg(args[0], fname, 1);
  let n: number | null = null;
  const nArg = args[1];
  if (nArg !== undefined && !(nArg.type === 'tensor' && nArg.re.length === 0)) {
    const t = tensorArg(nArg, fname, 2);
    n = t.re[0];
    if (t.re.length !== 1 || !(n >= 0) || !Number.isInteger(n)) raise('MATLAB:fftfcn:lengthNotNonNegInt', 'FFT length must be a nonnegative integer scalar.');
  }
  if (args[2] === undefined && x.shape.length === 2 && x.shape[0] === 0 && x.shape[1] === 0 && n === null) {
    return out(clsOf(x), [0, 0], new Float64Array(0), null);
  }
  const dim = args[2] !== undefined ? dimArg(args[2], fname) : firstNonSingleton(x.shape);
  const shape = [...x.shape];
  while (shape.length < dim) shape.push(1);
  const len = shape[dim - 1];
  const N = n ?? len;
  let before = 1;
  let after = 1;
  for (let d = 0; d < shape.length; d++) {
    if (d < dim - 1) before *= shape[d];
    else if (d > dim - 1) after *= shape[d];
  }
  const outShape = [...shape];
  outShape[dim - 1] = N;
  const total = before * N * after;
  const yr = new Float64Array(total);
  const yi = new Float64Array(total);
  const vr = new Float64Array(N);
  const vi = new Float64Array(N);
  const copy = Math.min(N, len);
  let allSymmetric = true;
  for (let o = 0; o < after; o++) {
    for (let b = 0; b < before; b++) {
      vr.fill(0);
      vi.fill(0);
      for (let k = 0; k < copy; k++) {
        const src = b + k * before + o * before * len;
        vr[k] = x.re[src];
        if (x.im) vi[k] = x.im[src];
      }
      const realIn = vi.every((v) => v === 0);
      const symmetric = inverse && isConjugateSymmetric(vr, vi);
      if (!symmetric) allSymmetric = false;
      dft(vr, vi, inverse);
      if (!inverse && realIn) {
        // Real input: make the conjugate symmetry exact, as FFTW's real transform does.
        vi[0] = 0;
        if (N % 2 === 0 && N > 0) vi[N / 2] = 0;
        for (let k = 1; k < N - k; k++) {
          vr[N - k] = vr[k];
          vi[N - k] = -vi[k];
        }
      }
      for (let k = 0; k < N; k++) {
        const dst = b + k * before + o * before * N;
        yr[dst] = inverse ? vr[k] / N : vr[k];
        yi[dst] = inverse ? vi[k] / N : vi[k];
      }
    }
  }
  // MATLAB's ifft returns a real result for conjugate-symmetric input (or when asked to).
  const realOut = inverse && (symmetricFlag ?? allSymmetric);
  return out(clsOf(x), outShape, yr, realOut ? null : yi);
}

function isConjugateSymmetric(re: Float64Array, im: Float64Array): boolean {
  const n = re.length;
  if (n === 0) return true;
  if (im[0] !== 0) return false;
  for (let k = 1; k < n; k++) if (re[k] !== re[n - k] || im[k] !== -im[n - k]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// conv, deconv, filter

function vectorArg(v: Value | undefined, fname: string, position: number): Tensor {
  const t = numericArg(v, fname, position);
  if (t.shape.length > 2 || (t.shape[0] !== 1 && t.shape[1] !== 1)) raise(`MATLAB:${fname}:AorBNotVector`, 'A and B must be vectors.');
  return t;
}

function convArrays(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length === 0 || b.length === 0) return new Float64Array(0);
  const c = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === 0) continue;
    for (let j = 0; j < b.length; j++) c[i + j] += x * b[j];
  }
  return c;
}

/** Complex-aware full convolution of two vectors. */
function convFull(u: Tensor, v: Tensor): [Float64Array, Float64Array | null] {
  const re = convArrays(u.re, v.re);
  if (!u.im && !v.im) return [re, null];
  const zero = (t: Tensor) => t.im ?? new Float64Array(t.re.length);
  const ii = convArrays(zero(u), zero(v));
  const ri = convArrays(u.re, zero(v));
  const ir = convArrays(zero(u), v.re);
  return [re.map((x, i) => x - ii[i]), ri.map((x, i) => x + ir[i])];
}

function conv(args: Value[]): Tensor {
  const u = vectorArg(args[0], 'conv', 1);
  const v = vectorArg(args[1], 'conv', 2);
  const shapeOpt = args[2] !== undefined ? textArg(args[2], 'conv', 3).toLowerCase() : 'full';
  if (shapeOpt !== 'full' && shapeOpt !== 'same' && shapeOpt !== 'valid') raise('MATLAB:conv:unknownShapeParameter', "Shape must be 'full', 'same', or 'valid'.");
  const [re, im] = convFull(u, v);
  const la = u.re.length;
  const lb = v.re.length;
  // Orientation follows the longer input (the shorter acts as the filter), as in Octave.
  const column = (la > lb ? u : v).shape[1] === 1 && (la > lb ? u : v).shape[0] !== 1;
  let lo = 0;
  let hi = re.length;
  if (shapeOpt === 'same') {
    lo = Math.ceil((re.length - la) / 2);
    hi = lo + la;
  } else if (shapeOpt === 'valid') {
    lo = lb - 1;
    hi = la >= lb ? la : lo;
  }
  const n = Math.max(0, hi - lo);
  const shape = column ? [n, 1] : [1, n];
  if (shapeOpt === 'same') {
    const ucol = u.shape[1] === 1 && u.shape[0] !== 1;
    shape.splice(0, 2, ...(ucol ? [n, 1] : [1, n]));
  }
  return out(clsOf(u, v), shape, re.slice(lo, lo + n), im ? im.slice(lo, lo + n) : null);
}

/** Direct form II transposed on one real sequence; z is the state (length n-1), updated in place. */
function filterLine(b: Float64Array, a: Float64Array, x: Float64Array, z: Float64Array): Float64Array {
  const n = b.length;
  const y = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const xk = x[k];
    const yk = b[0] * xk + (n > 1 ? z[0] : 0);
    for (let i = 0; i < n - 2; i++) z[i] = b[i + 1] * xk + z[i + 1] - a[i + 1] * yk;
    if (n > 1) z[n - 2] = b[n - 1] * xk - a[n - 1] * yk;
    y[k] = yk;
  }
  return y;
}

function filter(args: Value[], nargout: number): Tensor[] {
  const bt = numericArg(args[0], 'filter', 1);
  const at = numericArg(args[1], 'filter', 2);
  const x = numericArg(args[2], 'filter', 3);
  if (bt.im || at.im) raise('MATLAB:notImplemented', 'filter with complex coefficients is not supported yet.');
  if (at.re.length === 0 || at.re[0] === 0) raise('MATLAB:filter:firstElementOfDenominatorFilterZero', 'First denominator filter coefficient must be non-zero.');
  const n = Math.max(bt.re.length, at.re.length);
  const b = new Float64Array(n);
  const a = new Float64Array(n);
  const a0 = at.re[0];
  bt.re.forEach((v, i) => (b[i] = v / a0));
  at.re.forEach((v, i) => (a[i] = v / a0));
  const dim = args[4] !== undefined ? dimArg(args[4], 'filter') : firstNonSingleton(x.shape);
  const shape = [...x.shape];
  while (shape.length < dim) shape.push(1);
  const len = shape[dim - 1];
  let before = 1;
  let after = 1;
  for (let d = 0; d < shape.length; d++) {
    if (d < dim - 1) before *= shape[d];
    else if (d > dim - 1) after *= shape[d];
  }
  const lines = before * after;
  const zi = args[3] !== undefined ? numericArg(args[3], 'filter', 4) : null;
  if (zi && zi.re.length !== 0 && zi.re.length !== (n - 1) * lines) {
    raise('MATLAB:filter:invalidInitialConditions', 'Initial conditions must be a vector of length max(length(a),length(b))-1, or an array with the leading dimension of size max(length(a),length(b))-1 and with remaining dimensions matching those of x.');
  }
  const yr = new Float64Array(x.re.length);
  const yi = x.im || zi?.im ? new Float64Array(x.re.length) : null;
  const zfr = new Float64Array((n - 1) * lines);
  const zfi = yi ? new Float64Array((n - 1) * lines) : null;
  const line = new Float64Array(len);
  for (let o = 0; o < after; o++) {
    for (let p = 0; p < before; p++) {
      const li = p + o * before;
      const parts: [Float64Array | null, Float64Array | null, Float64Array, Float64Array | null][] = [[x.re, zi && zi.re.length ? zi.re : null, yr, zfr]];
      if (yi) parts.push([x.im, zi?.im ?? null, yi, zfi]);
      for (const [src, z0, dst, zf] of parts) {
        for (let k = 0; k < len; k++) line[k] = src ? src[p + k * before + o * before * len] : 0;
        const z = new Float64Array(Math.max(n - 1, 0));
        if (z0) z.set(z0.subarray(li * (n - 1), (li + 1) * (n - 1)));
        const y = filterLine(b, a, line, z);
        for (let k = 0; k < len; k++) dst[p + k * before + o * before * len] = y[k];
        if (zf) zf.set(z, li * (n - 1));
      }
    }
  }
  const cls = clsOf(bt, at, x);
  const y = out(cls, x.shape, yr, yi);
  if (nargout < 2) return [y];
  const zfShape = lines === 1 || isVectorLike(x.shape) ? [n - 1, 1] : [n - 1, ...shape.filter((_, d) => d !== dim - 1)];
  return [y, out(cls, zfShape, zfr, zfi)];
}

function isVectorLike(shape: readonly number[]): boolean {
  return shape.filter((d) => d !== 1).length <= 1;
}

function deconv(args: Value[]): Tensor[] {
  const y = vectorArg(args[0], 'deconv', 1);
  const a = vectorArg(args[1], 'deconv', 2);
  if (y.im || a.im) raise('MATLAB:notImplemented', 'deconv of complex vectors is not supported yet.');
  if (a.re.length === 0 || a.re[0] === 0) raise('MATLAB:deconv:ZeroCoef1', 'First coefficient of A must be non-zero.');
  const ny = y.re.length;
  const na = a.re.length;
  const cls = clsOf(y, a);
  const column = y.shape[1] === 1 && y.shape[0] !== 1;
  if (ny < na) return [out(cls, [1, 1], Float64Array.of(0), null), out(cls, y.shape, Float64Array.from(y.re), null)];
  const nq = ny - na + 1;
  const q = new Float64Array(nq);
  const rem = Float64Array.from(y.re);
  for (let k = 0; k < nq; k++) {
    const c = rem[k] / a.re[0];
    q[k] = c;
    for (let j = 0; j < na; j++) rem[k + j] -= c * a.re[j];
  }
  for (let k = 0; k < nq; k++) rem[k] = 0; // exact zeros where the quotient consumed y
  return [out(cls, column ? [nq, 1] : [1, nq], q, null), out(cls, y.shape, rem, null)];
}

// ---------------------------------------------------------------------------------------------

const spec = (signatures: string[], doc: string, impl: BuiltinSpec['impl']): BuiltinSpec => ({ family: 'signal', signatures, doc, impl });

registerFamily({
  fft: spec(['Y = fft(X)', 'Y = fft(X, n)', 'Y = fft(X, n, dim)'], 'Discrete Fourier transform along the first non-singleton dimension (or dim), for any length: radix-2 for powers of two, Bluestein otherwise. fft(X, n) zero-pads or truncates to n points. The result is complex. Example: fft([1 2 3 4]) is [10, -2+2i, -2, -2-2i].', (args) =>
    fftBuiltin(args, false)),
  ifft: spec(['X = ifft(Y)', 'X = ifft(Y, n)', 'X = ifft(Y, n, dim)', "X = ifft(..., 'symmetric')"], "Inverse discrete Fourier transform (1/n normalised), along the first non-singleton dimension or dim. The result is real when Y is conjugate symmetric or 'symmetric' is given. Example: ifft(fft([1 2 3])) is [1 2 3].", (args) =>
    fftBuiltin(args, true)),
  conv: spec(['w = conv(u, v)', "w = conv(u, v, shape)"], "Convolution of two vectors (polynomial multiplication). shape 'full' (default, length m+n-1), 'same' (central part, the size of u) or 'valid' (no zero-padded edges). Example: conv([1 1], [1 2 1]) is [1 3 3 1].", (args) =>
    conv(args)),
  filter: spec(['y = filter(b, a, x)', 'y = filter(b, a, x, zi)', 'y = filter(b, a, x, zi, dim)', '[y, zf] = filter(...)'], 'Rational IIR/FIR filter y(n) = (b(1)x(n) + ... - a(2)y(n-1) - ...)/a(1), in direct form II transposed, along the first non-singleton dimension (or dim), with optional initial and final states. Example: filter(1, [1 -0.5], [1 1 1]) is [1 1.5 1.75].', (args, ctx) =>
    filter(args, ctx.nargout)),
  deconv: spec(['[q, r] = deconv(y, a)'], 'Polynomial division (deconvolution): y = conv(a, q) + r, with r of the size of y. Example: [q, r] = deconv([1 3 3 1], [1 1]) gives q = [1 2 1], r = [0 0 0 0].', (args) => deconv(args)),
});
