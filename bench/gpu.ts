// GPU throughput: kernel times from the provider's kernel events (timestamp queries when the
// adapter has them), as GB/s and as ratios against the `copy` kernel measured in the same run.
//
// Cases (full sizes; --quick or a fallback adapter: 1e5/1e6 and a 1e3×1e3 matrix):
// - copy 1e7, 1e8 f32 through the provider directly: the bandwidth reference (2·4·n bytes);
// - a 6-op elementwise chain over x = rand(n, 1, 'single') through the engine (a Session with the
//   provider): fused, one `y = …;` statement per flush; and unfused, each op its own statement
//   in its own cell (a cell's end is a sync point, so each op is its own kernel; in one cell the
//   planner would fuse them anyway, writing the live intermediates as extra outputs);
// - sum(x), mean(x) over 1e8 single (4·n bytes over the GPU time of every reduction pass);
// - sum(A, 1), sum(A, 2) over a 1e4×1e4 single matrix.
// Each repetition is one flush; the reported GPU time is the median of the repetitions after the
// warm-ups. Wall time covers the cell run and a read-back of one element of the result, so no
// GPU work is left pending when the clock stops.
//
// `runGpuBench(options)` returns the JSON object; run directly (node --import tsx bench/gpu.ts
// [--quick]) it prints it.

import { buildCopy } from '../src/engine/kernels/copy.ts';
import { buildRandom } from '../src/engine/kernels/random.ts';
import { openWebGpu, type GpuArrayHandle, type WebGpuProvider } from '../src/engine/providers/webgpu/index.ts';
import { Session } from '../src/engine/session.ts';
import type { AdapterSummary, KernelEvent, PlanDecision } from '../src/worker/protocol.ts';
import { collectGarbage, isEntryPoint, median, parseBenchArgs, sig, sizeLabel } from './util.ts';

export interface GpuBenchOptions {
  /** Small sizes and 2 repetitions. Forced on for a fallback (software) adapter. */
  quick?: boolean;
  /** Untimed runs before the timed ones (default 2). */
  warmups?: number;
  /** Timed runs, each one flush (default 7; 2 when quick). */
  repetitions?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Override the sizes (vector lengths, the length sum/mean run at, the matrix side). */
  sizes?: GpuBenchSizes;
  /** Measure this provider instead of opening one; it is left open. */
  provider?: WebGpuProvider;
}

export interface GpuBenchSizes {
  /** Lengths of the copy and elementwise cases. */
  vectors: number[];
  /** Length of sum(x)/mean(x): one of `vectors` (x is shared). */
  reduce: number;
  /** Side of the square matrix for sum(A, 1) and sum(A, 2). */
  matrix: number;
}

export const FULL_SIZES: GpuBenchSizes = { vectors: [1e7, 1e8], reduce: 1e8, matrix: 1e4 };
export const QUICK_SIZES: GpuBenchSizes = { vectors: [1e5, 1e6], reduce: 1e6, matrix: 1e3 };

/** The fused chain and the same ops one statement each: 6 elementwise ops, one input, one output. */
export const CHAIN = {
  expression: 'tanh(x .* 2 + 1) - x .^ 2 .* 0.5',
  ops: 6,
  // Two temporaries reused, not six: with the garbage collected between statements at most x, y,
  // t, u and the new result are live (5 × 512 MiB pool classes at 1e8), well inside the session's
  // GPU memory budget (4 GiB, gpuRuntime.ts), which six live 400 MB temporaries plus x and y
  // would hit.
  unfused: ['t = x .* 2;', 't = t + 1;', 't = tanh(t);', 'u = x .^ 2;', 'u = u .* 0.5;', 'y = t - u;'],
  unfusedResult: 'y',
  unfusedTemporaries: ['t', 'u'],
} as const;

interface Sample {
  gpuUs: number;
  wallMs: number;
  /** Names of the kernels counted in gpuUs, in order. */
  kernels: string[];
}

