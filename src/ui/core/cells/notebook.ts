// The notebook reducer: a table of named handlers (exported for tests, which need no React).
// Handlers are pure: new cell ids come in the payload, and a cell untouched by an action keeps its
// object identity, so per-cell selectors re-render only the cells that changed.

import { createReducer, type ActionOf } from '../utils/createReducer.ts';
import { transitionCell } from './cell.ts';
import type { CellId } from './ids.ts';
import { createCellData, createCellRuntime, type CellData, type CellKind, type CellMessage, type CellRuntime } from './types.ts';

export interface NotebookState {
  /** Cell order. */
  cellIds: CellId[];
  cellData: Record<CellId, CellData>;
  cellRuntime: Record<CellId, CellRuntime>;
  /** Markdown cells shown as source (being edited) rather than rendered. */
  editingMarkdown: Record<CellId, boolean>;
  /** The cell whose editor should take focus; `seq` changes on every request. */
  focus: { cellId: CellId; seq: number } | null;
  /** The last execution count handed out; the next run gets one more. Reset by a restart. */
  executionCounter: number;
}

export function createNotebookState(cells: CellData[] = []): NotebookState {
  const state: NotebookState = {
    cellIds: [],
    cellData: {} as Record<CellId, CellData>,
    cellRuntime: {} as Record<CellId, CellRuntime>,
    editingMarkdown: {} as Record<CellId, boolean>,
    focus: null,
    executionCounter: 0,
  };
  for (const cell of cells) {
    state.cellIds.push(cell.id);
    state.cellData[cell.id] = cell;
    state.cellRuntime[cell.id] = createCellRuntime();
  }
  return state;
}

function requestFocus(state: NotebookState, cellId: CellId): NotebookState['focus'] {
  return { cellId, seq: (state.focus?.seq ?? 0) + 1 };
}

function updateRuntime(state: NotebookState, cellId: CellId, message: CellMessage): NotebookState {
  const runtime = state.cellRuntime[cellId];
  if (!runtime) return state;
  const next = transitionCell(runtime, message);
  if (next === runtime) return state;
  return { ...state, cellRuntime: { ...state.cellRuntime, [cellId]: next } };
}

function insertCell(state: NotebookState, cell: CellData, after: CellId | null | undefined): NotebookState {
  // After `after` when it is in the notebook, otherwise at the end.
  const at = after == null ? -1 : state.cellIds.indexOf(after);
  const cellIds = [...state.cellIds];
  cellIds.splice(at < 0 ? cellIds.length : at + 1, 0, cell.id);
  return {
    ...state,
    cellIds,
    cellData: { ...state.cellData, [cell.id]: cell },
    cellRuntime: { ...state.cellRuntime, [cell.id]: createCellRuntime() },
    // A new markdown cell opens as source, ready to type into.
    editingMarkdown: cell.kind === 'markdown' ? { ...state.editingMarkdown, [cell.id]: true } : state.editingMarkdown,
  };
}

