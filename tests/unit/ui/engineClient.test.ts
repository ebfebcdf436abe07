// EngineClient against a fake engine behind a real comlink channel (a MessageChannel stands in
// for the Worker): calls are serialised, events arrive before run() resolves, a restart ends the
// call in flight, and the interrupt flag is shared with init when the page is isolated.
import * as Comlink from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineClient, EngineTerminatedError } from '../../../src/ui/core/engine/engineClient.ts';
import type { AdapterSummary, EngineApi, EngineEvent, InitOptions } from '../../../src/worker/protocol.ts';

const adapter: AdapterSummary = {
  available: true,
  vendor: 'test',
  architecture: 'fake',
  description: '',
  isFallbackAdapter: true,
  features: [],
};

interface FakeEngine extends Partial<EngineApi> {
  inits: InitOptions[];
  log: string[];
}

function fakeEngine(overrides: Partial<EngineApi> = {}): FakeEngine {
  const engine: FakeEngine = {
    inits: [],
    log: [],
    async init(options) {
      engine.inits.push(options);
      return adapter;
    },
    async run(cellId: string, source: string, onEvent: (event: EngineEvent) => void) {
      engine.log.push(`start ${cellId}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      void onEvent({ type: 'stdout', text: source });
      void onEvent({ type: 'done', wallMs: 1, gpuMs: 0, ok: true });
      engine.log.push(`end ${cellId}`);
    },
    async runJson(source: string) {
      engine.log.push(`json ${source}`);
      return { error: null, stdout: '', vars: {} };
    },
    ...overrides,
  };
  return engine;
}

const channels: MessageChannel[] = [];

function workerFor(engine: Partial<EngineApi>): () => Worker {
  return () => {
    const channel = new MessageChannel();
    channels.push(channel);
    Comlink.expose(engine, channel.port2);
    const port = channel.port1 as unknown as Worker;
    Object.assign(port, {
      terminate() {
        channel.port1.close();
        channel.port2.close();
      },
    });
    return port;
  };
}

beforeEach(() => {
  // The client warns once when the page is not cross-origin isolated; Node never is.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
  delete (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
});

describe('EngineClient', () => {
  it('initialises with the policy and reports the adapter', async () => {
    const engine = fakeEngine();
    const client = new EngineClient({ policy: 'on', createWorker: workerFor(engine) });
    expect(client.getStatus().state).toBe('starting');
    await expect(client.ready).resolves.toEqual(adapter);
    expect(engine.inits[0]?.gpu).toBe('on');
    expect(client.getStatus()).toMatchObject({ state: 'idle', adapter, interruptMode: 'restart' });
  });

  it('runs one call at a time, in order, and delivers events before run() resolves', async () => {
    const engine = fakeEngine();
    const client = new EngineClient({ createWorker: workerFor(engine) });
    const events: string[] = [];
    const first = client.run('a', 'one', (event) => events.push(`a:${event.type}`));
    const json = client.runJson('x = 1;', 'off');
    const second = client.run('b', 'two', (event) => events.push(`b:${event.type}`));
    expect(client.getStatus().state).not.toBe('idle');
    await first;
    expect(events).toEqual(['a:stdout', 'a:done']);
    await Promise.all([json, second]);
    expect(engine.log).toEqual(['start a', 'end a', 'json x = 1;', 'start b', 'end b']);
    expect(events).toEqual(['a:stdout', 'a:done', 'b:stdout', 'b:done']);
    expect(client.getStatus().state).toBe('idle');
  });

  it('does not wait forever for a done event the engine never sends', async () => {
    const engine = fakeEngine({ async run() {} });
    const client = new EngineClient({ createWorker: workerFor(engine), doneGraceMs: 10 });
    await expect(client.run('a', 'x', () => {})).resolves.toBeUndefined();
  });

  it('restart ends the call in flight and starts a fresh worker', async () => {
    const engine = fakeEngine({
      run: () => new Promise<void>(() => {}), // never finishes
    });
    const client = new EngineClient({ createWorker: workerFor(engine) });
    await client.ready;
    const stuck = client.run('a', 'while true, end', () => {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    const restarted = client.restart();
    await expect(stuck).rejects.toBeInstanceOf(EngineTerminatedError);
    await expect(restarted).resolves.toEqual(adapter);
    expect(engine.inits).toHaveLength(2);
    expect(client.getStatus()).toMatchObject({ state: 'idle', notice: expect.stringContaining('workspace') });
  });

  it('passes a shared interrupt flag to init when cross-origin isolated, and clears it per run', async () => {
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated = true;
    const engine = fakeEngine();
    const client = new EngineClient({ createWorker: workerFor(engine) });
    await client.ready;
    expect(client.interruptFlag).toBeInstanceOf(Int32Array);
    expect(client.interruptFlag?.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(engine.inits[0]?.interruptFlag).toBeInstanceOf(Int32Array);
    expect(client.interrupt()).toBe('flag');
    expect(Atomics.load(client.interruptFlag!, 0)).toBe(1);
    await client.run('a', 'x', () => {});
    expect(Atomics.load(client.interruptFlag!, 0)).toBe(0);
  });

  it('re-initialises on a policy change, after the running call', async () => {
    const engine = fakeEngine();
    const client = new EngineClient({ createWorker: workerFor(engine) });
    const run = client.run('a', 'x', () => {});
    const policy = client.setPolicy('off');
    expect(client.getStatus().policy).toBe('off');
    await Promise.all([run, policy]);
    expect(engine.inits.map((options) => options.gpu)).toEqual(['auto', 'off']);
    expect(engine.log).toEqual(['start a', 'end a']);
  });
});
