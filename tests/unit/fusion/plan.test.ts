// Planner decisions, without a GPU: graphs built with the node factories go through planFlush and
// we check which kernels it schedules (count and kind, like tinygrad's check_schedule), which nodes
// each fused kernel writes, when reductions absorb their producers, where shape changes split
// groups, that scalar constants become uniforms, that reshape is a free alias, that every decision
// has a reason, that steps come in dependency order, and that deep graphs plan without recursion.

import { describe, expect, it } from 'vitest';
import {
  elementwiseNode,
  randomNode,
  reduceNode,
  reshapeNode,
  uploadNode,
  type GraphNode,
} from '../../../src/engine/graph/node.ts';
import { planFlush, type Plan, type PlanStep } from '../../../src/engine/fusion/plan.ts';
import { ew, input, k } from './graphBuilders.ts';

// ---- helpers ----



type KernelStep = Extract<PlanStep, { kind: 'elementwise' | 'reduction' | 'random' }>;

/** Steps that dispatch a kernel (uploads and aliases do not). */
function kernelSteps(plan: Plan): KernelStep[] {
  return plan.steps.filter((s): s is KernelStep => s.kind === 'elementwise' || s.kind === 'reduction' || s.kind === 'random');
}

/** tinygrad's check_schedule: plans `roots`, checks the number of kernels and the invariants. */
function checkSchedule(roots: GraphNode[], kernels: number): Plan {
  const plan = planFlush(roots);
  expect(kernelSteps(plan).length, `kernels: ${plan.steps.map((s) => s.kind).join(', ')}`).toBe(kernels);
  checkInvariants(plan, roots);
  return plan;
}

/** Nodes a step writes. */
function producedBy(step: PlanStep): GraphNode[] {
  if (step.kind === 'imageNormalize') return [step.spec.output, ...(step.spec.muLive ? [step.spec.mu] : []), ...(step.spec.sigmaLive ? [step.spec.sigma] : [])];
  return step.kind === 'elementwise' ? step.outputs : step.kind === 'matmul' ? [step.spec.output] : [step.node];
}

/** Buffers a step reads (constants of elementwise kernels live in uniforms, not buffers). */
function readBy(step: PlanStep): GraphNode[] {
  switch (step.kind) {
    case 'elementwise':
    case 'reduction':
      return step.spec.inputs;
    case 'alias':
      return [step.of];
    default:
      return [];
  }
}

/**
 * Every read is of a computed node or one produced by an earlier step, nothing is produced twice,
 * every pending root is produced, every decision has a reason and one decision per kernel.
 */
function checkInvariants(plan: Plan, roots: GraphNode[]): void {
  const produced = new Set<GraphNode>();
  plan.steps.forEach((step, i) => {
    for (const r of readBy(step)) {
      expect(r.buffer !== null || produced.has(r), `step ${i} (${step.kind}) reads node ${r.id} before it is produced`).toBe(true);
    }
    for (const p of producedBy(step)) {
      expect(produced.has(p), `node ${p.id} produced twice`).toBe(false);
      expect(p.buffer, `step ${i} recomputes computed node ${p.id}`).toBeNull();
      produced.add(p);
    }
  });
  for (const r of roots) expect(r.buffer !== null || produced.has(r), `root ${r.id} is not produced`).toBe(true);
  expect(plan.decisions.length).toBe(kernelSteps(plan).length);
  for (const d of plan.decisions) {
    expect(typeof d.reason).toBe('string');
    expect(d.reason.trim().length, `empty reason for ${d.kernel}:${d.variant}`).toBeGreaterThan(0);
    expect(d.kernel.length).toBeGreaterThan(0);
    expect(d.variant.length).toBeGreaterThan(0);
  }
  // Decisions follow the kernel steps, in order and by kind.
  expect(plan.decisions.map((d) => d.kernel)).toEqual(kernelSteps(plan).map((s) => s.kind));
}

function elementwiseSteps(plan: Plan): Extract<PlanStep, { kind: 'elementwise' }>[] {
  return plan.steps.filter((s): s is Extract<PlanStep, { kind: 'elementwise' }> => s.kind === 'elementwise');
}
function reductionSteps(plan: Plan): Extract<PlanStep, { kind: 'reduction' }>[] {
  return plan.steps.filter((s): s is Extract<PlanStep, { kind: 'reduction' }> => s.kind === 'reduction');
}

