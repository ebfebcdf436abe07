// Random fills generated inside fused kernels, on the GPU: the fused elementwise kernel (every code
// path: vec4, fast, coordinate walk) and the fused reduction producer give, for a `random` operand,
// exactly the numbers of the standalone random kernel's buffer read as an input, for uniform and
// normal fills of odd lengths (the tail of a 4-word block, a Box–Muller pair cut in half). Key
// and counter stay out of the pipeline: a second draw compiles nothing. End to end, the Monte
// Carlo script gives the same price whether its fills are generated in-kernel or materialised,
// and a price close to the CPU session's. Skipped, with the reason printed, when there is no
// WebGPU adapter.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ELEMENTWISE_OPS, type ElementwiseOpName } from '../../src/engine/graph/elementwiseOps.ts';
import {
  buildFusedElementwise,
  type FusedElementwiseParams,
  type FusedOp,
  type FusedRandomFill,
  type FusedStep,
  type Operand,
} from '../../src/engine/kernels/fusedElementwise.ts';
import { buildRandom, philoxNormalHost, philoxUniformHost, type RandomDist } from '../../src/engine/kernels/random.ts';
import { buildReduction } from '../../src/engine/kernels/reduction.ts';
import type { GpuArrayHandle } from '../../src/engine/providers/webgpu/index.ts';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { runInSession } from '../../src/engine/runJson.ts';
import { Session } from '../../src/engine/session.ts';
import type { RunResultJson } from '../../src/worker/protocol.ts';

