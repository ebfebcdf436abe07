// Shared machinery for numeric builtins: argument checks, MATLAB's class rules for mixed
// operands, and applying a graph elementwise op to tensors through the CPU provider. Every
// elementwise builtin (operators and math functions alike) goes through `applyBinary` /
// `applyUnary`, so class rules and broadcasting errors are written once.

import { checkArraySize } from '../limits.ts';
import { raise } from '../errors.ts';
import { broadcastShapes } from '../graph/broadcast.ts';
import type { ElementwiseOp } from '../graph/elementwiseOps.ts';
import {
  castScalar,
  isIntClass,
  Tensor,
  type ArrayClass,
  type Value,
} from '../runtime/values/index.ts';
import type { CallContext } from './types.ts';

export function describe(v: Value): string {
  return v.type === 'tensor' ? v.cls : v.type;
}

/** The argument as a numeric/char/logical tensor, or MATLAB's error naming the function. */
export function tensorArg(v: Value | undefined, fname: string, position = 1): Tensor {
  if (v === undefined) raise('MATLAB:minrhs', 'Not enough input arguments.');
  if (v.type === 'tensor') return v;
  raise('MATLAB:UndefinedFunction', `Incorrect input argument type for '${fname}' (argument ${position} is ${describe(v)}).`);
}

export function scalarArg(v: Value | undefined, fname: string, position = 1): number {
  const t = tensorArg(v, fname, position);
  if (t.re.length !== 1) raise('MATLAB:expectedScalar', `Argument ${position} of ${fname} must be a scalar.`);
  return t.re[0];
}

/** Class of `a op b` for arithmetic (MATLAB: integers win, then single, else double). */
export function arithmeticClass(a: Tensor, b: Tensor): ArrayClass {
  const ai = isIntClass(a.cls);
  const bi = isIntClass(b.cls);
  if (ai && bi && a.cls !== b.cls) {
    raise('MATLAB:mixedClasses', 'Integers can only be combined with integers of the same class, or scalar doubles.');
  }
  if (ai) return a.cls;
  if (bi) return b.cls;
  if (a.cls === 'single' || b.cls === 'single') return 'single';
  return 'double';
}

export function floatClassOf(t: Tensor): ArrayClass {
  return t.cls === 'single' ? 'single' : isIntClass(t.cls) ? t.cls : 'double';
}

export function incompatibleSizes(): never {
  raise('MATLAB:sizeDimensionsMustMatch', 'Arrays have incompatible sizes for this operation.');
}

/** Applies a binary op with implicit expansion; the result class follows MATLAB's rules. */
export function applyBinary(ctx: CallContext, op: ElementwiseOp, a: Tensor, b: Tensor): Tensor {
  if (a.re.length === 1 && b.re.length === 1 && a.shape.length === 2 && b.shape.length === 2) {
    // Scalar ⊕ scalar: no broadcasting walk, no provider round trip (loops live here).
    const cls: ArrayClass = op.logical ? 'logical' : arithmeticClass(a, b);
    const x = op.host(a.re[0], b.re[0]);
    return new Tensor(cls, a.shape, Float64Array.of(cls === 'double' ? x : castScalar(x, cls)));
  }
  const shape = broadcastShapes(a.shape, b.shape) ?? incompatibleSizes();
  checkArraySize(shape);
  const data = ctx.cpu.elementwise(op, [{ shape: a.shape, data: a.re }, { shape: b.shape, data: b.re }], shape);
  const cls: ArrayClass = op.logical ? 'logical' : arithmeticClass(a, b);
  if (cls !== 'double') for (let i = 0; i < data.length; i++) data[i] = castScalar(data[i], cls);
  return new Tensor(cls, shape, data);
}

/** Applies a unary op; floating results keep single/double, integer inputs cast back. */
export function applyUnary(ctx: CallContext, op: ElementwiseOp, a: Tensor): Tensor {
  const data = ctx.cpu.elementwise(op, [{ shape: a.shape, data: a.re }], a.shape);
  const cls: ArrayClass = op.logical ? 'logical' : floatClassOf(a);
  if (cls !== 'double') for (let i = 0; i < data.length; i++) data[i] = castScalar(data[i], cls);
  return new Tensor(cls, a.shape, data);
}

export function realTensor(cls: ArrayClass, shape: readonly number[], data: Float64Array): Tensor {
  return new Tensor(cls, shape, data);
}

/** Drops an all-zero imaginary part, as MATLAB does after arithmetic. */
export function simplifyComplex(t: Tensor): Tensor {
  if (t.im && t.im.every((x) => x === 0)) return new Tensor(t.cls, t.shape, t.re, null);
  return t;
}

export function isTruthy(v: Value): boolean {
  if (v.type !== 'tensor') {
    raise('MATLAB:nonLogicalConditional', `Conversion to logical from ${describe(v)} is not possible.`);
  }
  if (v.re.length === 0) return false;
  for (let i = 0; i < v.re.length; i++) {
    const x = v.re[i];
    if (Number.isNaN(x)) raise('MATLAB:nologicalnan', "NaN's cannot be converted to logicals.");
    if (x === 0 && (!v.im || v.im[i] === 0)) return false;
  }
  return true;
}
