// The measuring harness every GPU case uses, in Node and in the browser page: repetitions with
// warm-ups and medians, a Session driven like a user's cell (kernel and plan events collected),
// one-element read-backs so no GPU work is pending when a clock stops, and a runner that records
// each case (or its error) and logs progress. Nothing here opens a device or touches Node APIs:
// the caller hands in the provider and a BenchHost.

import type { GpuArrayHandle, WebGpuProvider } from '../../src/engine/providers/webgpu/index.ts';
import { Session } from '../../src/engine/session.ts';
import type { KernelEvent, PlanDecision } from '../../src/worker/protocol.ts';
import { median, sig } from './stats.ts';

/** What the environment provides: progress lines and (best effort) garbage collection. */
export interface BenchHost {
  log(line: string): void;
  /**
   * Collects garbage so GPU values nothing references give their buffers back to the pool
   * (GpuRuntime frees them from a FinalizationRegistry). Returns false when it cannot.
   */
  collectGarbage(): Promise<boolean>;
  /** Called with each record as soon as its case is done (the browser page fills its table). */
  onResult?(result: CaseResult): void;
  /**
   * Brings the GPU to its working clock right before a timed sample (bench/core/heater.ts); the
   * suite sets it on real GPUs. Says whether the clock was at its top.
   */
  warmGpu?(): Promise<boolean>;
}

/** One JSON record of the report; `name` is unique within a run. */
export type CaseResult = Record<string, unknown> & { name: string };

export interface Sample {
  gpuUs: number;
  wallMs: number;
  /** `name/variant` of the kernels counted in gpuUs, in order. */
  kernels: string[];
}

export interface Measured {
  gpu_us: number | null;
  gpu_us_min: number | null;
  wall_ms: number | null;
  repetitions: number;
  kernels_per_rep: number;
  kernels: string[];
  samples_gpu_us: (number | null)[];
  /** Whether the heater had the clock at its top before every sample (null: no heater). */
  clock_settled: boolean | null;
  /** Unrounded medians, for ratios. */
  raw: { gpuUs: number; wallMs: number };
}

export async function measure(host: BenchHost, warmups: number, repetitions: number, once: () => Promise<Sample>): Promise<Measured> {
  const samples: Sample[] = [];
  let settled: boolean | null = null;
  for (let i = 0; i < warmups + repetitions; i++) {
    // Outside the timed region: values dropped by the last repetition give their buffers back, so
    // the pool reuses them instead of growing by one result per repetition.
    await host.collectGarbage();
    const warm = host.warmGpu ? await host.warmGpu() : null;
    const sample = await once();
    if (i >= warmups) {
      samples.push(sample);
      if (warm !== null) settled = (settled ?? true) && warm;
    }
  }
  const gpu = samples.map((s) => s.gpuUs);
  const wall = samples.map((s) => s.wallMs);
  const last = samples[samples.length - 1];
  return {
    gpu_us: sig(median(gpu)),
    gpu_us_min: sig(Math.min(...gpu)),
    wall_ms: sig(median(wall)),
    repetitions,
    kernels_per_rep: last.kernels.length,
    kernels: last.kernels,
    samples_gpu_us: gpu.map((x) => sig(x)),
    clock_settled: settled,
    raw: { gpuUs: median(gpu), wallMs: median(wall) },
  };
}

export function publicPart(m: Measured): Omit<Measured, 'raw'> {
  const { raw: _raw, ...rest } = m;
  return rest;
}

/** Reads element 0 of a GPU array: one f32, not the whole array. */
export async function readFirst(provider: WebGpuProvider, handle: GpuArrayHandle): Promise<number> {
  // A handle is {id, length}; download() reads `length` f32s from the start of the buffer.
  const data = await provider.download({ id: handle.id, length: 1 });
  return data[0];
}

/** Which kernel events a measurement counts: one family, several, or all of them (null). */
export type KernelFilter = string | readonly string[] | null;

