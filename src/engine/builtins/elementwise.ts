// Elementwise math: one line per plain builtin (through `unaryMath`, which also records the GPU
// lowering), plus the ones with complex results or two arguments written out.

import { ELEMENTWISE_OPS as OPS, type ElementwiseOpName } from '../graph/elementwiseOps.ts';
import { castScalar, Tensor, type ArrayClass } from '../runtime/values/index.ts';
import { casin, cacos } from './math.ts';
import { applyBinary, applyUnary, floatClassOf, simplifyComplex, tensorArg } from './numeric.ts';
import { registerFamily, unaryMath } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

// ---------------------------------------------------------------- complex paths
//
// The GPU ops (and `applyUnary`) work on real doubles. A builtin whose input is complex, or real
// but outside the function's real domain (sqrt(-4), log(-1), asin(2)), takes the host path below
// instead: computed in double on (re, im) pairs, cast to the float class, and made real again when
// every imaginary part is zero (MATLAB: cos(2i) is the real 3.7622). Branch cuts are MATLAB's.

type C = [number, number];
type ComplexFn = (x: number, y: number) => C;

function csqrt(x: number, y: number): C {
  if (y === 0) return x >= 0 || Number.isNaN(x) ? [Math.sqrt(x), 0] : [0, Math.sqrt(-x)];
  const r = Math.hypot(x, y);
  if (x >= 0) {
    const t = Math.sqrt((r + x) / 2);
    return [t, y / (2 * t)];
  }
  const t = Math.sqrt((r - x) / 2);
  return [Math.abs(y) / (2 * t), Math.sign(y) * t];
}

/** Principal log; `realLog` gives the modulus part (log, log2 or log10) and `scale` the angle's. */
function clogWith(realLog: (r: number) => number, scale: number): ComplexFn {
  return (x, y) => [realLog(y === 0 ? Math.abs(x) : Math.hypot(x, y)), Math.atan2(y, x) * scale];
}
const clog = clogWith(Math.log, 1);

function cexp(x: number, y: number): C {
  const m = Math.exp(x);
  return y === 0 ? [m, 0] : [m * Math.cos(y), m * Math.sin(y)];
}

function ctan(x: number, y: number): C {
  if (Math.abs(y) > 20) return [2 * Math.sin(2 * x) * Math.exp(-2 * Math.abs(y)), Math.sign(y)];
  const d = Math.cos(2 * x) + Math.cosh(2 * y);
  return [Math.sin(2 * x) / d, Math.sinh(2 * y) / d];
}

/** asin(z) = -i log(iz + sqrt(1 - z²)); real arguments use the accurate real formula. */
function casinC(x: number, y: number): C {
  if (y === 0) return casin(x);
  const [sr, si] = csqrt(1 - x * x + y * y, -2 * x * y);
  const [lr, li] = clog(sr - y, si + x);
  return [li, -lr];
}

function cacosC(x: number, y: number): C {
  if (y === 0) return cacos(x);
  const [a, b] = casinC(x, y);
  return [Math.PI / 2 - a, -b];
}

/** atan(z) = (i/2) (log(1 - iz) - log(1 + iz)). */
function catanC(x: number, y: number): C {
  const [ar, ai] = clog(1 + y, -x);
  const [br, bi] = clog(1 - y, x);
  return [-(ai - bi) / 2, (ar - br) / 2];
}

const COMPLEX_FNS = {
  sqrt: csqrt,
  log: clog,
  log2: clogWith(Math.log2, 1 / Math.LN2),
  log10: clogWith(Math.log10, 1 / Math.LN10),
  log1p: (x: number, y: number): C => (y === 0 && x >= -1 ? [Math.log1p(x), 0] : clog(1 + x, y)),
  exp: cexp,
  sin: (x: number, y: number): C => [Math.sin(x) * Math.cosh(y), Math.cos(x) * Math.sinh(y)],
  cos: (x: number, y: number): C => [Math.cos(x) * Math.cosh(y), -Math.sin(x) * Math.sinh(y)],
  tan: ctan,
  sinh: (x: number, y: number): C => [Math.sinh(x) * Math.cos(y), Math.cosh(x) * Math.sin(y)],
  cosh: (x: number, y: number): C => [Math.cosh(x) * Math.cos(y), Math.sinh(x) * Math.sin(y)],
  tanh: (x: number, y: number): C => {
    // tanh(z) = -i tan(iz)
    const [a, b] = ctan(-y, x);
    return [b, -a];
  },
  asin: casinC,
  acos: cacosC,
  atan: catanC,
  sign: (x: number, y: number): C => {
    if (x === 0 && y === 0) return [0, 0];
    const r = Math.hypot(x, y);
    return [x / r, y / r];
  },
} satisfies Partial<Record<ElementwiseOpName, ComplexFn>>;

