// The display copy a figure event carries: big series decimated (min/max per bucket), never the
// engine's own data; views compacted; big images subsampled.
import { describe, expect, it } from 'vitest';
import { decimateLine, figureForDisplay, imageForDisplay, DECIMATE_ABOVE } from '../../../src/engine/runtime/figures/display.ts';
import { FigureState } from '../../../src/engine/runtime/figures/state.ts';
import type { ImageSeries, LineSeries } from '../../../src/engine/runtime/figures/model.ts';
import { figuresOf } from './helpers.ts';

function line(x: Float64Array, y: Float64Array): LineSeries {
  return { kind: 'line', x, y, color: [0, 0, 0], lineStyle: '-', lineWidth: 0.5, marker: 'none', markerSize: 6, markerFaceColor: null, markerEdgeColor: null, name: null };
}

describe('display decimation', () => {
  it('keeps each bucket’s min and max, in order, and the series’ extremes', () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50) + (i === 77_777 ? 5 : 0));
    const d = decimateLine(line(x, y), 100);
    expect(d.x.length).toBeLessThanOrEqual(200);
    expect(Math.max(...d.y)).toBe(Math.max(...y));
    expect(Math.min(...d.y)).toBe(Math.min(...y));
    expect(d.x).toContain(77_777);
    for (let i = 1; i < d.x.length; i++) expect(d.x[i]).toBeGreaterThan(d.x[i - 1]);
    expect(d.displayDecimated).toBe(n);
  });

  it('keeps NaN gaps', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i);
    const y = Float64Array.from({ length: 1000 }, (_, i) => (i === 500 ? NaN : i));
    const d = decimateLine(line(x, y), 10);
    expect([...d.y].some(Number.isNaN)).toBe(true);
  });

  it('only series over a million points are decimated, and the engine keeps all of them', async () => {
    const state = new FigureState();
    const ax = state.plotTarget();
    const big = Float64Array.from({ length: DECIMATE_ABOVE + 10 }, (_, i) => i);
    state.addSeries(ax, line(big, big), line(big.subarray(0, 1000), big.subarray(0, 1000)));
    const shown = figureForDisplay(state.gcf());
    const [a, b] = shown.axes[0].series as LineSeries[];
    expect(a.x.length).toBeLessThan(20_000);
    expect(a.displayDecimated).toBe(DECIMATE_ABOVE + 10);
    expect(b.x.length).toBe(1000);
    // A view is copied so that structured clone does not carry the whole buffer.
    expect(b.x.buffer.byteLength).toBe(8000);
    expect((state.gcf().axes[0].series[0] as LineSeries).x.length).toBe(DECIMATE_ABOVE + 10);
    // Limits come from the full data.
    expect(shown.axes[0].resolved?.x[1]).toBeGreaterThanOrEqual(DECIMATE_ABOVE + 9);
  });

  it('a plotted million-plus line arrives decimated', async () => {
    const [fig] = await figuresOf('plot(rand(1, 1100000))');
    const s = fig.axes[0].series[0] as LineSeries;
    expect(s.displayDecimated).toBe(1_100_000);
    expect(s.x.length).toBeLessThan(20_000);
  });

  it('images travel as Float32Array; very large ones are subsampled', () => {
    const img = (rows: number, cols: number): ImageSeries => ({
      kind: 'image', rows, cols, channels: 1, data: new Float64Array(rows * cols).map((_, i) => i), mapping: 'scaled', clim: null, maxValue: 1, xData: [1, cols], yData: [1, rows], name: null,
    });
    const small = imageForDisplay(img(3, 4));
    expect(small.data).toBeInstanceOf(Float32Array);
    expect([...small.data]).toEqual([...Array(12).keys()]);
    const big = imageForDisplay(img(10, 5000));
    expect(big.cols).toBe(2500);
    expect(big.rows).toBe(5);
    expect(big.displayDecimated).toEqual([10, 5000]);
    expect(big.data[0]).toBe(0);
    expect(big.data[1]).toBe(2);
    expect(big.data[5]).toBe(20);
  });
});
