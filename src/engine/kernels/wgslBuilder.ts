// Writing WGSL: a line builder with emit/indent, and the shared preamble of `mb_*` helpers that
// give f32 kernels MATLAB semantics. A helper is pulled into a shader only when the shader's code
// (or another pulled-in helper) names it, so kernels never carry dead helpers.
//
// Why the helpers test bits instead of using `x != x` or `isinf`-style comparisons: WGSL lets
// implementations assume NaN and infinity never occur, so compilers may fold `x != x` to false or
// pick ordered/unordered comparisons freely. Integer tests on `bitcast<u32>(x)` cannot be folded
// that way. Likewise NaN and ±Inf are produced through `mb_bits(...)` (a user function, so never a
// const-expression: a constant NaN/Inf would be a shader-creation error). Builtins whose result is
// undefined outside their domain (log, sqrt, asin, pow of a negative base…) are wrapped so the
// result is the IEEE one the host reference gives.

export class WgslBuilder {
  private readonly lines: string[] = [];
  private depth = 0;

  emit(...lines: string[]): this {
    for (const line of lines) this.lines.push(line === '' ? '' : '  '.repeat(this.depth) + line);
    return this;
  }

  /** Emits `header {`, the body one level deeper, then `}`. */
  block(header: string, body: () => void): this {
    this.emit(header ? `${header} {` : "{");
    this.depth++;
    body();
    this.depth--;
    return this.emit('}');
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** Helper name → WGSL source. Dependencies between helpers are found by scanning these sources. */
const MB_HELPERS: Readonly<Record<string, string>> = {
  mb_bits: `fn mb_bits(bits: u32) -> f32 { return bitcast<f32>(bits); }`,
  mb_nan: `fn mb_nan() -> f32 { return mb_bits(0x7fc00000u); }`,
  mb_inf: `fn mb_inf(negative: bool) -> f32 { return mb_bits(select(0x7f800000u, 0xff800000u, negative)); }`,
  mb_isnan: `fn mb_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }`,
  mb_isinf: `fn mb_isinf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }`,
  mb_isfinite: `fn mb_isfinite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) < 0x7f800000u; }`,
  mb_signbit: `fn mb_signbit(x: f32) -> bool { return (bitcast<u32>(x) & 0x80000000u) != 0u; }`,
  // Truthiness as the host sees it: everything but ±0 is true, NaN included.
  mb_nonzero: `fn mb_nonzero(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) != 0u; }`,
  mb_ordered: `fn mb_ordered(a: f32, b: f32) -> bool { return !mb_isnan(a) && !mb_isnan(b); }`,
  mb_pow: `// MATLAB/IEEE power: x^0 = 1 (NaN x too); a negative base with an integer exponent gives the
// signed real result; a negative base with a fractional exponent is NaN (complex in MATLAB).
fn mb_pow(a: f32, b: f32) -> f32 {
  if (!mb_nonzero(b)) { return 1.0; }
  if (mb_isnan(a) || mb_isnan(b)) { return mb_nan(); }
  let m = abs(a);
  if (mb_isinf(b)) {
    if (m == 1.0) { return mb_nan(); }
    return select(0.0, mb_inf(false), (m > 1.0) == (b > 0.0));
  }
  let isInteger = trunc(b) == b;
  // (-Inf)^b is ±Inf or ±0 for every b, like the host; only a finite negative base goes complex.
  if (a < 0.0 && !isInteger && !mb_isinf(a)) { return mb_nan(); }
  var r: f32;
  if (m == 0.0) {
    r = select(0.0, mb_inf(false), b < 0.0);
  } else if (mb_isinf(m)) {
    r = select(mb_inf(false), 0.0, b < 0.0);
  } else if (b == 2.0) {
    r = m * m;
  } else {
    r = pow(m, b);
  }
  // Above 2^24 every f32 is an even integer.
  let isOdd = isInteger && abs(b) < 16777216.0 && fract(b * 0.5) != 0.0;
  return select(r, -r, isOdd && mb_signbit(a));
}`,
  mb_max: `// NaN-ignoring maximum: max(NaN, x) = x.
fn mb_max(a: f32, b: f32) -> f32 {
  if (mb_isnan(a)) { return b; }
  if (mb_isnan(b)) { return a; }
  return select(b, a, a >= b);
}`,
  mb_min: `// NaN-ignoring minimum: min(NaN, x) = x.
fn mb_min(a: f32, b: f32) -> f32 {
  if (mb_isnan(a)) { return b; }
  if (mb_isnan(b)) { return a; }
  return select(b, a, a <= b);
}`,
  mb_split: `// Veltkamp split of an f32 into two halves of at most 12 significant bits each, so their
// products are exact. Valid for |x| < 2^115 (4097 * x must not overflow).
fn mb_split(x: f32) -> vec2<f32> {
  let c = 4097.0 * x;
  let hi = c - (c - x);
  return vec2<f32>(hi, x - hi);
}`,
  mb_sub_product: `// a - q * b with q * b formed exactly (Dekker's two-product), so a near-multiple quotient still
// leaves the right small remainder (f32 q * b alone would round it to 0 or across zero).
fn mb_sub_product(a: f32, q: f32, b: f32) -> f32 {
  let p = q * b;
  if (abs(b) > 1e30 || abs(q) > 1e30) { return a - p; }
  let qs = mb_split(q);
  let bs = mb_split(b);
  let err = ((qs.x * bs.x - p) + qs.x * bs.y + qs.y * bs.x) + qs.y * bs.y;
  return (a - p) - err;
}`,
  mb_mod: `// MATLAB mod: the result has the divisor's sign; mod(x, 0) = x; mod(x, ±Inf) = x when the
// signs agree (or x = 0), else the divisor.
fn mb_mod(a: f32, b: f32) -> f32 {
  if (!mb_nonzero(b)) { return a; }
  if (!mb_isfinite(b)) {
    if (!mb_isfinite(a)) { return mb_nan(); }
    if (!mb_nonzero(a) || (!mb_isnan(b) && mb_signbit(a) == mb_signbit(b))) { return a; }
    return b;
  }
  if (!mb_isfinite(a)) { return mb_nan(); }
  let q = floor(a / b);
  // From 2^24 on, an f32 quotient has no fractional part left: the remainder is below a's
  // resolution, and 0 is as good an answer as f32 can give.
  if (abs(q) >= 16777216.0) { return 0.0; }
  var r = mb_sub_product(a, q, b);
  // The f32 quotient may be one off after rounding: bring r back into [0, b) (or (b, 0]).
  if (mb_nonzero(r) && mb_signbit(r) != mb_signbit(b)) { r = r + b; }
  if (abs(r) >= abs(b)) { r = r - b; }
  if (r == b) { return 0.0; }
  return r;
}`,
  mb_rem: `// MATLAB rem: the result has the dividend's sign; rem(x, 0) = NaN; rem(x, ±Inf) = x.
fn mb_rem(a: f32, b: f32) -> f32 {
  if (!mb_nonzero(b)) { return mb_nan(); }
  if (!mb_isfinite(b)) { return select(mb_nan(), a, mb_isfinite(a)); }
  if (!mb_isfinite(a)) { return mb_nan(); }
  let q = trunc(a / b);
  if (abs(q) >= 16777216.0) { return 0.0; }
  var r = mb_sub_product(a, q, b);
  // As in mb_mod: undo a quotient rounded one step too far (or not far enough).
  let step = select(abs(b), -abs(b), mb_signbit(a));
  if (mb_nonzero(r) && mb_signbit(r) != mb_signbit(a)) { r = r + step; }
  if (abs(r) >= abs(b)) { r = r - step; }
  return r;
}`,
  mb_round: `// Round half away from zero. a - trunc(a) is exact in f32, unlike a + 0.5 (0.49999997 + 0.5 rounds to 1).
fn mb_round(a: f32) -> f32 {
  if (!mb_isfinite(a)) { return a; }
  let t = trunc(a);
  return select(t, t + sign(a), abs(a - t) >= 0.5);
}`,
  mb_sign: `fn mb_sign(a: f32) -> f32 {
  if (mb_isnan(a)) { return a; }
  return sign(a);
}`,
  mb_hypot: `// sqrt(a² + b²) without overflow or underflow in the squares; Inf wins over NaN as in IEEE hypot.
fn mb_hypot(a: f32, b: f32) -> f32 {
  if (mb_isinf(a) || mb_isinf(b)) { return mb_inf(false); }
  if (mb_isnan(a) || mb_isnan(b)) { return mb_nan(); }
  let m = max(abs(a), abs(b));
  if (m == 0.0) { return 0.0; }
  let x = a / m;
  let y = b / m;
  return m * sqrt(x * x + y * y);
}`,
  mb_atan2: `// atan2 with the IEEE results for infinite operands, which WGSL leaves unspecified.
fn mb_atan2(a: f32, b: f32) -> f32 {
  if (mb_isnan(a) || mb_isnan(b)) { return mb_nan(); }
  if (mb_isinf(a) && mb_isinf(b)) {
    let q = select(0.7853981633974483, 2.356194490192345, b < 0.0);
    return select(q, -q, a < 0.0);
  }
  if (mb_isinf(a)) { return select(1.5707963267948966, -1.5707963267948966, a < 0.0); }
  // Zero numerator (or infinite denominator): ±0 or ±π by the signs, as IEEE atan2 says. Some
  // drivers (SwiftShader) get -0 wrong here.
  if (!mb_nonzero(a) || mb_isinf(b)) {
    if (!mb_signbit(b)) { return select(0.0, -0.0, mb_signbit(a)); }
    return select(3.141592653589793, -3.141592653589793, mb_signbit(a));
  }
  if (!mb_nonzero(b)) { return select(1.5707963267948966, -1.5707963267948966, a < 0.0); }
  return atan2(a, b);
}`,
  mb_sqrt: `fn mb_sqrt(a: f32) -> f32 {
  if (mb_isnan(a) || a < 0.0) { return mb_nan(); }
  if (mb_isinf(a) || !mb_nonzero(a)) { return a; }
  return sqrt(a);
}`,
  mb_log: `fn mb_log(a: f32) -> f32 {
  if (mb_isnan(a) || a < 0.0) { return mb_nan(); }
  if (!mb_nonzero(a)) { return mb_inf(true); }
  if (mb_isinf(a)) { return a; }
  return log(a);
}`,
  mb_log2: `fn mb_log2(a: f32) -> f32 {
  if (mb_isnan(a) || a < 0.0) { return mb_nan(); }
  if (!mb_nonzero(a)) { return mb_inf(true); }
  if (mb_isinf(a)) { return a; }
  return log2(a);
}`,
  mb_log1p: `// log(1 + a) accurate for small a: the rounding error of 1 + a cancels in log(u) / (u - 1).
fn mb_log1p(a: f32) -> f32 {
  if (mb_isnan(a) || a < -1.0) { return mb_nan(); }
  if (a == -1.0) { return mb_inf(true); }
  if (mb_isinf(a)) { return a; }
  let u = 1.0 + a;
  if (u == 1.0) { return a; }
  return log(u) * (a / (u - 1.0));
}`,
  mb_expm1: `// exp(a) - 1 accurate for small a (Kahan's trick: (u - 1) * a / log(u)).
fn mb_expm1(a: f32) -> f32 {
  if (mb_isnan(a)) { return a; }
  if (mb_isinf(a)) { return select(-1.0, a, a > 0.0); }
  let u = exp(a);
  if (u == 1.0) { return a; }
  if (mb_isinf(u)) { return u; }
  let um1 = u - 1.0;
  if (um1 == -1.0) { return -1.0; }
  return um1 * (a / log(u));
}`,
  mb_asin: `fn mb_asin(a: f32) -> f32 {
  if (mb_isnan(a) || abs(a) > 1.0) { return mb_nan(); }
  return asin(a);
}`,
  mb_acos: `// acos from asin (Cephes acosf): builtin acos is only ~1e-4 accurate on some drivers, and near
// ±1 the half-angle form keeps full relative accuracy.
fn mb_acos(a: f32) -> f32 {
  if (mb_isnan(a) || abs(a) > 1.0) { return mb_nan(); }
  if (a > 0.5) { return 2.0 * asin(sqrt(0.5 - 0.5 * a)); }
  if (a < -0.5) { return 3.141592653589793 - 2.0 * asin(sqrt(0.5 + 0.5 * a)); }
  return 1.5707963267948966 - asin(a);
}`,
  mb_sincos: `// sin and cos of x (Cephes sinf/cosf): Cody–Waite reduction by π/4 in three parts, then
// minimax polynomials on [-π/4, π/4]. Builtin sin/cos only promise ~2^-11 absolute error
// (SwiftShader is near that); this is accurate to a few ulp for |x| up to about 8192, then loses
// bits gradually. Past 65536 (where y * 0.78515625 stops being exact, and the quadrant count
// would overflow) the builtins take over: no f32 reduction keeps the phase there (no Payne–Hanek).
fn mb_sincos(x: f32) -> vec2<f32> {
  let ax = abs(x);
  if (ax > 65536.0) { return clamp(vec2<f32>(sin(x), cos(x)), vec2<f32>(-1.0), vec2<f32>(1.0)); }
  var j = u32(ax * 1.2732395447351628);
  j = j + (j & 1u);
  let y = f32(j);
  let r = ((ax - y * 0.78515625) - y * 2.4187564849853515625e-4) - y * 3.77489497744594108e-8;
  let z = r * r;
  let sinr = ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
  let cosr = ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0;
  // j is even: ax = (j / 2) * π/2 + r, so the quadrant is j / 2 mod 4.
  var s: f32;
  var c: f32;
  switch ((j >> 1u) & 3u) {
    case 0u: { s = sinr; c = cosr; }
    case 1u: { s = cosr; c = -sinr; }
    case 2u: { s = -sinr; c = -cosr; }
    default: { s = -cosr; c = sinr; }
  }
  return vec2<f32>(select(s, -s, mb_signbit(x)), c);
}`,
  mb_sin: `fn mb_sin(a: f32) -> f32 {
  if (!mb_isfinite(a)) { return mb_nan(); }
  return mb_sincos(a).x;
}`,
  mb_cos: `fn mb_cos(a: f32) -> f32 {
  if (!mb_isfinite(a)) { return mb_nan(); }
  return mb_sincos(a).y;
}`,
  mb_tan: `fn mb_tan(a: f32) -> f32 {
  if (!mb_isfinite(a)) { return mb_nan(); }
  let sc = mb_sincos(a);
  return sc.x / sc.y;
}`,
  mb_exp: `// exp with NaN kept NaN (SwiftShader returns Inf for exp(NaN)).
fn mb_exp(a: f32) -> f32 {
  if (mb_isnan(a)) { return a; }
  return exp(a);
}`,
  mb_sinh: `fn mb_sinh(a: f32) -> f32 {
  if (mb_isnan(a) || mb_isinf(a)) { return a; }
  // Past 89 the exponentials overflow f32 before the halving: the true result is ±Inf anyway.
  if (abs(a) > 89.5) { return mb_inf(a < 0.0); }
  if (abs(a) < 0.5) {
    // sinh(a) = (e^a - e^-a) / 2 cancels for small a; use expm1 instead.
    let e = mb_expm1(abs(a));
    let s = 0.5 * (e + e / (e + 1.0));
    return select(s, -s, a < 0.0);
  }
  return sinh(a);
}`,
  mb_cosh: `fn mb_cosh(a: f32) -> f32 {
  if (mb_isnan(a)) { return a; }
  if (mb_isinf(a) || abs(a) > 89.5) { return mb_inf(false); }
  return cosh(a);
}`,
  mb_tanh: `fn mb_tanh(a: f32) -> f32 {
  if (mb_isnan(a)) { return a; }
  // tanh(10) rounds to 1 in f32; larger arguments would make e^2a overflow to Inf/Inf = NaN.
  if (abs(a) > 10.0) { return select(1.0, -1.0, a < 0.0); }
  return tanh(a);
}`,
};

/** Emission order: the table's. (WGSL module-scope declarations may come in any order.) */
const HELPER_ORDER = Object.keys(MB_HELPERS);

/** The helpers `source` calls; each table entry is named after the one function it defines. */
function referencedHelpers(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/\bmb_\w+/g)) if (match[0] in MB_HELPERS) names.add(match[0]);
  return names;
}

/**
 * The preamble a shader needs: every `mb_*` helper that `sources` mention, plus the helpers those
 * use, in dependency order. Empty when nothing is used.
 */
export function preambleFor(...sources: string[]): string {
  const needed = new Set<string>();
  const pending = [...referencedHelpers(sources.join('\n'))];
  while (pending.length > 0) {
    const entry = pending.pop()!;
    if (needed.has(entry)) continue;
    needed.add(entry);
    for (const dep of referencedHelpers(MB_HELPERS[entry])) if (!needed.has(dep)) pending.push(dep);
  }
  const used = HELPER_ORDER.filter((entry) => needed.has(entry));
  if (used.length === 0) return '';
  return `// ---- Matbook helpers (mb_*) ----\n${used.map((entry) => MB_HELPERS[entry]).join('\n')}\n\n`;
}

/** Whole shader text: the helpers `body` uses, then `body`. */
export function withPreamble(body: string): string {
  return preambleFor(body) + body;
}
