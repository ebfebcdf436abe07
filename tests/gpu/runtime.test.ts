// The GPU runtime end to end: MATLAB sources run through two sessions, one with the WebGPU
// provider (`gpu: 'on'`, inputs wrapped in gpuArray(single(...))) and one exact CPU session
// (`gpu: 'off'`, inputs single(...)), and every variable is compared: class, size, and data
// (relative 1e-5 for single, exact for logical, identical NaN/Inf). Covers the issue's example
// and its kernel list, broadcasting, 3-D reductions along every dimension, NaN/Inf rules,
// comparisons, x(:) views, gather/isgpuarray, values reused after a sync point, and a seeded
// differential fuzz of 200 random elementwise expressions. Skipped, with the reason printed,
// when there is no WebGPU adapter.

import { afterAll, describe, expect, it } from 'vitest';
import { broadcastShapes, expandedStrides } from '../../src/engine/graph/broadcast.ts';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { runInSession } from '../../src/engine/runJson.ts';
import { Session } from '../../src/engine/session.ts';
import { collectGarbage } from '../../bench/util.ts';
import { compareAll, cpuSession, gpuSession as pairedGpuSession, num, numbers, runPairs, SINGLE, type Both, type Wrap } from './sessionPairs.ts';

const opened = await openWebGpu();
const provider = opened.provider;
if (!provider) console.warn(`[tests/gpu] skipping GPU runtime tests: no adapter (${opened.adapter.reason ?? 'unknown reason'})`);

afterAll(() => provider?.destroy());

// ---- sessions ----

const gpuSession = (): Session => pairedGpuSession(provider);
/** Runs each cell in a fresh GPU and a fresh CPU session; every cell must succeed. */
const runBoth = (...cells: ((w: Wrap) => string)[]): Promise<Both[]> => runPairs(provider, cells);

/** A MATLAB row literal of numbers (NaN/Inf spelled MATLAB's way). */
function literal(values: readonly number[]): string {
  return `[${values.map((v) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : String(v))).join(' ')}]`;
}

/** Deterministic values: multiples of 1/8 in [lo, hi] (exact in f32, sums exact too). */
function eighths(n: number, salt: number, lo = -4, hi = 4): number[] {
  let state = (0x2545f491 ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0;
  return Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round((lo + (state / 2 ** 32) * (hi - lo)) * 8) / 8;
  });
}

/**
 * Collects garbage until the provider's memory stops changing (finalization callbacks trail a
 * collection by a few tasks), so buffers earlier tests dropped are back before a test measures.
 */
async function settleMemory(): Promise<number> {
  let last = -1;
  for (let round = 0; round < 10 && provider!.memoryInUse() !== last; round++) {
    last = provider!.memoryInUse();
    await collectGarbage();
  }
  return provider!.memoryInUse();
}

// ---- the tests ----