export function sumOf(kernels: readonly KernelEvent[], filter: KernelFilter): { us: number; names: string[] } {
  const names = filter === null ? null : typeof filter === 'string' ? [filter] : filter;
  const mine = names === null ? kernels : kernels.filter((k) => names.includes(k.name));
  return { us: mine.reduce((s, k) => s + k.gpuUs, 0), names: mine.map((k) => `${k.name}/${k.variant}`) };
}

export interface CellRun {
  kernels: KernelEvent[];
  plan: PlanDecision[];
  stdout: string;
  wallMs: number;
}

/** A cell that failed: the engine's message, and the cell (its first line) it came from. */
export class CellError extends Error {
  constructor(
    readonly cell: string,
    readonly engineMessage: string,
  ) {
    super(`${cell}: ${engineMessage}`);
  }
}

/** A cell named in an error: its first line that is not a comment, shortened. */
function cellLabel(source: string): string {
  const line = source.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('%')) ?? source;
  const more = source.trim().includes('\n') ? ' …' : '';
  return (line.length > 80 ? `${line.slice(0, 80)}…` : line.trim()) + more;
}

/** A Session on the provider with policy 'on', running cells and handing back their events. */
export class Engine {
  readonly session = new Session({ gpu: 'on' });

  constructor(readonly provider: WebGpuProvider) {
    this.session.attachGpu(provider);
  }

  /** Runs one cell; throws with the engine's message when the cell fails. */
  async run(source: string): Promise<CellRun> {
    const kernels: KernelEvent[] = [];
    const plan: PlanDecision[] = [];
    let stdout = '';
    let error = '';
    const t0 = performance.now();
    const ok = await this.session.run(source, (event) => {
      if (event.type === 'kernel') kernels.push(event);
      else if (event.type === 'plan') plan.push(...event.decisions);
      else if (event.type === 'stdout') stdout += event.text;
      else if (event.type === 'error') error = event.error.message;
    });
    const wallMs = performance.now() - t0;
    if (!ok) throw new CellError(cellLabel(source), error);
    return { kernels, plan, stdout, wallMs };
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

  /**
   * Clears the workspace and collects garbage while this engine is still alive, so its GPU
   * buffers go back to the pool. A Session dropped with values in it keeps their buffers for
   * good: the FinalizationRegistry that releases them belongs to its GpuRuntime, and a registry
   * that is itself collected never calls back. Call before letting go of an engine.
   */
  async dispose(host: BenchHost): Promise<void> {
    this.session.reset();
    // Finalization callbacks can trail a collection by a few tasks: collect again while memory
    // is still being given back (a few rounds at most).
    for (let round = 0; round < 4; round++) {
      const before = this.provider.memoryInUse();
      if (!(await host.collectGarbage())) break;
      const after = this.provider.memoryInUse();
      if (after === 0 || (round > 0 && after === before)) break;
    }
    // Keep `this` (and so the runtime's registry) reachable until the callbacks have run.
    void this.session;
  }

  /** Asserts that `name` lives on the GPU (policy 'on' puts every single array there). */
  expectOnGpu(name: string): void {
    const v = this.session.variable(name);
    if (!v || v.type !== 'gpu') throw new Error(`bench: ${name} is not on the GPU`);
  }
}

/**
 * Times `statements`, each run as its own cell (one flush each), counting the GPU time of the
 * kernels `filter` selects, then reads one element of `result`. Also returns the planner's
 * decisions for those kernels from the last repetition. `before` runs untimed before each
 * repetition: graph nodes are hash-consed, so `C = A*B;` run again while C still holds the
 * product (and A, B are unchanged) is the same, already computed node, and no kernel would run;
 * `clear C` first makes each repetition compute it.
 */
export async function measureEngine(
  host: BenchHost,
  engine: Engine,
  statements: readonly string[],
  filter: KernelFilter,
  result: string,
  warmups: number,
  repetitions: number,
  before?: string,
): Promise<{ m: Measured; plan: string[]; value: number; peakBytes: number }> {
  let plan: string[] = [];
  let value = NaN;
  let peakBytes = 0;
  const m = await measure(host, warmups, repetitions, async () => {
    if (before !== undefined) {
      await engine.run(before);
      await host.collectGarbage();
    }
    let wallMs = 0;
    let gpuUs = 0;
    const kernels: string[] = [];
    const decisions: string[] = [];
    for (let i = 0; i < statements.length; i++) {
      // Between statements, untimed: values the last one replaced give their buffers back.
      if (i > 0) await host.collectGarbage();
      const t0 = performance.now();
      const r = await engine.run(statements[i]);
      if (i === statements.length - 1) value = await engine.readScalar(result);
      wallMs += performance.now() - t0;
      peakBytes = Math.max(peakBytes, engine.provider.memoryInUse());
      const { us, names } = sumOf(r.kernels, filter);
      gpuUs += us;
      kernels.push(...names);
      const wanted = filter === null ? null : typeof filter === 'string' ? [filter] : filter;
      decisions.push(...r.plan.filter((d) => wanted === null || wanted.includes(d.kernel)).map((d) => `${d.kernel}/${d.variant}: ${d.reason}`));
    }
    plan = decisions;
    return { gpuUs, wallMs, kernels };
  });
  if (m.kernels_per_rep === 0) throw new Error(`no kernel ran for ${statements.join(' ')} (a result reused instead of computed?)`);
  return { m, plan, value, peakBytes };
}

/** A sanity check on a value read back: within `tolerance` (absolute) of the expected value. */
export function check(value: number, expected: number, tolerance = 0.01 * Math.abs(expected)): { value: number | null; expected: number; check_ok: boolean } {
  return { value: sig(value, 7), expected: sig(expected, 7) ?? expected, check_ok: Math.abs(value - expected) <= tolerance };
}

/** Runs cases one after another, recording each result or its error, with progress lines. */
export class CaseRunner {
  readonly results: CaseResult[] = [];
  /** Whether host.collectGarbage() really collects (Node); set by the suite at its start. */
  gcAvailable = true;

