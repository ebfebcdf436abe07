// The matrix-product cases, driven through the engine the way a user writes them: inputs made
// with rand(…, 'single') (resident on the GPU under policy 'on'), then one statement such as
// `C = A*B;` per cell, so the planner routes the product (tiled / vec4 / smallk / gemv, SYRK for
// A'*A, epilogues folded into the write) exactly as it would in a notebook. GPU time is the sum
// of the product kernels' timestamps; wall time covers the cell and a one-element read-back.
//
// Cases: square products (the peers run the same shapes), a tall-skinny product (A m×k with
// m ≫ k), an inner product of two tall matrices (A'*B, k ≫ m, n: the output is small, the
// reduction long), small k (k ≤ 8, bound by writing C), both transposed operands (A'*B, A*B'),
// SYRK (A'*A, with the same-shape general product A'*B for comparison), and a product with an
// epilogue (max(alpha*(A*B) + bias, 0)) fused and one statement per cell.

import { CaseRunner, check, Engine, measureEngine, publicPart, type CaseResult } from './harness.ts';
import type { CopyReference, Repeat } from './memoryCases.ts';
import { gbps, gflops, sig } from './stats.ts';

export interface Dims {
  m: number;
  k: number;
  n: number;
}

export interface MatmulSizes {
  /** C = A*B, all n×n. */
  square: number[];
  /** C = A*B with A m×k tall and thin, B k×n. */
  tallSkinny: Dims;
  /** C = A'*B with A k×m and B k×n tall (k ≫ m, n). */
  innerTall: Dims;
  /** C = A*B with k ≤ 8. */
  smallK: Dims;
  /** A'*B and A*B', all n×n. */
  transposed: number;
  /** G = A'*A for A k×n. */
  syrk: { k: number; n: number }[];
  /** max(0.5*(A*B) + bias, 0), n×n. */
  epilogue: number;
}

export const FULL_MATMUL: MatmulSizes = {
  square: [1024, 4096, 8192],
  tallSkinny: { m: 1048576, k: 64, n: 64 },
  innerTall: { m: 64, k: 1048576, n: 64 },
  smallK: { m: 8192, k: 8, n: 8192 },
  transposed: 4096,
  syrk: [
    { k: 4096, n: 4096 },
    { k: 200000, n: 1024 },
  ],
  epilogue: 4096,
};

/**
 * Small shapes for SwiftShader, where compiling a tiled matmul takes ~10 s: every dimension is a
 * multiple of the small-shape tile (64×64, k-depth 16), and no grid is big enough for a larger tile,
 * so the shapes share compiled variants.
 */
export const QUICK_MATMUL: MatmulSizes = {
  square: [128, 256],
  tallSkinny: { m: 4096, k: 64, n: 64 },
  innerTall: { m: 64, k: 4096, n: 64 },
  smallK: { m: 512, k: 8, n: 512 },
  transposed: 256,
  syrk: [
    { k: 256, n: 256 },
    { k: 8192, n: 64 },
  ],
  epilogue: 256,
};

/** Products of k pairs of U(0,1) numbers: mean k/4, variance k·7/144. 5 standard deviations. */
function productCheck(value: number, k: number, scale = 1, offset = 0) {
  return check(value, scale * (k / 4) + offset, scale * 5 * Math.sqrt((k * 7) / 144));
}

interface ProductCase {
  name: string;
  /** Cell creating the inputs. */
  setup: string;
  /** The timed statement (or statements, one cell each). */
  statements: string[];
  result: string;
  dims: Dims;
  /** Useful floating-point operations. */
  flops: number;
  /** Bytes the product must move at least (inputs once, output once). */
  bytes: number;
  /** Variables the statements read (replaced before each repetition where gc is unavailable). */
  inputs: string[];
  /** Kernel families counted (null: all). */
  kernels: string | string[] | null;
  expected: (value: number) => ReturnType<typeof check>;
  extra?: Record<string, unknown>;
}

function peakFraction(rateGflops: number, peakTflops: number | null): number | null {
  return peakTflops ? sig(rateGflops / (peakTflops * 1000)) : null;
}

async function timeProduct(runner: CaseRunner, c: ProductCase, rep: Repeat, peakTflops: number | null, copy: CopyReference): Promise<CaseResult & { raw: { gpuUs: number; wallMs: number } }> {
  const engine = new Engine(runner.provider);
  try {
    await engine.run(c.setup);
    const { m, plan, value } = await measureEngine(runner.host, engine, c.statements, c.kernels, c.result, rep.warmups, rep.repetitions, runner.beforeRepetition([c.result], c.inputs));
    const rate = gflops(c.flops, m.raw.gpuUs);
    const bw = gbps(c.bytes, m.raw.gpuUs);
    return {
      name: c.name,
      kind: 'matmul',
      ...c.dims,
      statement: c.statements.join(' '),
      flops: c.flops,
      gflops: sig(rate),
      tflops: sig(rate / 1000),
      fraction_of_peak: peakFraction(rate, peakTflops),
      bytes: c.bytes,
      gbps: sig(bw),
      fraction_of_copy: copy.fraction(bw, c.bytes / 8, true),
      ...c.expected(value),
      ...(c.extra ?? {}),
      plan,
      ...publicPart(m),
      raw: m.raw,
    };
  } finally {
    await engine.dispose(runner.host);
  }
}

function strip(r: CaseResult & { raw?: unknown }): CaseResult {
  const { raw: _raw, ...rest } = r;
  return rest;
}

const PRODUCTS = ['matmul', 'syrk'];