describe.skipIf(!provider)('GPU runtime against the CPU session', () => {
  it("the issue's example: random, one fused elementwise kernel, reduction; sum matches the f64 sum", async () => {
    const s = gpuSession();
    const first = await runInSession(s, `x = rand(512, 384, 'single'); y = tanh(x .* 2 + 1) - x.^2; s = sum(y(:));`);
    expect(first.error).toBeNull();
    const kernels = first.kernels ?? [];
    expect(kernels.length).toBeGreaterThanOrEqual(3);
    expect(kernels[0].name).toBe('random');
    expect(kernels[1]).toMatchObject({ name: 'elementwise', variant: 'fused' });
    expect(kernels.slice(2).map((k) => k.name)).toEqual(kernels.slice(2).map(() => 'reduction'));
    for (const k of kernels) expect(k.gpu_us).toBeGreaterThanOrEqual(0);
    expect((first.plan ?? []).map((d) => d.kernel)).toEqual(['random', 'elementwise', 'reduction']);
    for (const d of first.plan ?? []) expect(d.reason.length).toBeGreaterThan(0);

    const { x, y } = first.vars;
    expect(x).toMatchObject({ class: 'single', size: [512, 384] });
    expect(y).toMatchObject({ class: 'single', size: [512, 384] });
    expect(first.vars.s).toMatchObject({ class: 'single', size: [1, 1] });
    // y against an f64 evaluation of the chain on the same x.
    const xs = numbers(x);
    const ys = numbers(y);
    let bad = 0;
    for (let i = 0; i < xs.length; i++) {
      expect(xs[i] >= 0 && xs[i] < 1).toBe(true);
      const want = Math.tanh(xs[i] * 2 + 1) - xs[i] ** 2;
      if (Math.abs(ys[i] - want) > 1e-6 + 1e-5 * Math.abs(want)) bad++;
    }
    expect(bad, 'elements of y off the f64 reference').toBe(0);

    const second = await runInSession(s, 'r = sum(double(gather(y(:))));');
    expect(second.error).toBeNull();
    const r = num((second.vars.r.data as unknown[])[0]);
    const got = num((second.vars.s.data as unknown[])[0]);
    expect(second.vars.r.class).toBe('double');
    expect(Math.abs(got - r)).toBeLessThanOrEqual(1e-4 * Math.abs(r));
    // And against the host sum of the read-back y.
    const hostSum = ys.reduce((a, b) => a + b, 0);
    expect(Math.abs(r - hostSum)).toBeLessThanOrEqual(1e-9 * Math.abs(hostSum));
  });

  it('broadcasting: row ⊕ column, matrix ⊕ row/column, scalars (gpu and double constants)', async () => {
    const [r] = await runBoth(
      (w) => `
        r = ${w('[1 2 3 4 5]')};
        c = ${w('[10; 20; 30]')};
        s = ${w('2.5')};
        m = ${w('reshape(1:15, 3, 5) / 8')};
        o1 = r + c;
        o2 = c .* r - s;
        o3 = m ./ r + c;
        o4 = s - m;
        o5 = max(r, c);
        o6 = min(m, 0.75);
        o7 = r .^ 2 + c;
        o8 = m + 1.5;
        o9 = (m - c) .* (r ./ 4);
        o10 = exp(-abs(m - r)) + tanh(c ./ 40);
        t = reshape(1:3, 1, 1, 3);
        o11 = m .* t + r;
      `,
    );
    compareAll(r);
    expect(r.gpu.vars.o1.size).toEqual([3, 5]);
    expect(r.gpu.vars.o11.size).toEqual([3, 5, 3]);
    expect(r.gpu.vars.o11.class).toBe('single');
    expect(r.gpu.kernels?.every((k) => k.name === 'elementwise')).toBe(true);
  });

  it('3-D arrays: sum/mean/max/min/any/all along dims 1, 2, 3 and all', async () => {
    const x = eighths(4 * 5 * 3, 1);
    // Every other column is all-zero in slice 2, so any/all differ across dimensions.
    const z = eighths(4 * 5 * 3, 2, -2, 2).map((v, i) => (i % 8 === 0 || (i >= 20 && i < 40 && Math.floor((i - 20) / 4) % 2 === 0) ? 0 : v));
    const fns = ['sum', 'mean', 'max', 'min', 'any', 'all'] as const;
    const dims = ['1', '2', '3', "'all'"];
    const lines: string[] = [];
    for (const f of fns) {
      dims.forEach((d, i) => {
        const arg = f === 'max' || f === 'min' ? `[], ${d}` : d;
        lines.push(`${f}_x${i + 1} = ${f}(x, ${arg});`, `${f}_z${i + 1} = ${f}(z, ${arg});`);
      });
      lines.push(`${f}_d = ${f}(x);`);
    }
    const [r] = await runBoth((w) => `x = ${w(`reshape(${literal(x)}, 4, 5, 3)`)};\nz = ${w(`reshape(${literal(z)}, 4, 5, 3)`)};\n${lines.join('\n')}\nmx2 = max(x, [], 2);\nmn3 = min(z, [], 3);\nsl = sum(x > 0, 3);\nml = mean(x .* 2, 2);`);
    compareAll(r);
    expect(r.gpu.vars.sum_x3.size).toEqual([4, 5]);
    expect(r.gpu.vars.sum_x2.size).toEqual([4, 1, 3]);
    expect(r.gpu.vars.any_z1.class).toBe('logical');
    expect(r.gpu.vars.sl.class).toBe('double');
    expect(r.gpu.vars.mx2).toMatchObject({ class: 'single', size: [4, 1, 3] });
    expect(r.gpu.kernels?.some((k) => k.name === 'reduction')).toBe(true);
  });

  it('reductions over larger arrays (multi-pass schedules) and row vectors', async () => {
    const [r] = await runBoth(
      (w) => `
        a = ${w('reshape(mod((1:6000) * 37, 101) / 16 - 3, 60, 100)')};
        v = ${w('mod((1:5000) * 13, 29) / 8')};
        s1 = sum(a, 1); s2 = sum(a, 2); s3 = sum(a, 'all');
        m1 = max(a, [], 1); m2 = min(a, [], 2); m3 = max(a, [], 'all');
        mv = mean(v); sv = sum(v); xv = max(v);
        q = sum(a .* a, 2);
      `,
    );
    // Sums of thousands of terms: f32 accumulation order differs from the host's f64 sum.
    compareAll(r, { rtol: 1e-5, atol: 1e-3 });
  });

  it('max(a, b) and min(a, b) elementwise, with broadcasting and NaN (ignored)', async () => {
    const [r] = await runBoth(
      (w) => `
        a = ${w('[1 NaN 3; -2 5 NaN]')};
        b = ${w('[0 2 NaN; NaN 4 -1]')};
        c = ${w('[2; NaN]')};
        m1 = max(a, b); m2 = min(a, b);
        m3 = max(a, c); m4 = min(c, a);
        m5 = max(a, 0); m6 = min(b, 1.5);
        m7 = max(a, b) - min(a, b);
      `,
    );
    compareAll(r);
    expect(r.gpu.vars.m1.data).toEqual([1, -2, 2, 5, 3, -1]);
  });

  it('NaN and Inf: max/min ignore NaN, sum and mean propagate it, Inf arithmetic', async () => {
    const [r] = await runBoth(
      (w) => `
        x = ${w('[1 NaN 3; Inf -Inf 2; NaN NaN NaN; 4 5 -6]')};
        mx1 = max(x, [], 1); mx2 = max(x, [], 2); mn1 = min(x, [], 1); mn2 = min(x, [], 2);
        mxa = max(x, [], 'all'); mna = min(x, [], 'all');
        s1 = sum(x, 1); s2 = sum(x, 2); sa = sum(x, 'all'); me = mean(x, 2);
        an = any(x, 2); al = all(x, 1);
        e1 = x + 1; e2 = x .* 0; e3 = abs(x); e4 = exp(x); e5 = x ./ 0; e6 = -x ./ Inf;
        e7 = tanh(x); e8 = sqrt(abs(x)); e9 = x - x; e10 = x .^ 2;
        n1 = isnan(x); n2 = isinf(x); n3 = x ~= x; n4 = x == x; n5 = x > 0; n6 = x <= Inf;
      `,
    );
    compareAll(r);
    expect(r.gpu.vars.mx1.data).toEqual(['Inf', 5, 3]);
    expect(r.gpu.vars.mn2.data).toEqual([1, '-Inf', 'NaN', -6]);
    expect(r.gpu.vars.s1.data).toEqual(['NaN', 'NaN', 'NaN']);
    expect(r.gpu.vars.s2.data).toEqual(['NaN', 'NaN', 'NaN', 3]);
  });

  it('comparisons and logical operators produce logical arrays', async () => {
    const [r] = await runBoth(
      (w) => `
        a = ${w('[1 2 3; 4 5 6]')};
        b = ${w('[3 2 1]')};
        c1 = a > b; c2 = a == 2; c3 = a <= b; c4 = a ~= b; c5 = a >= 4.5; c6 = a < 2.5;
        l1 = (a > 2) & (a < 5); l2 = (a == 1) | (b == 1); l3 = ~(a > 3); l4 = xor(a > 2, b > 1);
        d1 = (a > 2) + 1; d2 = sum(a > 2, 2); d3 = (a > b) .* a;
        t = any(a > 5); u = all(a > 0, 2);
      `,
    );
    compareAll(r);
    for (const n of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'l1', 'l2', 'l3', 'l4', 't', 'u']) expect(r.gpu.vars[n].class, n).toBe('logical');
    expect(r.gpu.vars.d1.class).toBe('double'); // logical + double
    expect(r.gpu.vars.d3.class).toBe('single');
    expect(r.gpu.vars.d2.class).toBe('double');
    expect(r.gpu.vars.c1.data).toEqual([false, true, false, true, true, true]);
  });

  it('x(:) views: a free alias, read by reductions and elementwise ops', async () => {
    const [r] = await runBoth(
      (w) => `
        x = ${w('reshape(1:24, 2, 3, 4) / 4')};
        v = x(:);
        s = sum(x(:));
        p = x(:) .* 2;
        y = tanh(x ./ 6);
        yv = y(:);
        m = max(y(:));
        n = numel(v);
      `,
    );
    compareAll(r);
    expect(r.gpu.vars.v.size).toEqual([24, 1]);
    expect(r.gpu.vars.yv.size).toEqual([24, 1]);
    // A view is not a kernel: only elementwise and reduction kernels ran (no copy).
    expect(r.gpu.kernels?.map((k) => k.name).filter((n) => n !== 'elementwise' && n !== 'reduction')).toEqual([]);
  });

  it('gather and isgpuarray', async () => {
    const [r] = await runBoth(
      (w) => `
        x = ${w('[1 2; 3 4]')};
        h = gather(x .* 2);
        g1 = isgpuarray(x); g2 = isgpuarray(h); g3 = isgpuarray(x + 1); g4 = isgpuarray(sum(x, 1)); g5 = isgpuarray(x > 2);
        k = h + 1;
        hd = double(gather(x)) / 3;
      `,
    );
    compareAll(r, SINGLE, ['g1', 'g3', 'g4', 'g5']);
    for (const n of ['g1', 'g3', 'g4', 'g5']) {
      expect(r.gpu.vars[n], n).toEqual({ class: 'logical', size: [1, 1], data: [true] });
      expect(r.cpu.vars[n], n).toEqual({ class: 'logical', size: [1, 1], data: [false] });
    }
    expect(r.gpu.vars.g2.data).toEqual([false]);
    expect(r.gpu.vars.hd.class).toBe('double');
  });

  // Bug: max/min with a host first argument and a GPU second argument (max(2, G)) is run on the
  // host, so the result is not a gpuArray. In MATLAB any gpuArray input makes the result a gpuArray.
  it('max(2, G) and min(hostArray, G) are gpuArrays', async () => {
    const g = gpuSession();
    const r = await runInSession(g, 'G = gpuArray(single([1 5 3])); a = isgpuarray(max(2, G)); b = isgpuarray(min(single([4 4 4]), G));');
    expect(r.error).toBeNull();
    expect(r.vars.a.data).toEqual([true]);
    expect(r.vars.b.data).toEqual([true]);
  });

  it("constructors with 'gpuArray' (zeros, ones, eye, nan, rand, randn, randi) give GPU arrays of the asked class and values", async () => {
    const g = gpuSession();
    const r = await runInSession(
      g,
      `z = zeros(3, 'gpuArray'); o = ones(2, 3, 'single', 'gpuArray'); e = eye(4, 'gpuArray'); n = nan(1, 5, 'gpuArray');
       u = rand(37, 53, 'single', 'gpuArray'); v = randn(5000, 1, 'gpuArray'); k = randi([2 4], 1, 6, 'gpuArray');
       onGpu = [isgpuarray(z) isgpuarray(o) isgpuarray(e) isgpuarray(n) isgpuarray(u) isgpuarray(v) isgpuarray(k)];
       classes = {class(z), class(o), class(e), class(u), class(v)};
       inUnit = all(u(:) > 0 & u(:) < 1); nearZero = abs(mean(v)) < 0.1; inRange = all(k >= 2 & k <= 4);
       total = sum(o(:)) + trace(gather(e)); allNan = all(isnan(n));`,
    );
    expect(r.error).toBeNull();
    expect(r.vars.onGpu.data).toEqual([true, true, true, true, true, true, true]);
    expect(r.vars.classes).toMatchObject({ class: 'cell', size: [1, 5] });
    for (const name of ['inUnit', 'nearZero', 'inRange', 'allNan']) expect(r.vars[name].data, name).toEqual([true]);
    expect(r.vars.total.data).toEqual([10]);
    expect(r.vars.u.class).toBe('single');
    expect(r.vars.v.class).toBe('double');
    // Without a GPU the same code runs on the host: 'gpuArray' is accepted, nothing is on a device.
    const cpu = await runInSession(cpuSession(), "z = zeros(2, 'gpuArray'); u = rand(3, 'single', 'gpuArray'); g = isgpuarray(z) || isgpuarray(u);");
    expect(cpu.error).toBeNull();
    expect(cpu.vars.g.data).toEqual([false]);
  });

  it('past the GPU memory budget a cell fails with an out-of-memory error before anything runs; the workspace and later cells are fine', async () => {
    // The provider is shared by this file's sessions: the budget is 1 MiB over what they hold,
    // once their garbage has given its buffers back (so no collection can widen it mid-test).
    await settleMemory();
    const g = new Session({ gpu: 'on', gpuBudgetBytes: provider!.memoryInUse() + 1024 * 1024 });
    g.attachGpu(provider);
    const ok = await runInSession(g, "a = rand(300, 300, 'single', 'gpuArray'); s1 = sum(a(:)) > 0;");
    expect(ok.error).toBeNull();
    // 512×512 f32 is 1 MiB on its own: with `a` held, the budget cannot take it.
    const tooBig = await runInSession(g, "b = rand(512, 512, 'single', 'gpuArray'); s2 = sum(b(:));");
    expect(tooBig.error).toMatchObject({ identifier: 'parallel:gpu:array:OOM' });
    // The graph is bounded after each statement: the refusal comes at the allocation, before s2.
    expect(tooBig.error?.message).toMatch(/^Out of memory on device: this step needs 1\.0 MiB more .* Not kept \(never computed\): b\.$/);
    expect(tooBig.vars.s2).toBeUndefined();
    expect(tooBig.vars.b).toBeUndefined();
    expect(tooBig.vars.a).toBeDefined();
    const after = await runInSession(g, 's3 = sum(a(:)) > 0;');
    expect(after.error).toBeNull();
    expect(after.vars.s3.data).toEqual([true]);
  });

  it('an expression over 12 distinct GPU arrays (more than one kernel may bind) is split into kernels and matches', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `v${i}`);
    const [r] = await runBoth(
      (w) => `
        ${names.map((n, i) => `${n} = ${w(`reshape(1:35, 5, 7) * ${i + 1}`)};`).join(' ')}
        total = ${names.join(' + ')};
        mixed = (v0 .* v1 - v2 ./ v3) + max(v4, v5) .* (v6 + v7 + v8) - min(v9, v10) + v11;
        s = sum(${names.map((n) => `${n}(:)`).join(' + ')});
      `,
    );
    compareAll(r);
  });

  it('buffers of values dropped after a policy switch (a new GPU runtime) still go back to the pool', async () => {
    const g = new Session({ gpu: 'on' });
    g.attachGpu(provider);
    expect(await collectGarbage()).toBe(true);
    const before = await settleMemory();
    const made = await runInSession(g, "big = rand(1024, 1024, 'single', 'gpuArray'); s = sum(big(:)) > 0;");
    expect(made.error).toBeNull();
    expect(provider!.memoryInUse()).toBeGreaterThanOrEqual(before + 4 * 1024 * 1024);
    // The status bar's policy switch replaces the session's GPU runtime; then the value goes.
    g.gpu = 'auto';
    expect((await runInSession(g, 'clear big')).error).toBeNull();
    // Finalization callbacks trail a collection by a few tasks: collect until they have run.
    for (let round = 0; round < 10 && provider!.memoryInUse() >= before + 4 * 1024 * 1024; round++) await collectGarbage();
    expect(provider!.memoryInUse()).toBeLessThan(before + 4 * 1024 * 1024);
  });

  it('a value used after a sync point: display, then reuse; conditions; later cells', async () => {
    const [one, two] = await runBoth(
      (w) => `
        x = ${w('reshape(1:12, 3, 4) / 5')};
        y = x .* 2 + 1
        z = y - 1;
        w2 = sum(y, 2);
        if sum(y(:)) > 10
          q = y ./ 2;
        else
          q = y;
        end
        acc = x;
        for i = 1:3
          acc = acc .* 0.5 + 1;
          t(i) = sum(acc(:));
        end
      `,
      () => `u = y + z; v = max(w2, [], 1) + q(1); acc2 = acc .^ 2;`,
    );
    compareAll(one);
    expect(one.gpu.stdout).toContain('y =');
    expect(one.gpu.stdout).toBe(one.cpu.stdout);
    compareAll(two);
  });

  it('differential fuzz: 200 random elementwise expressions over random broadcast shapes', async () => {
    const rng = mulberry32(20240611);
    const exprs = Array.from({ length: 200 }, (_, i) => fuzzCase(rng, i));
    const BATCH = 25;
    let checked = 0;
    let skipped = 0;
    let loose = 0;
    const failures: string[] = [];
    for (let start = 0; start < exprs.length; start += BATCH) {
      const batch = exprs.slice(start, start + BATCH);
      const source = (w: Wrap): string => batch.map((c) => c.source(w)).join('\n');
      const [r] = await runBoth(source);
      // Every expression ran as GPU kernels, not host fallbacks.
      expect((r.gpu.kernels ?? []).filter((k) => k.name === 'elementwise').length).toBeGreaterThanOrEqual(batch.length);
      expect(r.cpu.kernels).toBeUndefined();
      for (const c of batch) {
        const g = r.gpu.vars[`Y${c.index}`];
        const h = r.cpu.vars[`Y${c.index}`];
        expect(h.class, c.text).toBe('single');
        expect(g.class, c.text).toBe('single');
        expect(g.size, c.text).toEqual(h.size);
        const gd = numbers(g);
        const cd = numbers(h);
        const ref = c.reference();
        expect(cd.length, c.text).toBe(ref.length);
        for (let i = 0; i < cd.length; i++) {
          const [v, e] = ref[i];
          const cv = cd[i];
          const gv = gd[i];
          if (!Number.isFinite(cv) || !Number.isFinite(e)) {
            // Non-finite on the CPU (or an ill-conditioned element): compared only when both agree exactly.
            if ((Number.isNaN(cv) && Number.isNaN(gv)) || cv === gv) checked++;
            else skipped++;
            continue;
          }
          checked++;
          const slack = 3 * e;
          if (slack > 1e-5 + 1e-4 * Math.abs(cv)) loose++;
          if (!(Math.abs(gv - cv) <= 1e-5 + 1e-4 * Math.abs(cv) + slack)) failures.push(`${c.text} [${i}]: gpu ${gv} cpu ${cv} f64 ${v} (±${e.toExponential(2)})`);
          if (!(Math.abs(cv - v) <= 1e-5 + 1e-4 * Math.abs(v) + slack)) failures.push(`${c.text} [${i}]: cpu ${cv} vs f64 ${v} (±${e.toExponential(2)})`);
        }
      }
    }
    if (process.env.FUZZ_STATS) console.log(`fuzz: ${checked} elements checked, ${skipped} skipped, slack>tol on ${loose}`);
    expect(failures.slice(0, 10), `${failures.length} mismatches`).toEqual([]);
    expect(checked / (checked + skipped), `checked ${checked}, skipped ${skipped}`).toBeGreaterThan(0.9);
  });
});

