// histogram (histcounts' bins) and hist (MATLAB's older centres-based bins).
import { describe, expect, it } from 'vitest';
import { histCentersAndCounts } from '../../../src/engine/builtins/graphics.ts';
import { figuresOf, run, seriesOf } from './helpers.ts';

describe('histogram', () => {
  it('counts with automatic integer bins', async () => {
    const [s] = await seriesOf('histogram([1 2 2 3 3 3])');
    expect(s.kind).toBe('histogram');
    if (s.kind !== 'histogram') return;
    expect([...s.edges]).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect([...s.values]).toEqual([1, 2, 3]);
  });
  it('nbins, edges, normalisation and BinWidth', async () => {
    const [a] = await seriesOf('histogram([1 2 2 3 5], [0 2 4 6])');
    if (a.kind !== 'histogram') throw new Error();
    expect([...a.values]).toEqual([1, 3, 1]);
    const [b] = await seriesOf("histogram([1 2 2 3 5], [0 2 4 6], 'Normalization', 'probability')");
    if (b.kind !== 'histogram') throw new Error();
    expect([...b.values]).toEqual([0.2, 0.6, 0.2]);
    const [c] = await seriesOf('histogram(0:0.1:0.99, 5)');
    if (c.kind !== 'histogram') throw new Error();
    expect(c.values.length).toBe(5);
    expect([...c.values].reduce((x, y) => x + y)).toBe(10);
    const [d] = await seriesOf("histogram([0.5 1.5 2.5 3.1], 'BinWidth', 1)");
    if (d.kind !== 'histogram') throw new Error();
    expect([...d.edges]).toEqual([0, 1, 2, 3, 4]);
    expect([...d.values]).toEqual([1, 1, 1, 1]);
  });
  it('h = histogram(...) gives Values, BinEdges, NumBins', async () => {
    const r = await run('h = histogram(randn(1000, 1), 25); assert(h.NumBins == 25); assert(sum(h.Values) == 1000); assert(numel(h.BinEdges) == 26)');
    expect(r.error).toBeNull();
    expect(r.figures).toHaveLength(1);
  });
});

describe('hist', () => {
  it('10 bins by default over the data range, centres returned', async () => {
    const { centers, counts } = histCentersAndCounts(Float64Array.from({ length: 11 }, (_, k) => k), null);
    expect([...centers]).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
    // (edge] intervals: 1 falls in the first bin with 0, the last bin holds 9 and 10.
    expect([...counts]).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
  it('[n, c] = hist(y, nbins) does not draw; hist(y, centres)', async () => {
    const r = await run('[n, c] = hist([1 2 2 3 3 3], 3); disp(n); m = hist([1 2 2 3 3 3], [1 3]); disp(m)');
    expect(r.error).toBeNull();
    expect(r.figures).toHaveLength(0);
    expect(r.stdout).toContain('1     2     3');
    expect(r.stdout).toContain('3     3');
  });
  it('hist(y) draws touching bars', async () => {
    const [fig] = await figuresOf('hist([1 2 2 3 3 3], 3)');
    const [s] = fig.axes[0].series;
    expect(s.kind).toBe('bar');
    if (s.kind !== 'bar') return;
    expect([...s.y]).toEqual([1, 2, 3]);
    expect(s.width).toBeCloseTo(2 / 3, 12);
  });
});
