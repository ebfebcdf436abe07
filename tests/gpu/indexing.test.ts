// Indexing GPU values on the device: reads of one contiguous range of elements (`x(:, j)`,
// `x(:, end)`, pages `x(:, :, k)`, linear ranges, a one-run logical mask) are `index/slice`
// kernels, and writes of one (`y(:, j) = v`, a scalar broadcast, host data) are `index/splice`
// kernels, with no read-back (a chain of writes copies the array once, then `index/write`s each
// range into it). MATLAB sources run in a GPU session (`gpu: 'on'`, inputs in
// gpuArray(single(...))) and a CPU session (`gpu: 'off'`, inputs single(...)), and every variable
// is compared: class, size, data. Patterns that are not one range (and one-element reads) fall
// back to the host and must still match; bad subscripts and mismatched sizes raise exactly the CPU
// session's errors. The IIR smoothing workload runs its loop without reading anything back.
// Skipped, with the reason printed, when there is no WebGPU adapter.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRangeWrite, buildSlice, buildSplice } from '../../src/engine/kernels/rangeCopy.ts';
import type { KernelProgram } from '../../src/engine/kernels/program.ts';
import { openWebGpu, type GpuArrayHandle, type WebGpuProvider } from '../../src/engine/providers/webgpu/index.ts';
import { runInSession } from '../../src/engine/runJson.ts';
import { Session } from '../../src/engine/session.ts';
import type { RunResultJson } from '../../src/worker/protocol.ts';
import { compareAll, gpuSession as pairedGpuSession, onGpu, runPairs, SINGLE, type Both, type Wrap } from './sessionPairs.ts';

