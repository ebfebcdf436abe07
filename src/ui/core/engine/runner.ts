// NotebookRunner: the run queue between the notebook store and the EngineClient. It queues cells,
// runs them one at a time with the source they have when they start, routes each engine event to
// its cell through transitionCell, stamps each run's start and end on the page clock (the cell's
// timer), and turns Interrupt / Restart into cell state. Cells are run by id, so deleting or
// editing a queued cell is safe.

import type { GpuPolicy } from '../../../worker/protocol.ts';
import type { CellId } from '../cells/ids.ts';
import { notebookActions } from '../cells/notebook.ts';
import type { NotebookStore } from '../state/notebookStore.ts';
import { EngineTerminatedError, errorMessage, type EngineClient } from './engineClient.ts';

/** After Interrupt sets the flag, how long the code may take to stop before the worker is restarted. */
const INTERRUPT_ESCALATE_MS = 5000;

export class NotebookRunner {
  private queue: CellId[] = [];
  private running: CellId | null = null;
  private looping = false;
  private escalation: ReturnType<typeof setTimeout> | null = null;
  private readonly workspaceListeners = new Set<() => void>();

  constructor(
    private readonly store: NotebookStore,
    private readonly client: EngineClient,
  ) {}

  /**
   * Calls `listener` whenever the workspace may have changed: after each cell run ends (however it
   * ends) and on Restart. Returns the unsubscribe function.
   */
  onWorkspaceChange(listener: () => void): () => void {
    this.workspaceListeners.add(listener);
    return () => this.workspaceListeners.delete(listener);
  }

  private workspaceChanged(): void {
    for (const listener of this.workspaceListeners) listener();
  }

  /** Queues the given cells in order. Markdown cells just leave edit mode; empty code cells are skipped. */
  runCells(cellIds: readonly CellId[]): void {
    const state = this.store.getState();
    const toQueue: CellId[] = [];
    for (const cellId of cellIds) {
      const cell = state.cellData[cellId];
      if (!cell) continue;
      if (cell.kind === 'markdown') {
        this.store.dispatch(notebookActions.setMarkdownEditing({ cellId, editing: false }));
        continue;
      }
      if (cell.source.trim() === '') continue;
      if (this.running === cellId || this.queue.includes(cellId)) continue;
      toQueue.push(cellId);
    }
    if (toQueue.length === 0) return;
    this.queue.push(...toQueue);
    this.store.dispatch(notebookActions.queueCells({ cellIds: toQueue }));
    void this.loop();
  }

  runAll(): void {
    this.runCells(this.store.getState().cellIds);
  }

  /** The cells before `cellId` (not itself), in order. */
  runAbove(cellId: CellId): void {
    const { cellIds } = this.store.getState();
    const index = cellIds.indexOf(cellId);
    if (index > 0) this.runCells(cellIds.slice(0, index));
  }

  /** `cellId` and every cell after it, in order. */
  runBelow(cellId: CellId): void {
    const { cellIds } = this.store.getState();
    const index = cellIds.indexOf(cellId);
    if (index >= 0) this.runCells(cellIds.slice(index));
  }

  /** A clean workspace, then every cell in order: what the notebook gives someone who opens it fresh. */
  restartAndRunAll(): void {
    this.restart();
    // The queued runs wait for the new worker to be ready.
    this.runAll();
  }

  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      for (let cellId = this.queue.shift(); cellId !== undefined; cellId = this.queue.shift()) {
        const cell = this.store.getState().cellData[cellId];
        if (!cell) continue;
        this.running = cellId;
        this.store.dispatch(notebookActions.startCell({ cellId, startedAt: Date.now() }));
        const id = cellId;
        try {
          await this.client.run(id, cell.source, (message) => {
            this.store.dispatch(notebookActions.cellMessage({ cellId: id, message }));
          });
        } catch (error) {
          // A terminated worker was already reported by whoever terminated it.
          if (!(error instanceof EngineTerminatedError)) {
            this.store.dispatch(
              notebookActions.cellMessage({ cellId: id, message: { type: 'engineFailed', message: errorMessage(error) } }),
            );
            this.cancelQueued();
          }
        } finally {
          this.store.dispatch(notebookActions.finishCell({ cellId: id, endedAt: Date.now() }));
          this.running = null;
          this.clearEscalation();
          this.workspaceChanged();
        }
      }
    } finally {
      this.looping = false;
    }
  }

  /** Stops the running cell and empties the queue. */
  interrupt(): void {
    this.cancelQueued();
    if (this.running === null && !this.client.busy) return;
    if (this.client.interruptMode() === 'flag') {
      this.client.interrupt();
      // Code stuck where the interpreter can't look at the flag (one long builtin call): restart.
      const stuck = this.running;
      this.clearEscalation();
      this.escalation = setTimeout(() => {
        if (stuck !== null && this.running === stuck) this.restart();
      }, INTERRUPT_ESCALATE_MS);
    } else {
      this.restart();
    }
  }

  /** Terminates the worker and starts a fresh one: the workspace is lost. */
  restart(): void {
    this.cancelQueued();
    this.clearEscalation();
    // The running cell's run dies with the worker: it may be queued again at once (Restart and
    // run all), before its engine call has noticed and unwound.
    this.running = null;
    this.store.dispatch(notebookActions.interruptAll({ workspaceLost: true }));
    this.store.dispatch(notebookActions.resetExecutionCounter({}));
    const ready = this.client.restart();
    this.workspaceChanged();
    void ready.then(
      () => this.workspaceChanged(),
      () => undefined,
    );
  }

  setPolicy(policy: GpuPolicy): void {
    void this.client.setPolicy(policy).catch(() => undefined);
  }

  private cancelQueued(): void {
    const queued = this.queue;
    this.queue = [];
    for (const cellId of queued) {
      this.store.dispatch(notebookActions.cellMessage({ cellId, message: { type: 'cancelled' } }));
    }
  }

  private clearEscalation(): void {
    if (this.escalation !== null) clearTimeout(this.escalation);
    this.escalation = null;
  }
}