type ComplexCapable = keyof typeof COMPLEX_FNS;

/** Elementwise f over (re, im) pairs in double; the result is single for single input, else double. */
function mapComplex(a: Tensor, f: ComplexFn): Tensor {
  const cls: ArrayClass = a.cls === 'single' ? 'single' : 'double';
  const re = new Float64Array(a.re.length);
  const im = new Float64Array(a.re.length);
  for (let i = 0; i < re.length; i++) {
    const [r, j] = f(a.re[i], a.im ? a.im[i] : 0);
    re[i] = castScalar(r, cls);
    im[i] = castScalar(j, cls);
  }
  return simplifyComplex(new Tensor(cls, a.shape, re, im));
}

function anyReal(a: Tensor, test: (x: number) => boolean): boolean {
  for (let i = 0; i < a.re.length; i++) if (test(a.re[i])) return true;
  return false;
}

/**
 * A `unaryMath` builtin (GPU lowering kept for real input) with a complex path: taken for complex
 * input, and for real input where `outsideDomain` holds for some element.
 */
function complexMath(op: ComplexCapable, doc: string, outsideDomain?: (x: number) => boolean): BuiltinSpec {
  const f: ComplexFn = COMPLEX_FNS[op];
  return {
    ...unaryMath(op, doc),
    impl: (args, ctx) => {
      const a = tensorArg(args[0], op);
      if (a.im || (outsideDomain && anyReal(a, outsideDomain))) return mapComplex(a, f);
      return applyUnary(ctx, OPS[op], a);
    },
  };
}

/** isnan/isinf/isfinite: for complex input, from both parts. */
function complexPredicate(op: 'isnan' | 'isinf' | 'isfinite', doc: string, combine: (re: boolean, im: boolean) => boolean): BuiltinSpec {
  const test = OPS[op].host;
  return {
    ...unaryMath(op, doc),
    impl: (args, ctx) => {
      const a = tensorArg(args[0], op);
      if (!a.im) return applyUnary(ctx, OPS[op], a);
      const im = a.im;
      return new Tensor('logical', a.shape, a.re.map((x, i) => (combine(test(x, 0) === 1, test(im[i], 0) === 1) ? 1 : 0)));
    },
  };
}

/** frexp: x = f .* 2.^e with 0.5 <= |f| < 1 (f = e = 0 at 0; ±Inf and NaN keep f = x, e = 0). */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.floor(Math.log2(Math.abs(x))) + 1;
  // Scaling by a power of two is exact; split it for subnormal x, where 2 ** -e overflows.
  let f = e < -1000 ? x * 2 ** 600 * 2 ** -(e + 600) : x * 2 ** -e;
  while (Math.abs(f) >= 1) {
    f /= 2;
    e++;
  }
  while (Math.abs(f) < 0.5) {
    f *= 2;
    e--;
  }
  return [f, e];
}

function binaryMath(name: 'mod' | 'rem' | 'atan2' | 'hypot', doc: string): BuiltinSpec {
  return {
    family: 'elementwise',
    signatures: [`C = ${name}(A, B)`],
    doc,
    impl: (args, ctx) => applyBinary(ctx, OPS[name], tensorArg(args[0], name, 1), tensorArg(args[1], name, 2)),
    lowering: { elementwise: name },
  };
}