// ---- tests ----

describe('planFlush: elementwise chains', () => {
  it('the issue chain tanh(x.*2 + 1) - x.^2 is one fused kernel with one output', () => {
    const x = input(512, 384);
    const y = ew('sub', ew('tanh', ew('add', ew('mul', x, k(2)), k(1))), ew('pow', x, k(2)));
    const plan = checkSchedule([y], 1);
    const [step] = elementwiseSteps(plan);
    expect(step.outputs).toEqual([y]);
    expect(step.spec.inputs).toEqual([x]);
    expect(step.spec.params.steps.length).toBe(5);
    expect(step.spec.params.outShape).toEqual([512, 384]);
    expect(plan.decisions[0]).toMatchObject({ kernel: 'elementwise', variant: 'fused' });
    expect(plan.decisions[0].reason).toMatch(/5 elementwise ops/);
  });

  it('a single op keeps its op name as the variant', () => {
    const a = input(3, 4);
    const plan = checkSchedule([ew('abs', a)], 1);
    expect(plan.decisions[0]).toMatchObject({ kernel: 'elementwise', variant: 'abs' });
  });

  it('an input read twice is bound once', () => {
    const a = input(5, 5);
    const plan = checkSchedule([ew('add', ew('mul', a, a), a)], 1);
    expect(elementwiseSteps(plan)[0].spec.inputs).toEqual([a]);
  });

  it('a live intermediate listed in roots becomes an extra output of the same kernel', () => {
    const a = input(8, 8);
    const b = input(8, 8);
    const t = ew('mul', a, b);
    const u = ew('add', t, k(1));
    const plan = checkSchedule([t, u], 1);
    const [step] = elementwiseSteps(plan);
    expect(step.outputs).toEqual([t, u]);
    expect(step.spec.params.outputs).toEqual([0, 1]);
    expect(plan.decisions[0].reason).toMatch(/2 outputs/);
  });

  it('a dead intermediate (not a root, read only inside the group) is not written', () => {
    const a = input(8, 8);
    const b = input(8, 8);
    const t = ew('mul', a, b);
    const u = ew('add', t, k(1));
    const plan = checkSchedule([u], 1);
    const [step] = elementwiseSteps(plan);
    expect(step.outputs).toEqual([u]);
    expect(step.outputs).not.toContain(t);
    expect(step.spec.params.steps.length).toBe(2);
    expect(step.spec.params.outputs).toEqual([1]);
  });

  it('a live intermediate in the middle of a longer chain is written once and not recomputed', () => {
    const a = input(6, 7);
    const p = ew('exp', ew('neg', a));
    const q = ew('tanh', p);
    const r = ew('sub', ew('mul', q, k(3)), p);
    const plan = checkSchedule([r, p], 1);
    const [step] = elementwiseSteps(plan);
    expect(new Set(step.outputs)).toEqual(new Set([p, r]));
    expect(step.spec.params.steps.length).toBe(5);
  });

  it('a shared producer of two roots is computed once (no elementwise op appears twice)', () => {
    const a = input(4, 4);
    const b = input(4, 4);
    const p = ew('mul', a, b);
    const q = ew('add', p, k(1));
    const r = ew('sub', p, k(1));
    const plan = planFlush([q, r]);
    checkInvariants(plan, [q, r]);
    // 3 elementwise nodes in all, whatever the grouping: nothing is computed twice.
    const totalOps = elementwiseSteps(plan).reduce((n, s) => n + s.spec.params.steps.length, 0);
    expect(totalOps).toBe(3);
    expect(kernelSteps(plan).length).toBeLessThanOrEqual(3);
  });

  it('a root that is already computed plans nothing', () => {
    const a = input(3, 3);
    const plan = planFlush([a]);
    expect(plan.steps).toEqual([]);
    expect(plan.decisions).toEqual([]);
  });

  it('nodes already computed stop the walk: only the new op is planned', () => {
    const a = input(3, 3);
    const t = ew('mul', a, k(2));
    t.settle({}); // computed by an earlier flush
    const u = ew('add', t, k(1));
    const plan = checkSchedule([u], 1);
    expect(elementwiseSteps(plan)[0].spec.inputs).toEqual([t]);
    expect(elementwiseSteps(plan)[0].spec.params.steps.length).toBe(1);
  });

  it('incompatible shapes give no node', () => {
    expect(elementwiseNode('add', [input(2, 3), input(3, 2)])).toBeNull();
    expect(elementwiseNode('add', [input(2, 3), input(1, 3)])?.shape).toEqual([2, 3]);
    expect(elementwiseNode('add', [input(2, 1, 4), input(1, 3)])?.shape).toEqual([2, 3, 4]);
  });
});

