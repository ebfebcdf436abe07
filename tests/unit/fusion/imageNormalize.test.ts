// The ImageNormalize planner pass (no GPU): MATLAB source runs through a Session whose provider
// only records dispatches (recordingProvider.ts), so the interpreter, the GPU lowering (vecdim
// mean/std included) and the planner run exactly as with a GPU. We check the plan decisions and
// the kernel list: whole-array and per-image statistics (H×W×B and B×H×W), optional steps absent,
// clamps in either order, constant and GPU-scalar gain, live mu/sigma as kernel outputs, and the
// near misses that fall back to the later passes with a reason (and the graphs that don't earn one).

import { describe, expect, it } from 'vitest';
import { constantNode, elementwiseNode, reduceNode, reshapeNode, residentNode, type GraphNode } from '../../../src/engine/graph/node.ts';
import { planFlush } from '../../../src/engine/fusion/plan.ts';
import { runInSession } from '../../../src/engine/runJson.ts';
import { Session } from '../../../src/engine/session.ts';
import type { PlanDecision } from '../../../src/worker/protocol.ts';
import { recordingProvider } from './recordingProvider.ts';

interface Planned {
  kernels: string[];
  plan: PlanDecision[];
  normalize: PlanDecision[];
  notMatched: string[];
  sizes: Record<string, number[]>;
}

async function planOf(source: string): Promise<Planned> {
  const provider = recordingProvider();
  const session = new Session({ gpu: 'on' });
  session.attachGpu(provider);
  const r = await runInSession(session, source);
  expect(r.error, source).toBeNull();
  const plan = r.plan ?? [];
  const sizes: Record<string, number[]> = {};
  for (const [name, v] of Object.entries(r.vars)) sizes[name] = v.size;
  return {
    kernels: (r.kernels ?? []).map((k) => `${k.name}/${k.variant}`),
    plan,
    normalize: plan.filter((d) => d.kernel === 'image_normalize' && d.variant !== 'not-matched'),
    notMatched: plan.filter((d) => d.variant === 'not-matched').map((d) => d.reason),
    sizes,
  };
}

const PASSES = ['image_normalize/stats', 'image_normalize/finalize', 'image_normalize/apply'];

/** The whole-array example (a small image). */
const WHOLE = `
img = gpuArray(single(rand(37, 53)));
mu = mean(img(:)); sigma = std(img(:));
out = ((img - mu) ./ sigma) * 0.5 + 0.25;
out = min(max(out, 0), 1);
out = out .^ 2.2;
`;

