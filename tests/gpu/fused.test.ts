// GPU parity for the fused `elementwise` kernel (src/engine/kernels/fusedElementwise.ts) and the
// `copy` kernel: multi-step trees, several outputs, implicit expansion (rows with columns, 3-D,
// scalar inputs), constants in uniforms (two constant sets, one pipeline), and awkward sizes. The
// reference evaluates each step with the CPU provider in f64 (ELEMENTWISE_OPS host semantics),
// then rounds to f32. Skipped, with the reason printed, when there is no WebGPU adapter.

import { afterAll, describe, expect, it } from 'vitest';
import { broadcastShapes } from '../../src/engine/graph/broadcast.ts';
import { ELEMENTWISE_OPS, type ElementwiseOpName } from '../../src/engine/graph/elementwiseOps.ts';
import { buildCopy } from '../../src/engine/kernels/copy.ts';
import {
  buildFusedElementwise,
  type FusedElementwiseParams,
  type FusedOp,
  type FusedStep,
  type Operand,
} from '../../src/engine/kernels/fusedElementwise.ts';
import { cpuProvider } from '../../src/engine/providers/cpu/index.ts';
import type { HostArray } from '../../src/engine/providers/provider.ts';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';

const opened = await openWebGpu();
const gpu = opened.provider;
if (!gpu) console.warn(`[tests/gpu] skipping fused elementwise tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => gpu?.destroy());

// ---- building chains ----

/** Builds FusedElementwiseParams step by step, like the planner would. */
class Chain {
  readonly ops: FusedOp[] = [];
  readonly opNames: ElementwiseOpName[] = [];
  readonly steps: FusedStep[] = [];
  readonly constants: number[] = [];

  input(index: number): Operand {
    return { kind: 'input', index };
  }

  constant(value: number): Operand {
    this.constants.push(value);
    return { kind: 'const', index: this.constants.length - 1 };
  }

  apply(name: ElementwiseOpName, ...args: Operand[]): Operand {
    let op = this.opNames.indexOf(name);
    if (op < 0) {
      const { arity, wgsl } = ELEMENTWISE_OPS[name];
      this.ops.push({ name, arity, wgsl });
      this.opNames.push(name);
      op = this.ops.length - 1;
    }
    this.steps.push({ op, args });
    return { kind: 'step', index: this.steps.length - 1 };
  }

  params(inputShapes: number[][], outShape: number[], outputs: Operand[]): FusedElementwiseParams {
    return { ops: this.ops, inputShapes, outShape, constantCount: this.constants.length, steps: this.steps, outputs: outputs.map((o) => o.index) };
  }
}

/** The f64 reference: every step through the CPU provider, with implicit expansion between steps. */
function reference(params: FusedElementwiseParams, inputs: HostArray[], constants: readonly number[], opNames: ElementwiseOpName[]): Float64Array[] {
  const values: HostArray[] = [];
  const operand = (a: Operand): HostArray =>
    a.kind === 'input' ? inputs[a.index] : a.kind === 'step' ? values[a.index] : { shape: [1, 1], data: Float64Array.of(Math.fround(constants[a.index])) };
  params.steps.forEach((step) => {
    const args = step.args.map(operand);
    const shape = args.length === 1 ? [...args[0].shape] : broadcastShapes(args[0].shape, args[1].shape)!;
    values.push({ shape, data: cpuProvider.elementwise(ELEMENTWISE_OPS[opNames[step.op]], args, shape) });
  });
  const total = params.outShape.reduce((a, b) => a * b, 1);
  return params.outputs.map((s) => {
    const v = values[s];
    // A step over scalars only is itself a scalar: expand it to the output shape.
    return v.data.length === total ? v.data : new Float64Array(total).fill(v.data[0]);
  });
}

/** Multiples of 1/8 in [-3, 3] (exact in f32), with a NaN and ±Inf sprinkled in when `specials`. */
function values(n: number, salt: number, specials = false): Float64Array {
  const out = new Float64Array(n);
  let state = (0x9e3779b9 ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = Math.round(((state / 2 ** 32) * 6 - 3) * 8) / 8;
  }
  if (specials && n > 8) {
    out[3] = NaN;
    out[5] = Infinity;
    out[7] = -Infinity;
  }
  return out;
}

function host(shape: number[], salt: number, specials = false): HostArray {
  return { shape, data: values(shape.reduce((a, b) => a * b, 1), salt, specials) };
}

function mismatches(label: string, got: Float32Array, want: Float64Array): string[] {
  const bad: string[] = [];
  if (got.length !== want.length) return [`${label}: length ${got.length}, expected ${want.length}`];
  for (let i = 0; i < want.length && bad.length < 6; i++) {
    const w = Math.fround(want[i]);
    const g = got[i];
    const ok = Number.isNaN(w) || Number.isNaN(g) ? Number.isNaN(w) === Number.isNaN(g) : !Number.isFinite(w) || !Number.isFinite(g) ? g === w : Math.abs(g - w) <= 1e-5 + 1e-5 * Math.abs(w);
    if (!ok) bad.push(`${label}[${i}] = ${g}, expected ${w}`);
  }
  return bad;
}

interface Case {
  label: string;
  chain: Chain;
  params: FusedElementwiseParams;
  inputs: HostArray[];
  constants?: number[];
}

/** Runs every case in one flush, then compares each output with the reference. */
async function check(cases: Case[]): Promise<void> {
  const provider = gpu!;
  const runs = cases.map((c) => {
    const constants = c.constants ?? c.chain.constants;
    const program = buildFusedElementwise(c.params, constants, provider.limits.maxComputeWorkgroupsPerDimension);
    const handles = c.inputs.map((x) => provider.upload(x.data));
    const total = c.params.outShape.reduce((a, b) => a * b, 1);
    const outs = c.params.outputs.map(() => provider.allocate(total));
    provider.dispatch(program, handles, outs);
    for (const h of handles) provider.release(h);
    return { c, constants, outs, program };
  });
  const events = await provider.flush();
  expect(events.map((e) => e.name)).toEqual(runs.map(() => 'elementwise'));
  const failures: string[] = [];
  for (const { c, constants, outs } of runs) {
    const want = reference(c.params, c.inputs, constants, c.chain.opNames);
    for (let j = 0; j < outs.length; j++) {
      const got = await provider.download(outs[j]);
      provider.release(outs[j]);
      failures.push(...mismatches(`${c.label} out ${j}`, got, want[j]));
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
}

/** tanh(x.*2+1) - x.^2, with every intermediate available as an output. */
function tanhTree(): { chain: Chain; t: Operand; outs: Record<string, Operand> } {
  const chain = new Chain();
  const x = chain.input(0);
  const scaled = chain.apply('mul', x, chain.constant(2));
  const shifted = chain.apply('add', scaled, chain.constant(1));
  const t = chain.apply('tanh', shifted);
  const sq = chain.apply('pow', x, chain.constant(2));
  const result = chain.apply('sub', t, sq);
  return { chain, t, outs: { scaled, shifted, t, sq, result } };
}

const SIZES = [1, 257, 1000, 4097, 65537];

describe.skipIf(!gpu)('fused elementwise kernel matches the CPU provider', () => {
  it.each(SIZES)('tanh(x.*2+1) - x.^2 over %i elements', async (n) => {
    const { chain, outs } = tanhTree();
    await check([{ label: `n=${n}`, chain, params: chain.params([[n, 1]], [n, 1], [outs.result]), inputs: [host([n, 1], n, true)] }]);
  });

  it('writes several outputs (live intermediates) from one kernel', async () => {
    const { chain, outs } = tanhTree();
    const params = chain.params([[3, 343]], [3, 343], [outs.shifted, outs.t, outs.result]);
    const program = buildFusedElementwise(params, chain.constants);
    expect(program.bindings.map((b) => b.kind)).toEqual(['read', 'read_write', 'read_write', 'read_write', 'uniform']);
    await check([{ label: 'three outputs', chain, params, inputs: [host([3, 343], 1)] }]);
  });

  it('broadcasts a column against a row, and both against a matrix', async () => {
    const chain = new Chain();
    const col = chain.input(0);
    const row = chain.input(1);
    const outer = chain.apply('mul', col, row);
    const sum = chain.apply('add', outer, col);
    const diff = chain.apply('sub', sum, row);
    const m = chain.input(2);
    const last = chain.apply('max', diff, m);
    await check([
      { label: 'col.*row + col - row', chain, params: chain.params([[37, 1], [1, 29], [1, 1]], [37, 29], [diff, last]), inputs: [host([37, 1], 1), host([1, 29], 2), host([1, 1], 3)] },
      { label: 'matrix third input', chain, params: chain.params([[37, 1], [1, 29], [37, 29]], [37, 29], [last]), inputs: [host([37, 1], 4), host([1, 29], 5), host([37, 29], 6, true)] },
    ]);
  });

  it('expands 3-D inputs along different dimensions', async () => {
    const chain = new Chain();
    const a = chain.input(0);
    const b = chain.input(1);
    const c = chain.input(2);
    const d = chain.apply('sub', a, b);
    const e = chain.apply('mul', d, c);
    const f = chain.apply('max', e, chain.constant(0));
    const g = chain.apply('hypot', f, chain.input(3));
    await check([
      { label: '3-D', chain, params: chain.params([[3, 4, 5], [3, 1, 5], [1, 4, 1], [1, 1, 5]], [3, 4, 5], [f, g]), inputs: [host([3, 4, 5], 1), host([3, 1, 5], 2), host([1, 4, 1], 3), host([1, 1, 5], 4)] },
      { label: '3-D, other sizes', chain, params: chain.params([[7, 2, 9], [7, 1, 9], [1, 2, 1], [1, 1, 9]], [7, 2, 9], [f, g]), inputs: [host([7, 2, 9], 5), host([7, 1, 9], 6), host([1, 2, 1], 7), host([1, 1, 9], 8)] },
      { label: '5-D', chain, params: chain.params([[2, 3, 1, 2, 3], [2, 1, 4, 1, 3], [1, 3, 4, 2, 1], [1, 1, 1, 1, 3]], [2, 3, 4, 2, 3], [g]), inputs: [host([2, 3, 1, 2, 3], 9), host([2, 1, 4, 1, 3], 10), host([1, 3, 4, 2, 1], 11), host([1, 1, 1, 1, 3], 12)] },
    ]);
  });

  it('reads scalar inputs and steps over scalars only', async () => {
    const chain = new Chain();
    const x = chain.input(0);
    const s = chain.input(1);
    const s2 = chain.apply('mul', s, chain.constant(-0.5)); // a scalar step
    const y = chain.apply('add', chain.apply('mul', x, s), s2);
    const z = chain.apply('floor', chain.apply('div', y, s));
    await check([
      { label: 'x.*s + s*-0.5', chain, params: chain.params([[1000, 1], [1, 1]], [1000, 1], [y, z]), inputs: [host([1000, 1], 1), { shape: [1, 1], data: Float64Array.of(1.25) }] },
      { label: 'all scalars', chain, params: chain.params([[1, 1], [1, 1]], [1, 1], [y, s2]), inputs: [{ shape: [1, 1], data: Float64Array.of(3) }, { shape: [1, 1], data: Float64Array.of(-2) }] },
    ]);
  });

  it('compiles one pipeline for two constant sets and for two shapes of one pattern', async () => {
    const provider = gpu!;
    const { chain, outs } = tanhTree();
    const params = chain.params([[500, 1]], [500, 1], [outs.result]);
    const x = host([500, 1], 3);
    await check([{ label: 'constants A', chain, params, inputs: [x] }]);
    const before = provider.stats().pipelines;
    await check([
      { label: 'constants B', chain, params, inputs: [x], constants: [3, -1, 2] },
      { label: 'constants C, other shape', chain, params: chain.params([[20, 31]], [20, 31], [outs.result]), inputs: [host([20, 31], 4)], constants: [-0.25, 0.5, 3] },
    ]);
    const after = provider.stats().pipelines;
    expect(after.compiles).toBe(before.compiles);
    expect(after.hits).toBe(before.hits + 2);
  });

  it('folds the grid into 2-D past the per-dimension workgroup limit', async () => {
    // 8000 elements at 4 per thread and 256 threads per workgroup: 8 workgroups, folded 3 × 3.
    const provider = gpu!;
    const { chain, outs } = tanhTree();
    const params = chain.params([[8000, 1]], [8000, 1], [outs.result]);
    const program = buildFusedElementwise(params, chain.constants, 3);
    expect(program.workgroups).toEqual([3, 3, 1]);
    const x = host([8000, 1], 9);
    const input = provider.upload(x.data);
    const out = provider.allocate(8000);
    provider.dispatch(program, [input], out);
    await provider.flush();
    const got = await provider.download(out);
    const [want] = reference(params, [x], chain.constants, chain.opNames);
    expect(mismatches('folded', got, want)).toEqual([]);
    provider.release(input);
    provider.release(out);
  });
});

describe.skipIf(!gpu)('copy kernel', () => {
  it.each([1, 7, 1000, 4097, 65536])('copies %i elements', async (n) => {
    const provider = gpu!;
    const program = buildCopy(n, provider.limits.maxComputeWorkgroupsPerDimension);
    expect(program.variant).toBe(n % 4 === 0 ? 'vec4' : 'scalar');
    const data = values(n, n);
    const input = provider.upload(data);
    const out = provider.allocate(n);
    provider.dispatch(program, [input], out);
    const [event] = await provider.flush();
    expect(event).toMatchObject({ name: 'copy', variant: program.variant });
    expect([...(await provider.download(out))]).toEqual([...Float32Array.from(data)]);
    provider.release(input);
    provider.release(out);
  });
});

describe('fused elementwise program (no GPU needed)', () => {
  it('emits one function per distinct op and calls it', () => {
    const { chain, outs } = tanhTree();
    const chain2 = chain;
    chain2.apply('mul', outs.result, outs.t); // mul used twice
    const program = buildFusedElementwise(chain2.params([[4, 4]], [4, 4], [outs.result]), chain2.constants);
    expect(program.wgsl.match(/fn op_mul\(/g)?.length).toBe(1);
    expect(program.wgsl).toContain('fn op_tanh(a: f32) -> f32 { return mb_tanh(a); }');
    expect(program.wgsl).toContain('fn mb_tanh');
    expect(program.wgsl).not.toContain('fn mb_mod');
    expect(program).toMatchObject({ name: 'elementwise', variant: 'fused' });
  });

  it('keys code, not sizes or constant values; the fast flag is part of the key', () => {
    const { chain, outs } = tanhTree();
    const build = (shapes: number[][], out: number[], constants = chain.constants) => buildFusedElementwise(chain.params(shapes, out, [outs.result]), constants);
    const a = build([[10, 1]], [10, 1]);
    expect(build([[7, 9]], [7, 9], [5, 6, 7]).cacheKey).toBe(a.cacheKey);
    expect(a.cacheKey).toContain('"fast":true');
    expect(a.wgsl).not.toContain('fw_rest');
    expect(a.uniforms.byteLength).toBe(32); // total (padded) + one vec4 of constants
    // One binary chain over a strided input: the walk, and a different key.
    const two = new Chain();
    const s = two.apply('add', two.input(0), two.input(1));
    const key = (sa: number[], sb: number[], out: number[]): string => buildFusedElementwise(two.params([sa, sb], out, [s]), []).cacheKey;
    expect(key([5, 1], [1, 6], [5, 6])).toBe(key([9, 1], [1, 2], [9, 2]));
    expect(key([5, 1], [1, 6], [5, 6])).toContain('"fast":false');
    expect(key([5, 6], [1, 1], [5, 6])).toContain('"fast":true');
    // [3 4 5] ⊕ [3 4 1] merges the first two dimensions: a rank-2 walk, the same as [12 5] ⊕ [12 1].
    expect(key([3, 4, 5], [3, 4, 1], [3, 4, 5])).toBe(key([12, 5], [12, 1], [12, 5]));
  });

  it('names a single step after its op and counts flops and bytes', () => {
    const chain = new Chain();
    const s = chain.apply('exp', chain.input(0));
    const program = buildFusedElementwise(chain.params([[10, 10]], [10, 10], [s]), []);
    expect(program).toMatchObject({ variant: 'exp', flops: 100, bytes: 800, boundBy: 'bytes' });
  });

  it('rejects malformed chains', () => {
    const chain = new Chain();
    const s = chain.apply('add', chain.input(0), { kind: 'step', index: 0 });
    expect(() => buildFusedElementwise(chain.params([[2, 2]], [2, 2], [s]), [])).toThrow(/step 0 reads step 0/);
    const ok = new Chain();
    const t = ok.apply('neg', ok.input(0));
    expect(() => buildFusedElementwise(ok.params([[3, 2]], [2, 2], [t]), [])).toThrow(/does not expand/);
    expect(() => buildFusedElementwise(ok.params([[2, 2]], [2, 2], [t]), [1])).toThrow(/constant/);
  });
});
