// Device loss: the session says so, names the variables that lived only on the GPU, keeps the
// ones already read back, and later cells run on the CPU.
import { describe, expect, it } from 'vitest';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { Session } from '../../src/engine/session.ts';
import type { EngineEvent } from '../../src/worker/protocol.ts';

const opened = await openWebGpu();

describe.skipIf(!opened.provider)('GPU device loss', () => {
  it('falls back to the CPU and names the lost variables', async () => {
    const provider = opened.provider!;
    const session = new Session({ gpu: 'on' });
    session.attachGpu(provider);
    const events: EngineEvent[] = [];
    const run = (src: string) => session.run(src, (e) => events.push(e));
    expect(await run("a = gpuArray(single(1:8)); b = a * 2; shown = gather(b); c = a + 1;")).toBe(true);
    provider.simulateDeviceLoss('simulated reset');
    events.length = 0;
    expect(await run('d = 3 + 4;')).toBe(true);
    const text = events.filter((e) => e.type === 'stdout').map((e) => (e as { text: string }).text).join('');
    expect(text).toMatch(/GPU device was lost/);
    // b was read back by gather, so its host copy survives; a and c lived only on the GPU.
    expect(text).toMatch(/gone: a, c\./);
    expect(session.variable('b')?.type).toBe('tensor');
    expect(session.variable('shown')?.type).toBe('tensor');
    expect(session.variable('a')).toBeUndefined();
    expect(await run('e = shown + d;')).toBe(true);
    const e = await session.hostVariable('e');
    expect(e?.type === 'tensor' && Array.from(e.re)).toEqual([9, 11, 13, 15, 17, 19, 21, 23]);
  });
});
