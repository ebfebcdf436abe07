// More elementwise math, computed on the host (no GPU lowering): special functions (gamma,
// gammaln, erf, erfc, erfinv), number theory (factorial, nchoosek, gcd, lcm, primes, isprime,
// idivide), roots and powers of two (nthroot, pow2, nextpow2), reciprocal, inverse-hyperbolic and
// degree-based trigonometry. The plain functions in elementwise.ts lower to GPU ops instead.
//
// Class rules: transcendental functions need double or single (MATLAB rejects integers);
// logical and char inputs compute in double. Number-theory functions keep integer classes.

import { checkArraySize } from '../limits.ts';
import { raise } from '../errors.ts';
import { broadcastShapes } from '../graph/broadcast.ts';
import { castScalar, isIntClass, Tensor, type ArrayClass, type Value } from '../runtime/values/index.ts';
import { isText, textArg } from './args.ts';
import { arithmeticClass, incompatibleSizes, simplifyComplex, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

// ---------------------------------------------------------------- special functions

// Lanczos coefficients of Numerical Recipes (3rd ed.) gammln: relative error below 1e-15.
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** log(gamma(x)) for x > 0 by the Lanczos series. */
function lanczosLog(x: number): number {
  let y = x;
  const t = x + 5.2421875;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return (x + 0.5) * Math.log(t) - t + Math.log((2.5066282746310005 * ser) / x);
}

function gamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return Infinity;
  if (x === Math.floor(x)) {
    if (x <= 0 || x > 171) return Infinity;
    let p = 1;
    for (let k = 2; k < x; k++) p *= k;
    return p;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  if (x > 171.7) return Infinity;
  // Shift into [1, 2) where exp(lanczosLog) is accurate, then multiply back up.
  let f = x;
  let p = 1;
  while (f >= 2) p *= --f;
  return Math.exp(lanczosLog(f)) * p;
}

function gammaln(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) return x === 0 ? Infinity : NaN;
  if (x === 1 || x === 2) return 0;
  if (x < 15) return lanczosLog(x);
  // Stirling's series for large x.
  const z = 1 / (x * x);
  const series = (1 / 12 - z * (1 / 360 - z * (1 / 1260 - z * (1 / 1680 - z / 1188)))) / x;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
}

/** erf by its all-positive series (small |x|) and erfc by a continued fraction (large |x|). */
function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a >= 2.5) return Math.sign(x) * (1 - erfcPositive(a));
  let term = a;
  let sum = a;
  for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
    term *= (2 * a * a) / (2 * n + 1);
    sum += term;
  }
  return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
}

function erfcPositive(x: number): number {
  if (x === Infinity) return 0;
  // Lentz's algorithm for erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const an = n / 2;
    d = x + an * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + an / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 2.5) return erfcPositive(x);
  if (x <= -2.5) return 2 - erfcPositive(-x);
  return 1 - erf(x);
}

/** erfinv: Giles' single-precision approximation refined by Newton steps on erf. */
function erfinv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  if (y === 0) return y;
  let w = -Math.log((1 - y) * (1 + y));
  let x: number;
  if (w < 5) {
    w -= 2.5;
    let p = 2.81022636e-8;
    for (const c of [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]) p = c + p * w;
    x = p * y;
  } else {
    w = Math.sqrt(w) - 3;
    let p = -0.000200214257;
    for (const c of [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]) p = c + p * w;
    x = p * y;
  }
  for (let i = 0; i < 3; i++) {
    const err = (Math.abs(y) > 0.9 ? -(erfc(x) - (1 - y)) : erf(x) - y);
    x -= err / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
  }
  return x;
}

// ---------------------------------------------------------------- helpers