// ---- the fuzz: expressions, MATLAB text, and an f64 reference with an error bound ----

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Unary = 'sq' | 'abs' | 'sqrtabs' | 'expnegabs' | 'tanh';
type Binary = '+' | '-' | '.*' | './' | 'max' | 'min';
type Expr =
  | { kind: 'var'; index: number }
  | { kind: 'const'; value: number }
  | { kind: 'un'; op: Unary; a: Expr }
  | { kind: 'bin'; op: Binary; a: Expr; b: Expr };

const UNARY: Unary[] = ['sq', 'abs', 'sqrtabs', 'expnegabs', 'tanh'];
const BINARY: Binary[] = ['+', '-', '.*', './', 'max', 'min'];
const CONSTANTS = [0.5, 2, -1.5, 3, 0.25, -2, 1.25];
const U = 2 ** -24;

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)];
}

function hasVar(e: Expr): boolean {
  return e.kind === 'var' || (e.kind === 'un' && hasVar(e.a)) || (e.kind === 'bin' && (hasVar(e.a) || hasVar(e.b)));
}

function genExpr(rng: () => number, depth: number): Expr {
  if (depth === 0 || rng() < 0.2) return rng() < 0.8 ? { kind: 'var', index: Math.floor(rng() * 3) } : { kind: 'const', value: pick(rng, CONSTANTS) };
  if (rng() < 0.4) return { kind: 'un', op: pick(rng, UNARY), a: genExpr(rng, depth - 1) };
  let a = genExpr(rng, depth - 1);
  let b = genExpr(rng, depth - 1);
  const op = pick(rng, BINARY);
  return { kind: 'bin', op, a, b };
}