describe('planFlush: reductions with fused producers', () => {
  it('sum(a.*b, 2) fuses its producer: one kernel, variant sum+fused, product never written', () => {
    const a = input(16, 9);
    const b = input(16, 9);
    const p = ew('mul', a, b);
    const s = reduceNode('sum', p, 1, false);
    expect(s.shape).toEqual([16, 1]);
    const plan = checkSchedule([s], 1);
    const [red] = reductionSteps(plan);
    expect(red.node).toBe(s);
    expect(red.spec.fused).not.toBeNull();
    expect(red.spec.inputs).toEqual([a, b]);
    expect(red.spec.params.producer).not.toBeNull();
    expect(red.spec.params.dim).toBe(1);
    expect(elementwiseSteps(plan)).toEqual([]);
    expect(plan.decisions).toEqual([expect.objectContaining({ kernel: 'reduction', variant: 'sum+fused' })]);
    expect(plan.decisions[0].reason).toMatch(/fused/);
  });

  it('sum(a.*b, 2) does not fuse when the product is also a root (a live variable)', () => {
    const a = input(16, 9);
    const b = input(16, 9);
    const p = ew('mul', a, b);
    const s = reduceNode('sum', p, 1, false);
    const plan = checkSchedule([s, p], 2);
    expect(plan.steps.map((st) => st.kind)).toEqual(['elementwise', 'reduction']);
    const [ewStep] = elementwiseSteps(plan);
    const [red] = reductionSteps(plan);
    expect(ewStep.outputs).toEqual([p]);
    expect(red.spec.fused).toBeNull();
    expect(red.spec.inputs).toEqual([p]);
    expect(plan.decisions[1]).toMatchObject({ kernel: 'reduction', variant: 'sum' });
    expect(plan.decisions[1].reason).toMatch(/not fused/);
    expect(plan.decisions[1].reason).toMatch(/live variable/);
  });

  it('a product read by two reductions is written once and read by both', () => {
    const a = input(10, 10);
    const p = ew('mul', a, a);
    const s = reduceNode('sum', p, 0, false);
    const m = reduceNode('max', p, 1, false);
    const plan = checkSchedule([s, m], 3);
    const [ewStep] = elementwiseSteps(plan);
    expect(ewStep.outputs).toEqual([p]);
    for (const r of reductionSteps(plan)) {
      expect(r.spec.fused).toBeNull();
      expect(r.spec.inputs).toEqual([p]);
      expect(r.spec.reason).toMatch(/read elsewhere/);
    }
  });

  it('a producer group with a live intermediate is not absorbed (its other output must be written)', () => {
    const a = input(6, 6);
    const t = ew('exp', a);
    const p = ew('mul', t, k(2));
    const s = reduceNode('sum', p, 'all', false);
    const plan = checkSchedule([s, t], 2);
    expect(reductionSteps(plan)[0].spec.fused).toBeNull();
    // t and p are one group; p is written for the reduction, t because it is live.
    expect(new Set(elementwiseSteps(plan)[0].outputs)).toEqual(new Set([t, p]));
  });

  it('mean(x.^2) fuses too (variant mean+fused, scale 1/n)', () => {
    const x = input(12, 5);
    const m = reduceNode('mean', ew('pow', x, k(2)), 0, false);
    const plan = checkSchedule([m], 1);
    expect(plan.decisions[0].variant).toBe('mean+fused');
    const [red] = reductionSteps(plan);
    expect(red.spec.params.op).toBe('sum');
    expect(red.spec.scale).toBeCloseTo(1 / 12, 15);
  });

  it("sum(x, 'all') over a resident array is a plain reduction", () => {
    const x = input(7, 3, 2);
    const s = reduceNode('sum', x, 'all', false);
    expect(s.shape).toEqual([1, 1]);
    const plan = checkSchedule([s], 1);
    expect(plan.decisions[0]).toMatchObject({ kernel: 'reduction', variant: 'sum' });
    expect(reductionSteps(plan)[0].spec.inputs).toEqual([x]);
  });

  it('any/all reductions are logical; reducing past the last dimension keeps the shape', () => {
    const x = input(4, 5);
    const a = reduceNode('any', x, 2, false);
    expect(a.logical).toBe(true);
    expect(a.shape.filter((d) => d !== 1)).toEqual([4, 5]);
    checkSchedule([a], 1);
  });

  it('an elementwise consumer of a reduction is a separate kernel after it', () => {
    const x = input(9, 4);
    const s = reduceNode('sum', ew('mul', x, k(2)), 0, false);
    const z = ew('add', s, k(1));
    const plan = checkSchedule([z], 2);
    expect(plan.steps.map((st) => st.kind)).toEqual(['reduction', 'elementwise']);
    expect(plan.decisions.map((d) => d.variant)).toEqual(['sum+fused', 'add']);
  });

  it('reduction chains: sum(sum(x.*x, 1), 2) is two reductions, the first fused', () => {
    const x = input(5, 6);
    const s1 = reduceNode('sum', ew('mul', x, x), 0, false);
    const s2 = reduceNode('sum', s1, 1, false);
    const plan = checkSchedule([s2], 2);
    expect(plan.decisions.map((d) => d.variant)).toEqual(['sum+fused', 'sum']);
    expect(reductionSteps(plan)[1].spec.inputs).toEqual([s1]);
  });
});

