// The engine API behind the page's richer outputs, on the CPU (no GPU needed): grid data on
// display events (inline and beyond the inline cap), slice, parse errors with spans, struct field
// completion, GPU memory without a GPU, and the bounded store of kernel WGSL that kernel events
// name by id.
import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../../../src/worker/engineApi.ts';
import type { EngineEvent } from '../../../src/worker/protocol.ts';
import { GRID_INLINE_MAX } from '../../../src/engine/arrayGrid.ts';
import { KernelSourceStore, kernelSources, sourceIdOf } from '../../../src/engine/providers/webgpu/kernelSources.ts';
import { kernelEvent } from '../../../src/engine/providers/webgpu/timing.ts';
import type { KernelProgram } from '../../../src/engine/kernels/program.ts';

async function run(source: string) {
  const api = createEngineApi();
  const events: EngineEvent[] = [];
  await api.run('c1', source, (e) => void events.push(e));
  return { api, events, displays: events.filter((e): e is Extract<EngineEvent, { type: 'display' }> => e.type === 'display') };
}

describe('display grid data', () => {
  it('comes with numeric and logical arrays, not with scalars, chars or cells', async () => {
    const { displays } = await run("a = [1 2; 3 4.5]\nb = 7\nc = 'text'\nd = {1, 2}\ne = [true false true]\nf = int8([1 -2])");
    const byName = Object.fromEntries(displays.map((d) => [d.name, d]));
    expect(byName.a.grid).toMatchObject({ rows: 2, cols: 2, pages: 1, residency: 'cpu', maxAbs: 4.5, integers: false, complex: false });
    expect(Array.from(byName.a.grid!.re!)).toEqual([1, 3, 2, 4.5]);
    expect(byName.b.grid).toBeUndefined();
    expect(byName.c.grid).toBeUndefined();
    expect(byName.d.grid).toBeUndefined();
    expect(byName.e.grid).toMatchObject({ rows: 1, cols: 3, integers: true, maxAbs: 1 });
    expect(byName.f.grid).toMatchObject({ integers: true, maxAbs: 2 });
  });

  it('describes N-D pages and complex parts', async () => {
    const { displays } = await run('x = reshape(1:24, 2, 3, 4)\nz = [1+2i, -3i]');
    const [x, z] = displays;
    expect(x.grid).toMatchObject({ rows: 2, cols: 3, pages: 4, maxAbs: 24 });
    expect(x.grid!.re).toHaveLength(24);
    expect(z.grid).toMatchObject({ complex: true, maxAbs: 3 });
    expect(Array.from(z.grid!.im!)).toEqual([2, -3]);
  });

  it('leaves the data out past the inline cap, and slice reads blocks of it', async () => {
    const side = Math.ceil(Math.sqrt(GRID_INLINE_MAX)) + 1;
    const { api, displays } = await run(`big = reshape(1:${side * side}, ${side}, ${side})`);
    const grid = displays[0].grid!;
    expect(grid).toMatchObject({ rows: side, cols: side, re: null, im: null, integers: true, maxAbs: side * side });
    const block = await api.slice('big', 0, 10, 3, 20, 2);
    expect(block).toMatchObject({ size: [side, side], className: 'double', rowStart: 10, rowCount: 3, colStart: 20, colCount: 2 });
    // Element (r, c), 0-based, of reshape(1:n) is c*side + r + 1.
    expect(Array.from(block!.re)).toEqual([20 * side + 11, 20 * side + 12, 20 * side + 13, 21 * side + 11, 21 * side + 12, 21 * side + 13]);
    // Clipped at the edges; a page that does not exist, a missing or non-numeric variable: null.
    const edge = await api.slice('big', 0, side - 2, 10, side - 1, 10);
    expect(edge).toMatchObject({ rowCount: 2, colCount: 1 });
    expect(await api.slice('big', 1, 0, 1, 0, 1)).toBeNull();
    expect(await api.slice('nothing', 0, 0, 1, 0, 1)).toBeNull();
  });

  it('slices pages of N-D arrays', async () => {
    const { api } = await run('x = reshape(1:24, 2, 3, 4);');
    const block = await api.slice('x', 2, 0, 2, 1, 2);
    expect(Array.from(block!.re)).toEqual([15, 16, 17, 18]);
  });

  it('caps the inline data of one run', async () => {
    const n = Math.floor(GRID_INLINE_MAX * 0.8);
    const { displays } = await run(`a = 1:${n}\nb = 1:${n}\nc = 1:${n}`);
    const inline = displays.map((d) => d.grid?.re !== null);
    expect(inline).toEqual([true, true, false]);
  });
});