function text(e: Expr, names: readonly string[]): string {
  switch (e.kind) {
    case 'var':
      return names[e.index];
    case 'const':
      return e.value < 0 ? `(${e.value})` : String(e.value);
    case 'un': {
      const a = text(e.a, names);
      switch (e.op) {
        case 'sq':
          return `(${a}).^2`;
        case 'abs':
          return `abs(${a})`;
        case 'sqrtabs':
          return `sqrt(abs(${a}))`;
        case 'expnegabs':
          return `exp(-abs(${a}))`;
        case 'tanh':
          return `tanh(${a})`;
      }
      break;
    }
    case 'bin': {
      const a = text(e.a, names);
      const b = text(e.b, names);
      return e.op === 'max' || e.op === 'min' ? `${e.op}(${a}, ${b})` : `(${a} ${e.op} ${b})`;
    }
  }
  throw new Error('unreachable');
}

function usedVars(e: Expr, out = new Set<number>()): Set<number> {
  if (e.kind === 'var') out.add(e.index);
  else if (e.kind === 'un') usedVars(e.a, out);
  else if (e.kind === 'bin') {
    usedVars(e.a, out);
    usedVars(e.b, out);
  }
  return out;
}

/** [value, error bound] of the expression in f64, given f32-exact leaf values. */
type Bounded = [number, number];

