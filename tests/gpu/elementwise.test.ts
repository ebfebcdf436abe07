// GPU parity for the `elementwise` kernel family: every op of ELEMENTWISE_OPS on the WebGPU
// provider against the CPU provider, on awkward shapes (scalar with matrix, row with column,
// 3-D and 6-D expansion, sizes that are not multiples of 256, empty) and awkward values (NaN,
// ±Inf, -0, halves). Plus the provider's own promises: pipeline reuse across shapes and scalar
// constants, timing on every kernel event, in-order dispatches with deferred release, grid folding,
// and compile errors that name the kernel. Skipped, with the reason printed, when there is no
// WebGPU adapter (see tests/gpu/README.md for running on SwiftShader).

import { afterAll, describe, expect, it } from 'vitest';
import { ELEMENTWISE_OPS, type ElementwiseOp } from '../../src/engine/graph/elementwiseOps.ts';
import { broadcastShapes } from '../../src/engine/graph/broadcast.ts';
import { buildElementwise } from '../../src/engine/kernels/elementwise.ts';
import { cpuProvider } from '../../src/engine/providers/cpu/index.ts';
import type { HostArray } from '../../src/engine/providers/provider.ts';
import { openWebGpu, type GpuArrayHandle } from '../../src/engine/providers/webgpu/index.ts';