interface Measured {
  gpu_us: number | null;
  gpu_us_min: number | null;
  wall_ms: number | null;
  repetitions: number;
  kernels_per_rep: number;
  kernels: string[];
  samples_gpu_us: (number | null)[];
  /** Unrounded, for ratios. */
  raw: { gpuUs: number };
}

type CaseResult = Record<string, unknown> & { name: string };

async function measure(warmups: number, repetitions: number, once: () => Promise<Sample>): Promise<Measured> {
  const samples: Sample[] = [];
  for (let i = 0; i < warmups + repetitions; i++) {
    // Outside the timed region: values dropped by the last repetition give their buffers back, so
    // the pool reuses them instead of growing by one result (400 MB at 1e8) per repetition.
    await collectGarbage();
    const sample = await once();
    if (i >= warmups) samples.push(sample);
  }
  const gpu = samples.map((s) => s.gpuUs);
  const last = samples[samples.length - 1];
  return {
    gpu_us: sig(median(gpu)),
    gpu_us_min: sig(Math.min(...gpu)),
    wall_ms: sig(median(samples.map((s) => s.wallMs))),
    repetitions,
    kernels_per_rep: last.kernels.length,
    kernels: last.kernels,
    samples_gpu_us: gpu.map((x) => sig(x)),
    raw: { gpuUs: median(gpu) },
  };
}

function publicPart(m: Measured): Omit<Measured, 'raw'> {
  const { raw: _raw, ...rest } = m;
  return rest;
}

/** GB/s for `bytes` moved in `us` µs. */
function gbps(bytes: number, us: number): number {
  return us > 0 ? bytes / (us * 1e3) : NaN;
}

/** Reads element 0 of a GPU array: one f32, not the whole array. */
async function readFirst(provider: WebGpuProvider, handle: GpuArrayHandle): Promise<number> {
  // A handle is {id, length}; download() reads `length` f32s from the start of the buffer.
  const data = await provider.download({ id: handle.id, length: 1 });
  return data[0];
}

/** A Session on the provider, running cells and handing back their kernel events. */
class Engine {
  readonly session = new Session({ gpu: 'on' });

  constructor(readonly provider: WebGpuProvider) {
    this.session.attachGpu(provider);
  }

  async run(source: string): Promise<{ kernels: KernelEvent[]; plan: PlanDecision[] }> {
    const kernels: KernelEvent[] = [];
    const plan: PlanDecision[] = [];
    let error = '';
    const ok = await this.session.run(source, (event) => {
      if (event.type === 'kernel') kernels.push(event);
      else if (event.type === 'plan') plan.push(...event.decisions);
      else if (event.type === 'error') error = event.error.message;
    });
    if (!ok) throw new Error(`${source}: ${error}`);
    return { kernels, plan };
  }

  /** One scalar of a variable, read back without reading the whole array (GPU values: element 0). */
  async readScalar(name: string): Promise<number> {
    const v = this.session.variable(name);
    if (v === undefined) throw new Error(`bench: no variable ${name}`);
    if (v.type === 'gpu') {
      if (v.host) return v.host.re[0];
      const handle = v.node.buffer as GpuArrayHandle | null;
      if (!handle) throw new Error(`bench: ${name} was not computed`);
      return readFirst(this.provider, handle);
    }
    if (v.type === 'tensor') return v.re[0];
    throw new Error(`bench: ${name} is a ${v.type}`);
  }

  /** Asserts that `name` lives on the GPU (policy 'on' should put every single array there). */
  expectOnGpu(name: string): void {
    const v = this.session.variable(name);
    if (!v || v.type !== 'gpu') throw new Error(`bench: ${name} is not on the GPU`);
  }
}

/**
 * Times `statements`, each run as its own cell (one flush each), counting the GPU time of the
 * kernels named `kernel`, then reads one element of `result`. Also returns the planner's
 * decisions for `kernel` from the last repetition.
 */
