// pause(n): real waiting that streams the output before it, stops at once on an interrupt (the
// shared flag the page sets), and keeps the workspace.
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';
import { Session } from '../../../src/engine/session.ts';
import type { EngineEvent } from '../../../src/worker/protocol.ts';

describe('pause', () => {
  it('waits the given seconds', async () => {
    const started = performance.now();
    const r = await runToJson('pause(0.2); x = 1;', { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("sends the output before it waits, so `disp; pause` shows the line during the pause", async () => {
    const session = new Session({ gpu: 'off' });
    const seen: { event: EngineEvent; at: number }[] = [];
    const started = performance.now();
    await session.run("disp('before'); pause(0.3); disp('after')", (event) => seen.push({ event, at: performance.now() - started }));
    const before = seen.find(({ event }) => event.type === 'stdout' && event.text.includes('before'));
    expect(before).toBeDefined();
    expect(before!.at).toBeLessThan(250);
    expect(seen.some(({ event }) => event.type === 'stdout' && event.text.includes('after'))).toBe(true);
  });

  it('pause(Inf) stops within a moment of an interrupt through the shared flag; the workspace stays', async () => {
    const session = new Session({ gpu: 'off' });
    const flag = new Int32Array(new SharedArrayBuffer(4));
    session.interruptFlag = flag;
    await session.run('kept = 7;', () => undefined);
    const events: EngineEvent[] = [];
    const running = session.run('pause(Inf); never = 1;', (event) => events.push(event));
    const interruptedAt = await new Promise<number>((resolve) =>
      setTimeout(() => {
        Atomics.store(flag, 0, 1);
        resolve(performance.now());
      }, 150),
    );
    await running;
    expect(performance.now() - interruptedAt).toBeLessThan(200);
    expect(events.find((e) => e.type === 'error')).toMatchObject({ error: { identifier: 'MATLAB:interrupted' } });
    expect(session.variable('kept')).toBeDefined();
    expect(session.variable('never')).toBeUndefined();
  });

  it("pause('off') makes later pauses return at once; 'query' and the old state round-trip", async () => {
    const started = performance.now();
    const r = await runToJson("old = pause('off'); q = pause('query'); pause(30); pause(old); q2 = pause('query');", { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.vars.old.data).toBe('on');
    expect(r.vars.q.data).toBe('off');
    expect(r.vars.q2.data).toBe('on');
  });

  it('rejects negative, complex, non-scalar and unknown options with MATLAB-style errors', async () => {
    for (const src of ['pause(-1)', 'pause([1 2])', 'pause(1i)', "pause('later')", 'pause']) {
      const r = await runToJson(src, { gpu: 'off' });
      expect(r.error, src).not.toBeNull();
      expect(r.error!.identifier, src).toMatch(/^MATLAB:pause:/);
    }
  });

  it('an animation loop (plot, drawnow, pause) stops when interrupted and has sent its frames', async () => {
    const session = new Session({ gpu: 'off' });
    const flag = new Int32Array(new SharedArrayBuffer(4));
    session.interruptFlag = flag;
    const events: EngineEvent[] = [];
    setTimeout(() => Atomics.store(flag, 0, 1), 200);
    await session.run('k = 0; while true, k = k + 1; plot(1:k); drawnow; pause(0.01); end', (event) => events.push(event));
    expect(events.find((e) => e.type === 'error')).toMatchObject({ error: { identifier: 'MATLAB:interrupted' } });
    expect(events.filter((e) => e.type === 'figure').length).toBeGreaterThan(1);
  });
});
