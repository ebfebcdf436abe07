// Split-k policy for general products (no GPU): which shapes the planner splits, into how many
// parts, which it leaves alone (a grid that fills the GPU, a short k, no tiled kernel, SYRK), and
// the reason text the notebook shows.
import { describe, expect, it } from 'vitest';
import { chooseSplitK } from '../../../src/engine/fusion/matmulRouting.ts';
import { planFlush } from '../../../src/engine/fusion/plan.ts';
import { constantNode, elementwiseNode, matmulNode, residentNode, transposeNode, type GraphNode } from '../../../src/engine/graph/node.ts';

const input = (...shape: number[]) => residentNode({}, shape);
const mm = (a: GraphNode, b: GraphNode) => matmulNode(a, b)!;

function productStep(roots: GraphNode[]) {
  const plan = planFlush(roots);
  const i = plan.steps.findIndex((s) => s.kind === 'matmul');
  const step = plan.steps[i];
  if (step?.kind !== 'matmul') throw new Error('expected a matmul step');
  return { spec: step.spec, decision: plan.decisions.find((d) => d.kernel === 'matmul' || d.kernel === 'syrk')! };
}

describe('split-k policy', () => {
  it("splits A'*B with a 64×64 output and k = 1048576 into 128 parts (one tile: a workgroup per SM)", () => {
    expect(chooseSplitK(64, 64, 1048576, 'vec4')).toEqual({
      splits: 128,
      reason: 'split-k ×128: a 64×64 output is 1 tile; k = 1048576 summed in 128 parts, then reduced',
    });
  });

  it('splits a 1024² output at k = 200000 into 8 (64 tiles of 128², 512 workgroups)', () => {
    expect(chooseSplitK(1024, 1024, 200000, 'vec4')).toEqual({
      splits: 8,
      reason: 'split-k ×8: a 1024×1024 output is 64 tiles of 128×128; k = 200000 summed in 8 parts, then reduced',
    });
  });

  it('keeps each part at least 512 long: k = 4096 gives 8 parts of a one-tile output, k = 5000 still 9', () => {
    expect(chooseSplitK(40, 40, 4096, 'tiled').splits).toBe(8);
    expect(chooseSplitK(40, 40, 5000, 'tiled').splits).toBe(9);
    expect(chooseSplitK(1024, 1024, 4096, 'vec4').splits).toBe(8);
    expect(chooseSplitK(1000, 500, 10000, 'tiled').splits).toBe(16);
  });

  it('splits below 128 tiles of the split tile, aiming at 512 workgroups, at most 128 parts', () => {
    expect(chooseSplitK(1400, 1400, 1 << 20, 'vec4').splits).toBe(5); // 121 tiles of 128²
    expect(chooseSplitK(1500, 1500, 1 << 20, 'vec4').splits).toBe(1); // 144 tiles
    expect(chooseSplitK(2000, 900, 1 << 20, 'vec4').splits).toBe(1); // 16·8 = 128 tiles: fills the GPU
    expect(chooseSplitK(4000, 100, 1 << 20, 'tiled')).toMatchObject({ splits: 5, reason: expect.stringMatching(/126 tiles of 64×64/) });
    expect(chooseSplitK(127, 127, 1 << 22, 'tiled').splits).toBe(128); // 4 tiles: capped
  });

  it('does not split a grid that fills the GPU, a short k, or the kernels without a tiled k loop', () => {
    expect(chooseSplitK(4096, 4096, 1 << 20, 'vec4')).toEqual({ splits: 1, reason: null });
    expect(chooseSplitK(2048, 2048, 1 << 20, 'vec4').splits).toBe(1);
    expect(chooseSplitK(1024, 1024, 1024, 'vec4').splits).toBe(1);
    expect(chooseSplitK(64, 64, 4095, 'vec4').splits).toBe(1);
    expect(chooseSplitK(64, 64, 8, 'smallk').splits).toBe(1);
    expect(chooseSplitK(1, 64, 1 << 20, 'gemv').splits).toBe(1);
  });

  it("plans C = A'*B with a tall A as split, the reason saying why; A'*A stays SYRK; short k one pass", () => {
    const a = input(1048576, 64);
    const b = input(1048576, 64);
    const { spec, decision } = productStep([mm(transposeNode(a), b)]);
    expect(spec.kind).toBe('matmul');
    expect(spec.splits).toBe(128);
    expect(decision.reason).toMatch(/^vec4 tiled: .* for 64×1048576 · 1048576×64 \(A transposed, read through strides\); split-k ×128: a 64×64 output is 1 tile; k = 1048576 summed in 128 parts, then reduced$/);

    const syrk = productStep([mm(transposeNode(a), a)]);
    expect(syrk.spec.kind).toBe('syrk');
    expect(syrk.spec.splits).toBe(1);

    const short = productStep([mm(transposeNode(input(1024, 64)), input(1024, 64))]);
    expect(short.spec.splits).toBe(1);
    expect(short.decision.reason).not.toMatch(/split-k/);
  });

  it('splits a product with an epilogue too: the reduce pass applies it', () => {
    const a = input(20000, 48);
    const b = input(20000, 36);
    const bias = input(1, 36);
    const y = elementwiseNode('max', [elementwiseNode('add', [mm(transposeNode(a), b), bias])!, constantNode(0)])!;
    const { spec, decision } = productStep([y]);
    expect(spec.output).toBe(y);
    expect(spec.epilogue).toMatchObject({ bias: 'row', clampMin: true });
    expect(spec.splits).toBe(39);
    expect(decision.reason).toMatch(/folded into the write: bias, clamp; split-k ×39: a 48×36 output is 1 tile; k = 20000 summed in 39 parts/);
  });
});