/** Float class for a transcendental function: single stays single, integers are rejected. */
function floatInput(v: Value | undefined, fname: string, position = 1): Tensor {
  const t = tensorArg(v, fname, position);
  if (isIntClass(t.cls)) raise('MATLAB:UndefinedFunction', `Check for incorrect argument data type or missing argument in call to function '${fname}'.`);
  if (t.im) raise('MATLAB:complexUnsupported', `Complex input is not supported by ${fname}.`);
  return t;
}

function outClass(t: Tensor): ArrayClass {
  return t.cls === 'single' ? 'single' : 'double';
}

/** A real → real host function, elementwise. */
function hostUnary(name: string, f: (x: number) => number, doc: string): BuiltinSpec {
  return {
    family: 'elementwise',
    signatures: [`Y = ${name}(X)`],
    doc,
    impl: (args) => {
      const t = floatInput(args[0], name);
      const cls = outClass(t);
      return new Tensor(cls, t.shape, t.re.map((x) => castScalar(f(x), cls)));
    },
  };
}

/** A real → complex host function (inverse functions outside their real domain). */
function hostComplex(name: string, f: (x: number) => [number, number], doc: string): BuiltinSpec {
  return {
    family: 'elementwise',
    signatures: [`Y = ${name}(X)`],
    doc,
    impl: (args) => {
      const t = floatInput(args[0], name);
      const cls = outClass(t);
      const re = new Float64Array(t.re.length);
      const im = new Float64Array(t.re.length);
      t.re.forEach((x, i) => {
        const [a, b] = f(x);
        re[i] = castScalar(a, cls);
        im[i] = castScalar(b, cls);
      });
      return simplifyComplex(new Tensor(cls, t.shape, re, im));
    },
  };
}

/** Broadcast two tensors through a host function; `cls` picks the result class. */
function hostBinary(a: Tensor, b: Tensor, cls: ArrayClass, f: (x: number, y: number) => number): Tensor {
  const shape = broadcastShapes(a.shape, b.shape) ?? incompatibleSizes();
  checkArraySize(shape);
  const n = shape.reduce((x, y) => x * y, 1);
  const out = new Float64Array(n);
  const ia = indexer(a.shape, shape);
  const ib = indexer(b.shape, shape);
  for (let k = 0; k < n; k++) out[k] = castScalar(f(a.re[ia(k)], b.re[ib(k)]), cls);
  return new Tensor(cls, shape, out);
}

/** Maps a linear index of the broadcast shape to a linear index of `from`. */
function indexer(from: readonly number[], to: readonly number[]): (k: number) => number {
  if (from.reduce((x, y) => x * y, 1) === to.reduce((x, y) => x * y, 1)) return (k) => k;
  return (k) => {
    let idx = 0;
    let stride = 1;
    let rest = k;
    for (let d = 0; d < to.length; d++) {
      const sub = rest % to[d];
      rest = Math.floor(rest / to[d]);
      const size = from[d] ?? 1;
      if (size !== 1) idx += sub * stride;
      stride *= size;
    }
    return idx;
  };
}

function integerValued(t: Tensor, fname: string, what: string): void {
  for (const x of t.re) if (x !== Math.floor(x) || !Number.isFinite(x)) raise(`MATLAB:${fname}:NonIntegerInput`, `${what} must be integers.`);
}

function gcd2(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n < 4) return true;
  if (n % 2 === 0 || n % 3 === 0) return false;
  for (let d = 5; d * d <= n; d += 6) if (n % d === 0 || n % (d + 2) === 0) return false;
  return true;
}

/** Degree trigonometry exact at multiples of 90: reduce to the nearest quadrant first. */
function quadrant(x: number): [number, number] {
  const n = Math.round(x / 90);
  const r = ((x - 90 * n) * Math.PI) / 180;
  return [((n % 4) + 4) % 4, r];
}

function sind(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const [q, r] = quadrant(x);
  const v = q === 0 ? Math.sin(r) : q === 1 ? Math.cos(r) : q === 2 ? -Math.sin(r) : -Math.cos(r);
  return v + 0;
}

