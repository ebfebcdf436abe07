// Wires the page together: one notebook store, one EngineClient (the worker), one run queue.
// Components get these through MatbookContext; window.matbook and Monaco's providers use the
// same client.

import type { GpuPolicy } from '../../worker/protocol.ts';
import { createNotebookState } from './cells/notebook.ts';
import { newCellId } from './cells/ids.ts';
import { createCellData, type CellData } from './cells/types.ts';
import { EngineClient } from './engine/engineClient.ts';
import { NotebookRunner } from './engine/runner.ts';
import { createNotebookStore, type NotebookStore } from './state/notebookStore.ts';

export interface MatbookApp {
  store: NotebookStore;
  client: EngineClient;
  runner: NotebookRunner;
}

/** A fresh notebook: one empty code cell, ready to type into. */
export function initialCells(): CellData[] {
  return [createCellData(newCellId(), 'code', '')];
}

export function createMatbookApp(options: { policy?: GpuPolicy; client?: EngineClient } = {}): MatbookApp {
  const store = createNotebookStore(createNotebookState(initialCells()));
  const client = options.client ?? new EngineClient({ policy: options.policy ?? 'auto' });
  const runner = new NotebookRunner(store, client);
  return { store, client, runner };
}
