// GPU parity in the browser: the matrix kernels (register-tiled, vec4, small-k, gemv, transposed
// operands read through strides, each epilogue alone and combined, diag), SYRK (direct and
// split-k), cov, and ImageNormalize (whole array and per image), each reached from ordinary MATLAB
// code through the real worker, WGSL compiled by Chromium's WebGPU (SwiftShader in CI). Every
// snippet runs twice through `window.matbook.run`: with the GPU (`gpuArray(single(...))` inputs)
// and on the exact CPU (`single(...)`); every variable must agree to f32 accuracy, and the kernel
// list must name the kernel the case is about. Shapes are small and ragged: SwiftShader is slow.
import { expect, test, type Page } from '@playwright/test';
import type { RunResultJson, VariableJson } from '../src/worker/protocol.ts';
import { openNotebook } from './notebookPage.ts';

interface Case {
  name: string;
  /** Inputs: `name = <expr>` assignments of doubles; each becomes gpuArray(single(·)) or single(·). */
  inputs: Record<string, string>;
  body: string;
  /** `kernel/variant` prefixes that must appear in the GPU run's kernel list. */
  expect: string[];
  /** The epilogue or diag is folded into the product: no elementwise kernel runs. */
  folded?: boolean;
}

// Deterministic, exactly representable values in [-2, 2] (eighths), any shape.
const data = (m: number, n: number, salt = 1) => `reshape(mod((1:${m * n}) * ${17 + salt * 6}, 33) / 8 - 2, ${m}, ${n})`;

const CASES: Case[] = [
  { name: 'register-tiled, ragged', inputs: { A: data(33, 17), B: data(17, 45, 2) }, body: 'C = A*B;', expect: ['matmul/tiled'] },
  { name: 'vec4, aligned', inputs: { A: data(32, 20), B: data(20, 36, 2) }, body: 'C = A*B;', expect: ['matmul/vec4'] },
  { name: 'small-k', inputs: { A: data(70, 5), B: data(5, 90, 2) }, body: 'C = A*B;', expect: ['matmul/smallk'] },
  { name: 'matrix-vector', inputs: { A: data(77, 31), x: data(31, 1, 2) }, body: 'y = A*x;', expect: ['matmul/gemv'] },
  {
    name: "transposed operands (A'*B, A*B', A.'*B.')",
    inputs: { A: data(19, 23), B: data(19, 13, 2), D: data(29, 23, 3), E: data(31, 19, 4) },
    body: "C1 = A'*B; C2 = A*D'; C3 = A.'*E.';",
    expect: ['matmul/tiled'],
  },
  {
    name: "vec4 with transposed operands (A'*B, A*D', A*F' with n = 13)",
    inputs: { A: data(20, 24), B: data(20, 12, 2), D: data(28, 24, 3), F: data(13, 24, 4) },
    body: "C1 = A'*B; C2 = A*D'; C3 = A*F';",
    expect: ['matmul/vec4'],
  },
  {
    name: 'epilogue: alpha, bias row, clamps, power (combined)',
    inputs: { X: data(21, 18), W: data(18, 27, 2), b: data(1, 27, 3) },
    body: 'Y = max(min(2.5*(X*W) + b, 1), 0).^2;',
    expect: ['matmul/'],
    folded: true,
  },
  // Each epilogue alone (one product each: a product read twice is computed once, unfolded).
  ...[
    ['beta', 'Y = X*W + 0.5;'],
    ['column bias', 'Y = X*W + c;'],
    ['row scaling', 'Y = (X*W) .* c;'],
    ['column division', 'Y = (X*W) ./ r;'],
  ].map(([what, body]) => ({
    name: `epilogue alone: ${what}`,
    inputs: { X: data(21, 18), W: data(18, 27, 2), c: data(21, 1, 3), r: `abs(${data(1, 27, 4)}) + 1` },
    body,
    expect: ['matmul/'],
    folded: true,
  })),
  { name: 'diag(A*B) computes only the diagonal', inputs: { A: data(25, 14), B: data(14, 25, 2) }, body: 'd = diag(A*B);', expect: ['matmul/'], folded: true },
  { name: "SYRK A'*A (direct or split)", inputs: { A: data(61, 22) }, body: "G = A'*A;", expect: ['syrk/'] },
  { name: "SYRK of a tall A (split-k: partials, then reduce)", inputs: { A: data(1203, 9) }, body: "G = A.'*A;", expect: ['syrk/split', 'syrk/reduce'] },
  { name: 'cov(X) through SYRK', inputs: { X: data(57, 11) }, body: 'C = cov(X);', expect: ['syrk/'] },
  {
    name: 'ImageNormalize, whole array',
    inputs: { img: `(${data(37, 29)} + 2) / 4` },
    body: 'mu = mean(img(:)); sigma = std(img(:)); out = ((img - mu) ./ sigma) * 0.2 + 0.5; out = min(max(out, 0), 1); out = out .^ 2.2;',
    expect: ['image_normalize/stats', 'image_normalize/finalize', 'image_normalize/apply'],
  },
  {
    name: 'ImageNormalize, per image of an H×W×B batch',
    inputs: { imgs: `reshape((${data(17, 57)} + 2) / 4, 17, 19, 3)` },
    body: 'mu = mean(imgs, [1 2]); sigma = std(imgs, 0, [1 2]); out = max(min(((imgs - mu) ./ sigma) * 0.25 + 0.5, 1), 0);',
    expect: ['image_normalize/apply'],
  },
];

