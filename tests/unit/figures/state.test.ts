// The figure state: hold, subplot, figure numbers, close/clf, decorations, which figures a cell
// sends, and limits.
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/session.ts';
import { FigureState } from '../../../src/engine/runtime/figures/state.ts';
import { COLOR_ORDER } from '../../../src/engine/runtime/figures/model.ts';
import { niceLimits } from '../../../src/engine/runtime/figures/limits.ts';
import { figuresOf, run } from './helpers.ts';

describe('hold', () => {
  it('off (default): a new plot replaces the axes, title included', async () => {
    const [fig] = await figuresOf("plot(1:3); title('a'); plot(3:-1:1)");
    expect(fig.axes[0].series).toHaveLength(1);
    expect(fig.axes[0].title).toBe('');
  });
  it('on: plots add up and colours continue along the order; off again replaces', async () => {
    const [fig] = await figuresOf("plot(1:3); hold on; plot(2:4); title('t'); scatter(1:2, 1:2)");
    const colors = fig.axes[0].series.map((s) => ('color' in s ? s.color : null));
    expect(colors).toEqual([COLOR_ORDER[0], COLOR_ORDER[1], COLOR_ORDER[2]]);
    expect(fig.axes[0].title).toBe('t');
    expect(fig.axes[0].hold).toBe(true);
    const [again] = await figuresOf('plot(1:3); hold on; plot(2:4); hold off; plot(1:2)');
    expect(again.axes[0].series).toHaveLength(1);
  });
  it('hold alone toggles', () => {
    const st = new FigureState();
    st.hold('toggle');
    expect(st.gca().hold).toBe(true);
    st.hold('toggle');
    expect(st.gca().hold).toBe(false);
  });
});

describe('subplot', () => {
  it('makes a grid of axes; selecting an existing position keeps it', async () => {
    const [fig] = await figuresOf("subplot(2, 2, 1); plot(1:3); subplot(2, 2, 4); bar(1:2); subplot(2, 2, 1); title('first')");
    expect(fig.axes.map((a) => [a.rows, a.cols, a.cells])).toEqual([[2, 2, [1]], [2, 2, [4]]]);
    expect(fig.axes[0].title).toBe('first');
    expect(fig.axes[0].series).toHaveLength(1);
    expect(fig.currentAxes).toBe(0);
  });
  it('subplot(mnp), spans, and deleting overlapped axes', async () => {
    const [fig] = await figuresOf('subplot(221); plot(1); subplot(222); plot(2); subplot(2, 1, 2); plot(3); subplot(2, 2, [1 2]); plot(4)');
    // The span [1 2] covers the first two, which are gone; the bottom one (cell 2 of 2-by-1) stays.
    expect(fig.axes.map((a) => a.cells)).toEqual([[2], [1, 2]]);
    expect(fig.axes.map((a) => [a.rows, a.cols])).toEqual([[2, 1], [2, 2]]);
  });
  it('errors for a position outside the grid', async () => {
    expect((await run('subplot(2, 2, 5)')).error?.identifier).toBe('MATLAB:subplot:IndexOutOfRange');
  });
});

describe('figures', () => {
  it('figure makes new numbered figures; each touched figure is sent once, in order', async () => {
    const figs = await figuresOf("plot(1:3); figure; bar(1:3); figure(5); plot(1); figure(1); title('back')");
    expect(figs.map((f) => f.id)).toEqual([1, 2, 5]);
    expect(figs[0].axes[0].title).toBe('back');
  });
  it('a later cell sends only what it touched; close and clf', async () => {
    const session = new Session({ gpu: 'off' });
    await figuresOf('plot(1:3); figure; plot(1:2)', session);
    expect((await figuresOf('x = 1;', session)).map((f) => f.id)).toEqual([]);
    expect((await figuresOf("figure(1); title('again')", session)).map((f) => f.id)).toEqual([1]);
    expect((await figuresOf('close(1); plot(4:5)', session)).map((f) => f.id)).toEqual([2]);
    expect((await figuresOf('close all; plot(1)', session)).map((f) => f.id)).toEqual([1]);
    const [cleared] = await figuresOf('subplot(1, 2, 1); plot(1); clf; plot(2)', session);
    expect(cleared.axes).toHaveLength(1);
    expect(cleared.axes[0].cells).toEqual([1]);
  });
  it('a bare figure sends nothing; figures are sent even when the cell fails later', async () => {
    expect((await run('figure;')).figures).toHaveLength(0);
    const r = await run('plot(1:3); error("boom")');
    expect(r.error?.message).toBe('boom');
    expect(r.figures).toHaveLength(1);
  });
  it('drawnow sends the figure now; the end of the cell sends its final state', async () => {
    const figs = await figuresOf("plot(1:3); drawnow; title('done')");
    expect(figs).toHaveLength(2);
    expect(figs[0].id).toBe(figs[1].id);
    expect(figs[0].axes[0].title).toBe('');
    expect(figs[1].axes[0].title).toBe('done');
    expect(figs[1].version).toBeGreaterThan(figs[0].version);
  });
});

describe('decorations and limits', () => {
  it('title, labels, legend, grid, axis, xlim/ylim', async () => {
    const [fig] = await figuresOf("plot(1:10); title({'two', 'lines'}); xlabel('x'); ylabel(\"y\"); legend('a', 'Location', 'southwest'); grid on; axis([0 20 -1 11]); xlim([2 8]); axis equal");
    const ax = fig.axes[0];
    expect(ax.title).toBe('two\nlines');
    expect([ax.xlabel, ax.ylabel]).toEqual(['x', 'y']);
    expect(ax.legend).toEqual({ visible: true, labels: ['a'], location: 'southwest' });
    expect(ax.grid).toBe(true);
    expect(ax.xlim).toEqual([2, 8]);
    expect(ax.ylim).toEqual([-1, 11]);
    expect(ax.aspect).toBe('equal');
    expect(ax.resolved?.x).toEqual([2, 8]);
  });
  it('automatic limits round out to a nice step; axis tight fits the data', async () => {
    expect(niceLimits(0, 2 * Math.PI)).toEqual([0, 7]);
    expect(niceLimits(-1, 1)).toEqual([-1, 1]);
    expect(niceLimits(0.05, 0.95)).toEqual([0, 1]);
    expect(niceLimits(1, 10)).toEqual([1, 10]);
    const [fig] = await figuresOf('x = linspace(0, 2*pi); plot(x, sin(x))');
    expect(fig.axes[0].resolved?.x).toEqual([0, 7]);
    const [tight] = await figuresOf('x = linspace(0, 2*pi); plot(x, sin(x)); axis tight');
    expect(tight.axes[0].resolved?.x[1]).toBeCloseTo(2 * Math.PI, 12);
  });
  it('lims = xlim / axis return the shown limits', async () => {
    const r = await run('plot(1:10); a = xlim; b = axis; disp(a); disp(b)');
    expect(r.stdout).toContain('1    10');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('1 10 1 10');
  });
  it('colorbar and colormap', async () => {
    const [fig] = await figuresOf('imagesc(magic(4)); colormap(hot); colorbar');
    expect(fig.axes[0].colorbar).toBe(true);
    expect(fig.colormap.name).toBe('custom');
    expect(fig.colormap.colors.length).toBe(256 * 3);
    expect(fig.axes[0].resolved?.c).toEqual([1, 16]);
  });
});
