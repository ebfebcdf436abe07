// Host-computed math builtins (math.ts): special functions, number theory, roots, extra and
// degree-based trigonometry, with MATLAB's class rules and errors.
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';

type Var = { class: string; size: number[]; data?: unknown };

async function vars(src: string): Promise<Record<string, Var>> {
  const r = await runToJson(src, { gpu: 'off' });
  expect(r.error).toBeNull();
  return r.vars as Record<string, Var>;
}

async function fails(src: string): Promise<{ identifier: string; message: string }> {
  const r = await runToJson(src, { gpu: 'off' });
  expect(r.error).not.toBeNull();
  return r.error!;
}

function close(actual: unknown, expected: number[], tol = 1e-13): void {
  const a = actual as (number | string)[];
  expect(a.length).toBe(expected.length);
  a.forEach((x, i) => {
    if (typeof x === 'string') expect(x).toBe(Number.isNaN(expected[i]) ? 'NaN' : expected[i] > 0 ? 'Inf' : '-Inf');
    else expect(Math.abs(x - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  });
}

describe('special functions', () => {
  it('gamma and gammaln', async () => {
    const v = await vars('g = gamma([0.5 -1.5 171 172 -2 NaN]); l = gammaln([0.5 1e3 0]); s = gamma(single(4));');
    close(v.g.data, [Math.sqrt(Math.PI), (4 * Math.sqrt(Math.PI)) / 3, 7.257415615307994e306, Infinity, Infinity, NaN], 1e-12);
    close(v.l.data, [0.5723649429247001, 5905.220423209181, Infinity], 1e-12);
    expect(v.s).toEqual({ class: 'single', size: [1, 1], data: [6] });
  });
  it('erf, erfc, erfinv', async () => {
    const v = await vars('e = erf([0.1 -0.1 Inf 10]); c = erfc([10 -10 0.5]); i = erfinv([-1 2 0.1]); r = erf(erfinv([0.3 0.99999]));');
    close(v.e.data, [0.1124629160182849, -0.1124629160182849, 1, 1]);
    close(v.c.data, [2.088487583762545e-45, 2, 0.4795001221869535], 1e-12);
    close(v.i.data, [-Infinity, NaN, 0.08885599049425769], 1e-12);
    close(v.r.data, [0.3, 0.99999], 1e-14);
  });
  it('integer classes are rejected by transcendental functions', async () => {
    expect((await fails('x = gamma(int8(3));')).message).toMatch(/gamma/);
  });
});

describe('number theory', () => {
  it('factorial keeps integer classes and checks its input', async () => {
    const v = await vars('a = factorial(int16([3 8])); b = factorial(171); c = factorial([]);');
    expect(v.a).toEqual({ class: 'int16', size: [1, 2], data: [6, 32767] });
    expect(v.b.data).toEqual(['Inf']);
    expect(v.c.size).toEqual([0, 0]);
    expect((await fails('x = factorial(-1);')).identifier).toBe('MATLAB:factorial:NNegativeInteger');
    expect((await fails('x = factorial(1.5);')).identifier).toBe('MATLAB:factorial:NNegativeInteger');
  });
  it('nchoosek for scalars and vectors', async () => {
    const v = await vars("a = nchoosek(52, 5); b = nchoosek(4, 0); c = nchoosek('abc', 2); d = nchoosek(int8([5 6 7]), 3); e = nchoosek([1 2], 3);");
    expect(v.a.data).toEqual([2598960]);
    expect(v.b.data).toEqual([1]);
    expect(v.c).toEqual({ class: 'char', size: [3, 2], data: 'ab\nac\nbc' });
    expect(v.d).toEqual({ class: 'int8', size: [1, 3], data: [5, 6, 7] });
    expect(v.e.size).toEqual([0, 3]);
    expect((await fails('x = nchoosek(3, 4);')).identifier).toBe('MATLAB:nchoosek:KOutOfRange');
  });
  it('gcd, lcm, primes, isprime, idivide', async () => {
    const v = await vars("g = gcd([-12; 0], [18 0]); l = lcm(uint8(20), uint8(30)); p = primes(1); q = primes(uint16(10)); t = isprime([]); d = idivide(int8(100), int8(0)); z = idivide(int8([-3 3]), 2);");
    expect(v.g).toEqual({ class: 'double', size: [2, 2], data: [6, 18, 12, 0] });
    expect(v.l).toEqual({ class: 'uint8', size: [1, 1], data: [60] });
    expect(v.p.size).toEqual([1, 0]);
    expect(v.q).toEqual({ class: 'uint16', size: [1, 4], data: [2, 3, 5, 7] });
    expect(v.t.class).toBe('logical');
    expect(v.d.data).toEqual([127]);
    expect(v.z).toEqual({ class: 'int8', size: [1, 2], data: [-1, 1] });
    expect((await fails('x = gcd(1.5, 2);')).identifier).toBe('MATLAB:gcd:NonIntegerInput');
    expect((await fails('x = isprime(-2);')).identifier).toBe('MATLAB:isprime:InputNotPosInt');
    expect((await fails('x = idivide(7, 2);')).identifier).toBe('MATLAB:idivide:mustBeInteger');
    expect((await fails("x = idivide(int8(7), int8(2), 'up');")).identifier).toBe('MATLAB:idivide:InvalidRoundingOption');
  });
});

describe('roots and powers', () => {
  it('nthroot is exact for perfect powers and broadcasts', async () => {
    const v = await vars('a = nthroot([8 -8 1e-300], 3); b = nthroot(16, [2; 4]); c = nthroot(Inf, 2);');
    expect(v.a.data).toEqual([2, -2, 1e-100]);
    expect(v.b).toEqual({ class: 'double', size: [2, 1], data: [4, 2] });
    expect(v.c.data).toEqual(['Inf']);
    expect((await fails('x = nthroot(-8, 2);')).identifier).toBe('MATLAB:nthroot:NegXNotOddIntegerN');
  });
  it('pow2 and nextpow2', async () => {
    const v = await vars('a = pow2([-1 0 3]); b = pow2([1 2], [1; 2]); c = nextpow2([0.3 -8 9 Inf]);');
    expect(v.a.data).toEqual([0.5, 1, 8]);
    expect(v.b).toEqual({ class: 'double', size: [2, 2], data: [2, 4, 4, 8] });
    expect(v.c.data).toEqual([-1, 3, 4, 'Inf']);
  });
});

describe('trigonometry', () => {
  it('degree functions are exact at multiples of 90', async () => {
    const v = await vars('s = sind([360 -180 450]); c = cosd([-90 360 540]); t = tand([180 270 -270]); n = sind(NaN);');
    expect(v.s.data).toEqual([0, 0, 1]);
    expect(v.c.data).toEqual([0, 1, -1]);
    expect(v.t.data).toEqual([0, '-Inf', 'Inf']);
    expect(v.n.data).toEqual(['NaN']);
  });
  it('inverse functions give complex results outside their real domain', async () => {
    const v = await vars('a = acosh(-2); b = atanh(-2); c = asind(2); d = acosh([1 2]); e = asec(0.5);');
    const z = (x: Var): { re: number[]; im: number[] } => x.data as { re: number[]; im: number[] };
    close(z(v.a).re, [1.3169578969248166]);
    close(z(v.a).im, [Math.PI]);
    close(z(v.b).re, [-0.5493061443340549]);
    close(z(v.b).im, [Math.PI / 2]);
    close(z(v.c).re, [90]);
    expect(v.d.data).toEqual([0, Math.acosh(2)]);
    close(z(v.e).im, [1.3169578969248166]);
  });
  it('single stays single; sec, csc, cot at their poles', async () => {
    const v = await vars('a = sec(single(0)); b = cot(0); c = acot(0); d = rad2deg(single(pi));');
    expect(v.a.class).toBe('single');
    expect(v.b.data).toEqual(['Inf']);
    close(v.c.data, [Math.PI / 2]);
    expect(v.d.class).toBe('single');
  });
});
