// Regression tests for builtin bugs found by the builtins-core conformance cases: complex paths
// of the elementwise math functions, frexp-form log2, sign/isfinite of complex input, linspace
// edge cases, exist search types, isvarname/iskeyword, rng state capture, tic ids, who output.
import { describe, expect, it } from 'vitest';
import { fails, vars } from './run.ts';

type Complex = { re: number[]; im: number[] };

function near(actual: unknown, expected: number[], tol = 1e-13): void {
  const a = actual as (number | string)[];
  expect(a.length).toBe(expected.length);
  a.forEach((x, i) => {
    if (typeof x === 'string') expect(x).toBe(Number.isNaN(expected[i]) ? 'NaN' : expected[i] > 0 ? 'Inf' : '-Inf');
    else expect(Math.abs(x - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  });
}

function nearComplex(actual: unknown, re: number[], im: number[], tol = 1e-13): void {
  const c = actual as Complex;
  expect(c).toHaveProperty('re');
  near(c.re, re, tol);
  near(c.im, im, tol);
}

describe('log2 with two outputs', () => {
  it('splits into mantissa and exponent', async () => {
    const v = await vars('[f, e] = log2([8 0 -3 0.5 Inf NaN 1]);');
    near(v.f.data, [0.5, 0, -0.75, 0.5, Infinity, NaN, 0.5]);
    near(v.e.data, [4, 0, 2, 0, 0, 0, 1]);
    expect(v.f.size).toEqual([1, 7]);
  });
  it('reconstructs extreme values exactly', async () => {
    const v = await vars('x = [5e-324 2.2e-308 -1e300 3]; [f, e] = log2(x); ok = isequal(f .* 2 .^ e, x); r = all(abs(f) >= 0.5 & abs(f) < 1); [fm, em] = log2(realmax);');
    expect(v.ok.data).toEqual([true]);
    expect(v.r.data).toEqual([true]);
    near(v.e.data, [-1073, -1022, 997, 2]);
    near(v.fm.data, [1 - 2 ** -53]);
    near(v.em.data, [1024]);
  });
  it('single input stays single', async () => {
    const v = await vars('[f, e] = log2(single(12));');
    expect(v.f).toEqual({ class: 'single', size: [1, 1], data: [0.75] });
    expect(v.e).toEqual({ class: 'single', size: [1, 1], data: [4] });
  });
});

describe('complex results outside the real domain', () => {
  it('log1p, log2, log10 of negatives', async () => {
    const v = await vars('a = log1p(-2); b = log1p([1e-20 -2]); c = log2(-4); d = log10(-10); e = log1p([0 1]);');
    nearComplex(v.a.data, [0], [Math.PI]);
    nearComplex(v.b.data, [1e-20, 0], [0, Math.PI]);
    nearComplex(v.c.data, [2], [4.532360141827194]);
    nearComplex(v.d.data, [1], [1.3643763538418414]);
    near(v.e.data, [0, Math.LN2]);
  });
  it('asin and acos with MATLAB branch cuts', async () => {
    const v = await vars('a = asin(2); b = asin(-2); c = acos(2); d = acos(-3); e = asin([0.5 2]); f = acos(0.5);');
    nearComplex(v.a.data, [Math.PI / 2], [-1.3169578969248166]);
    nearComplex(v.b.data, [-Math.PI / 2], [1.3169578969248166]);
    nearComplex(v.c.data, [0], [1.3169578969248166]);
    nearComplex(v.d.data, [Math.PI], [-1.762747174039086]);
    nearComplex(v.e.data, [Math.PI / 6, Math.PI / 2], [0, -1.3169578969248166]);
    near(v.f.data, [Math.PI / 3]);
  });
  it('sqrt and log of negatives and complex', async () => {
    const v = await vars('a = sqrt(-4); b = sqrt(-3 + 4i); c = log(-1); d = log(1 + 1i); e = sqrt([4 9]);');
    nearComplex(v.a.data, [0], [2]);
    nearComplex(v.b.data, [1], [2]);
    nearComplex(v.c.data, [0], [Math.PI]);
    nearComplex(v.d.data, [0.34657359027997264], [Math.PI / 4]);
    near(v.e.data, [2, 3]);
  });
});

describe('complex input to trig, exp and hyperbolic functions', () => {
  it('matches the principal values', async () => {
    const v = await vars(`z = 1 + 1i;
      s = sin(z); c = cos(z); t = tan(z); e = exp(z);
      sh = sinh(z); ch = cosh(z); th = tanh(z); at = atan(z); as = asin(0.5 - 2i); ac = acos(-0.5 + 2i);`);
    nearComplex(v.s.data, [1.2984575814159773], [0.6349639147847361]);
    nearComplex(v.c.data, [0.8337300251311491], [-0.9888977057628651]);
    nearComplex(v.t.data, [0.2717525853195118], [1.0839233273386946]);
    nearComplex(v.e.data, [1.4686939399158851], [2.2873552871788423]);
    nearComplex(v.sh.data, [0.6349639147847361], [1.2984575814159773]);
    nearComplex(v.ch.data, [0.8337300251311491], [0.9888977057628651]);
    nearComplex(v.th.data, [1.0839233273386946], [0.2717525853195118]);
    nearComplex(v.at.data, [1.0172219678978514], [0.40235947810852507]);
    nearComplex(v.as.data, [0.22101863562288385], [-1.4657153519472905], 1e-12);
    nearComplex(v.ac.data, [1.7918149624177806], [-1.4657153519472905], 1e-12);
  });
  it('drops an all-zero imaginary part, and keeps tiny ones', async () => {
    const v = await vars('a = cos(2i); b = exp(1i * pi); c = cosh(1i * pi); r = isreal(a);');
    near(v.a.data, [3.7621956910836314]);
    expect(v.r.data).toEqual([true]);
    nearComplex(v.b.data, [-1], [1.2246467991473532e-16]);
    near(v.c.data, [-1]);
  });
  it('large imaginary parts do not overflow tan/tanh', async () => {
    const v = await vars('t = tan(0.3 + 800i); h = tanh(800 + 0.3i);');
    nearComplex(v.t.data, [0], [1]);
    near(v.h.data, [1]);
  });
  it('single complex stays single', async () => {
    const v = await vars('s = sin(single(1 + 1i)); c = class(s);');
    expect(v.c.data).toBe('single');
    nearComplex(v.s.data, [1.2984575814159773], [0.6349639147847361], 1e-6);
  });
});

describe('sign and the finite predicates on complex input', () => {
  it('sign is z./abs(z)', async () => {
    const v = await vars('a = sign(3 + 4i); b = sign(-2i); c = sign(complex(0, 0)); d = sign([-3 0 2]);');
    nearComplex(v.a.data, [0.6], [0.8]);
    nearComplex(v.b.data, [0], [-1]);
    near(v.c.data, [0]);
    near(v.d.data, [-1, 0, 1]);
  });
  it('isfinite, isinf, isnan look at both parts', async () => {
    const v = await vars(`z = [complex(1, Inf), complex(NaN, 1), 1 + 2i, complex(-Inf, NaN)];
      f = isfinite(z); i = isinf(z); n = isnan(z); g = isfinite(complex(1, Inf));`);
    expect(v.f.data).toEqual([false, false, true, false]);
    expect(v.i.data).toEqual([true, false, false, true]);
    expect(v.n.data).toEqual([false, true, false, true]);
    expect(v.g).toEqual({ class: 'logical', size: [1, 1], data: [false] });
  });
});

describe('linspace', () => {
  it('n = 0 gives a 1×0 row, n = 1 gives x2', async () => {
    const v = await vars('a = linspace(0, 1, 0); b = linspace(0, 1, -2); c = linspace(0, 1, 1);');
    expect(v.a).toEqual({ class: 'double', size: [1, 0], data: [] });
    expect(v.b.size).toEqual([1, 0]);
    expect(v.c.data).toEqual([1]);
  });
  it('single endpoints give single', async () => {
    const v = await vars('a = linspace(single(0), 1, 3); b = linspace(0, single(0.1), 2);');
    expect(v.a).toEqual({ class: 'single', size: [1, 3], data: [0, 0.5, 1] });
    expect(v.b).toEqual({ class: 'single', size: [1, 2], data: [0, Math.fround(0.1)] });
  });
});

describe('exist with a search type', () => {
  it('var, builtin and file', async () => {
    const v = await vars(`x = 3;
      a = exist('sin', 'var'); b = exist('x', 'var'); c = exist('sin', 'builtin'); d = exist('x', 'builtin');
      e = exist('sin'); f = exist('x'); g = exist('nosuch_xyz', 'file'); h = exist('sin', 'dir');`);
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => (v[k].data as number[])[0])).toEqual([0, 1, 5, 0, 5, 1, 0, 0]);
  });
  it('rejects an unknown search type', async () => {
    const e = await fails("exist('x', 'nonsense');");
    expect(e.identifier).toBe('MATLAB:exist:InvalidSearchType');
  });
});