  constructor(
    readonly host: BenchHost,
    readonly provider: WebGpuProvider,
    /** Names of case groups to run; null runs everything. */
    private readonly only: readonly string[] | null = null,
  ) {}

  /** Whether the group (copy, elementwise, reduction, matmul, image, workload, peers) is selected. */
  wants(group: string): boolean {
    return this.only === null || this.only.includes(group);
  }

  /**
   * Runs `body`, appending what it returns (none, one or several records). An exception becomes
   * `{ name, error }`; a lost device stops the run (rethrown).
   */
  async attempt(name: string, body: () => Promise<CaseResult | CaseResult[]>): Promise<void> {
    this.host.log(`${name} …`);
    const t0 = performance.now();
    try {
      const out = await body();
      for (const r of Array.isArray(out) ? out : [out]) this.record(r);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.record({ name, error: message });
      this.host.log(`${name} failed: ${message}`);
      if (this.provider.lost) throw new Error(`device lost during ${name}: ${this.provider.lostMessage}`);
    }
    await this.host.collectGarbage();
    this.host.log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s; GPU memory in use ${(this.provider.memoryInUse() / 1e6).toFixed(0)} MB`);
  }

  private record(r: CaseResult): void {
    this.results.push(r);
    this.host.onResult?.(r);
  }

  /**
   * The untimed cell run before each repetition of an engine case: clears the results, so the
   * repetition computes them again (graph nodes are hash-consed). Where garbage cannot be
   * collected (a browser), a cleared value's node stays interned until the browser collects it,
   * and the next `C = A*B;` would find it; so the inputs are also replaced by equal new values
   * (`A = A + 0;`, one elementwise kernel outside the timing).
   */
  beforeRepetition(results: readonly string[], inputs: readonly string[]): string {
    const refresh = this.gcAvailable ? [] : inputs.map((v) => `${v} = ${v} + 0;`);
    return [`clear ${results.join(' ')}`, ...refresh].join('; ');
  }

  find(name: string): CaseResult | undefined {
    return this.results.find((r) => r.name === name);
  }
}