async function measureEngine(
  engine: Engine,
  statements: readonly string[],
  kernel: string,
  result: string,
  warmups: number,
  repetitions: number,
): Promise<{ m: Measured; plan: string[]; value: number; peakBytes: number }> {
  let plan: string[] = [];
  let value = NaN;
  let peakBytes = 0;
  const m = await measure(warmups, repetitions, async () => {
    let wallMs = 0;
    let gpuUs = 0;
    const kernels: string[] = [];
    const decisions: string[] = [];
    for (let i = 0; i < statements.length; i++) {
      // Between statements, untimed: values the last one replaced give their buffers back.
      if (i > 0) await collectGarbage();
      const t0 = performance.now();
      const r = await engine.run(statements[i]);
      if (i === statements.length - 1) value = await engine.readScalar(result);
      wallMs += performance.now() - t0;
      peakBytes = Math.max(peakBytes, engine.provider.memoryInUse());
      const { us, names } = sumOf(r.kernels, kernel);
      gpuUs += us;
      kernels.push(...names);
      decisions.push(...r.plan.filter((d) => d.kernel === kernel).map((d) => `${d.variant}: ${d.reason}`));
    }
    plan = decisions;
    return { gpuUs, wallMs, kernels };
  });
  return { m, plan, value, peakBytes };
}

/** A sanity check on a result read back: relative error under 1% of the expected value. */
function check(value: number, expected: number): { value: number | null; expected: number; check_ok: boolean } {
  return { value: sig(value, 7), expected, check_ok: Math.abs(value - expected) <= 0.01 * Math.abs(expected) };
}

function sumOf(kernels: readonly KernelEvent[], name: string): { us: number; names: string[] } {
  const mine = kernels.filter((k) => k.name === name);
  return { us: mine.reduce((s, k) => s + k.gpuUs, 0), names: mine.map((k) => `${k.name}/${k.variant}`) };
}

