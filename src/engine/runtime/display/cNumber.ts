// C printf number rendering (`%f`, `%e`, `%g`, `%d` digits) from the exact binary value of a
// double, so output matches glibc (what MATLAB and Octave use on Linux) digit for digit.
//
// JavaScript's toFixed/toExponential round an exact tie away from zero; C rounds the exact
// value half to even (`sprintf('%.0f', 2.5)` is `2`). Doubles are expanded exactly with BigInt
// (value = D × 10^-s) and rounded here. Exponents have at least two digits (`1.0e-05`), as in C.
// Non-finite values are the caller's business: MATLAB writes them `NaN`, `Inf`, `-Inf`.

/** Exact decimal form of a finite |x|: |x| = D × 10^(-s), D ≥ 0. */
function exactDecimal(x: number): { d: bigint; s: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) {
    e2 = -1074;
  } else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  if (mant === 0n) return { d: 0n, s: 0 };
  if (e2 >= 0) return { d: mant << BigInt(e2), s: 0 };
  return { d: mant * 5n ** BigInt(-e2), s: -e2 };
}

/** round(D / 10^k) half to even, k ≥ 0. */
function divRoundEven(d: bigint, k: number): bigint {
  if (k <= 0) return d * 10n ** BigInt(-k);
  const p = 10n ** BigInt(k);
  const q = d / p;
  const r2 = (d % p) * 2n;
  if (r2 > p || (r2 === p && q % 2n === 1n)) return q + 1n;
  return q;
}

function withPoint(digits: string, decimals: number): string {
  if (decimals === 0) return digits;
  const padded = digits.padStart(decimals + 1, '0');
  return `${padded.slice(0, padded.length - decimals)}.${padded.slice(padded.length - decimals)}`;
}

/** `%.{prec}f` of |x| (no sign). */
export function fixedAbs(x: number, prec: number): string {
  const { d, s } = exactDecimal(x);
  return withPoint(divRoundEven(d, s - prec).toString(), prec);
}

/** Mantissa digits (prec+1 of them) and decimal exponent of |x| rounded to prec+1 digits. */
function expParts(x: number, prec: number): { digits: string; exp: number } {
  const { d, s } = exactDecimal(x);
  if (d === 0n) return { digits: '0'.repeat(prec + 1), exp: 0 };
  let exp = d.toString().length - 1 - s;
  let n = divRoundEven(d, s + exp - prec);
  let digits = n.toString();
  if (digits.length > prec + 1) {
    exp += 1;
    n /= 10n;
    digits = n.toString();
  }
  return { digits, exp };
}

function expSuffix(exp: number, upper: boolean): string {
  const e = upper ? 'E' : 'e';
  const mag = String(Math.abs(exp)).padStart(2, '0');
  return `${e}${exp < 0 ? '-' : '+'}${mag}`;
}

/** `%.{prec}e` of |x| (no sign). `alt` keeps the point when prec is 0 (`#` flag). */
export function expAbs(x: number, prec: number, upper = false, alt = false): string {
  const { digits, exp } = expParts(x, prec);
  const mant = prec === 0 ? digits + (alt ? '.' : '') : `${digits[0]}.${digits.slice(1)}`;
  return mant + expSuffix(exp, upper);
}

/** `%.{prec}g` of |x| (no sign); `alt` (`#`) keeps trailing zeros. */
export function generalAbs(x: number, prec: number, upper = false, alt = false): string {
  const p = prec === 0 ? 1 : prec;
  const { exp } = expParts(x, p - 1);
  let text: string;
  if (exp < p && exp >= -4) {
    text = fixedAbs(x, p - 1 - exp);
    if (alt && !text.includes('.')) text += '.';
  } else {
    text = expAbs(x, p - 1, upper, alt);
  }
  if (alt) return text;
  // Strip trailing zeros of the fraction (and a bare point), keeping any exponent.
  const ePos = text.search(/[eE]/);
  let mant = ePos < 0 ? text : text.slice(0, ePos);
  const tail = ePos < 0 ? '' : text.slice(ePos);
  if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
  return mant + tail;
}

/** Exact decimal digits of an integer-valued |x| (`1e20` is `100000000000000000000`). */
export function integerAbs(x: number): string {
  const { d, s } = exactDecimal(Math.trunc(x));
  return divRoundEven(d, s).toString();
}

/** `%.{prec}f` with sign; negative zero prints as `-0.0…` like C. */
export function fixed(x: number, prec: number): string {
  return (x < 0 || Object.is(x, -0) ? '-' : '') + fixedAbs(x, prec);
}

export function expo(x: number, prec: number, upper = false): string {
  return (x < 0 || Object.is(x, -0) ? '-' : '') + expAbs(x, prec, upper);
}

export function general(x: number, prec: number, upper = false): string {
  return (x < 0 || Object.is(x, -0) ? '-' : '') + generalAbs(x, prec, upper);
}

/** `NaN`, `Inf`, `-Inf` as MATLAB writes them. */
export function nonFiniteText(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Inf' : '-Inf';
}
