// Contiguous index ranges, without a GPU: how sliceNode and spliceNode normalise (the whole array
// is a view, a slice of a view or of a slice reads the underlying node, a slice of a pending
// splice reads the value it wrote or its base), what the planner schedules for them (`index`
// kernels, with a reason each; a chain of splices stores only its end unless an intermediate is
// live or read elsewhere), and the IIR loop through a Session on the recording provider: slice,
// splice and write kernels, nothing read back, y still a GPU array.

import { describe, expect, it } from 'vitest';
import { elementwiseNode, reshapeNode, sliceNode, spliceNode, constantNode, type GraphNode } from '../../../src/engine/graph/node.ts';
import { planFlush, type PlanStep } from '../../../src/engine/fusion/plan.ts';
import { runInSession } from '../../../src/engine/runJson.ts';
import { Session } from '../../../src/engine/session.ts';
import { recordingProvider } from './recordingProvider.ts';
import { input } from './graphBuilders.ts';

/** A pending node of the given shape (an elementwise op over a computed input). */
const pending = (...shape: number[]): GraphNode => elementwiseNode('abs', [input(...shape)])!;

type Kind = PlanStep['kind'];
const kinds = (steps: PlanStep[]): Kind[] => steps.map((s) => s.kind);

describe('sliceNode and spliceNode', () => {
  it('a slice of the whole argument is the argument, or a view in another shape', () => {
    const x = input(4, 3);
    expect(sliceNode(x, 0, [4, 3])).toBe(x);
    const v = sliceNode(x, 0, [12, 1]);
    expect(v.op.kind).toBe('reshape');
    expect(v.args).toEqual([x]);
  });

  it('a column is a slice with its offset; the same slice twice is one node', () => {
    const x = input(4, 3);
    const c = sliceNode(x, 4, [4, 1]);
    expect(c.op).toMatchObject({ kind: 'slice', arg: x, offset: 4 });
    expect(c.shape).toEqual([4, 1]);
    expect(sliceNode(x, 4, [4, 1])).toBe(c);
    expect(sliceNode(x, 4, [1, 4])).not.toBe(c);
  });

  it('slices of views and of pending slices read the underlying node', () => {
    const x = input(4, 3);
    const s = sliceNode(reshapeNode(x, [12, 1]), 5, [3, 1]);
    expect(s.op).toMatchObject({ kind: 'slice', arg: x, offset: 5 });
    const p = pending(6, 5);
    const inner = sliceNode(p, 6, [6, 2]);
    expect(sliceNode(inner, 3, [4, 1]).op).toMatchObject({ kind: 'slice', arg: p, offset: 9 });
  });

  it('a slice of a pending splice reads the value written, or the base, or the splice when it straddles', () => {
    const base = input(4, 3);
    const value = pending(4, 1);
    const y = spliceNode(base, value, 4, 4);
    expect(sliceNode(y, 4, [4, 1])).toBe(value);
    expect(sliceNode(y, 5, [2, 1]).op).toMatchObject({ kind: 'slice', arg: value, offset: 1 });
    expect(sliceNode(y, 8, [4, 1]).op).toMatchObject({ kind: 'slice', arg: base, offset: 8 });
    expect(sliceNode(y, 2, [4, 1]).op).toMatchObject({ kind: 'slice', arg: y, offset: 2 });
    // A broadcast value is not the range's elements.
    const b = spliceNode(base, constantNode(7), 4, 4);
    expect(sliceNode(b, 4, [4, 1]).op).toMatchObject({ kind: 'slice', arg: b });
  });

  it('a computed splice is sliced like any array', () => {
    const y = spliceNode(input(4, 3), pending(4, 1), 4, 4);
    y.settle({});
    expect(sliceNode(y, 4, [4, 1]).op).toMatchObject({ kind: 'slice', arg: y, offset: 4 });
  });

  it('a write of the whole array with a whole value is the value; a broadcast over it is a splice', () => {
    const base = input(2, 3);
    const v = pending(1, 6);
    const w = spliceNode(base, v, 0, 6);
    expect(w.op.kind).toBe('reshape');
    expect(w.shape).toEqual([2, 3]);
    expect(spliceNode(base, constantNode(2), 0, 6).op).toMatchObject({ kind: 'splice', offset: 0, count: 6 });
  });

  it('ranges outside the argument are internal errors (the interpreter checked the subscripts)', () => {
    const x = input(4, 3);
    expect(() => sliceNode(x, 10, [4, 1])).toThrow(/internal: slice/);
    expect(() => spliceNode(x, pending(3, 1), 4, 4)).toThrow(/internal: splice/);
  });
});

