// Statistics and data-analysis builtins (statistics.ts, dataAnalysis.ts) through the engine's JSON
// contract: NaN flags, 'all' and vecdim, empty inputs, classes, dims past ndims and errors.
import { describe, expect, it } from 'vitest';
import { fails, vars } from './run.ts';

const near = (x: unknown, y: number[]) => (x as number[]).forEach((xi, i) => expect(xi).toBeCloseTo(y[i], 10));

describe('median and mode', () => {
  it('median: empty, omitnan, all, vecdim, integers', async () => {
    const v = await vars("a = median([]); b = median([1 NaN 3], 'omitnan'); c = median(magic(4), 'all'); d = median(reshape(1:8, 2, 2, 2), [1 2]); e = median(int8([1 2])); f = median(zeros(0, 3)); g = median([4 2], 3);");
    expect(v.a.data).toEqual(['NaN']);
    expect(v.b.data).toEqual([2]);
    expect(v.c.data).toEqual([8.5]);
    expect(v.d).toEqual({ class: 'double', size: [1, 1, 2], data: [2.5, 6.5] });
    expect(v.e).toEqual({ class: 'int8', size: [1, 1], data: [2] });
    expect(v.f).toEqual({ class: 'double', size: [1, 3], data: ['NaN', 'NaN', 'NaN'] });
    expect(v.g.data).toEqual([4, 2]);
  });
  it('mode: ties pick the smallest, NaN ignored, frequency output', async () => {
    const v = await vars('[m, f] = mode([3 3 1 1 2]); n = mode([NaN NaN]); [p, q] = mode([1 2; 1 3], 2);');
    expect(v.m.data).toEqual([1]);
    expect(v.f.data).toEqual([2]);
    expect(v.n.data).toEqual(['NaN']);
    expect(v.p.data).toEqual([1, 1]);
    expect(v.q.data).toEqual([1, 1]);
  });
});

describe('var and std', () => {
  it('weights, dims, omitnan and the mean output', async () => {
    const v = await vars("a = var([1 2 3 4], 1); b = std([1 NaN 3], 'omitnan'); c = var(magic(3), 0, 'all'); [s, m] = std([2 4 6]); d = var([1 2; 3 4], [], 2); e = var([1; 2], 0, 5); f = std(single([1 3]));");
    expect(v.a.data).toEqual([1.25]);
    near(v.b.data, [Math.SQRT2]);
    expect(v.c.data).toEqual([7.5]);
    expect(v.s.data).toEqual([2]);
    expect(v.m.data).toEqual([4]);
    expect(v.d.data).toEqual([0.5, 0.5]);
    expect(v.e.data).toEqual([0, 0]);
    expect(v.f.class).toBe('single');
  });
  it('rejects bad weights and integer input', async () => {
    expect((await fails('x = var([1 2], 2);')).message).toMatch(/weights/);
    expect((await fails('x = std(int8([1 2]));')).message).toMatch(/integer/);
  });
});

describe('cov and corrcoef', () => {
  it('matrix, two-vector and empty forms', async () => {
    const v = await vars('a = cov([1 2; 2 4; 3 6]); b = cov([1 2 3], [3 2 1], 1); c = cov([]); r = corrcoef([1 2 3; 2 4 7; 3 5 5]); s = corrcoef([1 2 3]);');
    expect(v.a.data).toEqual([1, 2, 2, 4]);
    near(v.b.data, [2 / 3, -2 / 3, -2 / 3, 2 / 3]);
    expect(v.c.data).toEqual(['NaN']);
    expect(v.r.size).toEqual([3, 3]);
    expect((v.r.data as number[])[0]).toBe(1);
    expect(v.s.data).toEqual([1]);
    expect((await fails('x = cov([1 2], [1 2 3]);')).message).toMatch(/must match/);
  });
});

