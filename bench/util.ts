// Small helpers shared by the benchmark suites: argument parsing, statistics, rounding, "am I the
// entry point", and a best-effort garbage collection so GPU buffers owned by dropped values go back
// to the provider's pool (GpuRuntime frees them from a FinalizationRegistry) between cases.

import v8 from 'node:v8';
import vm from 'node:vm';

export interface BenchOptions {
  /** Print one JSON document (otherwise a short human summary). */
  json: boolean;
  /** Small sizes and few repetitions (CI, SwiftShader). */
  quick: boolean;
  /** Skip the GPU suite. */
  noGpu: boolean;
}

export const BENCH_USAGE = `usage: bench [--json] [--quick] [--no-gpu]
  --json    print one JSON object on stdout (progress goes to stderr)
  --quick   small sizes (1e5/1e6) and 2 repetitions; implied on a fallback (software) adapter
  --no-gpu  run the interpreter suite only
`;

/** Parses the benchmark flags; throws on anything else. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { json: false, quick: false, noGpu: false };
  for (const a of argv) {
    if (a === '--json') options.json = true;
    else if (a === '--quick') options.quick = true;
    else if (a === '--no-gpu') options.noGpu = true;
    else throw new Error(`unknown bench argument ${a}\n${BENCH_USAGE}`);
  }
  return options;
}

/**
 * True when this process was started on `bench/<file>` directly (node --import tsx bench/gpu.ts).
 * Not `import.meta.url === argv[1]`: inside the one-file CLI bundle every module shares the
 * bundle's URL, and each would think it is the entry point.
 */
export function isEntryPoint(file: string): boolean {
  const script = (process.argv[1] ?? '').replace(/\\/g, '/');
  return script.endsWith(`bench/${file}`);
}

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

type GcFn = () => void;
let gcFn: GcFn | null | undefined;

function gcFunction(): GcFn | null {
  if (gcFn !== undefined) return gcFn;
  const existing = (globalThis as { gc?: GcFn }).gc;
  if (typeof existing === 'function') return (gcFn = existing);
  try {
    // No --expose-gc on the command line (npm script, bundle): turn it on and fetch `gc` from a
    // fresh context, where V8 installs it once the flag is set.
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc') as unknown;
    gcFn = typeof fn === 'function' ? (fn as GcFn) : null;
  } catch {
    gcFn = null;
  }
  return gcFn;
}

/**
 * Collects garbage and lets FinalizationRegistry callbacks run, so buffers of GPU values nothing
 * references any more go back to the pool. Best effort: returns false when gc is unavailable.
 */
export async function collectGarbage(): Promise<boolean> {
  const gc = gcFunction();
  if (!gc) return false;
  for (let i = 0; i < 2; i++) {
    gc();
    // Finalization callbacks run as separate tasks after the collection.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return true;
}