describe('planFlush: shape changes split groups', () => {
  it('row ⊕ column leaves feeding a chain is one kernel with broadcast inputs', () => {
    const r = input(1, 5);
    const c = input(4, 1);
    const y = ew('mul', ew('exp', ew('add', r, c)), k(2));
    const plan = checkSchedule([y], 1);
    const [step] = elementwiseSteps(plan);
    expect(step.spec.params.inputShapes).toEqual([[1, 5], [4, 1]]);
    expect(step.spec.params.outShape).toEqual([4, 5]);
  });

  it('row and column producers before a broadcast are their own kernels; the same-shape chain after is one', () => {
    const r = input(1, 5);
    const c = input(4, 1);
    const r2 = ew('mul', r, k(2)); // 1×5
    const c2 = ew('add', c, k(1)); // 4×1
    const s = ew('add', r2, c2); // 4×5
    const t = ew('tanh', s);
    const y = ew('sub', t, s);
    const plan = checkSchedule([y], 3);
    const steps = elementwiseSteps(plan);
    const last = steps[steps.length - 1];
    expect(last.outputs).toEqual([y]);
    expect(last.spec.params.steps.length).toBe(3); // add, tanh, sub
    expect(new Set(last.spec.inputs)).toEqual(new Set([r2, c2]));
    const firstTwo = steps.slice(0, 2).map((st) => st.outputs);
    expect(new Set(firstTwo.flat())).toEqual(new Set([r2, c2]));
    for (const st of steps.slice(0, 2)) expect(st.spec.params.outShape).not.toEqual([4, 5]);
  });

  it('a scalar intermediate broadcast into a matrix is computed separately', () => {
    const a = input(1, 1);
    const m = input(3, 3);
    const s = ew('exp', a); // 1×1
    const y = ew('mul', m, s); // 3×3
    const plan = checkSchedule([y], 2);
    const steps = elementwiseSteps(plan);
    expect(steps[0].outputs).toEqual([s]);
    expect(steps[1].outputs).toEqual([y]);
  });

  it('every member of a fused group has the group output shape', () => {
    const r = input(1, 6);
    const c = input(5, 1);
    const m = input(5, 6);
    const y = ew('max', ew('add', ew('mul', r, k(2)), ew('sqrt', c)), ew('abs', m));
    const plan = planFlush([y]);
    checkInvariants(plan, [y]);
    for (const st of elementwiseSteps(plan)) for (const o of st.outputs) expect(o.shape).toEqual(st.spec.params.outShape);
  });
});