export async function runGpuBench(options: GpuBenchOptions = {}): Promise<Record<string, unknown>> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[bench gpu] ${line}\n`));
  const started = performance.now();
  let provider = options.provider ?? null;
  let adapter: AdapterSummary;
  if (provider) adapter = provider.adapter;
  else {
    const opened = await openWebGpu();
    adapter = opened.adapter;
    provider = opened.provider;
  }
  if (!provider) {
    return { suite: 'gpu', skipped: true, reason: adapter.reason ?? 'no WebGPU adapter', adapter };
  }
  const ownsProvider = options.provider === undefined;
  const quick = options.quick === true || adapter.isFallbackAdapter;
  const quickReason = options.quick ? '--quick' : adapter.isFallbackAdapter ? 'fallback adapter (software)' : null;
  const warmups = options.warmups ?? 2;
  const repetitions = options.repetitions ?? (quick ? 2 : 7);
  const sizes = options.sizes ?? (quick ? QUICK_SIZES : FULL_SIZES);
  if (!sizes.vectors.includes(sizes.reduce)) throw new Error(`bench: sizes.reduce (${sizes.reduce}) must be one of sizes.vectors`);
  const copySizes = [...new Set([...sizes.vectors, sizes.reduce, sizes.matrix * sizes.matrix])].sort((a, b) => a - b);
  const maxWg = provider.limits.maxComputeWorkgroupsPerDimension;
  const gcAvailable = await collectGarbage();

  const results: CaseResult[] = [];
  /** Copy GB/s by length, for fraction_of_copy. */
  const copyGbps = new Map<number, number>();
  const fraction = (value: number, n: number): number | null => {
    const ref = copyGbps.get(n);
    return ref === undefined ? null : sig(value / ref);
  };
  const attempt = async (name: string, body: () => Promise<CaseResult | CaseResult[]>): Promise<void> => {
    log(`${name} …`);
    const t0 = performance.now();
    try {
      const out = await body();
      results.push(...(Array.isArray(out) ? out : [out]));
    } catch (e) {
      results.push({ name, error: e instanceof Error ? e.message : String(e) });
      log(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      if (provider!.lost) throw new Error(`device lost during ${name}: ${provider!.lostMessage}`);
    }
    await collectGarbage();
    log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s; GPU memory in use ${(provider!.memoryInUse() / 1e6).toFixed(0)} MB`);
  };

  let fatal: string | null = null;
  try {
    // ---- copy: the bandwidth reference, through the provider directly ----
    for (const n of copySizes) {
      await attempt(`copy_${sizeLabel(n)}`, async () => {
        const p = provider!;
        const source = p.allocate(n);
        const dest = p.allocate(n);
        try {
          // Random input, not zeros: nothing can take a shortcut on uniform data.
          p.dispatch(buildRandom({ dist: 'uniform', length: n }, [12345, 0x9e3779b9], 0, maxWg), [], source);
          await p.flush();
          const program = buildCopy(n, maxWg);
          const m = await measure(warmups, repetitions, async () => {
            const t0 = performance.now();
            p.dispatch(program, [source], dest);
            const events = await p.flush();
            await readFirst(p, dest);
            const wallMs = performance.now() - t0;
            const { us, names } = sumOf(events, 'copy');
            return { gpuUs: us, wallMs, kernels: names };
          });
          const rate = gbps(8 * n, m.raw.gpuUs);
          copyGbps.set(n, rate);
          return { name: `copy_${sizeLabel(n)}`, kind: 'copy', n, bytes: 8 * n, gbps: sig(rate), ...publicPart(m) };
        } finally {
          p.release(source);
          p.release(dest);
        }
      });
    }

    // ---- the elementwise chain, fused and unfused, and the full reductions, through the engine ----
    for (const n of sizes.vectors) {
      const label = sizeLabel(n);
      let engine: Engine | null = new Engine(provider);
      await attempt(`rand_${label}`, async () => {
        await engine!.run(`x = rand(${n}, 1, 'single');`);
        engine!.expectOnGpu('x');
        return [];
      });
      let fusedUs = NaN;
      await attempt(`elementwise_fused_${label}`, async () => {
        const expression = `y = ${CHAIN.expression};`;
        const { m, plan, peakBytes } = await measureEngine(engine!, [expression], 'elementwise', 'y', warmups, repetitions);
        fusedUs = m.raw.gpuUs;
        const rate = gbps(8 * n, m.raw.gpuUs);
        return {
          name: `elementwise_fused_${label}`,
          kind: 'elementwise',
          n,
          expression,
          ops: CHAIN.ops,
          bytes: 8 * n,
          gbps: sig(rate),
          fraction_of_copy: fraction(rate, n),
          plan,
          peak_gpu_memory_mb: sig(peakBytes / 1e6),
          ...publicPart(m),
        };
      });
      await attempt(`elementwise_unfused_${label}`, async () => {
        // One cell per statement: each op is computed (one kernel) before the next is recorded.
        const { m, peakBytes } = await measureEngine(engine!, CHAIN.unfused, 'elementwise', CHAIN.unfusedResult, warmups, repetitions);
        const rate = gbps(8 * n, m.raw.gpuUs);
        return {
          name: `elementwise_unfused_${label}`,
          kind: 'elementwise',
          n,
          statements: CHAIN.unfused.join(' '),
          ops: CHAIN.ops,
          bytes_useful: 8 * n,
          gbps_effective: sig(rate),
          fraction_of_copy: fraction(rate, n),
          fusion_speedup: sig(m.raw.gpuUs / fusedUs),
          peak_gpu_memory_mb: sig(peakBytes / 1e6),
          ...publicPart(m),
        };
      });
      await attempt(`clear_${label}`, async () => {
        await engine!.run(`clear y ${CHAIN.unfusedTemporaries.join(' ')}`);
        return [];
      });

      if (n === sizes.reduce) {
        for (const [fn, variable] of [['sum', 's'], ['mean', 'm']] as const) {
          const name = `${fn}_${label}`;
          await attempt(name, async () => {
            const expression = `${variable} = ${fn}(x);`;
            const { m, plan, value } = await measureEngine(engine!, [expression], 'reduction', variable, warmups, repetitions);
            const rate = gbps(4 * n, m.raw.gpuUs);
            // x is uniform on (0, 1): the sum is about n/2, the mean about 1/2.
            const expected = fn === 'sum' ? n / 2 : 0.5;
            return { name, kind: 'reduction', n, expression, bytes: 4 * n, gbps: sig(rate), fraction_of_copy: fraction(rate, n), ...check(value, expected), plan, ...publicPart(m) };
          });
        }
      }
      engine.session.reset();
      engine = null;
      await collectGarbage();
    }

    // ---- sums along each dimension of a square matrix ----
    {
      const side = sizes.matrix;
      const n = side * side;
      const shape = `${sizeLabel(side)}x${sizeLabel(side)}`;
      let engine: Engine | null = new Engine(provider);
      await attempt(`rand_${shape}`, async () => {
        await engine!.run(`A = rand(${side}, ${side}, 'single');`);
        engine!.expectOnGpu('A');
        return [];
      });
      for (const dim of [1, 2]) {
        const name = `sum_dim${dim}_${shape}`;
        await attempt(name, async () => {
          const expression = `s${dim} = sum(A, ${dim});`;
          const { m, plan, value } = await measureEngine(engine!, [expression], 'reduction', `s${dim}`, warmups, repetitions);
          const rate = gbps(4 * n, m.raw.gpuUs);
          // Element 1 of the result sums `side` uniform numbers: about side/2.
          return { name, kind: 'reduction', shape: [side, side], n, expression, bytes: 4 * n, gbps: sig(rate), fraction_of_copy: fraction(rate, n), ...check(value, side / 2), plan, ...publicPart(m) };
        });
      }
      engine.session.reset();
      engine = null;
      await collectGarbage();
    }
  } catch (e) {
    fatal = e instanceof Error ? e.message : String(e);
  }

  const report: Record<string, unknown> = {
    suite: 'gpu',
    skipped: false,
    device: {
      vendor: adapter.vendor,
      architecture: adapter.architecture,
      description: adapter.description,
      is_fallback_adapter: adapter.isFallbackAdapter,
      features: adapter.features,
      timing: provider.timing,
      limits: provider.limits,
    },
    node: process.version,
    quick,
    sizes,
    ...(quickReason ? { quick_reason: quickReason } : {}),
    method: {
      warmups,
      repetitions,
      statistic: 'median GPU time over the repetitions; each repetition is one flush',
      gpu_time: provider.timing === 'timestamp' ? 'timestamp queries around each compute pass' : 'wall time to onSubmittedWorkDone per dispatch',
      wall_ms: 'cell run (or dispatch + flush) plus a read-back of one element of the result; unfused: the sum over its cells (the garbage collection between them is not timed)',
      engine_memory_budget: 'a session raises out-of-memory past 4 GiB of GPU arrays (pool classes are powers of two: 512 MiB per 1e8 f32 array)',
      bytes: 'copy 2·4·n; elementwise 4·n in + 4·n out; reductions 4·n in',
      fraction_of_copy: 'GB/s ÷ GB/s of the copy kernel of the same length, same run',
      gc_between_cases: gcAvailable,
    },
    results,
    memory_in_use_mb_at_end: sig(provider.memoryInUse() / 1e6),
    ...(fatal ? { fatal } : {}),
    elapsed_s: sig((performance.now() - started) / 1000, 3),
  };
  if (ownsProvider) provider.destroy();
  return report;
}

if (isEntryPoint('gpu.ts')) {
  const options = parseBenchArgs(process.argv.slice(2));
  const report = await runGpuBench({ quick: options.quick });
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  // Dawn's instance can keep the event loop alive; the report is out, so leave.
  process.exit(report.fatal ? 1 : 0);
}
