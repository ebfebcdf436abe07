// Elementwise math: one line per plain builtin (through `unaryMath`, which also records the GPU
// lowering), plus the ones with complex results or two arguments written out.

import { ELEMENTWISE_OPS as OPS } from '../graph/elementwiseOps.ts';
import { Tensor } from '../runtime/values/index.ts';
import { applyBinary, applyUnary, floatClassOf, simplifyComplex, tensorArg } from './numeric.ts';
import { registerFamily, unaryMath } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

/** sqrt/log of negative reals are complex in MATLAB. */
function complexAware(name: 'sqrt' | 'log', doc: string): BuiltinSpec {
  const base = unaryMath(name, doc);
  return {
    ...base,
    impl: (args, ctx) => {
      const a = tensorArg(args[0], name);
      let negative = a.im !== null;
      for (let i = 0; i < a.re.length && !negative; i++) if (a.re[i] < 0) negative = true;
      if (!negative) return applyUnary(ctx, OPS[name], a);
      const re = new Float64Array(a.re.length);
      const im = new Float64Array(a.re.length);
      for (let i = 0; i < re.length; i++) {
        const x = a.re[i];
        const y = a.im ? a.im[i] : 0;
        const r = Math.hypot(x, y);
        const t = Math.atan2(y, x);
        if (name === 'sqrt') {
          const m = Math.sqrt(r);
          re[i] = m * Math.cos(t / 2);
          im[i] = y === 0 && x < 0 ? Math.sqrt(-x) : m * Math.sin(t / 2);
          if (y === 0 && x < 0) re[i] = 0;
        } else {
          re[i] = Math.log(r);
          im[i] = t;
        }
      }
      return simplifyComplex(new Tensor(floatClassOf(a), a.shape, re, im));
    },
  };
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
  sqrt: complexAware('sqrt', 'Square root; negative inputs give complex results. Example: sqrt([4 9]) is [2 3]; sqrt(-4) is 0 + 2i.'),
  log: complexAware('log', 'Natural logarithm; negative inputs give complex results. Example: log(exp(2)) is 2.'),
  exp: unaryMath('exp', 'Exponential e^x. Example: exp(1) is 2.7183.'),
  log2: unaryMath('log2', 'Base-2 logarithm. Example: log2(8) is 3.'),
  log10: unaryMath('log10', 'Base-10 logarithm. Example: log10(1000) is 3.'),
  log1p: unaryMath('log1p', 'log(1 + x), accurate for small x. Example: log1p(1e-10) is 1e-10.'),
  expm1: unaryMath('expm1', 'exp(x) - 1, accurate for small x. Example: expm1(1e-10) is 1e-10.'),
  sin: unaryMath('sin', 'Sine of radians. Example: sin(pi/2) is 1.'),
  cos: unaryMath('cos', 'Cosine of radians. Example: cos(0) is 1.'),
  tan: unaryMath('tan', 'Tangent of radians. Example: tan(pi/4) is 1.0000.'),
  asin: unaryMath('asin', 'Inverse sine in radians. Example: asin(1) is 1.5708.'),
  acos: unaryMath('acos', 'Inverse cosine in radians. Example: acos(0) is 1.5708.'),
  atan: unaryMath('atan', 'Inverse tangent in radians. Example: atan(1) is 0.7854.'),
  sinh: unaryMath('sinh', 'Hyperbolic sine. Example: sinh(0) is 0.'),
  cosh: unaryMath('cosh', 'Hyperbolic cosine. Example: cosh(0) is 1.'),
  tanh: unaryMath('tanh', 'Hyperbolic tangent. Example: tanh(100) is 1.'),
  floor: unaryMath('floor', 'Rounds toward minus infinity. Example: floor(-2.5) is -3.'),
  ceil: unaryMath('ceil', 'Rounds toward plus infinity. Example: ceil(-2.5) is -2.'),
  fix: unaryMath('fix', 'Rounds toward zero. Example: fix(-2.5) is -2.'),
  sign: unaryMath('sign', 'The sign: -1, 0 or 1. Example: sign([-3 0 2]) is [-1 0 1].'),
  isnan: unaryMath('isnan', 'True where the value is NaN. Example: isnan([1 NaN]) is [0 1].'),
  isinf: unaryMath('isinf', 'True where the value is Inf or -Inf. Example: isinf([1 -Inf]) is [0 1].'),
  isfinite: unaryMath('isfinite', 'True where the value is neither NaN nor infinite. Example: isfinite([1 NaN Inf]) is [1 0 0].'),
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

