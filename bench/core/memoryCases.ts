// The memory-bound cases: copy (the bandwidth reference), the fused and unfused elementwise chain,
// and reductions (sum/mean over a long vector, sums along each dimension of a square matrix).
//
// - copy n f32 through the provider directly: 2·4·n bytes; every other memory-bound case is
//   divided by the copy of the same length (fraction_of_copy).
// - a 6-op elementwise chain over x = rand(n, 1, 'single') through the engine (a Session with the
//   provider): fused, one `y = …;` statement per flush; and unfused, each op its own statement
//   in its own cell (a cell's end is a sync point, so each op is its own kernel; in one cell the
//   planner would fuse them anyway, writing the live intermediates as extra outputs).
// - sum(x), mean(x) over the reduce length (4·n bytes over the GPU time of every reduction pass);
//   sum(A, 1), sum(A, 2) over a square single matrix.
// Each repetition is one flush; GPU time is the median of the repetitions after the warm-ups.
// Wall time covers the cell run and a read-back of one element of the result.

import { buildCopy } from '../../src/engine/kernels/copy.ts';
import { buildRandom } from '../../src/engine/kernels/random.ts';
import { CaseRunner, check, Engine, measure, measureEngine, publicPart, readFirst, sumOf } from './harness.ts';
import { gbps, sig, sizeLabel } from './stats.ts';

export interface MemorySizes {
  /** Lengths of the copy and elementwise cases. */
  vectors: number[];
  /** Length of sum(x)/mean(x): one of `vectors` (x is shared). */
  reduce: number;
  /** Side of the square matrix for sum(A, 1) and sum(A, 2). */
  matrix: number;
}

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

export interface Repeat {
  warmups: number;
  repetitions: number;
}

/** Copy GB/s by length, filled by the copy cases; the reference for fraction_of_copy. */
export class CopyReference {
  private readonly byLength = new Map<number, number>();

  set(n: number, rate: number): void {
    this.byLength.set(n, rate);
  }

  /** value ÷ copy GB/s of the same length (or of the nearest measured length when `nearest`). */
  fraction(value: number, n: number, nearest = false): number | null {
    let ref = this.byLength.get(n);
    if (ref === undefined && nearest && this.byLength.size > 0) {
      const lengths = [...this.byLength.keys()];
      const closest = lengths.reduce((a, b) => (Math.abs(Math.log(b / n)) < Math.abs(Math.log(a / n)) ? b : a));
      ref = this.byLength.get(closest);
    }
    return ref === undefined ? null : sig(value / ref);
  }

  /** The best copy rate of the run: the bandwidth the device showed. */
  best(): number | null {
    return this.byLength.size === 0 ? null : Math.max(...this.byLength.values());
  }
}

export async function runCopyCases(runner: CaseRunner, lengths: readonly number[], rep: Repeat, copy: CopyReference, specBandwidthGBs: number | null): Promise<void> {
  const p = runner.provider;
  const maxWg = p.limits.maxComputeWorkgroupsPerDimension;
  for (const n of lengths) {
    await runner.attempt(`copy_${sizeLabel(n)}`, async () => {
      const source = p.allocate(n);
      const dest = p.allocate(n);
      try {
        // Random input, not zeros: nothing can take a shortcut on uniform data.
        p.dispatch(buildRandom({ dist: 'uniform', length: n }, [12345, 0x9e3779b9], 0, maxWg), [], source);
        await p.flush();
        const program = buildCopy(n, maxWg);
        const m = await measure(runner.host, rep.warmups, rep.repetitions, async () => {
          const t0 = performance.now();
          p.dispatch(program, [source], dest);
          const events = await p.flush();
          await readFirst(p, dest);
          const wallMs = performance.now() - t0;
          const { us, names } = sumOf(events, 'copy');
          return { gpuUs: us, wallMs, kernels: names };
        });
        const rate = gbps(8 * n, m.raw.gpuUs);
        copy.set(n, rate);
        return {
          name: `copy_${sizeLabel(n)}`,
          kind: 'copy',
          n,
          bytes: 8 * n,
          gbps: sig(rate),
          ...(specBandwidthGBs ? { fraction_of_spec_bandwidth: sig(rate / specBandwidthGBs) } : {}),
          ...publicPart(m),
        };
      } finally {
        p.release(source);
        p.release(dest);
      }
    });
  }
}