function source(c: Case, wrap: (x: string) => string): string {
  const inputs = Object.entries(c.inputs).map(([name, expr]) => `${name} = ${wrap(expr)};`);
  return [...inputs, c.body].join('\n');
}

function numbers(v: VariableJson): number[] {
  return (v.data as (number | string)[]).map(Number);
}

/** Names of variables whose GPU and CPU values differ by more than f32 accumulation allows. */
function mismatches(gpu: RunResultJson, cpu: RunResultJson): string[] {
  const bad: string[] = [];
  for (const [name, want] of Object.entries(cpu.vars)) {
    const got = gpu.vars[name];
    if (!got || got.class !== want.class || JSON.stringify(got.size) !== JSON.stringify(want.size)) {
      bad.push(`${name}: ${got?.class} ${JSON.stringify(got?.size)} vs ${want.class} ${JSON.stringify(want.size)}`);
      continue;
    }
    const g = numbers(got);
    const w = numbers(want);
    const scale = Math.max(1, ...w.map((x) => (Number.isFinite(x) ? Math.abs(x) : 0)));
    const worst = g.reduce((m, x, i) => (Number.isNaN(w[i]) ? (Number.isNaN(x) ? m : Infinity) : Math.max(m, Math.abs(x - w[i]))), 0);
    if (worst > 1e-4 * scale) bad.push(`${name}: max |gpu - cpu| = ${worst} (scale ${scale})`);
  }
  return bad;
}

async function run(page: Page, src: string, gpu: 'on' | 'off'): Promise<RunResultJson> {
  return page.evaluate(({ src, gpu }) => window.matbook!.run(src, { gpu }), { src, gpu });
}

test.describe('GPU kernels match the CPU in Chromium', () => {
  test.setTimeout(600_000);

  test('matmul variants, transposes, epilogues, diag, SYRK, cov and ImageNormalize', async ({ page }) => {
    const problems = await openNotebook(page);
    const adapter = await page.evaluate(() => window.matbook!.ready);
    test.skip(!adapter.available, `no WebGPU adapter: ${adapter.reason ?? ''}`);
    for (const c of CASES) {
      const gpu = await run(page, source(c, (x) => `gpuArray(single(${x}))`), 'on');
      const cpu = await run(page, source(c, (x) => `single(${x})`), 'off');
      expect(gpu.error, `${c.name}: ${gpu.error?.message}`).toBeNull();
      expect(cpu.error, `${c.name}: ${cpu.error?.message}`).toBeNull();
      expect(mismatches(gpu, cpu), c.name).toEqual([]);
      const kernels = (gpu.kernels ?? []).map((k) => `${k.name}/${k.variant}`);
      for (const prefix of c.expect) expect(kernels.some((k) => k.startsWith(prefix)), `${c.name}: ${prefix} in ${kernels.join(', ')}`).toBe(true);
      if (c.folded) expect(kernels.filter((k) => k.startsWith('elementwise/')), c.name).toEqual([]);
      // No transpose kernel: transposed operands are read through strides.
      expect(kernels.filter((k) => k.startsWith('transpose/')), c.name).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
});