describe('histcounts', () => {
  it('edges, nbins and automatic bins', async () => {
    const v = await vars('a = histcounts([1 2 2 3 5 NaN 7], [0 2 4 6]); [b, eb] = histcounts([1 2 2 3]); [c, ec] = histcounts([0 10], 2); [d, ed] = histcounts([]); [e, ee] = histcounts([3 3 3]); f = histcounts([1 2 2 3], [0 2 4], \'Normalization\', \'probability\');');
    expect(v.a.data).toEqual([1, 3, 1]);
    expect(v.eb.data).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(v.b.data).toEqual([1, 2, 1]);
    expect(v.ec.data).toEqual([0, 5, 10]);
    expect(v.c.data).toEqual([1, 1]);
    expect(v.ed.data).toEqual([0, 1]);
    expect(v.d.data).toEqual([0]);
    expect(v.ee.data).toEqual([2.5, 3.5]);
    expect(v.e.data).toEqual([3]);
    expect(v.f.data).toEqual([0.25, 0.75]);
  });
  it('automatic bins for non-integer data use nice widths', async () => {
    const v = await vars('[n, e] = histcounts([0.1 0.25 0.4 0.9 1.7]); total = sum(n);');
    expect(v.total.data).toEqual([5]);
    const e = v.e.data as number[];
    expect(e[0]).toBeLessThanOrEqual(0.1);
    expect(e[e.length - 1]).toBeGreaterThanOrEqual(1.7);
  });
});

describe('trapz, cumtrapz, movmean, movsum', () => {
  it('integration along dims with spacing', async () => {
    const v = await vars('a = trapz([1 2 3], 3); b = trapz(2, [1 2 3]); c = cumtrapz([]); d = trapz(zeros(0, 3)); e = cumtrapz([1; 2], 2);');
    expect(v.a.data).toEqual([0, 0, 0]);
    expect(v.b.data).toEqual([8]);
    expect(v.c.size).toEqual([0, 0]);
    expect(v.d).toEqual({ class: 'double', size: [1, 3], data: [0, 0, 0] });
    expect(v.e.data).toEqual([0, 0]);
    expect((await fails('x = trapz([1 2], [1 2 3]);')).message).toMatch(/Length of X/);
  });
  it('moving windows: even k, omitnan, endpoints, window longer than data', async () => {
    const v = await vars("a = movmean([1 2 3 4], 2); b = movmean([1 NaN 3], 3, 'omitnan'); c = movsum([1 2 3], 10); d = movsum([1 2 3 4], 3, 'Endpoints', 0); e = movmean([1; 2; 3], 3, 2);");
    expect(v.a.data).toEqual([1, 1.5, 2.5, 3.5]);
    expect(v.b.data).toEqual([1, 2, 3]);
    expect(v.c.data).toEqual([6, 6, 6]);
    expect(v.d.data).toEqual([0, 6, 9, 0]);
    expect(v.e.data).toEqual([1, 2, 3]);
    expect((await fails('x = movmean([1 2], 0);')).message).toMatch(/Window length/);
  });
});

describe('normalize, rescale, bounds, range, mean of integers', () => {
  it('normalize methods along dims', async () => {
    const v = await vars("a = normalize([1 2; 3 6]); b = normalize([1 2 3], 'range', [-1 1]); c = normalize([1 2; 3 6], 2, 'center'); d = normalize([3 4], 'norm'); e = normalize([1 2 4], 'center', 'median');");
    near(v.a.data, [-Math.SQRT1_2, Math.SQRT1_2, -Math.SQRT1_2, Math.SQRT1_2]);
    expect(v.b.data).toEqual([-1, 0, 1]);
    expect(v.c.data).toEqual([-0.5, -1.5, 0.5, 1.5]);
    near(v.d.data, [0.6, 0.8]);
    expect(v.e.data).toEqual([-1, 0, 2]);
  });
  it('rescale, bounds and range', async () => {
    const v = await vars("a = rescale(int8([0 5 10])); [s, l] = bounds([NaN 2 1]); [s2, l2] = bounds([NaN 2 1], 'includenan'); r = range(int8([-100 100])); m = mean(int16([1 2]));");
    expect(v.a).toEqual({ class: 'double', size: [1, 3], data: [0, 0.5, 1] });
    expect([v.s.data, v.l.data]).toEqual([[1], [2]]);
    expect([v.s2.data, v.l2.data]).toEqual([['NaN'], ['NaN']]);
    expect(v.r).toEqual({ class: 'int8', size: [1, 1], data: [127] });
    expect(v.m).toEqual({ class: 'double', size: [1, 1], data: [1.5] });
  });
});