export async function runElementwiseAndReductions(runner: CaseRunner, sizes: MemorySizes, rep: Repeat, copy: CopyReference): Promise<void> {
  const { warmups, repetitions } = rep;
  const host = runner.host;
  for (const n of sizes.vectors) {
    const label = sizeLabel(n);
    const doChain = runner.wants('elementwise');
    const doReduce = runner.wants('reduction') && n === sizes.reduce;
    if (!doChain && !doReduce) continue;
    let engine: Engine | null = new Engine(runner.provider);
    await runner.attempt(`rand_${label}`, async () => {
      await engine!.run(`x = rand(${n}, 1, 'single');`);
      engine!.expectOnGpu('x');
      return [];
    });
    if (doChain) {
      let fusedUs = NaN;
      let fusedWall = NaN;
      await runner.attempt(`elementwise_fused_${label}`, async () => {
        const expression = `y = ${CHAIN.expression};`;
        const { m, plan, peakBytes } = await measureEngine(host, engine!, [expression], 'elementwise', 'y', warmups, repetitions, runner.beforeRepetition(['y'], ['x']));
        fusedUs = m.raw.gpuUs;
        fusedWall = m.raw.wallMs;
        const rate = gbps(8 * n, m.raw.gpuUs);
        return {
          name: `elementwise_fused_${label}`,
          kind: 'elementwise',
          n,
          expression,
          ops: CHAIN.ops,
          bytes: 8 * n,
          gbps: sig(rate),
          fraction_of_copy: copy.fraction(rate, n),
          plan,
          peak_gpu_memory_mb: sig(peakBytes / 1e6),
          ...publicPart(m),
        };
      });
      await runner.attempt(`elementwise_unfused_${label}`, async () => {
        // One cell per statement: each op is computed (one kernel) before the next is recorded.
        const { m, peakBytes } = await measureEngine(host, engine!, CHAIN.unfused, 'elementwise', CHAIN.unfusedResult, warmups, repetitions, runner.beforeRepetition(['y', ...CHAIN.unfusedTemporaries], ['x']));
        const rate = gbps(8 * n, m.raw.gpuUs);
        return {
          name: `elementwise_unfused_${label}`,
          kind: 'elementwise',
          n,
          statements: CHAIN.unfused.join(' '),
          ops: CHAIN.ops,
          bytes_useful: 8 * n,
          gbps_effective: sig(rate),
          fraction_of_copy: copy.fraction(rate, n),
          fusion_speedup: sig(m.raw.gpuUs / fusedUs),
          fusion_speedup_wall: sig(m.raw.wallMs / fusedWall),
          peak_gpu_memory_mb: sig(peakBytes / 1e6),
          ...publicPart(m),
        };
      });
      await runner.attempt(`clear_${label}`, async () => {
        await engine!.run(`clear y ${CHAIN.unfusedTemporaries.join(' ')}`);
        return [];
      });
    }
    if (doReduce) {
      for (const [fn, variable] of [['sum', 's'], ['mean', 'm']] as const) {
        const name = `${fn}_${label}`;
        await runner.attempt(name, async () => {
          const expression = `${variable} = ${fn}(x);`;
          const { m, plan, value } = await measureEngine(host, engine!, [expression], 'reduction', variable, warmups, repetitions, runner.beforeRepetition([variable], ['x']));
          const rate = gbps(4 * n, m.raw.gpuUs);
          // x is uniform on (0, 1): the sum is about n/2, the mean about 1/2.
          const expected = fn === 'sum' ? n / 2 : 0.5;
          return { name, kind: 'reduction', n, expression, bytes: 4 * n, gbps: sig(rate), fraction_of_copy: copy.fraction(rate, n), ...check(value, expected), plan, ...publicPart(m) };
        });
      }
    }
    await engine.dispose(host);
    engine = null;
  }

  // ---- sums along each dimension of a square matrix ----
  if (!runner.wants('reduction')) return;
  const side = sizes.matrix;
  const n = side * side;
  const shape = `${sizeLabel(side)}x${sizeLabel(side)}`;
  let engine: Engine | null = new Engine(runner.provider);
  await runner.attempt(`rand_${shape}`, async () => {
    await engine!.run(`A = rand(${side}, ${side}, 'single');`);
    engine!.expectOnGpu('A');
    return [];
  });
  for (const dim of [1, 2]) {
    const name = `sum_dim${dim}_${shape}`;
    await runner.attempt(name, async () => {
      const expression = `s${dim} = sum(A, ${dim});`;
      const { m, plan, value } = await measureEngine(host, engine!, [expression], 'reduction', `s${dim}`, warmups, repetitions, runner.beforeRepetition([`s${dim}`], ['A']));
      const rate = gbps(4 * n, m.raw.gpuUs);
      // Element 1 of the result sums `side` uniform numbers: side/2 ± 5 standard deviations.
      return { name, kind: 'reduction', shape: [side, side], n, expression, bytes: 4 * n, gbps: sig(rate), fraction_of_copy: copy.fraction(rate, n), ...check(value, side / 2, 5 * Math.sqrt(side / 12)), plan, ...publicPart(m) };
    });
  }
  await engine.dispose(host);
  engine = null;
}