describe('isvarname and iskeyword', () => {
  it('keywords are not variable names', async () => {
    const v = await vars("a = [isvarname('for'), isvarname('end'), isvarname('if'), isvarname('parfor'), isvarname('fork'), isvarname(\"x1\")];");
    expect(v.a.data).toEqual([false, false, false, false, true, true]);
  });
  it('iskeyword tests a word or lists the keywords', async () => {
    const v = await vars("a = [iskeyword('end'), iskeyword('while'), iskeyword('sin'), iskeyword('End')]; k = iskeyword; n = numel(k); c = class(k); s = size(k, 2);");
    expect(v.a.data).toEqual([true, true, false, false]);
    expect(v.n.data).toEqual([20]);
    expect(v.c.data).toBe('cell');
    expect(v.s.data).toEqual([1]);
  });
});

describe('rng state', () => {
  it('s = rng captures the position, rng(s) resumes there', async () => {
    const v = await vars(`rng(2); x = rand(1, 2); s = rng; a = rand(1, 3); rng(s); b = rand(1, 3);
      same1 = isequal(a, b);
      rng(5); y = randn(1, 3); z = randi(9, 1, 2); t = rng; p = [randn(1, 2), rand, randi(9)]; rng(t); q = [randn(1, 2), rand, randi(9)];
      same2 = isequal(p, q);
      rng(7); u = rng; m = rand(1, 2); rng(u); n = rand(1, 2); same3 = isequal(m, n);
      rng(3); w = rand; rng(3); ww = rand; same4 = w == ww;`);
    expect(v.same1.data).toEqual([true]);
    expect(v.same2.data).toEqual([true]);
    expect(v.same3.data).toEqual([true]);
    expect(v.same4.data).toEqual([true]);
  });
  it('the struct still reports Type and Seed', async () => {
    const v = await vars("rng(42); rand(1, 4); s = rng; seed = s.Seed; ty = s.Type;");
    expect(v.seed.data).toEqual([42]);
    expect(v.ty.data).toBe('twister');
  });
});

describe('tic and who', () => {
  it('tic with an output is a uint64 id that toc accepts', async () => {
    const v = await vars('id = tic; c = class(id); t = toc(id); ok = t >= 0 && isscalar(t);');
    expect(v.c.data).toBe('uint64');
    expect(v.ok.data).toEqual([true]);
  });
  it('w = who returns a sorted cell column and prints nothing', async () => {
    const { runToJson } = await import('../../../src/engine/runJson.ts');
    const r = await runToJson('b = 1; a = 2; B = 3; w = who; n = numel(w); first = w{1}; last = w{end}; s = size(w, 2);', { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(r.stdout).toBe('');
    const v = r.vars as Record<string, { data?: unknown; class: string }>;
    expect(v.w.class).toBe('cell');
    expect(v.n.data).toEqual([3]);
    expect(v.first.data).toBe('B');
    expect(v.last.data).toBe('b');
    expect(v.s.data).toEqual([1]);
  });
});