describe('planFlush: index ranges', () => {
  it('a slice is one index/slice kernel with a reason', () => {
    const x = input(5, 4);
    const c = sliceNode(x, 10, [5, 1]);
    const plan = planFlush([c]);
    expect(kinds(plan.steps)).toEqual(['slice']);
    expect(plan.decisions).toEqual([
      { kernel: 'index', variant: 'slice', reason: 'elements 11:15 of 5×4 (one contiguous range) copied on the GPU into 5×1: no read-back' },
    ]);
  });

  it('a slice of a pending value is read by the kernel that computes it', () => {
    const p = pending(5, 4);
    const s = elementwiseNode('mul', [sliceNode(p, 5, [5, 1]), constantNode(2)])!;
    const plan = planFlush([s]);
    expect(kinds(plan.steps)).toEqual(['elementwise', 'slice', 'elementwise']);
  });

  it('a chain of splices stores only its end: one splice step with every write, in order', () => {
    const base = input(3, 4);
    const values = [pending(3, 1), pending(3, 1), pending(3, 1)];
    let y = base;
    values.forEach((v, j) => (y = spliceNode(y, v, 3 * j, 3)));
    const plan = planFlush([y]);
    const splices = plan.steps.filter((s): s is Extract<PlanStep, { kind: 'splice' }> => s.kind === 'splice');
    expect(splices).toHaveLength(1);
    expect(splices[0].node).toBe(y);
    expect(splices[0].chain.base).toBe(base);
    expect(splices[0].chain.writes).toEqual(values.map((value, j) => ({ value, offset: 3 * j, count: 3 })));
    expect(plan.decisions.filter((d) => d.kernel === 'index')).toEqual([
      {
        kernel: 'index',
        variant: 'splice',
        reason:
          '3×4 with 3 contiguous ranges replaced on the GPU (elements 1:3 by a 3×1 value, …, elements 7:9 by a 3×1 value): no read-back; ' +
          'one copy of the base into a new buffer, then each range written into it; the 2 intermediate arrays are not live and never stored',
      },
    ]);
  });

  it('an intermediate that is live, or read by something else, is stored: the chain breaks there', () => {
    const base = input(3, 4);
    const a = spliceNode(base, pending(3, 1), 0, 3);
    const b = spliceNode(a, constantNode(5), 3, 3);
    const c = spliceNode(b, pending(3, 1), 6, 3);
    const live = planFlush([a, c]).steps.filter((s) => s.kind === 'splice');
    expect(live.map((s) => (s.kind === 'splice' ? s.chain.writes.length : 0))).toEqual([1, 2]);

    const d = spliceNode(input(3, 4), pending(3, 1), 0, 3);
    const e = spliceNode(d, pending(3, 1), 3, 3);
    const total = elementwiseNode('add', [reshapeNode(d, [12, 1]), constantNode(1)])!;
    const read = planFlush([e, total]).steps.filter((s) => s.kind === 'splice');
    expect(read).toHaveLength(2);
  });

  it('a broadcast write says so', () => {
    const y = spliceNode(input(3, 4), constantNode(5), 3, 3);
    const plan = planFlush([y]);
    // The constant needs a buffer: the splice kernel reads it.
    expect(kinds(plan.steps)).toEqual(['upload', 'splice']);
    expect(plan.decisions[0].reason).toMatch(/^3×4 with elements 4:6 by one value broadcast on the GPU: no read-back/);
  });
});

describe('the IIR loop on a GPU session (recording provider)', () => {
  it('runs as slice, splice and write kernels with nothing read back, and y stays a GPU array', async () => {
    const provider = recordingProvider();
    let downloads = 0;
    const download = provider.download;
    provider.download = (h) => {
      downloads++;
      return download(h);
    };
    const session = new Session({ gpu: 'on' });
    session.attachGpu(provider);
    const source = `
B = 64; T = 8; a = single(0.9);
x = rand(B, T, 'single'); y = zeros(B, T, 'single');
y(:, 1) = x(:, 1);
for t = 2:T
  y(:, t) = a * y(:, t - 1) + (1 - a) * x(:, t);
end
g = isgpuarray(y);
`;
    await session.run(source, () => undefined);
    expect(downloads).toBe(0);
    const kernels = provider.dispatched;
    expect(kernels.filter((k) => k === 'index/slice')).toHaveLength(8);
    expect(kernels.filter((k) => k === 'index/splice')).toHaveLength(1);
    expect(kernels.filter((k) => k === 'index/write')).toHaveLength(7);
    const r = await runInSession(session, 'h = g;');
    expect(r.vars.h.data).toEqual([true]);
  });
});