const opened = await openWebGpu();
const provider = opened.provider;
if (!provider) console.warn(`[tests/gpu] skipping GPU indexing tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => provider?.destroy());

// ---- sessions ----

const gpuSession = (): Session => pairedGpuSession(provider);
/** Runs each cell in a fresh GPU and a fresh CPU session; `errors` lets cells fail (compared by the caller). */
const runBoth = (cells: ((w: Wrap) => string)[], errors = false): Promise<Both[]> => runPairs(provider, cells, { allowErrors: errors });

/** `name/variant` of every kernel a run dispatched. */
function kernelsOf(r: RunResultJson): string[] {
  return (r.kernels ?? []).map((k) => `${k.name}/${k.variant}`);
}

/** Counts read-backs (provider.download) while `body` runs. */
async function countingDownloads<T>(p: WebGpuProvider, body: () => Promise<T>): Promise<{ result: T; downloads: number }> {
  const original = p.download;
  let downloads = 0;
  p.download = (handle) => {
    downloads++;
    return original.call(p, handle);
  };
  try {
    return { result: await body(), downloads };
  } finally {
    p.download = original;
  }
}

/** Runs `source` in `session` (no JSON: reading the variables back afterwards is not counted). */
async function runCell(session: Session, source: string): Promise<{ error: string | null; kernels: string[] }> {
  let error: string | null = null;
  const kernels: string[] = [];
  await session.run(source, (e) => {
    if (e.type === 'error') error = `${e.error.identifier}: ${e.error.message}`;
    else if (e.type === 'kernel') kernels.push(`${e.name}/${e.variant}`);
  });
  return { error, kernels };
}

const X = 'reshape(mod((1:105) * 7, 23) - 11, 7, 15) / 8';
const P = 'reshape(mod((1:60) * 5, 17) - 8, 3, 4, 5) / 4';

describe.skipIf(!provider)('the index kernels', () => {
  it('slice, splice (whole and broadcast values) and write, on odd offsets, with the grid folded into rows', async () => {
    const p = provider!;
    const n = 2000; // 8 workgroups of 256; with a limit of 3 per dimension: 3 × 3
    const xs = Float64Array.from({ length: n }, (_, i) => i + 1);
    const vs = Float64Array.from({ length: 1501 }, (_, i) => -(i + 1));
    const x = p.upload(xs);
    const v = p.upload(vs);
    const k = p.upload(Float64Array.of(0.5));
    /** Dispatches `program` into a fresh array (zeros, or `start`) and reads it back. */
    const run = async (program: KernelProgram, inputs: GpuArrayHandle[], length: number, start?: Float64Array): Promise<number[]> => {
      const out = start ? p.upload(start) : p.allocate(length, true);
      p.dispatch(program, inputs, out);
      const events = await p.flush();
      expect(events.map((e) => `${e.name}/${e.variant}`)).toEqual([`${program.name}/${program.variant}`]);
      const got = [...(await p.download(out))];
      p.release(out);
      return got;
    };
    const slice = buildSlice([n, 1], 333, [1501, 1], 3);
    expect(slice.workgroups).toEqual([3, 2, 1]);
    expect(await run(slice, [x], 1501)).toEqual([...xs.slice(333, 1834)]);
    const splice = buildSplice([40, 50], 333, 1501, [1501, 1], 3);
    expect(splice.workgroups).toEqual([3, 3, 1]);
    expect(await run(splice, [x, v], n)).toEqual([...xs].map((e, i) => (i >= 333 && i < 1834 ? vs[i - 333] : e)));
    const broadcast = buildSplice([n, 1], 1999, 1, [1, 1], 3);
    expect(await run(broadcast, [x, k], n)).toEqual([...xs].map((e, i) => (i === 1999 ? 0.5 : e)));
    const write = buildRangeWrite([n, 1], 7, 1501, [1, 1501], 3);
    expect(await run(write, [v], n, xs)).toEqual([...xs].map((e, i) => (i >= 7 && i < 1508 ? vs[i - 7] : e)));
    const fill = buildRangeWrite([n, 1], 1000, 999, [1, 1], 3);
    expect(await run(fill, [k], n, xs)).toEqual([...xs].map((e, i) => (i >= 1000 && i < 1999 ? 0.5 : e)));
    // Offsets and lengths are uniforms: one pipeline per program whatever the range.
    expect(buildSlice([9, 9], 3, [9, 1]).cacheKey).toBe(slice.cacheKey);
    expect(buildSplice([9, 9], 3, 9, [1, 1]).cacheKey).toBe(splice.cacheKey);
    for (const h of [x, v, k]) p.release(h);
  });
});

describe.skipIf(!provider)('indexing GPU values on the device', () => {
  it('the IIR loop (column reads and writes) matches the CPU, with slice and splice kernels and no read-back', async () => {
    const setup = (w: Wrap) => `
      B = 37; T = 9; a = single(0.875);
      x = ${w('reshape(mod((1:333) * 13, 31), 37, 9) / 32')};
      y = zeros(B, T, 'single');
      z = ${w('zeros(37, 9)')};`;
    const loop = `
      y(:, 1) = x(:, 1);
      z(:, 1) = x(:, 1);
      for t = 2:T
        y(:, t) = a * y(:, t - 1) + (1 - a) * x(:, t);
        z(:, t) = a * z(:, t - 1) + (1 - a) * x(:, t);
      end`;
    const [, r] = await runBoth([setup, () => `${loop}\n m = mean(y(:, T));`]);
    compareAll(r);
    // x was read back for the first cell's JSON: its columns come from that host copy, and
    // y(:, t - 1) is the value written to it one iteration before: no slice kernel is needed.
    expect(kernelsOf(r.gpu)).toContain('index/splice');
    // The loop's writes are one chain: one copy of y, then each column written into it.
    expect(r.gpu.plan?.find((d) => d.kernel === 'index' && d.variant === 'splice')?.reason).toMatch(
      /^37×9 with 9 contiguous ranges replaced on the GPU \(elements 1:37 by a 37×1 value, …, elements 297:333 by a 37×1 value\).* the 8 intermediate arrays are not live and never stored$/,
    );
    expect(kernelsOf(r.gpu).filter((k) => k === 'index/write').length).toBe(2 * 8);

    // The loop alone, in a session of its own: nothing is read back, y and z stay GPU arrays.
    const s = gpuSession();
    expect((await runCell(s, setup(onGpu))).error).toBeNull();
    const { result, downloads } = await countingDownloads(provider!, () => runCell(s, `${loop}\n gy = isgpuarray(y); gz = isgpuarray(z);`));
    expect(result.error).toBeNull();
    expect(downloads).toBe(0);
    expect(result.kernels).toContain('index/slice');
    expect(result.kernels).toContain('index/splice');
    const flags = await runInSession(s, 'f = [gy gz];');
    expect(flags.vars.f.data).toEqual([true, true]);
  });

  it('reads: x(:, end), x(:, j), column ranges, pages, linear ranges, vectors, a one-run mask, the whole array', async () => {
    const [r] = await runBoth([
      (w) => `
        x = ${w(X)};
        p = ${w(P)};
        r = ${w('(1:20) / 4')};
        c1 = x(:, end);
        c2 = x(:, 4);
        c3 = x(:, 2:5);
        c4 = x(3:6, 2);
        c5 = x(:, end - 1:end);
        p1 = p(:, :, 2);
        p2 = p(:, :, end);
        p3 = p(:, 2:3, 4);
        p4 = p(:, :, 2:3);
        l1 = x(10:40);
        l2 = x(1:end);
        l3 = x(:, :);
        v1 = r(3:11);
        v2 = r(end - 4:end) .* 2;
        m = false(1, 105); m(20:30) = true;
        v3 = x(m);
        s1 = sum(x(:, 3:7), 1);
        e1 = x(:, 3:2);
      `,
    ]);
    compareAll(r);
    const slices = kernelsOf(r.gpu).filter((k) => k === 'index/slice').length;
    // Every read above is one contiguous range of several elements, except l2/l3 (the whole array: no copy) and e1 (empty).
    expect(slices).toBeGreaterThanOrEqual(14);
    expect(r.gpu.vars.p1.size).toEqual([3, 4]);
    expect(r.gpu.vars.v1.size).toEqual([1, 9]);
    expect(r.gpu.vars.e1.size).toEqual([7, 0]);
  });

  it('reads of pending values and of slices of slices', async () => {
    const [r] = await runBoth([
      (w) => `
        x = ${w(X)};
        y = x .* 2 + 1;
        a = y(:, 3);
        b = a(2:5);
        c = y(:);
        d = c(8:21);
        e = tanh(y(:, 2:4)) - 1;
      `,
    ]);
    compareAll(r);
    expect(kernelsOf(r.gpu)).toContain('index/slice');
  });

  it('writes: a scalar broadcast, host data, GPU data, row into a column, pages, linear ranges, the whole array', async () => {
    const [r] = await runBoth([
      (w) => `
        y = ${w(X)};
        g = ${w("(1:7)'")};
        y(:, 3) = 5;
        y(:, 4) = [1; 2; 3; 4; 5; 6; 7] / 8;
        y(:, 5) = g .* 2;
        y(:, 6) = 1:7;
        y(:, 8:9) = ${w('ones(7, 2) * 3')};
        y(20:30) = -1;
        y(50:53) = g(1:4);
        p = ${w(P)};
        p(:, :, 3) = ${w('eye(3, 4)')};
        p(:, :, 5) = 0.5;
        q = ${w('zeros(2, 3)')};
        q(:) = ${w('[1 2 3 4 5 6]')};
        u = ${w('zeros(2, 3)')};
        u(:, :) = 2;
      `,
    ]);
    compareAll(r);
    // Consecutive writes to one variable form a chain: a splice, then each later range written
    // (y: 1 + 6, p: 1 + 1, u: 1); q(:) = v is v itself, no kernel.
    expect(kernelsOf(r.gpu).filter((k) => k === 'index/splice').length).toBe(3);
    expect(kernelsOf(r.gpu).filter((k) => k === 'index/write').length).toBe(7);
    expect(r.gpu.plan?.some((d) => d.kernel === 'index' && d.variant === 'splice' && /one value broadcast/.test(d.reason))).toBe(true);
  });

  it('splice chains: intermediates that another value or reader needs are stored, and every value matches', async () => {
    const [r] = await runBoth([
      (w) => `
        y = ${w(X)};
        y(:, 1) = 1;
        keep = y;
        y(:, 2) = 2;
        s1 = sum(y(:));
        y(:, 3) = y(:, 2) + y(:, 1);
        y(:, 4) = 4;
        mid = y(5:12);
        y(:, 5) = y(:, 4) .* 2;
        f = @() y;
        y(:, 6) = 6;
        y(:, 7) = 7;
        held = f();
        col = y(:, 6);
      `,
    ]);
    compareAll(r, SINGLE, ['f']);
    expect(kernelsOf(r.gpu)).toContain('index/write');
  });

  it('classes: logical arrays stay logical, a double GPU array keeps its class, logical data written as numbers falls back', async () => {
    const [r] = await runBoth([
      (w) => `
        x = ${w(X)};
        L = x > 0;
        L(:, 2) = x(:, 1) < 0;
        L(:, 3) = true;
        L2 = L(:, 2:4);
        d = ${w === onGpu ? 'gpuArray(double(x))' : 'double(x)'};
        d(:, 1) = x(:, 2);
        n = x > 0;
        n(:, 1) = x(:, 3);
        s = x;
        s(:, 2) = L(:, 1);
      `,
    ]);
    compareAll(r);
    expect(r.gpu.vars.L.class).toBe('logical');
    expect(r.gpu.vars.L2.class).toBe('logical');
    expect(r.gpu.vars.d.class).toBe('double');
    expect(r.gpu.vars.n.class).toBe('single');
    expect(r.gpu.vars.s.class).toBe('single');
  });

  it('patterns that are not one range, one element, growth and deletion fall back to the host and match', async () => {
    const [r] = await runBoth([
      (w) => `
        x = ${w(X)};
        a = x([1 3], :);
        b = x(:, [4 2]);
        c = x(2:3, 4:5);
        d = x(5);
        e = x(2, 3);
        y = ${w(X)};
        y([2 9 4]) = 7;
        z = ${w(X)};
        z(2:3, 4:5) = -2;
        w1 = ${w(X)};
        w1(:, 16) = 1;
        w2 = ${w(X)};
        w2(:, 2) = [];
        w3 = ${w(X)};
        w3(4) = 9;
        w4 = ${w('1:5')};
        w4(7:8) = 3;
      `,
    ]);
    compareAll(r);
  });

  it('bad subscripts and mismatched sizes raise exactly the CPU errors', async () => {
    const cases = [
      'v = x(:, 99);',
      'v = x(0);',
      'v = x(1.5, 1);',
      'v = x(200:210);',
      'v = x(:, :, 2);',
      'v = p(:, :, 6);',
      'y = x; y(:, 2) = ones(3, 1);',
      'y = x; y(:, 2) = x(:, 1:2);',
      'y = x; y(1:5) = [1 2];',
      'y = x; y(0) = 1;',
      'y = x; y(:, 1.5) = 1;',
      "y = x; y(:, 2) = {1};",
    ];
    for (const body of cases) {
      const [r] = await runBoth([(w) => `x = ${w(X)}; p = ${w(P)}; ${body}`], true);
      expect(r.cpu.error, body).not.toBeNull();
      expect(r.gpu.error, body).toEqual(r.cpu.error);
    }
  });

  it('the IIR smoothing workload: slice and splice kernels, only the printed mean is read back', async () => {
    const workload = readFileSync(new URL('../../bench/workloads/iir_smoothing.m', import.meta.url), 'utf8');
    const s = gpuSession();
    const { result, downloads } = await countingDownloads(provider!, () => runCell(s, `B = 64; T = 12;\n${workload}`));
    expect(result.error).toBeNull();
    expect(result.kernels).toContain('index/slice');
    expect(result.kernels).toContain('index/splice');
    // One read-back: m for fprintf.
    expect(downloads).toBe(1);
  });
});
