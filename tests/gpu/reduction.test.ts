// GPU parity for the `reduction` kernel family (src/engine/kernels/reduction.ts): sum, prod, max,
// min, any, all along dimensions 0/1/2 and over every element, on 1 to 150000 elements, so every
// schedule runs (a thread per fibre, a workgroup per fibre, and both two-pass splits), with and
// without subgroup operations; NaN rules (max/min ignore NaN unless all are NaN, sum propagates it
// unless 'omitnan', any ignores it, all counts it as true); mean via the scale uniform; and fused
// producers (`sum(a.*b, 2)`, broadcasting and constants). The reference is an f64 host reduction
// of the CPU provider's producer values. Skipped, with the reason printed, without an adapter.

import { afterAll, describe, expect, it } from 'vitest';
import { ELEMENTWISE_OPS } from '../../src/engine/graph/elementwiseOps.ts';
import type { FusedElementwiseParams } from '../../src/engine/kernels/fusedElementwise.ts';
import { buildReduction, reducedShape, type ReduceOp, type ReductionParams } from '../../src/engine/kernels/reduction.ts';
import { cpuProvider } from '../../src/engine/providers/cpu/index.ts';
import type { HostArray } from '../../src/engine/providers/provider.ts';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';

const opened = await openWebGpu();
const gpu = opened.provider;
if (!gpu) console.warn(`[tests/gpu] skipping reduction tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => gpu?.destroy());

const HAS_SUBGROUPS = gpu?.limits.subgroupMinSize !== undefined;
/** Subgroup modes to run: the shared-memory path always, the subgroup path where the device has it. */
const SUBGROUP_MODES = HAS_SUBGROUPS ? [false, true] : [false];

// ---- data and reference ----

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Multiples of 1/8 in [lo, hi] (exact in f32). */
function values(n: number, salt: number, lo = -10, hi = 10): Float64Array {
  const out = new Float64Array(n);
  let state = (0x9e3779b9 ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = Math.round((lo + (state / 2 ** 32) * (hi - lo)) * 8) / 8;
  }
  return out;
}

/** f64 reduction with MATLAB's NaN rules, over [inner, len, outer]. */
function hostReduce(data: Float64Array, shape: number[], dim: number | 'all', op: ReduceOp, omitNaN: boolean, scale: number): { want: Float64Array; magnitude: Float64Array } {
  let inner = 1;
  let len = data.length;
  let outer = 1;
  if (dim !== 'all') {
    inner = product(shape.slice(0, dim));
    len = shape[dim] ?? 1;
    outer = product(shape.slice(dim + 1));
  }
  const want = new Float64Array(inner * outer);
  const magnitude = new Float64Array(inner * outer);
  for (let b = 0; b < outer; b++) {
    for (let a = 0; a < inner; a++) {
      const fibre: number[] = [];
      for (let k = 0; k < len; k++) fibre.push(data[a + k * inner + b * inner * len]);
      want[a + inner * b] = reduceFibre(fibre, op, omitNaN) * scale;
      magnitude[a + inner * b] = fibre.reduce((s, v) => s + (Number.isFinite(v) ? Math.abs(v) : 0), 0) * Math.abs(scale);
    }
  }
  return { want, magnitude };
}

function reduceFibre(x: number[], op: ReduceOp, omitNaN: boolean): number {
  const kept = omitNaN ? x.filter((v) => !Number.isNaN(v)) : x;
  const real = x.filter((v) => !Number.isNaN(v));
  switch (op) {
    case 'sum':
      return kept.reduce((s, v) => s + v, 0);
    case 'prod':
      return kept.reduce((s, v) => s * v, 1);
    case 'max':
      return real.length === 0 ? NaN : Math.max(...real);
    case 'min':
      return real.length === 0 ? NaN : Math.min(...real);
    case 'any':
      return real.some((v) => v !== 0) ? 1 : 0;
    case 'all':
      return x.every((v) => v !== 0) ? 1 : 0;
  }
}

// ---- running ----

interface Case {
  label: string;
  params: ReductionParams;
  inputs: HostArray[];
  constants?: number[];
  scale?: number;
  /** Producer values over inShape (the reduced array); defaults to the one input. */
  reduced?: Float64Array;
  /** Relative tolerance against Σ|x| (f32 accumulation); exact ops ignore it. */
  tolerance?: number;
}

/**
 * Runs every case in one flush, then checks each output. `bothPaths` runs each case a second time
 * through the subgroup path (where the device has it); SwiftShader runs workgroup barriers slowly,
 * so only the tests aimed at the tree reductions ask for it.
 */
async function check(cases: Case[], bothPaths = false): Promise<void> {
  const provider = gpu!;
  const modes = bothPaths ? SUBGROUP_MODES : [false];
  const runs = cases.flatMap((c) =>
    modes.map((subgroups) => {
      const plan = buildReduction(c.params, c.constants ?? [], c.scale ?? 1, {
        maxWorkgroupsPerDimension: provider.limits.maxComputeWorkgroupsPerDimension,
        subgroups,
        maxInvocations: provider.limits.maxComputeInvocationsPerWorkgroup,
      });
      const handles = c.inputs.map((x) => provider.upload(x.data));
      const outLength = product(reducedShape(c.params.inShape, c.params.dim));
      const out = provider.allocate(outLength);
      if (plan.passes.length === 1) {
        expect(plan.partialLength).toBe(0);
        provider.dispatch(plan.passes[0], handles, out);
      } else {
        const partials = provider.allocate(plan.partialLength);
        provider.dispatch(plan.passes[0], handles, partials);
        provider.dispatch(plan.passes[1], [partials], out);
        provider.release(partials);
      }
      for (const h of handles) provider.release(h);
      return { c, subgroups, plan, out };
    }),
  );
  const events = await provider.flush();
  expect(events.every((e) => e.name === 'reduction')).toBe(true);
  const failures: string[] = [];
  for (const { c, subgroups, out } of runs) {
    const got = await provider.download(out);
    provider.release(out);
    const reduced = c.reduced ?? c.inputs[0].data;
    const { want, magnitude } = hostReduce(reduced, c.params.inShape, c.params.dim, c.params.op, c.params.omitNaN, Math.fround(c.scale ?? 1));
    const tolerance = c.tolerance ?? 1e-5;
    const label = `${c.label}${subgroups ? ' (subgroups)' : ''}`;
    if (got.length !== want.length) {
      failures.push(`${label}: ${got.length} results, expected ${want.length}`);
      continue;
    }
    let reported = 0;
    for (let i = 0; i < want.length && reported < 4; i++) {
      const w = want[i];
      const g = got[i];
      const exact = c.params.op === 'max' || c.params.op === 'min' || c.params.op === 'any' || c.params.op === 'all';
      const ok = Number.isNaN(w)
        ? Number.isNaN(g)
        : !Number.isFinite(w)
          ? g === w
          : exact && (c.scale ?? 1) === 1
            ? g === Math.fround(w)
            : Math.abs(g - w) <= tolerance * (magnitude[i] + Math.abs(w)) + 1e-6;
      if (!ok) {
        failures.push(`${label} [${i}] = ${g}, expected ${w}`);
        reported++;
      }
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
}

function plain(op: ReduceOp, inShape: number[], dim: number | 'all', data: Float64Array, extra: Partial<ReductionParams> = {}): Case {
  return {
    label: `${op} [${inShape.join('x')}] dim ${dim}`,
    params: { op, inShape, dim, producer: null, scale: false, omitNaN: false, ...extra },
    inputs: [{ shape: inShape, data }],
    tolerance: 1e-4,
  };
}

/** Shapes × dims covering each schedule: thread per fibre, workgroup per fibre, both splits. */
const LAYOUTS: [number[], number | 'all'][] = [
  [[1, 1], 'all'], // 1 element
  [[1, 1], 0],
  [[3, 1], 0], // 3 elements
  [[1, 3], 1],
  [[3, 1], 'all'],
  [[1000, 1], 0], // a workgroup, one pass
  [[1000, 1], 'all'],
  [[10, 100], 0], // short fibres: a thread each
  [[10, 100], 1], // strided fibres, coalesced: a thread each
  [[10, 100], 2], // past the last dimension: each element is its own fibre
  [[10, 10, 10], 0],
  [[10, 10, 10], 1],
  [[10, 10, 10], 2],
  [[100000, 1], 'all'], // two passes, final pass a thread
  [[150000, 1], 0], // two passes, final pass a workgroup
  [[4, 25000], 0], // many short fibres
  [[2, 50000], 1], // few, poorly coalesced strided fibres: workgroup chunks
  [[16, 5000], 1], // few coalesced strided fibres: thread chunks, then a workgroup per fibre
  [[256, 400], 1], // strided fibres: thread chunks, two passes
  [[1000, 100], 0],
  [[1000, 100], 1],
];

describe.skipIf(!gpu)('reduction kernel matches the host', () => {
  it('sums along each dimension and over everything, every schedule', async () => {
    const cases = LAYOUTS.map(([shape, dim], k) => plain('sum', shape, dim, values(product(shape), k)));
    await check(cases, true);
  });

  it('takes one pass for small inputs and two for long fibres', async () => {
    const plans = LAYOUTS.map(([shape, dim]) => buildReduction({ op: 'sum', inShape: shape, dim, producer: null, scale: false, omitNaN: false }, [], 1, { maxWorkgroupsPerDimension: 65535, subgroups: false, maxInvocations: 256 }));
    const twoPass = LAYOUTS.filter((_, i) => plans[i].passes.length === 2).map(([shape, dim]) => `${shape.join('x')}/${dim}`);
    expect(twoPass).toEqual(['100000x1/all', '150000x1/0', '2x50000/1', '16x5000/1', '256x400/1']);
  });

  it.each(['max', 'min', 'any', 'all'] as const)('%s along each dimension', async (op) => {
    const cases = LAYOUTS.filter(([shape]) => product(shape) <= 100000).map(([shape, dim], k) => {
      const data = values(product(shape), k + 40, -3, 3);
      return plain(op, shape, dim, data);
    });
    await check(cases);
  });

  it('prod along each dimension (values near 1)', async () => {
    const cases = LAYOUTS.filter(([shape]) => product(shape) <= 4000).map(([shape, dim], k) => {
      const data = values(product(shape), k + 80, 0.875, 1.125);
      return plain('prod', shape, dim, data);
    });
    await check(cases);
  });

  it('follows MATLAB NaN rules for max/min/sum/prod/any/all', async () => {
    // Columns of a 6×4 matrix: [some NaN], [all NaN], [no NaN], [zeros and a NaN].
    const m = Float64Array.from([1, NaN, 3, -2, NaN, 0.5, NaN, NaN, NaN, NaN, NaN, NaN, 2, -1, 4, 0, 1, 1, 0, 0, NaN, 0, 0, 0]);
    const shape = [6, 4];
    const long = values(20000, 7); // long enough for two passes
    for (let i = 0; i < long.length; i += 997) long[i] = NaN;
    const allNaN = new Float64Array(3000).fill(NaN);
    const cases: Case[] = [];
    for (const op of ['max', 'min', 'sum', 'prod', 'any', 'all'] as const) {
      for (const omitNaN of [false, true]) {
        cases.push({ ...plain(op, shape, 0, m, { omitNaN }), label: `${op} ${omitNaN ? 'omitnan' : ''} columns` });
        cases.push({ ...plain(op, [6, 4], 1, m, { omitNaN }), label: `${op} ${omitNaN ? 'omitnan' : ''} rows` });
        cases.push({ ...plain(op, [20000, 1], 'all', long, { omitNaN }), label: `${op} ${omitNaN ? 'omitnan' : ''} long` });
        cases.push({ ...plain(op, [3000, 1], 'all', allNaN, { omitNaN }), label: `${op} ${omitNaN ? 'omitnan' : ''} all NaN` });
      }
    }
    await check(cases.filter((c) => !(c.params.op === 'prod' && c.label.includes('long'))), true);
  });

  it('computes mean through the scale uniform', async () => {
    const cases: Case[] = (
      [
        [[1000, 1], 'all'],
        [[100000, 1], 'all'],
        [[10, 10, 10], 2],
        [[256, 400], 1],
      ] as [number[], number | 'all'][]
    ).map(([shape, dim], k) => {
      const len = dim === 'all' ? product(shape) : shape[dim];
      return { ...plain('sum', shape, dim, values(product(shape), k + 200), { scale: true }), label: `mean [${shape.join('x')}] dim ${dim}`, scale: 1 / len };
    });
    await check(cases);
  });

  it('reduces a fused producer: sum(a.*b, 2), mean((x - c).^2), broadcasting', async () => {
    const mul = { name: 'mul', arity: 2 as const, wgsl: ELEMENTWISE_OPS.mul.wgsl };
    const sub = { name: 'sub', arity: 2 as const, wgsl: ELEMENTWISE_OPS.sub.wgsl };
    const pow = { name: 'pow', arity: 2 as const, wgsl: ELEMENTWISE_OPS.pow.wgsl };
    const cases: Case[] = [];

    const dot = (m: number, n: number, dim: number, salt: number, rowB = false): void => {
      const a: HostArray = { shape: [m, n], data: values(m * n, salt) };
      const b: HostArray = { shape: rowB ? [1, n] : [m, n], data: values(rowB ? n : m * n, salt + 1) };
      const producer: FusedElementwiseParams = {
        ops: [mul],
        inputShapes: [a.shape as number[], b.shape as number[]],
        outShape: [m, n],
        constantCount: 0,
        steps: [{ op: 0, args: [{ kind: 'input', index: 0 }, { kind: 'input', index: 1 }] }],
        outputs: [0],
      };
      cases.push({
        label: `sum(a.*b${rowB ? 'row' : ''}, ${dim + 1}) [${m}x${n}]`,
        params: { op: 'sum', inShape: [m, n], dim, producer, scale: false, omitNaN: false },
        inputs: [a, b],
        reduced: cpuProvider.elementwise(ELEMENTWISE_OPS.mul, [a, b], [m, n]),
        tolerance: 1e-4,
      });
    };
    dot(37, 53, 1, 1);
    dot(300, 400, 1, 3);
    dot(300, 400, 0, 5);
    dot(40, 29, 1, 7, true);

    // mean((x - c).^2) over everything: constants in the producer's uniforms.
    const n = 100000;
    const x: HostArray = { shape: [n, 1], data: values(n, 11, -2, 2) };
    const producer: FusedElementwiseParams = {
      ops: [sub, pow],
      inputShapes: [[n, 1]],
      outShape: [n, 1],
      constantCount: 2,
      steps: [
        { op: 0, args: [{ kind: 'input', index: 0 }, { kind: 'const', index: 0 }] },
        { op: 1, args: [{ kind: 'step', index: 0 }, { kind: 'const', index: 1 }] },
      ],
      outputs: [1],
    };
    const centred = cpuProvider.elementwise(ELEMENTWISE_OPS.sub, [x, { shape: [1, 1], data: Float64Array.of(0.25) }], [n, 1]);
    const squared = cpuProvider.elementwise(ELEMENTWISE_OPS.pow, [{ shape: [n, 1], data: centred }, { shape: [1, 1], data: Float64Array.of(2) }], [n, 1]);
    cases.push({
      label: 'mean((x - 0.25).^2)',
      params: { op: 'sum', inShape: [n, 1], dim: 'all', producer, scale: true, omitNaN: false },
      inputs: [x],
      constants: [0.25, 2],
      scale: 1 / n,
      reduced: squared,
      tolerance: 1e-4,
    });
    await check(cases, true);
  });
});

describe('reduction plans (no GPU needed)', () => {
  const limits = { maxWorkgroupsPerDimension: 65535, subgroups: false, maxInvocations: 256 };
  const plan = (inShape: number[], dim: number | 'all', extra: Partial<ReductionParams> = {}) =>
    buildReduction({ op: 'sum', inShape, dim, producer: null, scale: false, omitNaN: false, ...extra }, [], 1, limits);

  it('keys the code, not the sizes or the scale value', () => {
    expect(plan([1000, 1], 0).passes[0].cacheKey).toBe(plan([1500, 3], 0).passes[0].cacheKey);
    expect(plan([1000, 1], 0).passes[0].cacheKey).not.toBe(plan([1000, 1], 0, { omitNaN: true }).passes[0].cacheKey);
    const mean = (scale: number) => buildReduction({ op: 'sum', inShape: [1000, 1], dim: 0, producer: null, scale: true, omitNaN: false }, [], scale, limits);
    expect(mean(0.5).passes[0].cacheKey).toBe(mean(0.25).passes[0].cacheKey);
  });

  it('names passes and binds as documented', () => {
    const two = plan([100000, 1], 'all');
    expect(two.passes.map((p) => [p.name, p.variant])).toEqual([
      ['reduction', 'sum'],
      ['reduction', 'sum'],
    ]);
    expect(two.partialLength).toBeGreaterThan(1);
    expect(two.passes[0].bindings.map((b) => b.kind)).toEqual(['read', 'read_write', 'uniform']);
    expect(two.passes[1].bindings.map((b) => b.kind)).toEqual(['read', 'read_write', 'uniform']);
    expect(two.passes[1].shapes).toEqual([[two.partialLength], [1, 1]]);
    const sub = buildReduction({ op: 'max', inShape: [4096, 4], dim: 0, producer: null, scale: false, omitNaN: false }, [], 1, { ...limits, subgroups: true });
    expect(sub.passes[0].wgsl).toMatch(/^enable subgroups;/);
    expect(sub.passes[0].wgsl).toContain('subgroupMax');
  });

  it('rejects a producer of another shape', () => {
    const producer: FusedElementwiseParams = {
      ops: [{ name: 'neg', arity: 1, wgsl: '-a' }],
      inputShapes: [[3, 3]],
      outShape: [3, 3],
      constantCount: 0,
      steps: [{ op: 0, args: [{ kind: 'input', index: 0 }] }],
      outputs: [0],
    };
    expect(() => plan([3, 4], 0, { producer })).toThrow(/producer/);
    expect(plan([3, 3], 0, { producer }).passes[0].variant).toBe('sum+fused');
  });
});