const opened = await openWebGpu();
const gpu = opened.provider;
if (!gpu) console.warn(`[tests/gpu] skipping in-kernel random tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => gpu?.destroy());

const KEY: [number, number] = [0x2545f491, 0x9e3779b9];

// ---- chains over one random fill, read either way ----

/**
 * `out0 = x * 1` (the fill itself, exactly) and `out1 = exp(0.25 + 0.5 * x) .* y` (a chain
 * through it), where x is the fill and y an ordinary input of `yShape` (strided when it is
 * broadcast, which puts the kernel on its coordinate walk). `fill` = where x comes from.
 */
function chain(outShape: number[], yShape: number[], fill: { random: FusedRandomFill } | 'input'): FusedElementwiseParams {
  const names: ElementwiseOpName[] = ['mul', 'add', 'exp'];
  const ops: FusedOp[] = names.map((name) => ({ name, arity: ELEMENTWISE_OPS[name].arity, wgsl: ELEMENTWISE_OPS[name].wgsl }));
  const [mul, add, exp] = [0, 1, 2];
  const x: Operand = fill === 'input' ? { kind: 'input', index: 1 } : { kind: 'random', index: 0 };
  const y: Operand = { kind: 'input', index: 0 };
  const c = (index: number): Operand => ({ kind: 'const', index });
  const s = (index: number): Operand => ({ kind: 'step', index });
  const steps: FusedStep[] = [
    { op: mul, args: [x, c(0)] },
    { op: mul, args: [c(2), x] },
    { op: add, args: [c(1), s(1)] },
    { op: exp, args: [s(2)] },
    { op: mul, args: [s(3), y] },
  ];
  return {
    ops,
    inputShapes: fill === 'input' ? [yShape, outShape] : [yShape],
    outShape,
    constantCount: 3,
    ...(fill === 'input' ? {} : { randoms: [fill.random] }),
    steps,
    outputs: [0, 4],
  };
}
const CONSTANTS = [1, 0.25, 0.5];

function ramp(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 7) / 8);
}

interface Drawn {
  fused: Float32Array[];
  materialised: Float32Array[];
  fill: Float32Array;
}

/** Runs the chain with the fill generated in-kernel and with the random kernel's buffer as input. */
async function drawBoth(dist: RandomDist, outShape: number[], yShape: number[], counter: number): Promise<Drawn> {
  const provider = gpu!;
  const total = outShape.reduce((a, b) => a * b, 1);
  const maxWg = provider.limits.maxComputeWorkgroupsPerDimension;
  const y = provider.upload(ramp(yShape.reduce((a, b) => a * b, 1)));
  const fill = provider.allocate(total);
  provider.dispatch(buildRandom({ dist, length: total }, KEY, counter, maxWg), [], fill);
  const fusedOut = [provider.allocate(total), provider.allocate(total)];
  provider.dispatch(buildFusedElementwise(chain(outShape, yShape, { random: { dist, key: KEY, counter } }), CONSTANTS, maxWg), [y], fusedOut);
  const plainOut = [provider.allocate(total), provider.allocate(total)];
  provider.dispatch(buildFusedElementwise(chain(outShape, yShape, 'input'), CONSTANTS, maxWg), [y, fill], plainOut);
  await provider.flush();
  const read = (hs: GpuArrayHandle[]) => Promise.all(hs.map((h) => provider.download(h)));
  const drawn = { fused: await read(fusedOut), materialised: await read(plainOut), fill: await provider.download(fill) };
  for (const h of [y, fill, ...fusedOut, ...plainOut]) provider.release(h);
  return drawn;
}

/** Bitwise equality of two f32 arrays, reporting the first differing elements. */
function expectSameBits(label: string, got: Float32Array, want: Float32Array): void {
  expect(got.length, label).toBe(want.length);
  const a = new Uint32Array(got.buffer, got.byteOffset, got.length);
  const b = new Uint32Array(want.buffer, want.byteOffset, want.length);
  const bad: string[] = [];
  for (let i = 0; i < a.length && bad.length < 5; i++) if (a[i] !== b[i]) bad.push(`[${i}] ${got[i]} vs ${want[i]}`);
  expect(bad, label).toEqual([]);
}

describe.skipIf(!gpu)('a random operand generated in-kernel equals the materialised fill', () => {
  // 1 and 3: one partial block; 4097: one element into the last block (odd: half a normal pair);
  // 1000: a multiple of 4, the vec4 path; [17 241] with a row input: the coordinate walk.
  const shapes: { label: string; out: number[]; y: number[] }[] = [
    { label: '1 (fast)', out: [1, 1], y: [1, 1] },
    { label: '3 (fast)', out: [3, 1], y: [3, 1] },
    { label: '4097 (fast)', out: [4097, 1], y: [1, 1] },
    { label: '1000 (vec4)', out: [1000, 1], y: [1000, 1] },
    { label: '17×241 with a row input (walk)', out: [17, 241], y: [1, 241] },
  ];
  for (const dist of ['uniform', 'normal'] as const) {
    it.each(shapes)(`${dist}: $label`, async ({ out, y }) => {
      const counter = 77;
      const { fused, materialised, fill } = await drawBoth(dist, out, y, counter);
      expectSameBits('the fill itself', fused[0], fill);
      expectSameBits('the fill itself, through the input path', materialised[0], fill);
      expectSameBits('a chain through it', fused[1], materialised[1]);
      // And the standalone kernel is still what the host reference says.
      const total = fill.length;
      if (dist === 'uniform') expectSameBits('host reference', fill, philoxUniformHost(KEY, counter, total));
      else {
        const want = philoxNormalHost(KEY, counter, total);
        for (let i = 0; i < total; i++) expect(Math.abs(fill[i] - want[i]), `element ${i}`).toBeLessThan(1e-4 * (1 + Math.abs(want[i])));
      }
    });
  }

  it('carries the 64-bit counter in-kernel as the standalone kernel does', async () => {
    const counter = 2 ** 32 - 1; // blocks 2^32 - 1 and 2^32
    const { fused, fill } = await drawBoth('uniform', [9, 1], [1, 1], counter);
    expectSameBits('fill', fused[0], fill);
    expectSameBits('host', fused[0], philoxUniformHost(KEY, counter, 9));
  });

  it.each(['uniform', 'normal'] as const)('%s: a reduction with the fill in its producer equals the reduction of the materialised fill', async (dist) => {
    const provider = gpu!;
    const n = 4097;
    const counter = 5;
    const limits = { maxWorkgroupsPerDimension: provider.limits.maxComputeWorkgroupsPerDimension, subgroups: false, maxInvocations: provider.limits.maxComputeInvocationsPerWorkgroup };
    const producer = (x: Operand, inputShapes: number[][], randoms?: FusedRandomFill[]): FusedElementwiseParams => ({
      ops: [{ name: 'mul', arity: 2, wgsl: ELEMENTWISE_OPS.mul.wgsl }],
      inputShapes,
      outShape: [n, 1],
      constantCount: 1,
      ...(randoms ? { randoms } : {}),
      steps: [{ op: 0, args: [x, { kind: 'const', index: 0 }] }],
      outputs: [0],
    });
    const run = async (params: FusedElementwiseParams, inputs: GpuArrayHandle[]): Promise<number> => {
      const plan = buildReduction({ op: 'sum', inShape: [n, 1], dim: 'all', producer: params, scale: false, omitNaN: false }, [3], 1, limits);
      const out = provider.allocate(1);
      const partials = plan.passes.length > 1 ? provider.allocate(plan.partialLength) : null;
      if (partials) {
        provider.dispatch(plan.passes[0], inputs, partials);
        provider.dispatch(plan.passes[1], [partials], out);
      } else provider.dispatch(plan.passes[0], inputs, out);
      await provider.flush();
      const [value] = await provider.download(out);
      provider.release(out);
      if (partials) provider.release(partials);
      return value;
    };
    const fill = provider.allocate(n);
    provider.dispatch(buildRandom({ dist, length: n }, KEY, counter), [], fill);
    const generated = await run(producer({ kind: 'random', index: 0 }, [], [{ dist, key: KEY, counter }]), []);
    const read = await run(producer({ kind: 'input', index: 0 }, [[n, 1]]), [fill]);
    provider.release(fill);
    expect(Object.is(generated, read), `${generated} vs ${read}`).toBe(true);
  });

  it('another key and counter reuse the pipeline: nothing is compiled for the second draw', async () => {
    const provider = gpu!;
    const run = async (key: [number, number], counter: number): Promise<void> => {
      const y = provider.upload(ramp(1));
      const outs = [provider.allocate(257), provider.allocate(257)];
      provider.dispatch(buildFusedElementwise(chain([257, 1], [1, 1], { random: { dist: 'normal', key, counter } }), CONSTANTS), [y], outs);
      await provider.flush();
      for (const h of [y, ...outs]) provider.release(h);
    };
    await run([1, 2], 0);
    const before = provider.stats().pipelines;
    await run([3, 4], 12345);
    const after = provider.stats().pipelines;
    expect(after.compiles).toBe(before.compiles);
    expect(after.hits).toBeGreaterThan(before.hits);
  });
});

// ---- end to end ----

/**
 * bench/workloads/monte_carlo.m itself, at a small size. `materialise` makes every iteration read
 * one element of Z before using it (a sync point), so each fill is computed by the random kernel
 * and the update reads it from memory, as before fills were generated in-kernel.
 */
function monteCarloScript(materialise: boolean): string {
  const script = readFileSync('bench/workloads/monte_carlo.m', 'utf8');
  const update = '  S = S .* exp(drift + step * Z);';
  if (!script.includes(update)) throw new Error('test setup: monte_carlo.m no longer has the update line this test instruments');
  return `M = 1000; T = 16;\n${materialise ? script.replace(update, `  z1 = gather(Z(1));\n${update}`) : script}`;
}

async function runGpu(source: string): Promise<RunResultJson> {
  const session = new Session({ gpu: 'on' });
  session.attachGpu(gpu);
  const r = await runInSession(session, source);
  expect(r.error).toBeNull();
  return r;
}

const dataOf = (r: RunResultJson, name: string): number[] => r.vars[name].data as number[];

describe.skipIf(!gpu)('the Monte Carlo script end to end', () => {
  it('fills generated in-kernel give the same paths and price as materialised fills, and about the CPU price', async () => {
    const fused = await runGpu(monteCarloScript(false));
    const materialised = await runGpu(monteCarloScript(true));
    const randomKernels = (r: RunResultJson) => (r.kernels ?? []).filter((k) => k.name === 'random').length;
    // Only the live Z of the last iteration is written when fills are generated in-kernel.
    expect(randomKernels(fused)).toBe(1);
    expect(randomKernels(materialised)).toBe(16);
    expect((fused.plan ?? []).some((d) => /randn generated in-kernel \(Philox\)/.test(d.reason))).toBe(true);

    expect(dataOf(fused, 'Z')).toEqual(dataOf(materialised, 'Z'));
    expect(dataOf(fused, 'S')).toEqual(dataOf(materialised, 'S'));
    expect(dataOf(fused, 'price')).toEqual(dataOf(materialised, 'price'));

    // The CPU draws other numbers from rng(0): the two are independent estimates of one price
    // (about 2.2, standard error about 0.1 each at M = 1000), so only a loose agreement holds.
    const cpu = await runInSession(new Session({ gpu: 'off' }), monteCarloScript(false));
    expect(cpu.error).toBeNull();
    const [gpuPrice] = dataOf(fused, 'price');
    const [cpuPrice] = dataOf(cpu, 'price');
    expect(Math.abs(gpuPrice - cpuPrice)).toBeLessThan(0.6);
  });
});