describe('planFlush: constants, uploads, random, reshape', () => {
  it('scalar constants read by elementwise kernels become uniforms, with no upload step', () => {
    const a = input(4, 4);
    const y = ew('add', ew('mul', a, k(2.5)), k(-1));
    const plan = checkSchedule([y], 1);
    expect(plan.steps.map((s) => s.kind)).toEqual(['elementwise']);
    const [step] = elementwiseSteps(plan);
    expect(step.spec.constants).toEqual([2.5, -1]);
    expect(step.spec.params.constantCount).toBe(2);
    expect(step.spec.inputs).toEqual([a]);
  });

  it('a constant read by a reduction is uploaded to a buffer', () => {
    const c = k(5);
    const s = reduceNode('sum', c, 0, false);
    const plan = checkSchedule([s], 1);
    expect(plan.steps.map((st) => st.kind)).toEqual(['upload', 'reduction']);
    expect(plan.steps[0]).toMatchObject({ kind: 'upload', node: c });
  });

  it('a constant read by both a reduction and an elementwise op is uploaded once', () => {
    const c = k(3);
    const a = input(2, 2);
    const s = reduceNode('max', c, 0, false);
    const y = ew('mul', a, c);
    const plan = checkSchedule([s, y], 2);
    expect(plan.steps.filter((st) => st.kind === 'upload')).toEqual([{ kind: 'upload', node: c }]);
  });

  it('a constant that is itself a root is uploaded', () => {
    const c = k(7);
    const plan = checkSchedule([c], 0);
    expect(plan.steps).toEqual([{ kind: 'upload', node: c }]);
  });

  it('host data is uploaded before the kernel that reads it', () => {
    const u = uploadNode(Float64Array.of(1, 2, 3, 4, 5, 6), [2, 3]);
    const y = ew('mul', u, k(2));
    const plan = checkSchedule([y], 1);
    expect(plan.steps.map((s) => s.kind)).toEqual(['upload', 'elementwise']);
    expect(elementwiseSteps(plan)[0].spec.inputs).toEqual([u]);
  });

  it('a live random fill is its own kernel; the chain reading it generates it in-kernel', () => {
    const r = randomNode('uniform', [32, 16], [1, 2], 0);
    const y = ew('sub', ew('mul', r, k(2)), k(1));
    const plan = checkSchedule([r, y], 2);
    expect(plan.steps.map((s) => s.kind)).toEqual(['random', 'elementwise']);
    expect(plan.decisions[0]).toMatchObject({ kernel: 'random', variant: 'uniform' });
    expect(plan.decisions[0].reason).toMatch(/512/);
  });

  it('reshape of a computed array is an alias step with no kernel and no decision', () => {
    const a = input(6, 4);
    const v = reshapeNode(a, [24, 1]);
    expect(v.shape).toEqual([24, 1]);
    const plan = checkSchedule([v], 0);
    expect(plan.steps).toEqual([{ kind: 'alias', node: v, of: a }]);
    expect(plan.decisions).toEqual([]);
  });

  it('reshape of a reshape collapses to one view of the base', () => {
    const a = input(6, 4);
    const v = reshapeNode(reshapeNode(a, [24, 1]), [4, 6]);
    expect(v.op.kind === 'reshape' && v.op.arg).toBe(a);
  });

  it('x(:) of a pending chain: the chain is written, the view aliases it, no extra kernel', () => {
    const a = input(6, 4);
    const p = ew('mul', a, k(2));
    const v = reshapeNode(p, [24, 1]);
    const plan = checkSchedule([v], 1);
    expect(plan.steps.map((s) => s.kind)).toEqual(['elementwise', 'alias']);
    expect(elementwiseSteps(plan)[0].outputs).toEqual([p]);
    expect(plan.steps[1]).toMatchObject({ kind: 'alias', node: v, of: p });
  });

  it('the issue example: rand → fused chain → y(:) view → sum: random, elementwise, reduction', () => {
    const x = randomNode('uniform', [512, 384], [0, 0x9e3779b9], 0);
    const y = ew('sub', ew('tanh', ew('add', ew('mul', x, k(2)), k(1))), ew('pow', x, k(2)));
    const s = reduceNode('sum', reshapeNode(y, [512 * 384, 1]), 0, false);
    const plan = checkSchedule([x, y, s], 3);
    expect(plan.steps.map((st) => st.kind)).toEqual(['random', 'elementwise', 'alias', 'reduction']);
    expect(plan.decisions.map((d) => d.kernel)).toEqual(['random', 'elementwise', 'reduction']);
    expect(plan.decisions[1].variant).toBe('fused');
    expect(plan.decisions[2].reason).toMatch(/view/);
  });

  it('a reduction over a view of a pending chain reads the chain through the alias', () => {
    const a = input(5, 5);
    const p = ew('exp', a);
    const v = reshapeNode(p, [25, 1]);
    const s = reduceNode('sum', v, 0, false);
    const plan = checkSchedule([s], 2);
    expect(reductionSteps(plan)[0].spec.inputs).toEqual([v]);
  });
});

