// plot's argument parsing: data groups, line specs, matrix columns, name/value pairs, colour
// order, errors; and the other series builders (scatter, bar, images).
import { describe, expect, it } from 'vitest';
import { COLOR_ORDER } from '../../../src/engine/runtime/figures/model.ts';
import { errorOf, figuresOf, seriesOf } from './helpers.ts';

describe('plot arguments', () => {
  it('plot(y) plots against the index', async () => {
    const [s] = await seriesOf('plot([3 1 2])');
    expect(s.kind).toBe('line');
    if (s.kind !== 'line') return;
    expect([...s.x]).toEqual([1, 2, 3]);
    expect([...s.y]).toEqual([3, 1, 2]);
    expect(s.color).toEqual(COLOR_ORDER[0]);
    expect(s.lineStyle).toBe('-');
    expect(s.marker).toBe('none');
  });

  it("several groups with specs: plot(x1, y1, 'r--o', x2, y2)", async () => {
    const series = await seriesOf("plot(1:3, [4 5 6], 'r--o', [0 1], [1 0])");
    expect(series).toHaveLength(2);
    const [a, b] = series;
    if (a.kind !== 'line' || b.kind !== 'line') throw new Error('lines expected');
    expect(a).toMatchObject({ color: [1, 0, 0], lineStyle: '--', marker: 'o' });
    expect([...a.y]).toEqual([4, 5, 6]);
    // The line without a colour takes the first colour of the order (the red one did not use it).
    expect(b).toMatchObject({ color: COLOR_ORDER[0], lineStyle: '-', marker: 'none' });
    expect([...b.x]).toEqual([0, 1]);
  });

  it('a marker-only spec draws no line', async () => {
    const [s] = await seriesOf("plot(1:3, 'ko')");
    expect(s).toMatchObject({ kind: 'line', lineStyle: 'none', marker: 'o', color: [0, 0, 0] });
  });

  it('matrix columns are series; a vector x against a matrix uses its matching dimension', async () => {
    const cols = await seriesOf('plot([1 2; 3 4; 5 6])');
    expect(cols).toHaveLength(2);
    expect(cols.map((s) => (s.kind === 'line' ? [...s.y] : []))).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(cols.map((s) => (s.kind === 'line' ? s.color : null))).toEqual([COLOR_ORDER[0], COLOR_ORDER[1]]);
    const rows = await seriesOf('plot(1:3, [1 2 3; 4 5 6])');
    expect(rows.map((s) => (s.kind === 'line' ? [...s.y] : []))).toEqual([[1, 2, 3], [4, 5, 6]]);
    const pairs = await seriesOf('plot([1 2; 3 4], [5 6; 7 8])');
    expect(pairs.map((s) => (s.kind === 'line' ? [[...s.x], [...s.y]] : []))).toEqual([[[1, 3], [5, 7]], [[2, 4], [6, 8]]]);
  });

  it('complex y plots real against imaginary', async () => {
    const [s] = await seriesOf('plot([1+2i, 3+4i])');
    if (s.kind !== 'line') throw new Error('line expected');
    expect([...s.x]).toEqual([1, 3]);
    expect([...s.y]).toEqual([2, 4]);
  });

  it('name/value pairs apply to every line', async () => {
    const series = await seriesOf("plot(1:2, 1:2, 1:2, 2:3, 'LineWidth', 2, 'Color', [0 0.5 0], 'DisplayName', 'd', 'MarkerSize', 9, 'Marker', 's')");
    for (const s of series) expect(s).toMatchObject({ lineWidth: 2, color: [0, 0.5, 0], name: 'd', markerSize: 9, marker: 's' });
  });

  it('errors like MATLAB', async () => {
    expect((await errorOf('plot(1:3, 1:4)')).identifier).toBe('MATLAB:plot:VectorLengthsMustMatch');
    expect((await errorOf("plot(1:3, 'LineWidth')")).identifier).toBe('MATLAB:plot:InvalidLineSpec');
    expect((await errorOf("plot(1:3, 'LineWidth', 2, 'Bogus', 1)")).identifier).toBe('MATLAB:class:InvalidProperty');
    expect((await errorOf("plot(1:3, 'Color')")).identifier).toBe('MATLAB:plot:InvalidLineSpec');
    expect((await errorOf("plot(1:3, 'r', 'Color')")).identifier).toBe('MATLAB:plot:PairsMismatch');
  });

  it('h = plot(...) returns one handle per line', async () => {
    const figs = await figuresOf('h = plot([1 2; 3 4]); assert(numel(h) == 2)');
    expect(figs).toHaveLength(1);
  });
});

describe('other series', () => {
  it('scatter: sizes, colour values and filled', async () => {
    const [s] = await seriesOf("scatter(1:3, [2 4 6], [10 20 30], [1 2 3], 'filled', 'DisplayName', 'pts')");
    expect(s).toMatchObject({ kind: 'scatter', filled: true, name: 'pts', marker: 'o' });
    if (s.kind !== 'scatter') return;
    expect([...s.sizes]).toEqual([10, 20, 30]);
    expect([...s.colorValues!]).toEqual([1, 2, 3]);
    const [t] = await seriesOf("scatter(1:3, 1:3, 5, 'r', 's')");
    expect(t).toMatchObject({ color: [1, 0, 0], marker: 's', filled: false });
  });

  it('bar: a vector, grouped and stacked matrices', async () => {
    const [b] = await seriesOf('bar([3 1 2])');
    expect(b).toMatchObject({ kind: 'bar', width: 0.8 });
    const grouped = await seriesOf('bar([1 2; 3 4])');
    expect(grouped).toHaveLength(2);
    if (grouped[0].kind !== 'bar' || grouped[1].kind !== 'bar') throw new Error('bars expected');
    expect(grouped[0].x[0]).toBeLessThan(1);
    expect(grouped[1].x[0]).toBeGreaterThan(1);
    const stacked = await seriesOf("bar([1 2; 3 4], 'stacked')");
    if (stacked[1].kind !== 'bar') throw new Error('bar expected');
    expect([...stacked[1].base!]).toEqual([1, 3]);
  });

  it('imagesc keeps the matrix column-major with its size, reverses y and takes clim', async () => {
    const figs = await figuresOf('imagesc([0 1; 2 3], [0 6])');
    const ax = figs[0].axes[0];
    const [s] = ax.series;
    expect(s).toMatchObject({ kind: 'image', rows: 2, cols: 2, channels: 1, mapping: 'scaled' });
    if (s.kind !== 'image') return;
    expect([...s.data]).toEqual([0, 2, 1, 3]);
    expect(ax.yDir).toBe('reverse');
    expect(ax.clim).toEqual([0, 6]);
    expect(ax.resolved).toEqual({ x: [0.5, 2.5], y: [0.5, 2.5], c: [0, 6] });
  });

  it('imshow: grey with display range, RGB, axis image and off, gray colormap', async () => {
    const figs = await figuresOf('imshow(uint8([0 128; 255 64]))');
    const ax = figs[0].axes[0];
    expect(ax).toMatchObject({ aspect: 'image', visible: false, clim: [0, 255] });
    expect(ax.colormap?.name).toBe('gray');
    const rgb = await seriesOf('imshow(rand(4, 5, 3))');
    expect(rgb[0]).toMatchObject({ kind: 'image', channels: 3, mapping: 'truecolor', maxValue: 1 });
    const ranged = await figuresOf('imshow([1 5; 3 9], [])');
    expect(ranged[0].axes[0].clim).toEqual([1, 9]);
  });
});
