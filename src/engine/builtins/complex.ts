// Complex arithmetic on tensors with an imaginary part: elementwise + - .* ./ .^ with implicit
// expansion, computed in double and cast to the result class.

import { checkArraySize } from '../limits.ts';
import { broadcastShapes, forEachBroadcast } from '../graph/broadcast.ts';
import { castScalar, Tensor } from '../runtime/values/index.ts';
import { arithmeticClass, incompatibleSizes, simplifyComplex } from './numeric.ts';

export type ComplexOp = 'add' | 'sub' | 'mul' | 'div' | 'pow';

type C = [number, number];

function cpow(ar: number, ai: number, br: number, bi: number): C {
  if (ar === 0 && ai === 0) {
    if (br === 0 && bi === 0) return [1, 0];
    return [0, 0];
  }
  if (bi === 0 && Number.isInteger(br) && Math.abs(br) <= 64) {
    // Repeated squaring keeps integer powers exact (MATLAB: (1+2i)^2 = -3 + 4i exactly).
    let rr = 1;
    let ri = 0;
    let xr = ar;
    let xi = ai;
    let n = Math.abs(br);
    while (n > 0) {
      if (n & 1) [rr, ri] = [rr * xr - ri * xi, rr * xi + ri * xr];
      [xr, xi] = [xr * xr - xi * xi, 2 * xr * xi];
      n >>= 1;
    }
    if (br < 0) {
      const d = rr * rr + ri * ri;
      return [rr / d, -ri / d];
    }
    return [rr, ri];
  }
  const logr = Math.log(Math.hypot(ar, ai));
  const theta = Math.atan2(ai, ar);
  const er = br * logr - bi * theta;
  const ei = bi * logr + br * theta;
  const m = Math.exp(er);
  return [m * Math.cos(ei), m * Math.sin(ei)];
}

function apply(op: ComplexOp, ar: number, ai: number, br: number, bi: number): C {
  switch (op) {
    case 'add':
      return [ar + br, ai + bi];
    case 'sub':
      return [ar - br, ai - bi];
    case 'mul':
      return [ar * br - ai * bi, ar * bi + ai * br];
    case 'div': {
      if (bi === 0) return [ar / br, ai / br];
      const d = br * br + bi * bi;
      return [(ar * br + ai * bi) / d, (ai * br - ar * bi) / d];
    }
    case 'pow':
      return cpow(ar, ai, br, bi);
  }
}

export function complexBinary(op: ComplexOp, a: Tensor, b: Tensor): Tensor {
  const shape = broadcastShapes(a.shape, b.shape) ?? incompatibleSizes();
  checkArraySize(shape);
  let n = 1;
  for (const d of shape) n *= d;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const cls = arithmeticClass(a, b);
  forEachBroadcast(a.shape, b.shape, shape, (k, ia, ib) => {
    const [r, i] = apply(op, a.re[ia], a.im ? a.im[ia] : 0, b.re[ib], b.im ? b.im[ib] : 0);
    re[k] = castScalar(r, cls);
    im[k] = castScalar(i, cls);
  });
  return simplifyComplex(new Tensor(cls, shape, re, im));
}