describe('ImageNormalize: patterns that match', () => {
  it('whole-array stats, gain, bias, clamp, gamma: one invocation, mu and sigma written as outputs', async () => {
    const p = await planOf(WHOLE);
    expect(p.kernels).toEqual(PASSES);
    expect(p.normalize).toHaveLength(1);
    expect(p.normalize[0].variant).toBe('whole');
    expect(p.normalize[0].reason).toBe('ImageNormalize: whole-array stats over all 1961 elements, gain 0.5, bias 0.25, clamp [0,1], gamma 2.2; mu and sigma written as outputs (live)');
    expect(p.notMatched).toEqual([]);
    expect(p.plan.map((d) => d.kernel)).toEqual(['image_normalize']);
    expect(p.sizes).toMatchObject({ mu: [1, 1], sigma: [1, 1], out: [37, 53] });
  });

  it("mean(x, 'all') / std(x, 0, 'all'), a random image made on the GPU, and the statistics inline (not live)", async () => {
    const p = await planOf(`
      img = rand(20, 30, 'single');
      out = (img - mean(img, 'all')) ./ std(img, 0, 'all');
    `);
    expect(p.kernels).toEqual(['random/uniform', ...PASSES]);
    expect(p.normalize[0].reason).toBe('ImageNormalize: whole-array stats over all 600 elements, no gain/bias/clamp/gamma');
  });

  it('per-image statistics of H×W×B: mean(x, [1 2]) and std(x, 0, [1 2])', async () => {
    const p = await planOf(`
      imgs = gpuArray(single(rand(17, 19, 3)));
      mu = mean(imgs, [1 2]); sigma = std(imgs, 0, [1 2]);
      out = max(min((imgs - mu) ./ sigma * 2 - 1, 1), -1);
    `);
    expect(p.kernels).toEqual(PASSES);
    expect(p.normalize[0]).toMatchObject({ variant: 'per-image-HWB' });
    expect(p.normalize[0].reason).toBe('ImageNormalize: per-image stats over 3 images of 323 elements (H×W×B), gain 2, bias -1, clamp [-1,1] (min first); mu and sigma written as outputs (live)');
    expect(p.sizes).toMatchObject({ mu: [1, 1, 3], sigma: [1, 1, 3], out: [17, 19, 3] });
  });

  it('per-image statistics of B×H×W: mean(x, [2 3]) and std(x, 0, [2 3])', async () => {
    const p = await planOf(`
      imgs = gpuArray(single(rand(3, 17, 19)));
      mu = mean(imgs, [2 3]); sigma = std(imgs, 0, [2 3]);
      out = (imgs - mu) ./ sigma;
    `);
    expect(p.kernels).toEqual(PASSES);
    expect(p.normalize[0]).toMatchObject({ variant: 'per-image-BHW' });
    expect(p.normalize[0].reason).toMatch(/^ImageNormalize: per-image stats over 3 images of 323 elements \(B×H×W\), no gain\/bias\/clamp\/gamma; mu and sigma written/);
    expect(p.sizes).toMatchObject({ mu: [3, 1], sigma: [3, 1] });
  });

  it('per-column statistics of a matrix (a z-score) are the H×W×B case with one column per image', async () => {
    const p = await planOf(`x = gpuArray(single(rand(40, 6))); z = (x - mean(x)) ./ std(x);`);
    expect(p.kernels).toEqual(PASSES);
    expect(p.normalize[0].reason).toMatch(/6 images of 40 elements \(H×W×B\)/);
  });

  it('optional steps absent: only a lower clamp, after `/` by the scalar std; only gamma', async () => {
    const a = await planOf(`img = gpuArray(single(rand(30, 20))); mu = mean(img(:)); sigma = std(img(:)); out = max((img - mu) / sigma, 0);`);
    expect(a.kernels).toEqual(PASSES);
    expect(a.normalize[0].reason).toMatch(/whole-array stats over all 600 elements, clamp >= 0; mu and sigma/);
    const b = await planOf(`img = gpuArray(single(rand(30, 20))); out = ((img - mean(img(:))) ./ std(img(:))) .^ 2;`);
    expect(b.kernels).toEqual(PASSES);
    expect(b.normalize[0].reason).toBe('ImageNormalize: whole-array stats over all 600 elements, gamma 2');
  });

  it('scalar variables: host scalars are constants, a 1×1 GPU value is read from its buffer', async () => {
    const host = await planOf(`g = 1.5; b = 0.1; img = gpuArray(single(rand(30, 20))); out = ((img - mean(img(:))) ./ std(img(:))) * g + b;`);
    expect(host.kernels).toEqual(PASSES);
    expect(host.normalize[0].reason).toMatch(/gain 1\.5, bias 0\.1$/);
    const gpu = await planOf(`
      img = gpuArray(single(rand(30, 20)));
      g = gpuArray(single(1.5)); top = max(img(:));
      out = ((img - mean(img(:))) ./ std(img(:))) * g + 0.5;
      out = min(out, top);
    `);
    // max(img(:)) is its own reduction, before the invocation that reads it.
    expect(gpu.kernels).toEqual(['reduction/max', ...PASSES]);
    expect(gpu.normalize[0].reason).toMatch(/gain \(GPU scalar\), bias 0\.5, clamp <= \(GPU scalar\)$/);
  });

  it('a step out of the kernel order ends the chain; the rest runs as an elementwise kernel', async () => {
    const p = await planOf(`img = gpuArray(single(rand(30, 20))); mu = mean(img(:)); sigma = std(img(:)); out = ((img - mu) ./ sigma + 0.25) * 0.5;`);
    expect(p.kernels).toEqual([...PASSES, 'elementwise/mul']);
    expect(p.normalize[0].reason).toMatch(/bias 0\.25; mu and sigma/);
  });

  it('a live intermediate of the formula is the output; what follows reads it', async () => {
    const p = await planOf(`img = gpuArray(single(rand(30, 20))); z = (img - mean(img(:))) ./ std(img(:)); out = z * 2;`);
    expect(p.kernels).toEqual([...PASSES, 'elementwise/mul']);
    expect(p.normalize[0].reason).toBe('ImageNormalize: whole-array stats over all 600 elements, no gain/bias/clamp/gamma');
  });

  it('a gain computed from mu is not folded (the kernel would read its own result early)', async () => {
    const p = await planOf(`img = gpuArray(single(rand(30, 20))); mu = mean(img(:)); sigma = std(img(:)); out = ((img - mu) ./ sigma) * (2 * mu);`);
    expect(p.normalize).toHaveLength(1);
    expect(p.kernels.slice(0, 3)).toEqual(PASSES);
    expect(p.kernels.slice(3).every((k) => k.startsWith('elementwise/'))).toBe(true);
  });
});

