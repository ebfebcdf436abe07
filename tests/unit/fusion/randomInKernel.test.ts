// Random fills generated inside fused kernels (no GPU): a rand/randn node read only by elementwise
// nodes of its own shape becomes a `random` operand of their fused kernel, with no buffer, no
// `random` kernel and no `random` decision; a live fill, or one a matrix product, a reduction or a
// broadcast reads, still gets its buffer, and every kernel reads it from there.
// Also: in-kernel fills bind no storage buffer, the plan reasons say where the numbers come from,
// and the kernels of a Monte Carlo loop's iterations share one cache key. The last part runs the
// Monte Carlo script through a Session on the recording provider.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  matmulNode,
  randomNode,
  reduceNode,
  type GraphNode,
} from '../../../src/engine/graph/node.ts';
import { planFlush, type Plan, type PlanStep } from '../../../src/engine/fusion/plan.ts';
import { buildFusedElementwise } from '../../../src/engine/kernels/fusedElementwise.ts';
import { MAX_GENERATED_FILLS } from '../../../src/engine/fusion/elementwise.ts';
import { runInSession } from '../../../src/engine/runJson.ts';
import { Session } from '../../../src/engine/session.ts';
import { recordingProvider } from './recordingProvider.ts';
import { ew, input, k } from './graphBuilders.ts';



type ElementwiseStep = Extract<PlanStep, { kind: 'elementwise' }>;
type ReductionStep = Extract<PlanStep, { kind: 'reduction' }>;
const elementwiseSteps = (plan: Plan): ElementwiseStep[] => plan.steps.filter((s): s is ElementwiseStep => s.kind === 'elementwise');
const reductionSteps = (plan: Plan): ReductionStep[] => plan.steps.filter((s): s is ReductionStep => s.kind === 'reduction');
const randomSteps = (plan: Plan): PlanStep[] => plan.steps.filter((s) => s.kind === 'random');

const KEY: [number, number] = [0, 0x9e3779b9];

/**
 * The graph of bench/workloads/monte_carlo.m's loop, as the lowering builds it:
 * S = S .* exp(drift + step * Z) with Z = randn(M, 1) drawn fresh each iteration.
 */
function monteCarlo(m: number, steps: number, firstCounter = 0): { s0: GraphNode; s: GraphNode; zs: GraphNode[] } {
  const s0 = input(m, 1);
  let s = s0;
  const zs: GraphNode[] = [];
  for (let t = 0; t < steps; t++) {
    const z = randomNode('normal', [m, 1], KEY, firstCounter + t * Math.ceil(m / 4));
    zs.push(z);
    s = ew('mul', s, ew('exp', ew('add', k(-0.0001), ew('mul', k(0.0126), z))));
  }
  return { s0, s, zs };
}