describe('parse, complete, memory', () => {
  it('reports the parse error with its span, and nothing for good code', async () => {
    const api = createEngineApi();
    expect(await api.parse('x = 1;\ny = [1 2')).toEqual([
      expect.objectContaining({ identifier: 'MATLAB:parse', line: 2, column: 5, endLine: 2, endColumn: 6 }),
    ]);
    expect(await api.parse('x = sum([1 2 3]);')).toEqual([]);
  });

  it('completes struct fields after a dot', async () => {
    const { api } = await run('s.alpha = 1; s.beta = [1 2]; s.inner.gamma = 3; n = 5;');
    expect((await api.complete('s.')).map((c) => c.name).sort()).toEqual(['alpha', 'beta', 'inner']);
    expect(await api.complete('s.be')).toEqual([{ name: 'beta', kind: 'field', detail: '1×2 double' }]);
    expect((await api.complete('s.inner.g')).map((c) => c.name)).toEqual(['gamma']);
    expect(await api.complete('n.')).toEqual([]);
    expect(await api.complete('missing.x')).toEqual([]);
    // Plain prefixes still complete names.
    expect((await api.complete('alph')).length).toBe(0);
    expect((await api.complete('su')).some((c) => c.name === 'sum')).toBe(true);
  });

  it('reports no GPU memory without a GPU', async () => {
    const api = createEngineApi();
    expect(await api.memory()).toEqual({ gpu: false, inUseBytes: 0, pooledBytes: 0 });
  });
});

describe('kernel sources', () => {
  const program = (wgsl: string): KernelProgram => ({
    name: 'elementwise',
    variant: 'add',
    wgsl,
    cacheKey: 'k',
    bindings: [],
    workgroupSize: [64, 1, 1],
    workgroups: [1, 1, 1],
    uniforms: new ArrayBuffer(0),
    flops: 100,
    bytes: 800,
    boundBy: 'bytes',
    shapes: [[10], [10]],
  });

  it('kernel events carry a source id (and a start), and the engine serves the WGSL by id', async () => {
    const wgsl = '@compute @workgroup_size(64) fn main() { /* a unique kernel for this test */ }';
    const event = kernelEvent(program(wgsl), 2, 'timestamp', 1234.5);
    expect(event.sourceId).toBe(sourceIdOf(program(wgsl)));
    expect(event.startUs).toBe(1234.5);
    expect(kernelEvent(program(wgsl), 0, 'wall').startUs).toBeUndefined();
    const api = createEngineApi();
    expect(await api.kernelSource(event.sourceId!)).toBe(wgsl);
    expect(await api.kernelSource('no-such-id')).toBeNull();
    expect(kernelSources.get(event.sourceId!)).toBe(wgsl);
  });

  it('the store is bounded, forgets the least recently used first, and keeps an oversized newest text', () => {
    const store = new KernelSourceStore(2, 100);
    store.remember('a', 'aaa');
    store.remember('b', 'bbb');
    store.remember('a', 'aaa'); // refreshes a
    store.remember('c', 'ccc');
    expect([store.get('a'), store.get('b'), store.get('c')]).toEqual(['aaa', null, 'ccc']);
    store.remember('huge', 'x'.repeat(500));
    expect(store.get('huge')).toHaveLength(500);
    expect(store.size).toBe(1);
  });
});
