// Node helpers shared by the benchmark entry points: argument parsing, "am I the entry point", and
// a best-effort garbage collection so GPU buffers owned by dropped values go back to the
// provider's pool (GpuRuntime frees them from a FinalizationRegistry) between cases. The pure
// statistics live in core/stats.ts (the browser page uses them too) and are re-exported here.

import v8 from 'node:v8';
import vm from 'node:vm';
import { CASE_GROUPS } from './core/gpuSuite.ts';

export { median, sig, sizeLabel } from './core/stats.ts';

export interface BenchOptions {
  /** Print one JSON document (otherwise a short human summary). */
  json: boolean;
  /** Small sizes and few repetitions (CI, SwiftShader). */
  quick: boolean;
  /** Skip the GPU suite. */
  noGpu: boolean;
  /** GPU case groups to run (null: all). */
  only: string[] | null;
  /** The device's f32 peak in TFLOP/s, overriding the table. */
  peakTflops: number | null;
}

export const BENCH_USAGE = `usage: bench [--json] [--quick] [--no-gpu] [--only=GROUP,…] [--peak-tflops=N]
  --json            print one JSON object on stdout (progress goes to stderr)
  --quick           small sizes and 2 repetitions; implied on a fallback (software) adapter
  --no-gpu          run the interpreter suite only
  --only=G1,G2      GPU case groups to run: ${CASE_GROUPS.join(', ')}
  --peak-tflops=N   the GPU's f32 peak, when the built-in table does not know the adapter
`;

/** Parses the benchmark flags; throws on anything else. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { json: false, quick: false, noGpu: false, only: null, peakTflops: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const valueOf = (flag: string): string | null => {
      if (a === flag) return argv[++i] ?? '';
      if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
      return null;
    };
    let v: string | null;
    if (a === '--json') options.json = true;
    else if (a === '--quick') options.quick = true;
    else if (a === '--no-gpu') options.noGpu = true;
    else if ((v = valueOf('--only')) !== null) {
      const groups = v.split(',').map((g) => g.trim()).filter((g) => g.length > 0);
      const unknown = groups.filter((g) => !(CASE_GROUPS as readonly string[]).includes(g));
      if (groups.length === 0 || unknown.length > 0) throw new Error(`unknown bench argument ${a} (groups: ${CASE_GROUPS.join(', ')})\n${BENCH_USAGE}`);
      options.only = groups;
    } else if ((v = valueOf('--peak-tflops')) !== null) {
      const x = Number(v);
      if (!(x > 0)) throw new Error(`unknown bench argument ${a} (--peak-tflops takes a positive number)\n${BENCH_USAGE}`);
      options.peakTflops = x;
    } else throw new Error(`unknown bench argument ${a}\n${BENCH_USAGE}`);
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
