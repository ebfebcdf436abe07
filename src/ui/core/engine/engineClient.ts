// EngineClient: the page's one handle on the engine worker. It creates the worker and its comlink
// proxy, serialises calls that execute code (runs, JSON runs, self-tests, re-inits) so the worker
// only ever runs one at a time, owns the interrupt flag (a SharedArrayBuffer when the page is
// cross-origin isolated), and restarts the worker when asked. It knows nothing about cells.

import * as Comlink from 'comlink';
import type {
  AdapterSummary,
  ArrayBlock,
  CompletionItem,
  ErrorInfo,
  MemoryStatus,
  EngineApi,
  EngineEvent,
  GpuPolicy,
  BuiltinDoc,
  HoverDoc,
  RunResultJson,
  VariablePreview,
  WorkspaceEntry,
} from '../../../worker/protocol.ts';

export type EngineState = 'starting' | 'idle' | 'busy' | 'failed';

export interface EngineStatus {
  state: EngineState;
  /** From the last successful `init`; null while starting. */
  adapter: AdapterSummary | null;
  policy: GpuPolicy;
  /** How Interrupt works: a shared flag the interpreter polls, or restarting the worker. */
  interruptMode: 'flag' | 'restart';
  /** Why the engine could not start or crashed; set with state 'failed'. */
  error: string | null;
  /** A one-off message for the status bar (a restart), cleared by the next run. */
  notice: string | null;
}

export type SelfTestResult = Awaited<ReturnType<EngineApi['gpuSelfTest']>>;

/** A call was cut short because the worker was terminated (interrupt without a flag, restart). */
export class EngineTerminatedError extends Error {
  constructor(message = 'The engine worker was terminated') {
    super(message);
    this.name = 'EngineTerminatedError';
  }
}

/** One live worker. A restart replaces it; calls racing `terminated` end when it goes. */
interface Connection {
  worker: Worker;
  remote: Comlink.Remote<EngineApi>;
  /** Settles (rejects) when the worker is terminated or fails; never resolves. */
  terminated: Promise<never>;
  kill(reason: Error): void;
  /** The first `init` of this worker. */
  ready: Promise<AdapterSummary>;
}

export interface EngineClientOptions {
  policy?: GpuPolicy;
  /** Overridable for tests; by default the real engine worker. */
  createWorker?: () => Worker;
  /** After a run resolves, how long to wait for its `done` event (events use their own port). */
  doneGraceMs?: number;
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../../worker/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'matbook-engine',
  });
}

function race<T>(promise: Promise<T>, terminated: Promise<never>): Promise<T> {
  return Promise.race([promise, terminated]);
}

export class EngineClient {
  /** Element 0 is set to 1 to interrupt; null when the page is not cross-origin isolated. */
  readonly interruptFlag: Int32Array | null;
  private connection: Connection;
  private chain: Promise<unknown> = Promise.resolve();
  private pendingCalls = 0;
  private status: EngineStatus;
  private readonly listeners = new Set<() => void>();
  private readonly createWorker: () => Worker;
  private readonly doneGraceMs: number;
  /** The first adapter summary this page got; `window.matbook.ready`. */
  readonly ready: Promise<AdapterSummary>;

  constructor(options: EngineClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
    this.doneGraceMs = options.doneGraceMs ?? 2000;
    const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
    this.interruptFlag =
      isolated && typeof SharedArrayBuffer !== 'undefined' ? new Int32Array(new SharedArrayBuffer(4)) : null;
    this.status = {
      state: 'starting',
      adapter: null,
      policy: options.policy ?? 'auto',
      interruptMode: this.interruptFlag ? 'flag' : 'restart',
      error: null,
      notice: null,
    };
    this.connection = this.connect();
    this.ready = this.connection.ready;
    if (!this.interruptFlag) {
      console.warn('[matbook] page is not cross-origin isolated: Interrupt will restart the engine');
    }
  }

  // --- status, for the status bar ------------------------------------------------------------

  getStatus = (): EngineStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setStatus(patch: Partial<EngineStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }

  // --- worker lifecycle ----------------------------------------------------------------------

  private connect(): Connection {
    const worker = this.createWorker();
    const remote = Comlink.wrap<EngineApi>(worker);
    let reject!: (reason: Error) => void;
    const terminated = new Promise<never>((_, rejectTerminated) => {
      reject = rejectTerminated;
    });
    terminated.catch(() => {}); // observed through race(); never an unhandled rejection by itself
    const kill = (reason: Error) => {
      worker.terminate();
      reject(reason);
    };
    this.setStatus({ state: 'starting', error: null });
    const ready = race(remote.init({ gpu: this.status.policy, interruptFlag: this.flagForInit() }), terminated);
    const connection: Connection = { worker, remote, terminated, kill, ready };

    // A worker that fails to load (or throws at its top level) never answers: fail its calls.
    // Later uncaught errors are only logged; comlink reports errors of the calls themselves.
    let initialised = false;
    worker.addEventListener('error', (event) => {
      if (initialised) {
        console.error('[matbook] uncaught error in the engine worker:', event.message);
        return;
      }
      event.preventDefault();
      const message = event.message || 'the engine worker failed to load';
      if (this.connection === connection) this.setStatus({ state: 'failed', error: message });
      kill(new Error(message));
    });
    ready.then(
      (adapter) => {
        initialised = true;
        if (this.connection === connection) this.setStatus({ adapter, state: this.pendingCalls > 0 ? 'busy' : 'idle' });
      },
      (error: unknown) => {
        if (this.connection !== connection || error instanceof EngineTerminatedError) return;
        this.setStatus({ state: 'failed', error: errorMessage(error) });
      },
    );
    return connection;
  }

  private flagForInit(): Int32Array | undefined {
    return this.interruptFlag ?? undefined;
  }