describe('planFlush: deep graphs', () => {
  it('a 10 000-op elementwise chain plans into one kernel without stack overflow', () => {
    const a = input(16, 16);
    let x = a;
    for (let i = 0; i < 10_000; i++) x = ew(i % 2 === 0 ? 'add' : 'mul', x, k(i % 2 === 0 ? 1 : 0.5));
    const plan = checkSchedule([x], 1);
    const [step] = elementwiseSteps(plan);
    expect(step.spec.params.steps.length).toBe(10_000);
    expect(step.outputs).toEqual([x]);
  });

  it('a 10 000-node chain of alternating shapes plans in dependency order', () => {
    // Each step alternates between a column and a matrix: every shape change starts a new group.
    const col = input(4, 1);
    const row = input(1, 3);
    let x = col;
    const roots: GraphNode[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 2 === 0) x = ew('add', x, row); // 4×3
      else x = reduceNode('sum', x, 1, false); // 4×1
      if (i % 1000 === 999) roots.push(x);
    }
    roots.push(x);
    const plan = planFlush(roots);
    checkInvariants(plan, roots);
    expect(reductionSteps(plan).length).toBe(5_000);
  });

  it('a wide graph (5 000 roots over one input) plans each root once', () => {
    const a = input(2, 2);
    const roots = Array.from({ length: 5_000 }, (_, i) => ew('mul', a, k(i)));
    const plan = planFlush(roots);
    checkInvariants(plan, roots);
    expect(kernelSteps(plan).length).toBe(5_000);
  });
});

describe('storage-buffer limit', () => {
  /** Storage buffers an elementwise step binds: its inputs and its outputs. */
  const bindings = (s: PlanStep) => (s.kind === 'elementwise' ? s.spec.inputs.length + s.outputs.length : 0);

  it('a sum of 12 distinct arrays is cut into kernels that each bind at most 8 buffers, and computes the same root', () => {
    const xs = Array.from({ length: 12 }, () => input(5, 7));
    let acc = xs[0];
    for (const x of xs.slice(1)) acc = ew('add', acc, x);
    const plan = planFlush([acc], 'auto', { maxStorageBuffers: 8 });
    const steps = kernelSteps(plan);
    expect(steps.length).toBeGreaterThan(1);
    for (const s of steps) expect(bindings(s)).toBeLessThanOrEqual(8);
    // The last kernel writes the root; every partial sum a later kernel reads was written first.
    const last = steps[steps.length - 1];
    expect(last.kind === 'elementwise' && last.outputs).toContain(acc);
    const written = new Set<GraphNode>(xs);
    for (const s of steps) {
      if (s.kind !== 'elementwise') continue;
      for (const i of s.spec.inputs) expect(written.has(i)).toBe(true);
      for (const o of s.outputs) written.add(o);
    }
  });

  it('without a limit (or under it) the chain stays one kernel', () => {
    const xs = Array.from({ length: 12 }, () => input(5, 7));
    let acc = xs[0];
    for (const x of xs.slice(1)) acc = ew('add', acc, x);
    expect(kernelSteps(planFlush([acc], 'auto', { maxStorageBuffers: 64 }))).toHaveLength(1);
    const few = ew('mul', ew('add', xs[0], xs[1]), xs[2]);
    expect(kernelSteps(planFlush([few], 'auto', { maxStorageBuffers: 8 }))).toHaveLength(1);
  });
});