function evaluate(e: Expr, leaf: (index: number) => number): Bounded {
  switch (e.kind) {
    case 'var':
      return [leaf(e.index), 0];
    case 'const':
      return [e.value, 0];
    case 'un': {
      const [a, ea] = evaluate(e.a, leaf);
      if (!Number.isFinite(a) || !Number.isFinite(ea)) return [NaN, Infinity];
      switch (e.op) {
        case 'sq': {
          const v = a * a;
          return [v, 2 * Math.abs(a) * ea + ea * ea + 16 * U * v];
        }
        case 'abs':
          return [Math.abs(a), ea];
        case 'sqrtabs': {
          const v = Math.sqrt(Math.abs(a));
          return [v, (v > 0 ? Math.min(Math.sqrt(ea), ea / v) : Math.sqrt(ea)) + 4 * U * v];
        }
        case 'expnegabs': {
          const v = Math.exp(-Math.abs(a));
          return [v, v * Math.expm1(ea) + (4 + 2 * Math.abs(a)) * U * v + 1e-30];
        }
        case 'tanh': {
          const v = Math.tanh(a);
          const slope = 1 - Math.tanh(Math.max(Math.abs(a) - ea, 0)) ** 2;
          return [v, Math.min(ea, ea * slope) + 8 * U * Math.abs(v) + 2 * U];
        }
      }
      break;
    }
    case 'bin': {
      const [a, ea] = evaluate(e.a, leaf);
      const [b, eb] = evaluate(e.b, leaf);
      if (!Number.isFinite(a) || !Number.isFinite(ea) || !Number.isFinite(b) || !Number.isFinite(eb)) return [NaN, Infinity];
      switch (e.op) {
        case '+':
        case '-': {
          const v = e.op === '+' ? a + b : a - b;
          return [v, ea + eb + U * Math.abs(v)];
        }
        case '.*': {
          const v = a * b;
          return [v, Math.abs(a) * eb + Math.abs(b) * ea + ea * eb + U * Math.abs(v)];
        }
        case './': {
          if (Math.abs(b) <= 2 * eb || b === 0) return [a / b, Infinity];
          const v = a / b;
          return [v, (ea + Math.abs(v) * eb) / (Math.abs(b) - eb) + U * Math.abs(v)];
        }
        case 'max':
          return [Math.max(a, b), Math.max(ea, eb)];
        case 'min':
          return [Math.min(a, b), Math.max(ea, eb)];
      }
    }
  }
  throw new Error('unreachable');
}

