// The elementwise operations the engine can run on any provider. Each op states its exact host
// semantics (double precision, MATLAB rules: NaN propagation, signed zero, mod/rem signs) and the
// WGSL expression computing it in f32. Builtins name these ops; providers execute them.
// Ops are grouped by what a planner needs to know about them.
// The WGSL uses the `mb_*` helpers of src/engine/kernels/wgslBuilder.ts wherever a WGSL builtin is
// undefined for some inputs (NaN, ±Inf, out-of-domain) or a compiler may fold a NaN test away.

export interface ElementwiseOp {
  readonly name: string;
  readonly arity: 1 | 2;
  /** Host reference on real doubles. */
  readonly host: (a: number, b: number) => number;
  /** WGSL expression over f32 operands named `a` and `b`. */
  readonly wgsl: string;
  /** true when the result is logical (comparisons, logical operators). */
  readonly logical?: boolean;
}

function unary(name: string, host: (a: number) => number, wgsl: string): ElementwiseOp {
  return { name, arity: 1, host: (a) => host(a), wgsl };
}
function binary(name: string, host: (a: number, b: number) => number, wgsl: string, logical = false): ElementwiseOp {
  return { name, arity: 2, host, wgsl, logical };
}

const matlabMod = (a: number, b: number): number => {
  if (b === 0) return a;
  if (!Number.isFinite(b)) return Number.isFinite(a) ? (a === 0 || Math.sign(a) === Math.sign(b) ? a : b) : NaN;
  const r = a - Math.floor(a / b) * b;
  return r !== 0 && Math.abs(r - b) < Math.abs(b) * Number.EPSILON * 2 ? 0 : r;
};
const matlabRem = (a: number, b: number): number => {
  if (b === 0) return NaN;
  if (!Number.isFinite(b)) return Number.isFinite(a) ? a : NaN;
  return a - Math.trunc(a / b) * b;
};
const roundHalfAway = (a: number): number => (a < 0 ? -Math.round(-a) : Math.round(a));
const maxNanAware = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : a >= b ? a : b);
const minNanAware = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : a <= b ? a : b);

export const ELEMENTWISE_OPS = {
  add: binary('add', (a, b) => a + b, 'a + b'),
  sub: binary('sub', (a, b) => a - b, 'a - b'),
  mul: binary('mul', (a, b) => a * b, 'a * b'),
  div: binary('div', (a, b) => a / b, 'a / b'),
  ldiv: binary('ldiv', (a, b) => b / a, 'b / a'),
  pow: binary('pow', (a, b) => Math.pow(a, b), 'mb_pow(a, b)'),
  max: binary('max', maxNanAware, 'mb_max(a, b)'),
  min: binary('min', minNanAware, 'mb_min(a, b)'),
  mod: binary('mod', matlabMod, 'mb_mod(a, b)'),
  rem: binary('rem', matlabRem, 'mb_rem(a, b)'),
  atan2: binary('atan2', Math.atan2, 'mb_atan2(a, b)'),
  hypot: binary('hypot', Math.hypot, 'mb_hypot(a, b)'),
  eq: binary('eq', (a, b) => (a === b ? 1 : 0), 'select(0.0, 1.0, mb_ordered(a, b) && a == b)', true),
  ne: binary('ne', (a, b) => (a !== b ? 1 : 0), 'select(1.0, 0.0, mb_ordered(a, b) && a == b)', true),
  lt: binary('lt', (a, b) => (a < b ? 1 : 0), 'select(0.0, 1.0, mb_ordered(a, b) && a < b)', true),
  le: binary('le', (a, b) => (a <= b ? 1 : 0), 'select(0.0, 1.0, mb_ordered(a, b) && a <= b)', true),
  gt: binary('gt', (a, b) => (a > b ? 1 : 0), 'select(0.0, 1.0, mb_ordered(a, b) && a > b)', true),
  ge: binary('ge', (a, b) => (a >= b ? 1 : 0), 'select(0.0, 1.0, mb_ordered(a, b) && a >= b)', true),
  and: binary('and', (a, b) => (a !== 0 && b !== 0 ? 1 : 0), 'select(0.0, 1.0, mb_nonzero(a) && mb_nonzero(b))', true),
  or: binary('or', (a, b) => (a !== 0 || b !== 0 ? 1 : 0), 'select(0.0, 1.0, mb_nonzero(a) || mb_nonzero(b))', true),
  xor: binary('xor', (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0), 'select(0.0, 1.0, mb_nonzero(a) != mb_nonzero(b))', true),

  neg: unary('neg', (a) => -a, '-a'),
  /** x.^2 as the planner specialises it: one multiply instead of the general power. */
  square: unary('square', (a) => a * a, 'a * a'),
  not: { ...unary('not', (a) => (a === 0 ? 1 : 0), 'select(1.0, 0.0, mb_nonzero(a))'), logical: true },
  abs: unary('abs', Math.abs, 'abs(a)'),
  sqrt: unary('sqrt', Math.sqrt, 'mb_sqrt(a)'),
  exp: unary('exp', Math.exp, 'mb_exp(a)'),
  log: unary('log', Math.log, 'mb_log(a)'),
  log2: unary('log2', Math.log2, 'mb_log2(a)'),
  log10: unary('log10', Math.log10, 'mb_log(a) * 0.4342944819032518'),
  log1p: unary('log1p', Math.log1p, 'mb_log1p(a)'),
  expm1: unary('expm1', Math.expm1, 'mb_expm1(a)'),
  sin: unary('sin', Math.sin, 'mb_sin(a)'),
  cos: unary('cos', Math.cos, 'mb_cos(a)'),
  tan: unary('tan', Math.tan, 'mb_tan(a)'),
  asin: unary('asin', Math.asin, 'mb_asin(a)'),
  acos: unary('acos', Math.acos, 'mb_acos(a)'),
  atan: unary('atan', Math.atan, 'atan(a)'),
  sinh: unary('sinh', Math.sinh, 'mb_sinh(a)'),
  cosh: unary('cosh', Math.cosh, 'mb_cosh(a)'),
  tanh: unary('tanh', Math.tanh, 'mb_tanh(a)'),
  floor: unary('floor', Math.floor, 'floor(a)'),
  ceil: unary('ceil', Math.ceil, 'ceil(a)'),
  round: unary('round', roundHalfAway, 'mb_round(a)'),
  fix: unary('fix', Math.trunc, 'trunc(a)'),
  sign: unary('sign', (a) => (Number.isNaN(a) ? NaN : Math.sign(a)), 'mb_sign(a)'),
  isnan: { ...unary('isnan', (a) => (Number.isNaN(a) ? 1 : 0), 'select(0.0, 1.0, mb_isnan(a))'), logical: true },
  isinf: { ...unary('isinf', (a) => (a === Infinity || a === -Infinity ? 1 : 0), 'select(0.0, 1.0, mb_isinf(a))'), logical: true },
  isfinite: { ...unary('isfinite', (a) => (Number.isFinite(a) ? 1 : 0), 'select(0.0, 1.0, mb_isfinite(a))'), logical: true },
} as const satisfies Record<string, ElementwiseOp>;

export type ElementwiseOpName = keyof typeof ELEMENTWISE_OPS;
