// Workloads: ordinary MATLAB scripts (bench/workloads/*.m) run through the engine like a user's
// cell under gpu policy 'on', modelled on the public RunMat benchmark cases. Each prints one
// number, so every result is read back before the clock stops. Two modes per script:
//
// - fused: the whole script as one cell. The planner sees everything pending at each sync point
//   (fprintf, a scalar condition, the end of the cell) and fuses across statements and loop
//   iterations.
// - per_statement: a sync point after every statement, as an engine without cross-statement
//   fusion would run it. Each top-level statement is its own cell; a top-level `for` loop (with
//   no break/continue/return in it) is unrolled: the loop range is evaluated once, and each
//   iteration assigns the loop variable and runs each body statement as its own cell (nested
//   loops the same way). The engine has no switch that turns fusion off inside a statement, so
//   a statement such as `y = a*x + b` is still one kernel here: this is the cost of the sync
//   points, not of one kernel per operator (the elementwise_unfused cases measure that).
//
// Reported per mode: wall ms (sum of the cells, read-back included), GPU ms (the sum of every
// kernel event's timestamps), the number of kernels and their families, the printed value.
// Sizes are set in a cell before the script; the scripts keep their own defaults for use alone
// (`matbook run bench/workloads/pca.m`).

import { parse, type Stmt } from '../../src/engine/lang/index.ts';
import { CaseRunner, CellError, Engine, type CaseResult } from './harness.ts';
import type { Repeat } from './memoryCases.ts';
import { median, sig } from './stats.ts';

export interface WorkloadSpec {
  /** File name without `.m` in bench/workloads/. */
  name: string;
  title: string;
  full: Record<string, number>;
  quick: Record<string, number>;
}

export const WORKLOADS: readonly WorkloadSpec[] = [
  { name: 'image_pipeline', title: '4K image pipeline: per-image mean/std, normalise, gain, bias, clamp, gamma, MSE (H×W×B single)', full: { B: 16, H: 2160, W: 3840 }, quick: { B: 2, H: 108, W: 192 } },
  { name: 'monte_carlo', title: 'Monte Carlo option pricing: M paths × T steps of randn and exp, discounted mean payoff', full: { M: 1e7, T: 256 }, quick: { M: 1e4, T: 8 } },
  { name: 'elementwise_math', title: 'elementwise math chain over N points: sin, exp, cos, tanh, powers, then the mean', full: { N: 1e8 }, quick: { N: 1e5 } },
  { name: 'pca', title: "PCA: centre A (n×d), G = (A'*A)/(n-1), power iterations on k vectors", full: { n: 262144, d: 512, k: 8, iters: 10 }, quick: { n: 4096, d: 64, k: 4, iters: 3 } },
  { name: 'iir_smoothing', title: 'batched IIR smoothing: y(:,t) = a*y(:,t-1) + (1-a)*x(:,t) over B signals of T samples', full: { B: 65536, T: 64 }, quick: { B: 1024, T: 16 } },
];

export type WorkloadMode = 'fused' | 'per_statement';

interface ModeRun {
  wallMs: number;
  gpuUs: number;
  kernels: string[];
  cells: number;
  stdout: string;
}

/** GPU memory in use above which the per-statement runner collects garbage between cells. */
const COLLECT_ABOVE_BYTES = 1024 ** 3;

/** Runs cells on one engine, adding up their wall and GPU time and listing their kernels. */
class CellSequence {
  readonly run: ModeRun = { wallMs: 0, gpuUs: 0, kernels: [], cells: 0, stdout: '' };

  constructor(
    readonly engine: Engine,
    private readonly runner: CaseRunner,
  ) {}

  async cell(source: string): Promise<void> {
    const r = await this.engine.run(source);
    this.run.wallMs += r.wallMs;
    this.run.cells++;
    this.run.stdout += r.stdout;
    for (const k of r.kernels) {
      this.run.gpuUs += k.gpuUs;
      this.run.kernels.push(`${k.name}/${k.variant}`);
    }
    // Untimed: values replaced by the last cells give their buffers back before memory piles up
    // (a forced collection per cell would cost more than the cells on a fast GPU).
    if (this.engine.provider.memoryInUse() > COLLECT_ABOVE_BYTES) await this.runner.host.collectGarbage();
  }
}