interface FuzzCase {
  index: number;
  text: string;
  source(w: Wrap): string;
  /** Per output element (column-major): f64 value and error bound. */
  reference(): Bounded[];
}

const DIM1 = [1, 2, 3, 4, 7, 16, 37];
const DIM2 = [1, 2, 5, 13, 29];
const DIM3 = [1, 2, 3];

function fuzzCase(rng: () => number, index: number): FuzzCase {
  const outShape = index % 10 === 9 ? [37, 29, 3] : rng() < 0.3 ? [pick(rng, DIM1), pick(rng, DIM2), pick(rng, DIM3)] : [pick(rng, DIM1), pick(rng, DIM2)];
  const shapes = [0, 1, 2].map(() => (rng() < 0.1 ? outShape.map(() => 1) : outShape.map((d) => (rng() < 0.3 ? 1 : d))));
  const data = shapes.map((s) =>
    Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => {
      const r = rng();
      if (r < 0.05) return 0;
      const v = r < 0.08 ? (rng() - 0.5) * 80 : (rng() - 0.5) * 6;
      const rounded = Math.round(v * 100) / 100;
      return rounded === 0 ? 0 : rounded;
    }),
  );
  let expr = genExpr(rng, 1 + Math.floor(rng() * 4));
  if (!hasVar(expr)) expr = { kind: 'bin', op: '+', a: { kind: 'var', index: 0 }, b: expr };
  if (expr.kind === 'var') expr = { kind: 'un', op: pick(rng, UNARY), a: expr };
  const names = [`A${index}`, `B${index}`, `C${index}`];
  const body = text(expr, names);
  const used = [...usedVars(expr)];
  return {
    index,
    text: `Y${index} = ${body}  (shapes ${used.map((u) => `${names[u]}:${shapes[u].join('x')}`).join(', ')})`,
    source: (w) =>
      [
        ...names.map((n, i) => `${n} = ${w(`reshape(${literal(data[i])}, ${shapes[i].join(', ')})`)};`),
        `Y${index} = ${body};`,
      ].join('\n'),
    reference: () => {
      let shape: number[] = [1, 1];
      for (const u of used) shape = broadcastShapes(shape, shapes[u])!;
      const strides = used.map((u) => expandedStrides(shapes[u], shape));
      const total = shape.reduce((a, b) => a * b, 1);
      const out: Bounded[] = [];
      const sub = new Array<number>(shape.length).fill(0);
      for (let lin = 0; lin < total; lin++) {
        let rest = lin;
        for (let d = 0; d < shape.length; d++) {
          sub[d] = rest % shape[d];
          rest = Math.floor(rest / shape[d]);
        }
        out.push(
          evaluate(expr, (v) => {
            const st = strides[used.indexOf(v)];
            let off = 0;
            for (let d = 0; d < shape.length; d++) off += sub[d] * st[d];
            return Math.fround(data[v][off]);
          }),
        );
      }
      return out;
    },
  };
}