function cosd(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const [q, r] = quadrant(x);
  const v = q === 0 ? Math.cos(r) : q === 1 ? -Math.sin(r) : q === 2 ? -Math.cos(r) : Math.sin(r);
  return v + 0;
}

function tand(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const [q, r] = quadrant(x);
  if (q % 2 === 1 && r === 0) return q === 1 ? Infinity : -Infinity;
  return (q % 2 === 0 ? Math.tan(r) : -1 / Math.tan(r)) + 0;
}

const DEG = 180 / Math.PI;

/** asin for any real: outside [-1, 1] the principal complex value (MATLAB's branch: asin(2) is π/2 - 1.3170i). */
export function casin(x: number): [number, number] {
  if (x >= -1 && x <= 1) return [Math.asin(x), 0];
  const s = Math.sign(x);
  return [(s * Math.PI) / 2, -s * Math.log(Math.abs(x) + Math.sqrt(x * x - 1))];
}

export function cacos(x: number): [number, number] {
  const [a, b] = casin(x);
  return [Math.PI / 2 - a, -b];
}

// ---------------------------------------------------------------- the table

registerFamily({
  gamma: hostUnary('gamma', gamma, 'The gamma function; gamma(n) = factorial(n-1) for positive integers, Inf at 0 and negative integers. Example: gamma(5) is 24; gamma(0.5) is 1.7725.'),
  gammaln: hostUnary('gammaln', gammaln, 'The logarithm of the gamma function, without overflow for large x. Example: gammaln(100) is 359.1342.'),
  erf: hostUnary('erf', erf, 'The error function, 2/sqrt(pi) times the integral of exp(-t^2) from 0 to x. Example: erf(1) is 0.8427.'),
  erfc: hostUnary('erfc', erfc, 'The complementary error function 1 - erf(x), accurate for large x. Example: erfc(3) is 2.2090e-05.'),
  erfinv: hostUnary('erfinv', erfinv, 'The inverse error function: erf(erfinv(y)) is y for -1 <= y <= 1, ±Inf at ±1, NaN outside. Example: erfinv(0.5) is 0.4769.'),
  factorial: {
    family: 'elementwise',
    signatures: ['f = factorial(n)'],
    doc: 'The product 1*2*...*n of nonnegative integers, elementwise; Inf above 170 for doubles, saturating for integer classes. Example: factorial(5) is 120; factorial(int8(6)) is int8(127).',
    impl: (args) => {
      const t = tensorArg(args[0], 'factorial');
      for (const x of t.re) if (!(x >= 0) || x !== Math.floor(x)) raise('MATLAB:factorial:NNegativeInteger', 'N must be an array of real non-negative integers.');
      const cls: ArrayClass = t.cls === 'logical' || t.cls === 'char' ? 'double' : t.cls;
      return new Tensor(cls, t.shape, t.re.map((n) => castScalar(n > 170 ? Infinity : gamma(n + 1), cls)));
    },
  },
  nchoosek: {
    family: 'elementwise',
    signatures: ['b = nchoosek(n, k)', 'C = nchoosek(v, k)'],
    doc: 'The binomial coefficient for scalar n, or every combination of k elements of a vector v as the rows of a matrix (in order). Example: nchoosek(5, 2) is 10; nchoosek([1 2 3], 2) is [1 2; 1 3; 2 3].',
    impl: (args) => {
      const v = tensorArg(args[0], 'nchoosek');
      const kt = tensorArg(args[1], 'nchoosek', 2);
      const k = kt.re[0];
      if (kt.re.length !== 1 || !(k >= 0) || k !== Math.floor(k)) raise('MATLAB:nchoosek:InvalidArg2', 'K must be an integer between 0 and N.');
      if (v.re.length === 1) {
        const n = v.re[0];
        if (!(n >= 0) || n !== Math.floor(n)) raise('MATLAB:nchoosek:InvalidArg1', 'N must be a nonnegative integer.');
        if (k > n) raise('MATLAB:nchoosek:KOutOfRange', 'K must be an integer between 0 and N.');
        const kk = Math.min(k, n - k);
        let r = 1;
        // Once r overflows it stays Inf: stop there (nchoosek(1e10, 5e9) would loop 5e9 times).
        for (let i = 1; i <= kk && Number.isFinite(r); i++) r = Math.round((r * (n - kk + i)) / i);
        const cls: ArrayClass = isIntClass(v.cls) ? v.cls : v.cls === 'single' ? 'single' : 'double';
        return new Tensor(cls, [1, 1], Float64Array.of(castScalar(r, cls)));
      }
      const n = v.re.length;
      const rows: number[][] = [];
      const pick: number[] = [];
      const walk = (start: number): void => {
        if (pick.length === k) {
          rows.push(pick.map((i) => v.re[i]));
          return;
        }
        for (let i = start; i <= n - (k - pick.length); i++) {
          pick.push(i);
          walk(i + 1);
          pick.pop();
        }
      };
      if (k <= n) walk(0);
      const re = new Float64Array(rows.length * k);
      rows.forEach((r, i) => r.forEach((x, j) => (re[i + j * rows.length] = x)));
      return new Tensor(v.cls, [rows.length, k], re);
    },
  },
  gcd: {
    family: 'elementwise',
    signatures: ['G = gcd(A, B)'],
    doc: 'The greatest common divisor, elementwise with implicit expansion; always nonnegative, gcd(0, 0) is 0. Example: gcd(12, [18 8]) is [6 4].',
    impl: (args) => {
      const a = tensorArg(args[0], 'gcd');
      const b = tensorArg(args[1], 'gcd', 2);
      integerValued(a, 'gcd', 'Inputs');
      integerValued(b, 'gcd', 'Inputs');
      return hostBinary(a, b, arithmeticClass(a, b), gcd2);
    },
  },
  lcm: {
    family: 'elementwise',
    signatures: ['L = lcm(A, B)'],
    doc: 'The least common multiple, elementwise with implicit expansion. Example: lcm(4, [6 10]) is [12 20].',
    impl: (args) => {
      const a = tensorArg(args[0], 'lcm');
      const b = tensorArg(args[1], 'lcm', 2);
      integerValued(a, 'lcm', 'Inputs');
      integerValued(b, 'lcm', 'Inputs');
      return hostBinary(a, b, arithmeticClass(a, b), (x, y) => (x === 0 || y === 0 ? 0 : Math.abs((x / gcd2(x, y)) * y)));
    },
  },
  primes: {
    family: 'elementwise',
    signatures: ['p = primes(n)'],
    doc: 'The primes up to n as a row vector, of the class of n. Example: primes(20) is [2 3 5 7 11 13 17 19].',
    impl: (args) => {
      const t = tensorArg(args[0], 'primes');
      if (t.re.length !== 1) raise('MATLAB:primes:InputNotScalar', 'Input must be a scalar.');
      const n = Math.floor(t.re[0]);
      const sieve = new Uint8Array(Math.max(0, n + 1));
      const out: number[] = [];
      for (let i = 2; i <= n; i++) {
        if (sieve[i]) continue;
        out.push(i);
        for (let j = i * i; j <= n; j += i) sieve[j] = 1;
      }
      const cls: ArrayClass = t.cls === 'logical' || t.cls === 'char' ? 'double' : t.cls;
      return new Tensor(cls, [1, out.length], Float64Array.from(out));
    },
  },
  isprime: {
    family: 'elementwise',
    signatures: ['tf = isprime(X)'],
    doc: 'True where an element is a prime number; elements must be nonnegative integers. Example: isprime([2 4 7 9]) is [1 0 1 0].',
    impl: (args) => {
      const t = tensorArg(args[0], 'isprime');
      // Inf is no integer here (and trial division up to sqrt(Inf) would never end).
      for (const x of t.re) if (!(x >= 0) || x !== Math.floor(x) || x === Infinity) raise('MATLAB:isprime:InputNotPosInt', 'All entries must be non-negative integers.');
      return new Tensor('logical', t.shape, t.re.map((x) => (isPrime(x) ? 1 : 0)));
    },
  },
  nthroot: {
    family: 'elementwise',
    signatures: ['Y = nthroot(X, N)'],
    doc: 'The real nth root, elementwise; a negative X needs an odd integer N. Example: nthroot(-27, 3) is -3 (where (-27)^(1/3) is complex).',
    impl: (args) => {
      const x = floatInput(args[0], 'nthroot');
      const n = floatInput(args[1], 'nthroot', 2);
      return hostBinary(x, n, x.cls === 'single' || n.cls === 'single' ? 'single' : 'double', (a, k) => {
        const odd = Math.abs(k % 2) === 1;
        if (a < 0 && !odd) raise('MATLAB:nthroot:NegXNotOddIntegerN', 'If X is negative, N must be an odd integer.');
        if (!Number.isFinite(a) || a === 0) return k < 0 ? (a === 0 ? (odd && Object.is(a, -0) ? -Infinity : Infinity) : 0) : a;
        let y = Math.sign(a) * Math.abs(a) ** (1 / k);
        if (Number.isFinite(y) && y !== 0) y -= (y ** k - a) / (k * y ** (k - 1));
        return y;
      });
    },
  },
  pow2: {
    family: 'elementwise',
    signatures: ['Y = pow2(E)', 'X = pow2(F, E)'],
    doc: 'Powers of two: pow2(e) is 2.^e, pow2(f, e) is f.*2.^e. Example: pow2(10) is 1024; pow2(0.5, 3) is 4.',
    impl: (args) => {
      const a = floatInput(args[0], 'pow2');
      if (args.length < 2) return new Tensor(outClass(a), a.shape, a.re.map((e) => castScalar(2 ** e, outClass(a))));
      const e = floatInput(args[1], 'pow2', 2);
      return hostBinary(a, e, a.cls === 'single' || e.cls === 'single' ? 'single' : 'double', (f, p) => f * 2 ** p);
    },
  },
  nextpow2: {
    family: 'elementwise',
    signatures: ['P = nextpow2(A)'],
    doc: 'The smallest integer p with 2^p >= abs(A), elementwise; nextpow2(0) is 0. Example: nextpow2(100) is 7; nextpow2(64) is 6.',
    impl: (args) => {
      const t = tensorArg(args[0], 'nextpow2');
      const cls: ArrayClass = t.cls === 'logical' || t.cls === 'char' ? 'double' : t.cls;
      return new Tensor(cls, t.shape, t.re.map((x) => {
        const a = Math.abs(x);
        if (a === 0) return 0;
        if (!Number.isFinite(a)) return a;
        let p = Math.ceil(Math.log2(a));
        if (2 ** (p - 1) >= a) p -= 1;
        else if (2 ** p < a) p += 1;
        return castScalar(p, cls);
      }));
    },
  },
  sec: hostUnary('sec', (x) => 1 / Math.cos(x), 'Secant, 1/cos(x), of radians. Example: sec(0) is 1.'),
  csc: hostUnary('csc', (x) => 1 / Math.sin(x), 'Cosecant, 1/sin(x), of radians. Example: csc(pi/2) is 1.'),
  cot: hostUnary('cot', (x) => 1 / Math.tan(x), 'Cotangent, 1/tan(x), of radians; cot(0) is Inf. Example: cot(pi/4) is 1.0000.'),
  asec: hostComplex('asec', (x) => cacos(1 / x), 'Inverse secant in radians, acos(1/x); complex for |x| < 1. Example: asec(2) is 1.0472.'),
  acsc: hostComplex('acsc', (x) => casin(1 / x), 'Inverse cosecant in radians, asin(1/x); complex for |x| < 1. Example: acsc(2) is 0.5236.'),
  acot: hostUnary('acot', (x) => Math.atan(1 / x), 'Inverse cotangent in radians, atan(1/x). Example: acot(1) is 0.7854.'),
  asinh: hostUnary('asinh', Math.asinh, 'Inverse hyperbolic sine. Example: asinh(1) is 0.8814.'),
  acosh: hostComplex('acosh', (x) => {
    if (x >= 1 || Number.isNaN(x)) return [Math.acosh(x), 0];
    if (x >= -1) return [0, Math.acos(x)];
    return [Math.log(-x + Math.sqrt(x * x - 1)), Math.PI];
  }, 'Inverse hyperbolic cosine; complex for x < 1. Example: acosh(2) is 1.3170.'),
  atanh: hostComplex('atanh', (x) => {
    if (Math.abs(x) <= 1 || Number.isNaN(x)) return [Math.atanh(x), 0];
    return [0.5 * Math.log(Math.abs((1 + x) / (1 - x))), Math.PI / 2];
  }, 'Inverse hyperbolic tangent; ±Inf at ±1, complex for |x| > 1. Example: atanh(0.5) is 0.5493.'),
  sind: hostUnary('sind', sind, 'Sine of degrees, exact at multiples of 90. Example: sind(30) is 0.5000; sind(180) is 0.'),
  cosd: hostUnary('cosd', cosd, 'Cosine of degrees, exact at multiples of 90. Example: cosd(60) is 0.5000; cosd(90) is 0.'),
  tand: hostUnary('tand', tand, 'Tangent of degrees; tand(90) is Inf. Example: tand(45) is 1.'),
  asind: hostComplex('asind', (x) => casin(x).map((v) => v * DEG) as [number, number], 'Inverse sine in degrees. Example: asind(0.5) is 30.0000.'),
  acosd: hostComplex('acosd', (x) => cacos(x).map((v) => v * DEG) as [number, number], 'Inverse cosine in degrees. Example: acosd(0) is 90.'),
  atand: hostUnary('atand', (x) => Math.atan(x) * DEG, 'Inverse tangent in degrees. Example: atand(1) is 45.'),
  deg2rad: hostUnary('deg2rad', (x) => (x * Math.PI) / 180, 'Converts degrees to radians. Example: deg2rad(180) is 3.1416.'),
  rad2deg: hostUnary('rad2deg', (x) => x * DEG, 'Converts radians to degrees. Example: rad2deg(pi) is 180.'),
  idivide: {
    family: 'elementwise',
    signatures: ['C = idivide(A, B)', "C = idivide(A, B, opt)"],
    doc: "Integer division with a chosen rounding: 'fix' (default, toward zero), 'round', 'floor' or 'ceil'. At least one input must be an integer class, and the result has that class. Example: idivide(int32(7), int32(2)) is 3; idivide(int32(7), int32(2), 'round') is 4.",
    impl: (args) => {
      const a = tensorArg(args[0], 'idivide');
      const b = tensorArg(args[1], 'idivide', 2);
      if (!isIntClass(a.cls) && !isIntClass(b.cls)) raise('MATLAB:idivide:mustBeInteger', 'At least one input argument must belong to an integer class.');
      const opt = args[2] !== undefined && isText(args[2]) ? textArg(args[2], 'idivide', 3) : 'fix';
      const round: Record<string, (x: number) => number> = { fix: Math.trunc, floor: Math.floor, ceil: Math.ceil, round: (x) => (x < 0 ? -Math.round(-x) : Math.round(x)) };
      const r = round[opt] ?? raise('MATLAB:idivide:InvalidRoundingOption', `Invalid rounding option '${opt}'.`);
      return hostBinary(a, b, arithmeticClass(a, b), (x, y) => {
        const q = x / y;
        return Number.isFinite(q) ? r(q) : q;
      });
    },
  },
});
