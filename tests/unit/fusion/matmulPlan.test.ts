// Planner decisions for matrix products (no GPU): SYRK, epilogues, diag, transposed operands
// read through strides, routing, and where an epilogue chain must stop.
import { describe, expect, it } from 'vitest';
import { constantNode, diagNode, elementwiseNode, matmulNode, residentNode, transposeNode, type GraphNode } from '../../../src/engine/graph/node.ts';
import { planFlush } from '../../../src/engine/fusion/plan.ts';

const input = (...shape: number[]) => residentNode({}, shape);
const ew = (op: Parameters<typeof elementwiseNode>[0], ...args: GraphNode[]) => elementwiseNode(op, args)!;
const mm = (a: GraphNode, b: GraphNode) => matmulNode(a, b)!;

function kernels(roots: GraphNode[]) {
  const plan = planFlush(roots);
  return { plan, names: plan.decisions.map((d) => `${d.kernel}/${d.variant}`) };
}

describe('matmul planning', () => {
  it("reads transposed operands through strides: A'*B is one matmul, no transpose kernel", () => {
    const a = input(40, 30);
    const b = input(40, 20);
    const c = mm(transposeNode(a), b);
    const { names, plan } = kernels([c]);
    expect(names).toEqual(['matmul/tiled']);
    const step = plan.steps[0];
    expect(step.kind === 'matmul' && step.spec.transA && !step.spec.transB).toBe(true);
  });

  it("A'*A on one value is SYRK; with a scale it stays SYRK (covariance)", () => {
    const a = input(200, 16);
    expect(kernels([mm(transposeNode(a), a)]).names).toEqual(['syrk/syrk']);
    const cov = ew('mul', mm(transposeNode(a), a), constantNode(1 / 199));
    expect(kernels([cov]).names).toEqual(['syrk/syrk']);
  });

  it('folds the issue epilogue max(min(2.5*(X*W) + b, 1), 0).^2 into the write', () => {
    const x = input(64, 32);
    const w = input(32, 48);
    const b = input(1, 48);
    const y = ew('pow', ew('max', ew('min', ew('add', ew('mul', constantNode(2.5), mm(x, w)), b), constantNode(1)), constantNode(0)), constantNode(2));
    const { names, plan } = kernels([y]);
    expect(names).toEqual(['matmul/vec4+epilogue']);
    const step = plan.steps[0];
    if (step.kind !== 'matmul') throw new Error('expected a matmul step');
    expect(step.spec.output).toBe(y);
    expect(step.spec.epilogue).toMatchObject({ alpha: true, bias: 'row', clampMin: true, clampMax: true, power: true });
    expect(step.spec.constants).toEqual({ alpha: 2.5, hi: 1, lo: 0, p: 2 });
    expect(step.spec.extraInputs).toEqual([b]);
    expect(plan.decisions[0].reason).toMatch(/folded into the write: alpha, bias, clamp, clamp, power/);
  });

  it('stops the chain at a step out of order: 2.5*(X*W + b) scales after the bias', () => {
    const x = input(64, 32);
    const w = input(32, 48);
    const b = input(64, 1);
    const y = ew('mul', ew('add', mm(x, w), b), constantNode(2.5));
    const { names } = kernels([y]);
    expect(names).toEqual(['matmul/vec4+epilogue', 'elementwise/mul']);
  });

  it('does not fold into a product that is itself a live variable', () => {
    const p = mm(input(64, 32), input(32, 48));
    const y = ew('add', p, constantNode(1));
    expect(kernels([p, y]).names).toEqual(['matmul/vec4', 'elementwise/add']);
  });

  it('diag(A*B) computes only the diagonal', () => {
    const d = diagNode(mm(input(50, 7), input(7, 50)));
    const { names, plan } = kernels([d]);
    expect(names).toEqual(['matmul/smallk+diag']);
    expect(plan.steps[0].kind === 'matmul' && plan.steps[0].spec.output === d).toBe(true);
  });

  it('routes by shape: gemv, small-k, vec4, tiled', () => {
    expect(kernels([mm(input(100, 64), input(64, 1))]).names).toEqual(['matmul/gemv']);
    expect(kernels([mm(input(8192, 8), input(8, 8192))]).names).toEqual(['matmul/smallk']);
    expect(kernels([mm(input(128, 64), input(64, 256))]).names).toEqual(['matmul/vec4']);
    expect(kernels([mm(input(65, 129), input(129, 63))]).names).toEqual(['matmul/tiled']);
  });

  it('a transposed view read by an elementwise op is materialised by a transpose kernel', () => {
    const a = input(30, 40);
    const y = ew('add', transposeNode(a), constantNode(1));
    expect(kernels([y]).names).toEqual(['transpose/tiled', 'elementwise/add']);
  });

  it('matmul and times stay different ops: A.*B never becomes a product', () => {
    const a = input(16, 16);
    const b = input(16, 16);
    expect(kernels([ew('mul', a, b)]).names).toEqual(['elementwise/mul']);
    expect(kernels([mm(a, b)]).names).toEqual(['matmul/vec4']);
  });
});