function complexPart(name: string, pick: (re: number, im: number) => number, doc: string, keepComplex = false): BuiltinSpec {
  return {
    family: 'elementwise',
    signatures: [`Y = ${name}(Z)`],
    doc,
    impl: (args) => {
      const a = tensorArg(args[0], name);
      const re = new Float64Array(a.re.length);
      for (let i = 0; i < re.length; i++) re[i] = pick(a.re[i], a.im ? a.im[i] : 0);
      const cls = a.cls === 'logical' || a.cls === 'char' ? 'double' : a.cls;
      if (keepComplex && a.im) return new Tensor(cls, a.shape, Float64Array.from(a.re), a.im.map((x) => -x));
      return new Tensor(cls, a.shape, re);
    },
  };
}

registerFamily({
  sqrt: complexMath('sqrt', 'Square root; negative and complex inputs give complex results. Example: sqrt([4 9]) is [2 3]; sqrt(-4) is 0 + 2i.', (x) => x < 0),
  log: complexMath('log', 'Natural logarithm; negative and complex inputs give complex results. Example: log(exp(2)) is 2; log(-1) is 0 + 3.1416i.', (x) => x < 0),
  exp: complexMath('exp', 'Exponential e^x, complex inputs included. Example: exp(1) is 2.7183; exp(1i*pi) is -1.0000 + 0.0000i.'),
  log2: {
    ...complexMath('log2', 'Base-2 logarithm; negative inputs give complex results. With two outputs, splits X into mantissa and exponent: X = F.*2.^E with 0.5 <= abs(F) < 1. Example: log2(8) is 3; [f, e] = log2(8) gives f = 0.5, e = 4.', (x) => x < 0),
    signatures: ['Y = log2(X)', '[F, E] = log2(X)'],
    impl: (args, ctx) => {
      const a = tensorArg(args[0], 'log2');
      if (ctx.nargout < 2) {
        if (a.im || anyReal(a, (x) => x < 0)) return mapComplex(a, COMPLEX_FNS.log2);
        return applyUnary(ctx, OPS.log2, a);
      }
      const cls: ArrayClass = a.cls === 'single' ? 'single' : 'double';
      const f = new Float64Array(a.re.length);
      const e = new Float64Array(a.re.length);
      for (let i = 0; i < f.length; i++) [f[i], e[i]] = frexp(a.re[i]);
      return [new Tensor(cls, a.shape, f), new Tensor(cls, a.shape, e)];
    },
  },
  log10: complexMath('log10', 'Base-10 logarithm; negative inputs give complex results. Example: log10(1000) is 3.', (x) => x < 0),
  log1p: complexMath('log1p', 'log(1 + x), accurate for small x; complex for x < -1. Example: log1p(1e-10) is 1e-10; log1p(-2) is 0 + 3.1416i.', (x) => x < -1),
  expm1: unaryMath('expm1', 'exp(x) - 1, accurate for small x. Example: expm1(1e-10) is 1e-10.'),
  sin: complexMath('sin', 'Sine of radians, complex inputs included. Example: sin(pi/2) is 1.'),
  cos: complexMath('cos', 'Cosine of radians, complex inputs included. Example: cos(0) is 1; cos(1 + 1i) is 0.8337 - 0.9889i.'),
  tan: complexMath('tan', 'Tangent of radians, complex inputs included. Example: tan(pi/4) is 1.0000.'),
  asin: complexMath('asin', 'Inverse sine in radians; complex outside [-1, 1]. Example: asin(1) is 1.5708; asin(2) is 1.5708 - 1.3170i.', (x) => Math.abs(x) > 1),
  acos: complexMath('acos', 'Inverse cosine in radians; complex outside [-1, 1]. Example: acos(0) is 1.5708; acos(2) is 0 + 1.3170i.', (x) => Math.abs(x) > 1),
  atan: complexMath('atan', 'Inverse tangent in radians, complex inputs included. Example: atan(1) is 0.7854.'),
  sinh: complexMath('sinh', 'Hyperbolic sine, complex inputs included. Example: sinh(0) is 0.'),
  cosh: complexMath('cosh', 'Hyperbolic cosine, complex inputs included. Example: cosh(0) is 1; cosh(1i*pi) is -1.'),
  tanh: complexMath('tanh', 'Hyperbolic tangent, complex inputs included. Example: tanh(100) is 1.'),
  floor: unaryMath('floor', 'Rounds toward minus infinity. Example: floor(-2.5) is -3.'),
  ceil: unaryMath('ceil', 'Rounds toward plus infinity. Example: ceil(-2.5) is -2.'),
  fix: unaryMath('fix', 'Rounds toward zero. Example: fix(-2.5) is -2.'),
  sign: complexMath('sign', 'The sign: -1, 0 or 1; for complex z, z./abs(z). Example: sign([-3 0 2]) is [-1 0 1]; sign(3 + 4i) is 0.6000 + 0.8000i.'),
  isnan: complexPredicate('isnan', 'True where the value is NaN (either part, for complex). Example: isnan([1 NaN]) is [0 1].', (r, i) => r || i),
  isinf: complexPredicate('isinf', 'True where the value is Inf or -Inf (either part, for complex). Example: isinf([1 -Inf]) is [0 1].', (r, i) => r || i),
  isfinite: complexPredicate('isfinite', 'True where the value is neither NaN nor infinite (both parts, for complex). Example: isfinite([1 NaN Inf]) is [1 0 0]; isfinite(complex(1, Inf)) is false.', (r, i) => r && i),
  round: {
    ...unaryMath('round', 'Rounds to the nearest integer, halves away from zero; round(x, n) keeps n decimals. Example: round(2.5) is 3, round(-2.5) is -3, round(pi, 2) is 3.14.'),
    signatures: ['Y = round(X)', 'Y = round(X, N)'],
    impl: (args, ctx) => {
      const a = tensorArg(args[0], 'round');
      if (args.length < 2) return applyUnary(ctx, OPS.round, a);
      const n = tensorArg(args[1], 'round', 2).re[0];
      const f = 10 ** n;
      return new Tensor(a.cls, a.shape, a.re.map((x) => OPS.round.host(x * f, 0) / f));
    },
  },
  abs: {
    ...unaryMath('abs', 'Absolute value; for complex numbers the modulus. Example: abs([-2 3]) is [2 3]; abs(3 + 4i) is 5.'),
    impl: (args, ctx) => {
      const a = tensorArg(args[0], 'abs');
      if (!a.im) return applyUnary(ctx, OPS.abs, a);
      return new Tensor(floatClassOf(a), a.shape, a.re.map((x, i) => Math.hypot(x, a.im![i])));
    },
  },
  mod: binaryMath('mod', 'Remainder after division with the sign of the divisor; mod(x, 0) is x. Example: mod(-1, 3) is 2.'),
  rem: binaryMath('rem', 'Remainder after division with the sign of the dividend. Example: rem(-1, 3) is -1.'),
  atan2: binaryMath('atan2', 'Four-quadrant inverse tangent of Y/X. Example: atan2(1, -1) is 2.3562.'),
  hypot: binaryMath('hypot', 'sqrt(a.^2 + b.^2) without overflow. Example: hypot(3, 4) is 5.'),
  complex: {
    family: 'elementwise',
    signatures: ['z = complex(a, b)', 'z = complex(x)'],
    doc: 'A complex array from real and imaginary parts; unlike a + b*1i the result stays complex even when b is 0. Example: isreal(complex(1, 0)) is false.',
    impl: (args, ctx) => {
      const a = tensorArg(args[0], 'complex', 1);
      const b = args.length > 1 ? tensorArg(args[1], 'complex', 2) : new Tensor(a.cls, [1, 1], Float64Array.of(0));
      const re = applyBinary(ctx, OPS.add, a, new Tensor(b.cls, b.shape, new Float64Array(b.re.length)));
      const im = applyBinary(ctx, OPS.add, b, new Tensor(a.cls, a.shape, new Float64Array(a.re.length)));
      return new Tensor(re.cls, re.shape, re.re, im.re);
    },
  },
  real: complexPart('real', (re) => re, 'The real part. Example: real(3 + 4i) is 3.'),
  imag: complexPart('imag', (_re, im) => im, 'The imaginary part. Example: imag(3 + 4i) is 4.'),
  conj: complexPart('conj', (re) => re, 'The complex conjugate. Example: conj(3 + 4i) is 3 - 4i.', true),
  angle: complexPart('angle', (re, im) => Math.atan2(im, re), 'The phase angle in radians. Example: angle(1i) is 1.5708.'),
});