describe('ImageNormalize: near misses fall back with a reason', () => {
  it('(img - mu) ./ (sigma + 1)', async () => {
    const p = await planOf(`img = gpuArray(single(rand(30, 20))); mu = mean(img(:)); sigma = std(img(:)); out = (img - mu) ./ (sigma + 1);`);
    expect(p.normalize).toEqual([]);
    expect(p.kernels.some((k) => k.startsWith('image_normalize'))).toBe(false);
    expect(p.notMatched).toEqual(['ImageNormalize: not matched: (x - mean(x)) over all 600 elements is divided by something other than std(x): an elementwise add']);
  });

  it('a mean over a different grouping than the std', async () => {
    const p = await planOf(`imgs = gpuArray(single(rand(17, 19, 3))); mu = mean(imgs, [1 2]); sigma = std(imgs(:)); out = (imgs - mu) ./ sigma;`);
    expect(p.normalize).toEqual([]);
    expect(p.notMatched).toEqual(['ImageNormalize: not matched: the mean is over 3 images of 323 elements (H×W×B) but the std over all 969 elements']);
  });

  it('std(x, 1) (normalised by n)', async () => {
    const p = await planOf(`img = gpuArray(single(rand(30, 20))); out = (img - mean(img(:))) ./ std(img(:), 1);`);
    expect(p.normalize).toEqual([]);
    expect(p.notMatched[0]).toMatch(/std\(x, 1\) normalises by n/);
  });

  it('x - mean(x) held in a variable and also divided', async () => {
    const p = await planOf(`img = gpuArray(single(rand(30, 20))); c = img - mean(img(:)); out = c ./ std(img(:));`);
    expect(p.normalize).toEqual([]);
    expect(p.notMatched[0]).toMatch(/x - mean\(x\) is also read elsewhere/);
  });

  it('gives no reason for graphs that are not close: a centring alone, a std alone, a mean over other data', async () => {
    for (const src of [
      `x = gpuArray(single(rand(30, 20))); c = x - mean(x(:));`,
      `x = gpuArray(single(rand(30, 20))); s = std(x(:)); m = mean(x(:));`,
      `x = gpuArray(single(rand(30, 20))); y = gpuArray(single(rand(30, 20))); out = (x - mean(y(:))) ./ std(y(:));`,
    ]) {
      const p = await planOf(src);
      expect(p.normalize, src).toEqual([]);
      expect(p.notMatched, src).toEqual([]);
    }
  });
});

describe('ImageNormalize in the plan (graphs built directly)', () => {
  const ew = (op: Parameters<typeof elementwiseNode>[0], ...args: GraphNode[]) => elementwiseNode(op, args)!;
  /** std as lowering builds it, over the rows of a 2-D view (per-image H×W×B). */
  function perImage(x: GraphNode, l: number, b: number) {
    const view = reshapeNode(x, [l, b]);
    const m = reduceNode('mean', view, 0, false);
    const sd = ew('sqrt', ew('mul', reduceNode('mean', ew('square', ew('sub', view, m)), 0, false), constantNode(l / (l - 1))));
    return { mu: reshapeNode(m, [1, 1, b]), sigma: reshapeNode(sd, [1, 1, b]), m, sd };
  }

  it('runs the invocation before the steps that read its live mu and sigma, as one unit', () => {
    const x = residentNode({}, [8, 5, 4]);
    const { mu, sigma, m } = perImage(x, 40, 4);
    const out = ew('div', ew('sub', x, mu), sigma);
    const after = ew('add', mu, constantNode(1));
    const plan = planFlush([out, mu, sigma, after]);
    // The (H·W)×B view the statistics are written over is a free alias of x, like any view.
    expect(plan.steps.map((s) => s.kind)).toEqual(['alias', 'imageNormalize', 'alias', 'alias', 'elementwise']);
    const step = plan.steps[1];
    if (step.kind !== 'imageNormalize') throw new Error('expected the invocation first');
    expect(step.spec).toMatchObject({ x, output: out, mu: m, muLive: true, sigmaLive: true });
    expect(step.spec.params).toMatchObject({ batch: 4, imageSize: 40, perImage: true, layout: 'HWB', gain: false, clampLo: false });
  });

  it('a mean whose groups are neither blocks nor interleaved is left alone', () => {
    const x = residentNode({}, [4, 5, 6]);
    const m = reduceNode('mean', x, 1, false);
    const sd = ew('sqrt', ew('mul', reduceNode('mean', ew('square', ew('sub', x, m)), 1, false), constantNode(5 / 4)));
    const plan = planFlush([ew('div', ew('sub', x, m), sd)]);
    expect(plan.decisions.some((d) => d.kernel === 'image_normalize')).toBe(false);
  });
});
