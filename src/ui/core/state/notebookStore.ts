// The page's one notebook store and its selectors: `useCellIds` for the list, `useCellData` /
// `useCellRuntime` per cell, plus imperative getters for code outside React (the run queue).

import { useCallback } from 'react';
import type { CellId } from '../cells/ids.ts';
import { notebookReducer, type NotebookAction, type NotebookState } from '../cells/notebook.ts';
import type { CellData, CellRuntime } from '../cells/types.ts';
import { createStore, useStoreSelector, type Store } from './store.ts';

export type NotebookStore = Store<NotebookState, NotebookAction>;

export function createNotebookStore(initial: NotebookState): NotebookStore {
  return createStore(notebookReducer, initial);
}

const selectCellIds = (state: NotebookState) => state.cellIds;
const selectFocus = (state: NotebookState) => state.focus;

export function useCellIds(store: NotebookStore): CellId[] {
  return useStoreSelector(store, selectCellIds);
}

export function useFocus(store: NotebookStore): NotebookState['focus'] {
  return useStoreSelector(store, selectFocus);
}

export function useCellData(store: NotebookStore, cellId: CellId): CellData | undefined {
  return useStoreSelector(store, useCallback((state: NotebookState) => state.cellData[cellId], [cellId]));
}

export function useCellRuntime(store: NotebookStore, cellId: CellId): CellRuntime | undefined {
  return useStoreSelector(store, useCallback((state: NotebookState) => state.cellRuntime[cellId], [cellId]));
}

export function useMarkdownEditing(store: NotebookStore, cellId: CellId): boolean {
  return useStoreSelector(
    store,
    useCallback((state: NotebookState) => Boolean(state.editingMarkdown[cellId]), [cellId]),
  );
}
