// Statistics and labels shared by every benchmark module (Node and the browser page): medians,
// rounding for readable JSON, and compact size labels for case names. Pure functions only.

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Rounds to `digits` significant digits (JSON stays readable; NaN/Infinity become null). */
export function sig(x: number, digits = 4): number | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return 0;
  return Number(x.toPrecision(digits));
}

/** 1e7 → "1e7", 2.5e7 → "2.5e7", 12345 → "12345": labels for case names. */
export function sizeLabel(n: number): string {
  if (n < 1000) return String(n);
  const e = Math.floor(Math.log10(n));
  const mantissa = n / 10 ** e;
  const m = Number(mantissa.toPrecision(6));
  return m * 10 ** e === n && String(m).length <= 4 ? `${m}e${e}` : String(n);
}

/** GB/s for `bytes` moved in `us` µs. */
export function gbps(bytes: number, us: number): number {
  return us > 0 ? bytes / (us * 1e3) : NaN;
}

/** GFLOP/s for `flops` in `us` µs. */
export function gflops(flops: number, us: number): number {
  return us > 0 ? flops / (us * 1e3) : NaN;
}