export async function runMatmulCases(runner: CaseRunner, sizes: MatmulSizes, rep: Repeat, peakTflops: number | null, copy: CopyReference): Promise<void> {
  const run = (c: ProductCase) => runner.attempt(c.name, async () => strip(await timeProduct(runner, c, rep, peakTflops, copy)));
  const general = (name: string, d: Dims, statement: string, transA: boolean, transB: boolean): ProductCase => ({
    name,
    setup: `A = rand(${transA ? `${d.k}, ${d.m}` : `${d.m}, ${d.k}`}, 'single'); B = rand(${transB ? `${d.n}, ${d.k}` : `${d.k}, ${d.n}`}, 'single');`,
    statements: [statement],
    result: 'C',
    inputs: ['A', 'B'],
    dims: d,
    flops: 2 * d.m * d.n * d.k,
    bytes: 4 * (d.m * d.k + d.k * d.n + d.m * d.n),
    kernels: PRODUCTS,
    expected: (v) => productCheck(v, d.k),
  });

  for (const n of sizes.square) await run(general(`matmul_${n}`, { m: n, k: n, n }, 'C = A*B;', false, false));
  const t = sizes.tallSkinny;
  await run(general(`matmul_tall_skinny_${t.m}x${t.k}_${t.k}x${t.n}`, t, 'C = A*B;', false, false));
  const i = sizes.innerTall;
  await run(general(`matmul_inner_tall_${i.k}x${i.m}t_${i.k}x${i.n}`, i, "C = A'*B;", true, false));
  const s = sizes.smallK;
  await run(general(`matmul_small_k_${s.m}x${s.k}_${s.k}x${s.n}`, s, 'C = A*B;', false, false));
  const tn = sizes.transposed;
  await run(general(`matmul_At_B_${tn}`, { m: tn, k: tn, n: tn }, "C = A'*B;", true, false));
  await run(general(`matmul_A_Bt_${tn}`, { m: tn, k: tn, n: tn }, "C = A*B';", false, true));

  // SYRK, and the general product of the same shape (A'*B, B another k×n matrix) for the ratio.
  for (const { k, n } of sizes.syrk) {
    const name = `syrk_${k}x${n}`;
    await runner.attempt(name, async () => {
      const gemm = await timeProduct(runner, { ...general(`${name}_gemm`, { m: n, k, n }, "G = A'*B;", true, false), result: 'G' }, rep, peakTflops, copy);
      const usefulFlops = n * (n + 1) * k;
      const syrk = await timeProduct(
        runner,
        {
          name,
          setup: `A = rand(${k}, ${n}, 'single');`,
          statements: ["G = A'*A;"],
          result: 'G',
          inputs: ['A'],
          dims: { m: n, k, n },
          flops: usefulFlops,
          bytes: 4 * (k * n + n * n),
          kernels: PRODUCTS,
          // G(1,1) = Σ a², a ~ U(0,1): mean k/3, variance k·4/45.
          expected: (v) => check(v, k / 3, 5 * Math.sqrt((k * 4) / 45)),
        },
        rep,
        peakTflops,
        copy,
      );
      const rawUs = syrk.raw.gpuUs;
      return strip({
        ...syrk,
        kind: 'syrk',
        flops_note: 'useful flops n·(n+1)·k (one triangle); gflops_gemm_equivalent counts 2·n²·k',
        gflops_gemm_equivalent: sig(gflops(2 * n * n * k, rawUs)),
        gemm_same_shape: { statement: "G = A'*B;", gpu_us: gemm.gpu_us, wall_ms: gemm.wall_ms, gflops: gemm.gflops, kernels: gemm.kernels },
        syrk_speedup_vs_gemm: sig(gemm.raw.gpuUs / rawUs),
      });
    });
  }

  // A product with an epilogue: fused (one statement) and one statement per cell.
  const e = sizes.epilogue;
  const eDims = { m: e, k: e, n: e };
  const setup = `A = rand(${e}, ${e}, 'single'); B = rand(${e}, ${e}, 'single'); bias = 0.25 * ones(1, ${e}, 'single');`;
  // C(1,1) = max(0.5·(A*B)(1,1) + 0.25, 0): the product's check, halved and shifted.
  const expected = (v: number) => productCheck(v, e, 0.5, 0.25);
  const fusedName = `matmul_epilogue_fused_${e}`;
  let fusedRaw: { gpuUs: number; wallMs: number } | null = null;
  await runner.attempt(fusedName, async () => {
    const r = await timeProduct(
      runner,
      { name: fusedName, setup, statements: ['C = max(0.5 * (A*B) + bias, 0);'], result: 'C', inputs: ['A', 'B'], dims: eDims, flops: 2 * e ** 3, bytes: 4 * 3 * e * e, kernels: null, expected },
      rep,
      peakTflops,
      copy,
    );
    fusedRaw = r.raw;
    return strip({ ...r, kind: 'matmul_epilogue' });
  });
  const unfusedName = `matmul_epilogue_unfused_${e}`;
  await runner.attempt(unfusedName, async () => {
    const r = await timeProduct(
      runner,
      { name: unfusedName, setup, statements: ['C = A*B;', 'C = 0.5 * C;', 'C = C + bias;', 'C = max(C, 0);'], result: 'C', inputs: ['A', 'B'], dims: eDims, flops: 2 * e ** 3, bytes: 4 * 3 * e * e, kernels: null, expected },
      rep,
      peakTflops,
      copy,
    );
    const fused = fusedRaw as { gpuUs: number; wallMs: number } | null;
    return strip({
      ...r,
      kind: 'matmul_epilogue',
      ...(fused ? { fusion_speedup: sig(r.raw.gpuUs / fused.gpuUs), fusion_speedup_wall: sig(r.raw.wallMs / fused.wallMs) } : {}),
    });
  });
}