const opened = await openWebGpu();
const gpu = opened.provider;
if (!gpu) console.warn(`[tests/gpu] skipping WebGPU parity tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);
else console.info(`[tests/gpu] adapter: ${gpu.adapter.vendor} ${gpu.adapter.architecture} — ${gpu.adapter.description} (timing: ${gpu.timing})`);

afterAll(() => gpu?.destroy());

// ---- data ----

/** Values every op should meet: IEEE specials, signed zeros, halves (rounding), domain edges. */
const SPECIALS = [NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, -0.5, 2.5, -2.5, 3, -3, 2, 0.1, 1 / 3, 7.25, -1e-3, 1e30, -1e30, 100, -100, 0.999];

/** Deterministic values: specials first (rotated by `salt`), then multiples of 1/8 (exact in f32). */
function values(n: number, salt: number): Float64Array {
  const out = new Float64Array(n);
  let state = 0x9e3779b9 ^ (salt * 0x85ebca6b);
  for (let i = 0; i < n; i++) {
    if (i < SPECIALS.length * 2) {
      out[i] = SPECIALS[(i * (salt + 1) + salt) % SPECIALS.length];
      continue;
    }
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    // Alternate wide values with values inside [-1.5, 1.5], so asin/acos/log1p see their domain.
    const span = i % 2 === 0 ? 80 : 12;
    out[i] = ((state % (2 * span + 1)) - span) / 8;
  }
  return out.map(Math.fround);
}

function hostArray(shape: number[], salt: number): HostArray {
  return { shape, data: values(shape.reduce((a, b) => a * b, 1), salt) };
}

const BINARY_CASES: [string, number[], number[]][] = [
  ['scalar ⊕ matrix', [1, 1], [4, 5]],
  ['matrix ⊕ scalar', [4, 5], [1, 1]],
  ['row ⊕ column', [1, 7], [5, 1]],
  ['column ⊕ matrix', [5, 1], [5, 3]],
  ['3-D expansion', [3, 1, 4], [1, 5, 1]],
  ['6-D expansion', [2, 1, 3, 1, 2, 2], [2, 3, 1, 2, 1, 1]],
  ['1000 elements', [1000, 1], [1000, 1]],
  ['257 elements', [1, 257], [1, 257]],
  ['1 element', [1, 1], [1, 1]],
  ['empty', [0, 3], [0, 3]],
  ['empty ⊕ scalar', [0, 3], [1, 1]],
];

const UNARY_CASES: [string, number[]][] = [
  ['1 element', [1, 1]],
  ['257 elements', [1, 257]],
  ['1000 elements', [1000, 1]],
  ['3-D', [3, 4, 5]],
  ['empty', [0, 3]],
];

// ---- comparison ----

/** f32 result vs the f64 reference rounded to f32: exact NaN-ness and infinities, else rel 1e-5 / abs 1e-6. */
function mismatch(got: number, want: number): boolean {
  if (Number.isNaN(want) || Number.isNaN(got)) return Number.isNaN(want) !== Number.isNaN(got);
  if (!Number.isFinite(want) || !Number.isFinite(got)) return got !== want;
  return Math.abs(got - want) > 1e-6 + 1e-5 * Math.abs(want);
}

/**
 * f32 sin/cos/tan reduce their argument by π/4 in extended precision (Cody–Waite), which is exact
 * up to |x| ≈ 8192; beyond, f32 kernels (ours and every GPU's builtins) lose the phase, while the
 * host reduces exactly. There we only ask for a finite result in range.
 */
const PERIODIC_EXACT_LIMIT = 8192;
function outsideAccurateRange(op: ElementwiseOp, operands: number[]): boolean {
  return ['sin', 'cos', 'tan'].includes(op.name) && Math.abs(operands[0]) > PERIODIC_EXACT_LIMIT && Number.isFinite(operands[0]);
}

function describeMismatches(op: ElementwiseOp, inputs: readonly HostArray[], outShape: number[], got: Float32Array, want: Float64Array): string[] {
  const report: string[] = [];
  for (let i = 0; i < want.length && report.length < 8; i++) {
    const operands = operandsOf(inputs, outShape, i);
    if (outsideAccurateRange(op, operands)) {
      if (!Number.isFinite(got[i]) || (op.name !== 'tan' && Math.abs(got[i]) > 1)) report.push(`${op.name}(${operands[0]}) = ${got[i]}, out of range`);
      continue;
    }
    const expected = Math.fround(want[i]);
    if (!mismatch(got[i], expected)) continue;
    const shown = operands.map((v) => (Object.is(v, -0) ? '-0' : String(v)));
    report.push(`${op.name}(${shown.join(', ')}) = ${got[i]}, expected ${expected}`);
  }
  return report;
}

/** The operands that produced output element i (column-major, with implicit expansion). */
function operandsOf(inputs: readonly HostArray[], outShape: number[], i: number): number[] {
  const coords: number[] = [];
  let rest = i;
  for (const d of outShape) {
    coords.push(rest % d);
    rest = Math.floor(rest / d);
  }
  return inputs.map((x) => {
    let index = 0;
    let stride = 1;
    coords.forEach((c, k) => {
      const d = x.shape[k] ?? 1;
      index += (d === 1 ? 0 : c) * stride;
      stride *= d;
    });
    return x.data[index];
  });
}

/** Runs all cases of one op in one flush (many dispatches per submit), then compares each. */
async function checkOp(op: ElementwiseOp, cases: [string, HostArray[]][]): Promise<void> {
  const provider = gpu!;
  const runs = cases.map(([label, inputs]) => {
    const outShape = inputs.length === 1 ? [...inputs[0].shape] : broadcastShapes(inputs[0].shape, inputs[1].shape)!;
    const program = buildElementwise({ op, inputShapes: inputs.map((x) => x.shape), outShape });
    const handles = inputs.map((x) => provider.upload(x.data));
    const out = provider.allocate(outShape.reduce((a, b) => a * b, 1));
    provider.dispatch(program, handles, out);
    for (const h of handles) provider.release(h);
    return { label, inputs, outShape, out };
  });
  const events = await provider.flush();
  expect(events.map((e) => e.variant)).toEqual(runs.map(() => op.name));
  const failures: string[] = [];
  for (const run of runs) {
    const got = await provider.download(run.out);
    provider.release(run.out);
    const want = cpuProvider.elementwise(op, run.inputs, run.outShape);
    expect(got.length, run.label).toBe(want.length);
    const bad = describeMismatches(op, run.inputs, run.outShape, got, want);
    if (bad.length > 0) failures.push(`${run.label} [${run.outShape.join('x')}]:\n    ${bad.join('\n    ')}`);
  }
  expect(failures, failures.join('\n')).toEqual([]);
}

const OPS = Object.values(ELEMENTWISE_OPS) as ElementwiseOp[];

describe.skipIf(!gpu)('elementwise kernel matches the CPU provider', () => {
  it.each(OPS.filter((op) => op.arity === 2).map((op) => [op.name, op] as const))('binary %s', async (_name, op) => {
    await checkOp(
      op,
      BINARY_CASES.map(([label, sa, sb], k) => [label, [hostArray(sa, 2 * k + 1), hostArray(sb, 2 * k + 2)]]),
    );
  });

  it.each(OPS.filter((op) => op.arity === 1).map((op) => [op.name, op] as const))('unary %s', async (_name, op) => {
    await checkOp(
      op,
      UNARY_CASES.map(([label, shape], k) => [label, [hostArray(shape, k + 3)]]),
    );
  });
});

describe.skipIf(!gpu)('WebGPU provider', () => {
  const x: HostArray = { shape: [3, 4], data: Float64Array.from({ length: 12 }, (_, i) => i - 4.5) };
  const scalar = (v: number): HostArray => ({ shape: [1, 1], data: Float64Array.of(v) });

  it('reuses one pipeline for different scalar constants and for other shapes of the same pattern', async () => {
    const provider = gpu!;
    const plus2 = await provider.elementwise(ELEMENTWISE_OPS.add, [x, scalar(2)], [3, 4]);
    const before = provider.stats().pipelines;
    const plus3 = await provider.elementwise(ELEMENTWISE_OPS.add, [x, scalar(3)], [3, 4]);
    const other = await provider.elementwise(ELEMENTWISE_OPS.add, [{ shape: [5, 6], data: new Float64Array(30).fill(1) }, scalar(-1)], [5, 6]);
    const after = provider.stats().pipelines;
    expect(after.compiles).toBe(before.compiles);
    expect(after.hits).toBe(before.hits + 2);
    expect([...plus2.data]).toEqual([...x.data].map((v) => v + 2));
    expect([...plus3.data]).toEqual([...x.data].map((v) => v + 3));
    expect([...other.data]).toEqual(new Array(30).fill(0));
  });

  it('gives every kernel event a GPU time and a throughput', async () => {
    // Big enough to register on a coarse GPU clock (SwiftShader's ticks are ~65 µs).
    const big: HostArray = { shape: [512, 512], data: new Float64Array(512 * 512).fill(1.5) };
    const { kernel, data } = await gpu!.elementwise(ELEMENTWISE_OPS.mul, [big, big], [512, 512]);
    expect(data[12345]).toBe(2.25);
    expect(kernel).toMatchObject({ type: 'kernel', name: 'elementwise', variant: 'mul', shapes: [[512, 512], [512, 512], [512, 512]] });
    expect(['timestamp', 'wall']).toContain(kernel.timing);
    expect(kernel.timing).toBe(gpu!.timing);
    expect(kernel.gpuUs).toBeGreaterThan(0);
    expect(kernel.gbps).toBeGreaterThan(0);
  });

  it('runs recorded dispatches in order, one event each, and defers releases until submitted', async () => {
    const provider = gpu!;
    const n = 300;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const a = provider.upload(xs);
    const b = provider.allocate(n);
    const c = provider.allocate(n);
    const program = (op: ElementwiseOp): ReturnType<typeof buildElementwise> => buildElementwise({ op, inputShapes: [[n, 1], [1, 1]] });
    const two = provider.upload(Float64Array.of(2));
    provider.dispatch(program(ELEMENTWISE_OPS.add), [a, two], b); // b = a + 2
    provider.dispatch(program(ELEMENTWISE_OPS.mul), [b, two], c); // c = b * 2
    // Released before anything was submitted: the buffers must not be reused by the upload below.
    provider.release(a);
    provider.release(b);
    const clobber = provider.upload(new Float64Array(n).fill(-1));
    const events = await provider.flush();
    expect(events.map((e) => e.variant)).toEqual(['add', 'mul']);
    expect(events.every((e) => e.gpuUs >= 0)).toBe(true);
    const result = await provider.download(c);
    expect([...result]).toEqual([...xs].map((v) => (v + 2) * 2));
    for (const h of [c, two, clobber]) provider.release(h);
  });

  it('folds the grid into 2-D when the workgroups exceed the per-dimension limit', async () => {
    const provider = gpu!;
    const n = 2000; // 8 workgroups of 256; with a limit of 3 per dimension: 3 × 3
    const program = buildElementwise({ op: ELEMENTWISE_OPS.neg, inputShapes: [[n, 1]], maxWorkgroupsPerDimension: 3 });
    expect(program.workgroups).toEqual([3, 3, 1]);
    const xs = Float64Array.from({ length: n }, (_, i) => i + 1);
    const input = provider.upload(xs);
    const out = provider.allocate(n, true);
    provider.dispatch(program, [input], out);
    await provider.flush();
    const got = await provider.download(out);
    expect([...got]).toEqual([...xs].map((v) => -v));
    provider.release(input);
    provider.release(out);
  });

  it('reports a WGSL compile error with the kernel, variant, line:column and source, and stays usable', async () => {
    const provider = gpu!;
    const good = buildElementwise({ op: ELEMENTWISE_OPS.add, inputShapes: [[2, 2], [2, 2]] });
    const bad = { ...good, wgsl: good.wgsl.replace('result[i] = a + b;', 'result[i] = a + no_such_value;') };
    const a = provider.upload(new Float64Array(4));
    const out = provider.allocate(4);
    provider.dispatch(bad, [a, a], out);
    await expect(provider.flush()).rejects.toThrow(/kernel elementwise \(variant add\):\n\s+\d+:\d+: .*no_such_value[\s\S]*--- source ---/);
    provider.dispatch(good, [a, a], out);
    await provider.flush();
    expect([...(await provider.download(out))]).toEqual([0, 0, 0, 0]);
    provider.release(a);
    provider.release(out);
  });

  it('reports memory in use and returns it on release', async () => {
    const provider = gpu!;
    const before = provider.memoryInUse();
    const handles: GpuArrayHandle[] = [provider.upload(new Float32Array(1000)), provider.upload(new Float32Array(10))];
    expect(provider.memoryInUse()).toBe(before + 4096 + 256);
    for (const h of handles) provider.release(h);
    expect(provider.memoryInUse()).toBe(before);
    const reusedBefore = provider.stats().storage.reused;
    provider.release(provider.upload(new Float32Array(900)));
    expect(provider.stats().storage.reused).toBe(reusedBefore + 1);
  });
});

describe.skipIf(!gpu)('WebGPU provider without timestamp queries', () => {
  it('times each dispatch with wall clock around onSubmittedWorkDone', async () => {
    const opened = await openWebGpu({ disableTimestampQuery: true });
    const provider = opened.provider!;
    try {
      expect(provider.timing).toBe('wall');
      const xs = Float64Array.from({ length: 1000 }, (_, i) => i / 8);
      const a = provider.upload(xs);
      const b = provider.allocate(1000);
      const c = provider.allocate(1000);
      provider.dispatch(buildElementwise({ op: ELEMENTWISE_OPS.floor, inputShapes: [[1000, 1]] }), [a], b);
      provider.dispatch(buildElementwise({ op: ELEMENTWISE_OPS.sub, inputShapes: [[1000, 1], [1000, 1]] }), [a, b], c);
      const events = await provider.flush();
      expect(events.map((e) => [e.variant, e.timing])).toEqual([['floor', 'wall'], ['sub', 'wall']]);
      expect(events.every((e) => e.gpuUs > 0 && (e.gbps ?? 0) > 0)).toBe(true);
      expect([...(await provider.download(c))]).toEqual([...xs].map((v) => v - Math.floor(v)));
    } finally {
      provider.destroy();
    }
  });
});

describe('elementwise program (no GPU needed)', () => {
  it('keys the code, not the sizes: op, broadcast classes and rank', () => {
    const add = ELEMENTWISE_OPS.add;
    const key = (sa: number[], sb: number[]): string => buildElementwise({ op: add, inputShapes: [sa, sb] }).cacheKey;
    expect(key([3, 4], [1, 1])).toBe(key([50, 7], [1, 1]));
    expect(key([1, 7], [5, 1])).toBe(key([1, 9], [2, 1]));
    expect(key([3, 4], [1, 1])).not.toBe(key([1, 1], [3, 4]));
    expect(key([1, 7], [5, 1])).not.toBe(key([3, 1, 4], [1, 5, 1]));
    expect(buildElementwise({ op: ELEMENTWISE_OPS.sub, inputShapes: [[3, 4], [1, 1]] }).cacheKey).not.toBe(key([3, 4], [1, 1]));
  });

  it('includes only the helpers an op uses', () => {
    expect(buildElementwise({ op: ELEMENTWISE_OPS.add, inputShapes: [[2, 2], [2, 2]] }).wgsl).not.toContain('fn mb_');
    const mod = buildElementwise({ op: ELEMENTWISE_OPS.mod, inputShapes: [[2, 2], [2, 2]] }).wgsl;
    expect(mod).toContain('fn mb_mod');
    expect(mod).toContain('fn mb_isnan');
    expect(mod).not.toContain('fn mb_pow');
  });
});
