// How much lazy GPU work may wait, and when buffers go back. A loop on GPU arrays is cut into
// flushes (by nodes made and by bytes a flush would allocate), so it neither builds one huge
// kernel nor holds every iteration's arrays at once; at the end of a cell and between top-level
// statements, buffers no variable can reach go back to the pool at once, not when the garbage
// collector happens to find their nodes. Values must stay right across all of it: temporaries of
// a half-evaluated expression, caches that could hand out a released node, function calls.

import { afterAll, describe, expect, it } from 'vitest';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { Session } from '../../src/engine/session.ts';
import type { KernelEvent } from '../../src/worker/protocol.ts';

const opened = await openWebGpu();
const provider = opened.provider;
afterAll(() => provider?.destroy());

function gpuSession(budgetBytes?: number): Session {
  const s = new Session({ gpu: 'on', ...(budgetBytes === undefined ? {} : { gpuBudgetBytes: budgetBytes }) });
  s.attachGpu(provider);
  return s;
}

async function runCell(session: Session, source: string): Promise<{ ok: boolean; kernels: KernelEvent[]; error: string }> {
  const kernels: KernelEvent[] = [];
  let error = '';
  const ok = await session.run(source, (e) => {
    if (e.type === 'kernel') kernels.push(e);
    else if (e.type === 'error') error = `${e.error.identifier}: ${e.error.message}`;
  });
  return { ok, kernels, error };
}

async function hostData(session: Session, name: string): Promise<number[]> {
  const v = await session.hostVariable(name);
  if (v?.type !== 'tensor') throw new Error(`${name} is not a numeric array`);
  return Array.from(v.re);
}

describe.skipIf(!provider)('pending GPU work and buffer lifetimes', () => {
  it('a 3000-iteration loop runs as a few flushes of the same kernel, with the right values', async () => {
    const s = gpuSession();
    const r = await runCell(s, 'x = gpuArray(single(1:5)); for i = 1:3000, x = x + 1; end');
    expect(r.error).toBe('');
    expect(await hostData(s, 'x')).toEqual([3001, 3002, 3003, 3004, 3005]);
    const fused = r.kernels.filter((k) => k.name === 'elementwise');
    expect(fused.length).toBeGreaterThanOrEqual(5);
    // Iterations give kernels of one shape: the flushes in the middle all run one WGSL source.
    const uses = new Map<string | undefined, number>();
    for (const k of fused) uses.set(k.sourceId, (uses.get(k.sourceId) ?? 0) + 1);
    expect(Math.max(...uses.values())).toBeGreaterThanOrEqual(fused.length - 3);
  });

  it('a loop that makes a new array per iteration stays within a small budget', async () => {
    const s = gpuSession(provider!.memoryInUse() + 2 * 1024 * 1024);
    // 64 iterations of a 20000×8 randn (625 KiB each, read by a reduction, so materialised): 40 MiB in all.
    const r = await runCell(s, "M = 20000; acc = zeros(M, 1, 'single', 'gpuArray'); for t = 1:64, acc = acc + sum(randn(M, 8, 'single', 'gpuArray'), 2); end; m = mean(acc);");
    expect(r.error).toBe('');
    const [m] = await hostData(s, 'm');
    // Each entry is a sum of 512 standard normals: mean over 20000 of them is near 0.
    expect(Math.abs(m)).toBeLessThan(1);
  });

  it('at the end of a cell, arrays no variable holds go back to the pool without waiting for GC', async () => {
    const s = gpuSession();
    const before = provider!.memoryInUse();
    const r = await runCell(s, "for t = 1:12, y = rand(256, 256, 'single', 'gpuArray') * 2; z = sum(y(:)); end");
    expect(r.error).toBe('');
    // y and z of the last iteration (256 KiB and one float, in pool classes), not 12 of each.
    expect(provider!.memoryInUse() - before).toBeLessThanOrEqual(2 * 256 * 1024);
  });

  it('a released temporary is never handed out again by the node caches', async () => {
    const s = gpuSession();
    expect((await runCell(s, 'a = gpuArray(single(1:4)); s1 = sum(a * 2);')).error).toBe('');
    // `a * 2` was a temporary of the cell before and gave its buffer back; the same expression
    // now must compute again, not reuse the released node.
    expect((await runCell(s, 't = a * 2; u = t + 1;')).error).toBe('');
    expect(await hostData(s, 't')).toEqual([2, 4, 6, 8]);
    expect(await hostData(s, 'u')).toEqual([3, 5, 7, 9]);
    // Host data read by the GPU: its upload was a temporary too.
    expect((await runCell(s, 'h = single(1:6); s2 = sum(h .* a(1));')).error).toBe('');
    expect((await runCell(s, 's3 = sum(h * 3);')).error).toBe('');
    expect(await hostData(s, 's2')).toEqual([21]);
    expect(await hostData(s, 's3')).toEqual([63]);
  });

  it('loops inside functions: flushes keep the caller’s half-evaluated temporaries intact', async () => {
    const s = gpuSession();
    const src = [
      'a = gpuArray(single([1 2 3]));',
      'y = (a * 10 + 1) + bump(a * 10, 1500);',
      'function x = bump(x, n)',
      '  for i = 1:n, x = x + 1; end',
      'end',
    ].join('\n');
    const r = await runCell(s, src);
    expect(r.error).toBe('');
    expect(await hostData(s, 'y')).toEqual([1521, 1541, 1561]);
  });
});