const handlers = {
  /** Adds a cell after `after` (at the end when absent) and focuses it unless `focus` is false. */
  createCell(
    state: NotebookState,
    payload: { id: CellId; kind: CellKind; source?: string; after?: CellId | null; focus?: boolean },
  ): NotebookState {
    const next = insertCell(state, createCellData(payload.id, payload.kind, payload.source ?? ''), payload.after);
    return payload.focus === false ? next : { ...next, focus: requestFocus(state, payload.id) };
  },

  deleteCell(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    const index = state.cellIds.indexOf(payload.cellId);
    if (index < 0) return state;
    const cellIds = state.cellIds.filter((id) => id !== payload.cellId);
    const cellData = { ...state.cellData };
    const cellRuntime = { ...state.cellRuntime };
    const editingMarkdown = { ...state.editingMarkdown };
    delete cellData[payload.cellId];
    delete cellRuntime[payload.cellId];
    delete editingMarkdown[payload.cellId];
    const neighbour = cellIds[Math.min(index, cellIds.length - 1)];
    return {
      ...state,
      cellIds,
      cellData,
      cellRuntime,
      editingMarkdown,
      focus: neighbour ? requestFocus(state, neighbour) : null,
    };
  },

  moveCell(state: NotebookState, payload: { cellId: CellId; delta: -1 | 1 }): NotebookState {
    const from = state.cellIds.indexOf(payload.cellId);
    const to = from + payload.delta;
    if (from < 0 || to < 0 || to >= state.cellIds.length) return state;
    const cellIds = [...state.cellIds];
    cellIds.splice(from, 1);
    cellIds.splice(to, 0, payload.cellId);
    return { ...state, cellIds };
  },

  setSource(state: NotebookState, payload: { cellId: CellId; source: string }): NotebookState {
    const cell = state.cellData[payload.cellId];
    if (!cell || cell.source === payload.source) return state;
    return { ...state, cellData: { ...state.cellData, [payload.cellId]: { ...cell, source: payload.source } } };
  },

  setMarkdownEditing(state: NotebookState, payload: { cellId: CellId; editing: boolean }): NotebookState {
    if (Boolean(state.editingMarkdown[payload.cellId]) === payload.editing) return state;
    const editingMarkdown = { ...state.editingMarkdown };
    if (payload.editing) editingMarkdown[payload.cellId] = true;
    else delete editingMarkdown[payload.cellId];
    return {
      ...state,
      editingMarkdown,
      focus: payload.editing ? requestFocus(state, payload.cellId) : state.focus,
    };
  },

  focusCell(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    if (!state.cellData[payload.cellId]) return state;
    return { ...state, focus: requestFocus(state, payload.cellId) };
  },

  /**
   * Shift+Enter: focus the next cell, or create a code cell (with `newId`) when this is the last.
   * A markdown cell also leaves edit mode, so it shows rendered.
   */
  advanceFrom(state: NotebookState, payload: { cellId: CellId; newId: CellId }): NotebookState {
    let next = state;
    if (state.cellData[payload.cellId]?.kind === 'markdown') {
      next = handlers.setMarkdownEditing(next, { cellId: payload.cellId, editing: false });
    }
    const index = next.cellIds.indexOf(payload.cellId);
    const following = next.cellIds[index + 1];
    if (index >= 0 && following) {
      return { ...next, focus: requestFocus(next, following) };
    }
    return handlers.createCell(next, { id: payload.newId, kind: 'code', after: payload.cellId });
  },

  /** Puts cells on the run queue. */
  queueCells(state: NotebookState, payload: { cellIds: CellId[] }): NotebookState {
    return payload.cellIds.reduce((s, cellId) => updateRuntime(s, cellId, { type: 'queued' }), state);
  },

  /** A queued cell starts running: it gets the next execution count. */
  startCell(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    if (!state.cellRuntime[payload.cellId]) return state;
    const executionCount = state.executionCounter + 1;
    return updateRuntime({ ...state, executionCounter: executionCount }, payload.cellId, {
      type: 'started',
      executionCount,
    });
  },

  /** An engine event, or a lifecycle message, for one cell. */
  cellMessage(state: NotebookState, payload: { cellId: CellId; message: CellMessage }): NotebookState {
    return updateRuntime(state, payload.cellId, payload.message);
  },

  /** Interrupt or restart: the running cell is marked interrupted, queued cells go back. */
  interruptAll(state: NotebookState, payload: { workspaceLost: boolean }): NotebookState {
    return state.cellIds.reduce(
      (s, cellId) => updateRuntime(s, cellId, { type: 'interrupted', workspaceLost: payload.workspaceLost }),
      state,
    );
  },

  /**
   * Replaces the whole notebook (opening a saved one, an import, an example, a share link): the
   * given cells, with restored runtimes where there are some, nothing focused, counts from 1.
   */
  loadNotebook(state: NotebookState, payload: { cells: CellData[]; runtimes?: Partial<Record<CellId, CellRuntime>> }): NotebookState {
    const next = createNotebookState(payload.cells);
    for (const cellId of next.cellIds) {
      const runtime = payload.runtimes?.[cellId];
      if (runtime) next.cellRuntime[cellId] = runtime;
    }
    return next;
  },

  /** After a restart the workspace is empty; execution counts start again from 1. */
  resetExecutionCounter(state: NotebookState, _payload: Record<string, never>): NotebookState {
    return { ...state, executionCounter: 0 };
  },
};

const { reducer, actions } = createReducer<NotebookState, typeof handlers>(handlers);

export type NotebookAction = ActionOf<typeof handlers>;
export const notebookReducer = reducer;
export const notebookActions = actions;

/** The raw handler table, for tests. */
export const exportedForTesting = { handlers, reducer };