describe('random fills generated in the fused kernel', () => {
  it('a Monte Carlo loop is one fused kernel: no random steps, every randn a random operand', () => {
    const { s0, s, zs } = monteCarlo(1000, MAX_GENERATED_FILLS);
    const plan = planFlush([s]);
    expect(plan.steps.map((st) => st.kind)).toEqual(['elementwise']);
    const [step] = elementwiseSteps(plan);
    expect(step.outputs).toEqual([s]);
    expect(step.spec.inputs).toEqual([s0]);
    const randoms = step.spec.params.randoms ?? [];
    expect(randoms.map((r) => r.counter)).toEqual(zs.map((z) => (z.op.kind === 'random' ? z.op.counter : -1)));
    expect(randoms.every((r) => r.dist === 'normal' && r.key[0] === KEY[0] && r.key[1] === KEY[1])).toBe(true);
    const operands = step.spec.params.steps.flatMap((st) => st.args).filter((a) => a.kind === 'random');
    expect(operands.map((a) => a.index)).toEqual(zs.map((_, i) => i));
    expect(plan.decisions).toHaveLength(1);
    expect(plan.decisions[0]).toMatchObject({ kernel: 'elementwise', variant: 'fused' });
    expect(plan.decisions[0].reason).toMatch(new RegExp(`randn generated in-kernel \\(Philox\\), ${MAX_GENERATED_FILLS} fills never written to memory`));
  });

  it('a longer loop is cut every MAX_GENERATED_FILLS fills, the carried array passing between the pieces', () => {
    const T = 2 * MAX_GENERATED_FILLS + 3;
    const { s0, s } = monteCarlo(1000, T);
    const plan = planFlush([s]);
    expect(plan.steps.map((st) => st.kind)).toEqual(['elementwise', 'elementwise', 'elementwise']);
    const steps = elementwiseSteps(plan);
    expect(steps.map((st) => st.spec.params.randoms?.length)).toEqual([MAX_GENERATED_FILLS, MAX_GENERATED_FILLS, 3]);
    expect(steps[0].spec.inputs).toEqual([s0]);
    expect(steps[1].spec.inputs).toEqual(steps[0].outputs);
    expect(steps[2].outputs).toEqual([s]);
  });

  it('one fill, uniform: the reason names rand and says it is never written', () => {
    const r = randomNode('uniform', [32, 16], [1, 2], 0);
    const plan = planFlush([ew('sub', ew('mul', r, k(2)), k(1))]);
    expect(plan.steps.map((st) => st.kind)).toEqual(['elementwise']);
    expect(plan.decisions[0].reason).toMatch(/; rand generated in-kernel \(Philox\), never written to memory$/);
  });

  it('a live fill is materialised, and the fused kernel reads it rather than generating it again', () => {
    const { s0, s, zs } = monteCarlo(1000, 4);
    const last = zs[zs.length - 1];
    const plan = planFlush([s, last]);
    expect(plan.steps.map((st) => st.kind)).toEqual(['random', 'elementwise']);
    expect(plan.steps[0]).toMatchObject({ kind: 'random', node: last });
    const [step] = elementwiseSteps(plan);
    // Reading a stored fill costs less than generating it (Philox is integer-heavy in WGSL).
    expect(step.spec.inputs).toEqual([s0, last]);
    expect(step.spec.params.randoms).toHaveLength(3);
    expect(plan.decisions.map((d) => d.kernel)).toEqual(['random', 'elementwise']);
    expect(plan.decisions[0].reason).toMatch(/stored because it is a live variable/);
    expect(plan.decisions[1].reason).toMatch(/randn generated in-kernel \(Philox\), 3 fills/);
  });

  it('a fill read by a matrix product is materialised for it', () => {
    const r = randomNode('uniform', [8, 8], KEY, 0);
    const p = matmulNode(r, input(8, 8))!;
    const y = ew('add', r, k(1));
    const plan = planFlush([p, y]);
    expect(randomSteps(plan)).toEqual([{ kind: 'random', node: r }]);
    expect(plan.decisions.find((d) => d.kernel === 'random')!.reason).toMatch(/a matmul reads it/);
    // Before the product that reads it.
    expect(plan.steps.findIndex((st) => st.kind === 'random')).toBeLessThan(plan.steps.findIndex((st) => st.kind === 'matmul'));
    const [step] = elementwiseSteps(plan);
    expect(step.spec.inputs).toEqual([r]);
    expect(step.spec.params.randoms).toBeUndefined();
  });

  it('a fill read directly by a reduction is materialised; one under a fused producer is generated by the reduction', () => {
    const r = randomNode('normal', [64, 3], KEY, 0);
    const direct = planFlush([reduceNode('sum', r, 0, false)]);
    expect(direct.steps.map((st) => st.kind)).toEqual(['random', 'reduction']);
    expect(direct.decisions[0].reason).toMatch(/a reduce reads it/);

    const q = randomNode('normal', [64, 3], KEY, 48);
    const fused = planFlush([reduceNode('sum', ew('mul', q, k(2)), 0, false)]);
    expect(fused.steps.map((st) => st.kind)).toEqual(['reduction']);
    const [step] = reductionSteps(fused);
    expect(step.spec.inputs).toEqual([]);
    expect(step.spec.params.producer?.randoms).toEqual([{ dist: 'normal', key: KEY, counter: 48 }]);
    expect(fused.decisions[0].reason).toMatch(/fused with its elementwise producer.*randn generated in-kernel \(Philox\)/);
  });

  it('a fill broadcast by its reader is materialised and bound as an input', () => {
    const row = randomNode('uniform', [1, 8], KEY, 0);
    const y = ew('add', row, input(4, 8));
    const plan = planFlush([y]);
    expect(plan.steps.map((st) => st.kind)).toEqual(['random', 'elementwise']);
    expect(elementwiseSteps(plan)[0].spec.inputs).toContain(row);
    expect(elementwiseSteps(plan)[0].spec.params.randoms).toBeUndefined();
    expect(plan.decisions[0].reason).toMatch(/an elementwise op over 4×8 reads it broadcast/);
  });

  it('a fill read by a same-shape chain and a broadcast: stored for the broadcast, and read by both', () => {
    const z = randomNode('normal', [1, 8], KEY, 0);
    const own = ew('exp', z);
    const wide = ew('add', z, input(3, 8));
    const plan = planFlush([own, wide]);
    expect(randomSteps(plan)).toHaveLength(1);
    const [ownStep, wideStep] = [own, wide].map((n) => elementwiseSteps(plan).find((st) => st.outputs.includes(n))!);
    expect(ownStep.spec.inputs).toEqual([z]);
    expect(ownStep.spec.params.randoms).toBeUndefined();
    expect(wideStep.spec.inputs).toContain(z);
  });

  it('in-kernel fills bind no storage buffer: 7 inputs, 8 fills and 1 output fit a limit of 8', () => {
    let acc = input(50, 1);
    const inputs = [acc];
    for (let i = 0; i < 6; i++) {
      const x = input(50, 1);
      inputs.push(x);
      acc = ew('add', acc, x);
    }
    for (let i = 0; i < MAX_GENERATED_FILLS; i++) acc = ew('add', acc, randomNode('uniform', [50, 1], KEY, i * 13));
    const plan = planFlush([acc], 'auto', { maxStorageBuffers: 8 });
    expect(plan.steps.map((st) => st.kind)).toEqual(['elementwise']);
    expect(elementwiseSteps(plan)[0].spec.inputs).toEqual(inputs);
    expect(elementwiseSteps(plan)[0].spec.params.randoms).toHaveLength(MAX_GENERATED_FILLS);
    // One more real input does not fit: the group is cut, each piece still generating its fills.
    const plan9 = planFlush([ew('add', acc, input(50, 1))], 'auto', { maxStorageBuffers: 8 });
    expect(elementwiseSteps(plan9).length).toBe(2);
    expect(randomSteps(plan9)).toEqual([]);
    expect(elementwiseSteps(plan9).reduce((n, st) => n + (st.spec.params.randoms?.length ?? 0), 0)).toBe(MAX_GENERATED_FILLS);
  });

  it('loop iterations drawing fresh numbers share one cache key; key and counter are uniform words', () => {
    const build = (firstCounter: number, seed: number) => {
      const s0 = input(1000, 1);
      const z = randomNode('normal', [1000, 1], [seed, 0x9e3779b9], firstCounter);
      const s = ew('mul', s0, ew('exp', ew('add', k(-0.0001), ew('mul', k(0.0126), z))));
      const [step] = elementwiseSteps(planFlush([s]));
      return buildFusedElementwise(step.spec.params, step.spec.constants);
    };
    const first = build(0, 0);
    const later = build(250 * 7 + 2 ** 32 + 5, 12345);
    expect(later.cacheKey).toBe(first.cacheKey);
    expect(later.wgsl).toBe(first.wgsl);
    expect(first.cacheKey).toContain('"randoms":["normal"]');
    expect(first.wgsl).toContain('rng: array<vec4<u32>, 1>');
    expect(first.wgsl).toContain('fn random_normal_block(');
    expect(first.bindings.map((b) => b.kind)).toEqual(['read', 'read_write', 'uniform']);
    // The stream's last four words: key0, key1, counter low and high words, exactly.
    const words = (p: { uniforms: ArrayBuffer }) => [...new Uint32Array(p.uniforms).slice(-4)];
    expect(words(first)).toEqual([0, 0x9e3779b9, 0, 0]);
    expect(words(later)).toEqual([12345, 0x9e3779b9, (250 * 7 + 5) >>> 0, 1]);
  });
});

describe('the Monte Carlo script on a GPU session (recording provider)', () => {
  it('plans no random kernel for the fills the loop reads, only for the live Z', async () => {
    const provider = recordingProvider();
    const session = new Session({ gpu: 'on' });
    session.attachGpu(provider);
    // The benchmark's own script, at a small size.
    const source = `M = 1000; T = 8;\n${readFileSync('bench/workloads/monte_carlo.m', 'utf8')}`;
    const r = await runInSession(session, source);
    expect(r.error).toBeNull();
    const kernels = (r.kernels ?? []).map((e) => `${e.name}/${e.variant}`);
    // Z of the last iteration is a workspace variable: the only fill written to memory.
    expect(kernels.filter((name) => name.startsWith('random/'))).toEqual(['random/normal']);
    const plan = r.plan ?? [];
    expect(plan.filter((d) => d.kernel === 'random')).toHaveLength(1);
    // The last Z is stored (live) and read; the other 7 are generated.
    expect(plan.some((d) => /randn generated in-kernel \(Philox\), 7 fills never written to memory/.test(d.reason))).toBe(true);
  });
});
