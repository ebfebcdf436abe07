// Colormaps: MATLAB's formulas for gray, hot and jet; parula-like and viridis ramps; the builtins.
import { describe, expect, it } from 'vitest';
import { colormapColors, COLORMAP_NAMES } from '../../../src/engine/runtime/figures/colormaps.ts';
import { runToJson } from '../../../src/engine/runJson.ts';

function rows(colors: Float32Array): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < colors.length; k += 3) out.push([colors[k], colors[k + 1], colors[k + 2]].map((v) => Math.round(v * 1e4) / 1e4));
  return out;
}

describe('colormaps', () => {
  it('gray runs from black to white', () => {
    expect(rows(colormapColors('gray', 3))).toEqual([[0, 0, 0], [0.5, 0.5, 0.5], [1, 1, 1]]);
  });
  it("jet and hot follow MATLAB's formulas", () => {
    expect(rows(colormapColors('jet', 4))).toEqual([[0, 0, 1], [0, 1, 1], [1, 1, 0], [1, 0, 0]]);
    expect(rows(colormapColors('hot', 3))).toEqual([[1, 0, 0], [1, 1, 0], [1, 1, 1]]);
    const jet = rows(colormapColors('jet', 256));
    expect(jet[0][2]).toBeGreaterThan(0.5);
    expect(jet[0][0]).toBe(0);
    expect(jet[255][0]).toBeGreaterThanOrEqual(0.5);
    expect(jet[255][2]).toBe(0);
  });
  it('parula and viridis go from dark blue/purple to yellow', () => {
    for (const name of ['parula', 'viridis'] as const) {
      const m = rows(colormapColors(name, 256));
      expect(m).toHaveLength(256);
      expect(m[0][2]).toBeGreaterThan(m[0][1]);
      expect(m[255][0]).toBeGreaterThan(0.9);
      expect(m[255][1]).toBeGreaterThan(0.9);
      expect(m[255][2]).toBeLessThan(0.2);
    }
  });
  it('every map has values in [0, 1] and the asked length', () => {
    for (const name of COLORMAP_NAMES) {
      for (const n of [1, 2, 7, 64]) {
        const c = colormapColors(name, n);
        expect(c.length).toBe(3 * n);
        expect([...c].every((v) => v >= 0 && v <= 1)).toBe(true);
      }
    }
  });
  it('gray(n), jet(n), ... and map = colormap are n-by-3 matrices', async () => {
    const r = await runToJson("g = gray(3); j = jet(4); d = size(parula); colormap('hot'); m = colormap; s = size(m);", { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(r.vars.g).toEqual({ class: 'double', size: [3, 3], data: [0, 0.5, 1, 0, 0.5, 1, 0, 0.5, 1] });
    expect(r.vars.j.data).toEqual([0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0]);
    expect(r.vars.d.data).toEqual([256, 3]);
    expect(r.vars.s.data).toEqual([256, 3]);
  });
  it('colormap with an unknown name or a bad matrix errors', async () => {
    expect((await runToJson("colormap('rainbowz')", { gpu: 'off' })).error?.identifier).toBe('MATLAB:colormap:InvalidColormap');
    expect((await runToJson('colormap([2 0 0])', { gpu: 'off' })).error?.identifier).toBe('MATLAB:colormap:InvalidInputRange');
  });
});