/** True when a loop body can be run statement by statement (no jumps out of it). */
function unrollable(body: readonly Stmt[]): boolean {
  for (const s of body) {
    switch (s.kind) {
      case 'Break':
      case 'Continue':
      case 'Return':
      case 'Function':
      case 'Global':
      case 'Persistent':
        return false;
      case 'If':
        if (!s.clauses.every((c) => unrollable(c.body)) || !unrollable(s.elseBody ?? [])) return false;
        break;
      case 'For':
      case 'While':
      case 'Try':
        if (!unrollable(s.body)) return false;
        break;
      case 'Switch':
        if (!s.cases.every((c) => unrollable(c.body)) || !unrollable(s.otherwise ?? [])) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

/** The statement's own text, with its `;` when it had one. */
function statementText(source: string, s: Stmt): string {
  const text = source.slice(s.start, s.end);
  return s.suppressed && !text.trimEnd().endsWith(';') ? `${text};` : text;
}

/** A number as MATLAB source that reads back as the same double. */
function literal(v: number): string {
  return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : '-Inf';
}

const ITER_VARIABLE = 'bench_iter_values__';

async function runPerStatement(seq: CellSequence, source: string, statements: readonly Stmt[]): Promise<void> {
  for (const s of statements) {
    if (s.kind === 'For' && unrollable(s.body)) {
      await seq.cell(`${ITER_VARIABLE} = ${source.slice(s.iter.start, s.iter.end)};`);
      const range = await seq.engine.session.hostVariable(ITER_VARIABLE);
      await seq.cell(`clear ${ITER_VARIABLE}`);
      if (range && range.type === 'tensor' && range.im === null && range.shape.length === 2 && range.shape[0] <= 1) {
        for (const v of range.re) {
          await seq.cell(`${s.variable} = ${literal(v)};`);
          await runPerStatement(seq, source, s.body);
        }
        continue;
      }
      // A range over columns of a matrix, or not numeric: the loop runs as one cell.
    }
    await seq.cell(statementText(source, s));
  }
}

/** The last number the script printed. */
function printedValue(stdout: string): number {
  const numbers = stdout.match(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|NaN|-?Inf/g);
  if (!numbers || numbers.length === 0) return NaN;
  const last = numbers[numbers.length - 1];
  return last === 'NaN' ? NaN : last === 'Inf' ? Infinity : last === '-Inf' ? -Infinity : Number(last);
}

function prelude(sizes: Record<string, number>): string {
  return Object.entries(sizes)
    .map(([k, v]) => `${k} = ${literal(v)};`)
    .join(' ');
}

interface ModeResult {
  ok: true;
  wall_ms: number | null;
  gpu_ms: number | null;
  kernels: number;
  kernels_by_family: Record<string, number>;
  cells: number;
  value: number | null;
  samples_wall_ms: (number | null)[];
  raw: { wallMs: number; gpuUs: number; value: number };
}

type ModeFailure = { ok: false; error: string; failed_cell?: string };

async function runMode(runner: CaseRunner, source: string, sizes: Record<string, number>, mode: WorkloadMode, rep: Repeat): Promise<ModeResult | ModeFailure> {
  const runs: ModeRun[] = [];
  const program = parse(source);
  try {
    for (let i = 0; i < rep.warmups + rep.repetitions; i++) {
      await runner.host.collectGarbage();
      await runner.host.warmGpu?.();
      const engine = new Engine(runner.provider);
      try {
        await engine.run(prelude(sizes));
        const seq = new CellSequence(engine, runner);
        if (mode === 'fused') await seq.cell(source);
        else await runPerStatement(seq, source, program.body);
        if (i >= rep.warmups) runs.push(seq.run);
      } finally {
        await engine.dispose(runner.host);
      }
    }
  } catch (e) {
    if (e instanceof CellError) return { ok: false, error: e.engineMessage, failed_cell: e.cell };
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const wall = runs.map((r) => r.wallMs);
  const gpu = runs.map((r) => r.gpuUs);
  const last = runs[runs.length - 1];
  const families: Record<string, number> = {};
  for (const k of last.kernels) {
    const family = k.split('/')[0];
    families[family] = (families[family] ?? 0) + 1;
  }
  const value = printedValue(last.stdout);
  return {
    ok: true,
    wall_ms: sig(median(wall)),
    gpu_ms: sig(median(gpu) / 1000),
    kernels: last.kernels.length,
    kernels_by_family: families,
    cells: last.cells,
    value: sig(value, 7),
    samples_wall_ms: wall.map((x) => sig(x)),
    raw: { wallMs: median(wall), gpuUs: median(gpu), value },
  };
}

function publicMode(r: ModeResult | ModeFailure): Record<string, unknown> {
  if (!r.ok) return { error: r.error, ...(r.failed_cell ? { failed_cell: r.failed_cell } : {}) };
  const { raw: _raw, ok: _ok, ...rest } = r;
  return rest;
}

/** Runs each workload in both modes; `sources` maps a workload name to its script text. */
export async function runWorkloads(runner: CaseRunner, sources: Readonly<Record<string, string>>, quick: boolean, rep: Repeat): Promise<void> {
  for (const spec of WORKLOADS) {
    const source = sources[spec.name];
    const name = `workload_${spec.name}`;
    await runner.attempt(name, async () => {
      if (source === undefined) throw new Error(`no source for workload ${spec.name}`);
      const sizes = quick ? spec.quick : spec.full;
      const fused = await runMode(runner, source, sizes, 'fused', rep);
      const perStatement = await runMode(runner, source, sizes, 'per_statement', rep);
      const result: CaseResult = {
        name,
        kind: 'workload',
        script: `bench/workloads/${spec.name}.m`,
        title: spec.title,
        sizes,
        fused: publicMode(fused),
        per_statement: publicMode(perStatement),
      };
      if (fused.ok && perStatement.ok) {
        result.fusion_speedup = sig(perStatement.raw.gpuUs / fused.raw.gpuUs);
        result.fusion_speedup_wall = sig(perStatement.raw.wallMs / fused.raw.wallMs);
        const a = fused.raw.value;
        const b = perStatement.raw.value;
        result.values_agree = Math.abs(a - b) <= 1e-3 * Math.max(Math.abs(a), Math.abs(b), 1e-12);
      }
      if (!fused.ok && !perStatement.ok) throw new Error(`fused: ${fused.error}; per statement: ${perStatement.error}`);
      return result;
    });
  }
}