  /**
   * Runs `task` after every earlier task, on whichever worker is live when it starts, once that
   * worker's init is done. Rejects with EngineTerminatedError if the worker goes meanwhile.
   */
  private enqueue<T>(task: (remote: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> {
    this.pendingCalls += 1;
    if (this.status.state === 'idle') this.setStatus({ state: 'busy' });
    const result = this.chain.then(async () => {
      const connection = this.connection;
      await race(connection.ready, connection.terminated);
      return race(task(connection.remote), connection.terminated);
    });
    const settle = () => {
      this.pendingCalls -= 1;
      if (this.pendingCalls === 0 && this.status.state === 'busy') this.setStatus({ state: 'idle' });
    };
    result.then(settle, settle);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Terminates the worker (ending any call in flight) and starts a fresh one. */
  restart(): Promise<AdapterSummary> {
    this.connection.kill(new EngineTerminatedError());
    this.connection = this.connect();
    this.setStatus({ notice: 'Engine restarted: the workspace was cleared.' });
    return this.connection.ready;
  }

  /** Re-initialises the engine with a new GPU policy, after whatever is running now. */
  setPolicy(policy: GpuPolicy): Promise<AdapterSummary> {
    this.setStatus({ policy, state: 'starting' });
    const pending = this.enqueue((remote) => remote.init({ gpu: policy, interruptFlag: this.flagForInit() }));
    pending.then(
      (adapter) => this.setStatus({ adapter, state: this.pendingCalls > 0 ? 'busy' : 'idle' }),
      (error: unknown) => {
        if (!(error instanceof EngineTerminatedError)) this.setStatus({ state: 'failed', error: errorMessage(error) });
      },
    );
    return pending;
  }

  // --- running code --------------------------------------------------------------------------

  /**
   * Runs one cell's source, streaming its events to `onEvent`. Resolves after the run's `done`
   * event (or a short grace period after the call returns, if the engine never sent one).
   */
  run(cellId: string, source: string, onEvent: (event: EngineEvent) => void): Promise<void> {
    if (this.status.notice) this.setStatus({ notice: null });
    return this.enqueue(async (remote) => {
      if (this.interruptFlag) Atomics.store(this.interruptFlag, 0, 0);
      let sawDone!: () => void;
      const done = new Promise<void>((resolve) => {
        sawDone = resolve;
      });
      const callback = Comlink.proxy((event: EngineEvent) => {
        onEvent(event);
        if (event.type === 'done') sawDone();
      });
      await remote.run(cellId, source, callback);
      // The callback's events travel on their own MessagePort, so they may land after the reply.
      await Promise.race([done, delay(this.doneGraceMs)]);
    });
  }

  /** The JSON contract (`window.matbook.run`), on the same worker, after any queued run. */
  runJson(source: string, gpu: GpuPolicy): Promise<RunResultJson> {
    return this.enqueue(async (remote) => {
      if (this.interruptFlag) Atomics.store(this.interruptFlag, 0, 0);
      return remote.runJson(source, gpu);
    });
  }

  /** Test hook: loses the worker's GPU device (after any queued run); false when there was none. */
  loseDevice(): Promise<boolean> {
    return this.enqueue((remote) => remote.loseDevice());
  }

  selfTest(): Promise<SelfTestResult> {
    return this.enqueue((remote) => remote.gpuSelfTest());
  }

  /**
   * Asks the running code to stop. With the shared flag the interpreter stops between statements
   * and the workspace survives ('flag'); without it the worker is restarted ('restart').
   */
  interrupt(): 'flag' | 'restart' {
    if (this.interruptFlag) {
      Atomics.store(this.interruptFlag, 0, 1);
      return 'flag';
    }
    void this.restart();
    return 'restart';
  }

  get busy(): boolean {
    return this.pendingCalls > 0;
  }

  interruptMode(): 'flag' | 'restart' {
    return this.interruptFlag ? 'flag' : 'restart';
  }

  // --- editor services (not queued: read-only and quick) -------------------------------------

  complete(prefix: string): Promise<CompletionItem[]> {
    const connection = this.connection;
    return race(connection.remote.complete(prefix), connection.terminated);
  }

  hover(name: string): Promise<HoverDoc | null> {
    const connection = this.connection;
    return race(connection.remote.hover(name), connection.terminated);
  }

  /** Parse errors of a cell's source, for the editor's markers while typing. */
  parse(source: string): Promise<ErrorInfo[]> {
    const connection = this.connection;
    return race(connection.remote.parse(source), connection.terminated);
  }

  /** The WGSL of a kernel named by a kernel event's sourceId; null once the engine has forgotten it. */
  kernelSource(sourceId: string): Promise<string | null> {
    const connection = this.connection;
    return race(connection.remote.kernelSource(sourceId), connection.terminated);
  }

  /** A block of a displayed array too big to travel with its display (read after queued runs). */
  slice(name: string, page: number, rowStart: number, rowCount: number, colStart: number, colCount: number): Promise<ArrayBlock | null> {
    return this.afterQueue((remote) => remote.slice(name, page, rowStart, rowCount, colStart, colCount));
  }

  /** GPU memory held by the engine's buffer pool, read after queued runs. */
  memory(): Promise<MemoryStatus> {
    return this.afterQueue((remote) => remote.memory());
  }

  /**
   * The workspace's variables. Read after every queued run (so never half way through a cell) but
   * not counted as one: the engine does not show as busy.
   */
  workspace(): Promise<WorkspaceEntry[]> {
    return this.afterQueue((remote) => remote.workspace());
  }

  /** A variable's display text (GPU arrays are read back); null when there is no such variable. */
  preview(name: string): Promise<VariablePreview | null> {
    return this.afterQueue((remote) => remote.preview(name));
  }

  /**
   * Runs a read-only `task` after every queued task, and before any queued later, without marking
   * the engine busy. Rejects with EngineTerminatedError if the worker goes meanwhile.
   */
  private afterQueue<T>(task: (remote: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> {
    const result = this.chain.then(async () => {
      const connection = this.connection;
      await race(connection.ready, connection.terminated);
      return race(task(connection.remote), connection.terminated);
    });
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Every builtin's help, from the registry in the worker. */
  listBuiltins(): Promise<BuiltinDoc[]> {
    const connection = this.connection;
    return race(connection.remote.listBuiltins(), connection.terminated);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
