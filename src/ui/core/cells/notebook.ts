// The notebook reducer: a table of named handlers (exported for tests, which need no React).
// Handlers are pure: new cell ids and clock readings come in the payload, and a cell untouched by
// an action keeps its object identity, so per-cell selectors re-render only the cells that changed.
//
// Besides the cells themselves the state holds the page's view of them: which cell is selected
// (Jupyter's active cell, what command-mode keys act on), where the keyboard focus should go
// (into a cell's editor for edit mode, onto the cell for command mode), folded outputs and
// sources, the cell clipboard, and an undo stack for the operations that remove or cut cells.

import { createReducer, type ActionOf } from '../utils/createReducer.ts';
import { transitionCell } from './cell.ts';
import { mergeSources, splitSource } from './cellText.ts';
import type { CellId } from './ids.ts';
import type { RunRecord } from './runRecord.ts';
import { createCellData, createCellRuntime, type CellData, type CellKind, type CellMessage, type CellRuntime } from './types.ts';

/** Edit mode puts the keyboard in the cell's editor; command mode on the cell element itself. */
export type FocusTarget = 'editor' | 'cell';

/** A cell an operation removed, with everything needed to put it back where it was. */
export interface RemovedCell {
  cell: CellData;
  runtime: CellRuntime;
  lastRun: RunRecord | undefined;
  index: number;
}

/** How to take back one delete, cut, merge or split (Z in command mode). */
export interface UndoEntry {
  /** Cells the operation removed, put back at their old indices. */
  removed: RemovedCell[];
  /** Cells the operation added, taken out again. */
  added: CellId[];
  /** Sources the operation rewrote, restored. */
  sources: { cellId: CellId; source: string }[];
  /** The cell selected after undoing. */
  select: CellId;
}

/** Undo history depth: enough for a session of tidying, bounded so deleted outputs are let go. */
const UNDO_LIMIT = 50;

export interface NotebookState {
  /** Cell order. */
  cellIds: CellId[];
  cellData: Record<CellId, CellData>;
  cellRuntime: Record<CellId, CellRuntime>;
  /** The source and clock of each cell's last run; absent for a cell that has not run. */
  lastRun: Record<CellId, RunRecord>;
  /** Markdown cells shown as source (being edited) rather than rendered. */
  editingMarkdown: Record<CellId, boolean>;
  /** Cells whose output is folded away (view state: not saved with the notebook). */
  collapsedOutput: Record<CellId, true>;
  /** Cells whose source is folded away, leaving a one-line stub (view state). */
  collapsedSource: Record<CellId, true>;
  /**
   * The active cell: the one command-mode keys, the Run menu and the action bar act on. It stays
   * selected when the focus leaves the notebook (a click on the toolbar).
   */
  selectedCellId: CellId | null;
  /** A request to move the keyboard focus to a cell, in edit or command mode; `seq` changes on every request. */
  focus: { cellId: CellId; target: FocusTarget; seq: number } | null;
  /** Newest last. */
  undoStack: UndoEntry[];
  /** The cell copied or cut in command mode (C / X), pasted by V; kept across notebooks. */
  clipboard: { kind: CellKind; source: string } | null;
  /** The last execution count handed out; the next run gets one more. Reset by a restart. */
  executionCounter: number;
}

export function createNotebookState(cells: CellData[] = []): NotebookState {
  const state: NotebookState = {
    cellIds: [],
    cellData: {} as Record<CellId, CellData>,
    cellRuntime: {} as Record<CellId, CellRuntime>,
    lastRun: {} as Record<CellId, RunRecord>,
    editingMarkdown: {} as Record<CellId, boolean>,
    collapsedOutput: {} as Record<CellId, true>,
    collapsedSource: {} as Record<CellId, true>,
    selectedCellId: null,
    focus: null,
    undoStack: [],
    clipboard: null,
    executionCounter: 0,
  };
  for (const cell of cells) {
    state.cellIds.push(cell.id);
    state.cellData[cell.id] = cell;
    state.cellRuntime[cell.id] = createCellRuntime();
  }
  return state;
}

/** Selects the cell and asks for the focus there. */
function focusOn(state: NotebookState, cellId: CellId, target: FocusTarget): NotebookState {
  return { ...state, selectedCellId: cellId, focus: { cellId, target, seq: (state.focus?.seq ?? 0) + 1 } };
}

function updateRuntime(state: NotebookState, cellId: CellId, message: CellMessage): NotebookState {
  const runtime = state.cellRuntime[cellId];
  if (!runtime) return state;
  const next = transitionCell(runtime, message);
  if (next === runtime) return state;
  return { ...state, cellRuntime: { ...state.cellRuntime, [cellId]: next } };
}

/** A copy of `record` without `key` (records of per-cell flags drop a cell by omission). */
function without<T>(record: Record<CellId, T>, key: CellId): Record<CellId, T> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

function withFlag(record: Record<CellId, true>, key: CellId, on: boolean): Record<CellId, true> {
  if (on === (key in record)) return record;
  return on ? { ...record, [key]: true } : without(record, key);
}

function setSourceOf(state: NotebookState, cellId: CellId, source: string): NotebookState {
  const cell = state.cellData[cellId];
  if (!cell || cell.source === source) return state;
  return { ...state, cellData: { ...state.cellData, [cellId]: { ...cell, source } } };
}

/** Inserts `cell` at `index` (clamped), with a fresh runtime unless one is given. */
function insertAt(state: NotebookState, cell: CellData, index: number, restored?: Omit<RemovedCell, 'cell' | 'index'>): NotebookState {
  const cellIds = [...state.cellIds];
  cellIds.splice(Math.max(0, Math.min(index, cellIds.length)), 0, cell.id);
  const lastRun = restored?.lastRun;
  return {
    ...state,
    cellIds,
    cellData: { ...state.cellData, [cell.id]: cell },
    cellRuntime: { ...state.cellRuntime, [cell.id]: restored?.runtime ?? createCellRuntime() },
    lastRun: lastRun ? { ...state.lastRun, [cell.id]: lastRun } : state.lastRun,
  };
}

/** Where a new cell goes: after `after`, before `before`, otherwise (or when they are not in the notebook) at the end. */
function insertionIndex(state: NotebookState, where: { after?: CellId | null; before?: CellId | null }): number {
  if (where.before != null) {
    const at = state.cellIds.indexOf(where.before);
    if (at >= 0) return at;
  }
  if (where.after != null) {
    const at = state.cellIds.indexOf(where.after);
    if (at >= 0) return at + 1;
  }
  return state.cellIds.length;
}

/** Takes a cell out of every per-cell table; returns what undo needs to put it back. */
function removeCell(state: NotebookState, cellId: CellId): { state: NotebookState; removed: RemovedCell } | null {
  const index = state.cellIds.indexOf(cellId);
  const cell = state.cellData[cellId];
  const runtime = state.cellRuntime[cellId];
  if (index < 0 || !cell || !runtime) return null;
  const removed: RemovedCell = { cell, runtime, lastRun: state.lastRun[cellId], index };
  return {
    removed,
    state: {
      ...state,
      cellIds: state.cellIds.filter((id) => id !== cellId),
      cellData: without(state.cellData, cellId),
      cellRuntime: without(state.cellRuntime, cellId),
      lastRun: without(state.lastRun, cellId),
      editingMarkdown: without(state.editingMarkdown, cellId),
      collapsedOutput: without(state.collapsedOutput, cellId),
      collapsedSource: without(state.collapsedSource, cellId),
      selectedCellId: state.selectedCellId === cellId ? null : state.selectedCellId,
    },
  };
}

function pushUndo(state: NotebookState, entry: UndoEntry): NotebookState {
  return { ...state, undoStack: [...state.undoStack, entry].slice(-UNDO_LIMIT) };
}

const handlers = {
  /**
   * Adds a cell after `after` or before `before` (at the end when neither is given) and focuses
   * it, in its editor unless `target` says the cell (command mode), and not at all when `focus`
   * is false. A new markdown cell opens as source, ready to type into.
   */
  createCell(
    state: NotebookState,
    payload: {
      id: CellId;
      kind: CellKind;
      source?: string;
      after?: CellId | null;
      before?: CellId | null;
      focus?: boolean;
      target?: FocusTarget;
    },
  ): NotebookState {
    const cell = createCellData(payload.id, payload.kind, payload.source ?? '');
    let next = insertAt(state, cell, insertionIndex(state, payload));
    if (cell.kind === 'markdown') next = { ...next, editingMarkdown: { ...next.editingMarkdown, [cell.id]: true } };
    return payload.focus === false ? next : focusOn(next, payload.id, payload.target ?? 'editor');
  },

  /** Removes a cell (undoable) and puts the focus on its neighbour, in command mode. */
  deleteCell(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    const taken = removeCell(state, payload.cellId);
    if (!taken) return state;
    const { cellIds } = taken.state;
    const neighbour = cellIds[Math.min(taken.removed.index, cellIds.length - 1)];
    const next = pushUndo(taken.state, { removed: [taken.removed], added: [], sources: [], select: payload.cellId });
    return neighbour ? focusOn(next, neighbour, 'cell') : next;
  },

  /** Takes back the newest delete, cut, merge or split, and selects the cell it brought back. */
  undo(state: NotebookState, _payload: Record<string, never>): NotebookState {
    const entry = state.undoStack[state.undoStack.length - 1];
    if (!entry) return state;
    let next: NotebookState = { ...state, undoStack: state.undoStack.slice(0, -1) };
    for (const cellId of entry.added) next = removeCell(next, cellId)?.state ?? next;
    for (const removed of [...entry.removed].sort((x, y) => x.index - y.index)) {
      if (next.cellData[removed.cell.id]) continue;
      next = insertAt(next, removed.cell, removed.index, removed);
    }
    for (const { cellId, source } of entry.sources) next = setSourceOf(next, cellId, source);
    return next.cellData[entry.select] ? focusOn(next, entry.select, 'cell') : next;
  },

  /** Moves a cell one place up or down, keeping it selected and focused (the DOM move would drop the focus). */
  moveCell(state: NotebookState, payload: { cellId: CellId; delta: -1 | 1 }): NotebookState {
    const from = state.cellIds.indexOf(payload.cellId);
    const to = from + payload.delta;
    if (from < 0 || to < 0 || to >= state.cellIds.length) return state;
    const cellIds = [...state.cellIds];
    cellIds.splice(from, 1);
    cellIds.splice(to, 0, payload.cellId);
    return focusOn({ ...state, cellIds }, payload.cellId, 'cell');
  },

  /** A copy of the cell (source and kind, not outputs) right below it, selected. */
  duplicateCell(state: NotebookState, payload: { cellId: CellId; newId: CellId }): NotebookState {
    const cell = state.cellData[payload.cellId];
    if (!cell) return state;
    const next = insertAt(state, createCellData(payload.newId, cell.kind, cell.source), state.cellIds.indexOf(payload.cellId) + 1);
    return focusOn(next, payload.newId, 'cell');
  },

  /**
   * Splits a cell at character offsets of its source (the cursor, or both ends of a selection):
   * the cell keeps the first part and its outputs, new cells (ids from `newIds`) get the rest.
   * The editor of the part that started at the first offset takes the focus. Undoable.
   */
  splitCell(state: NotebookState, payload: { cellId: CellId; offsets: number[]; newIds: CellId[] }): NotebookState {
    const cell = state.cellData[payload.cellId];
    if (!cell) return state;
    const parts = splitSource(cell.source, payload.offsets);
    if (parts.length < 2 || payload.newIds.length < parts.length - 1) return state;
    const newIds = payload.newIds.slice(0, parts.length - 1);
    let next = setSourceOf(state, cell.id, parts[0]);
    let index = next.cellIds.indexOf(cell.id);
    newIds.forEach((id, i) => {
      index += 1;
      next = insertAt(next, createCellData(id, cell.kind, parts[i + 1]), index);
    });
    if (cell.kind === 'markdown') next = { ...next, editingMarkdown: { ...next.editingMarkdown, [newIds[0]]: true } };
    next = pushUndo(next, { removed: [], added: newIds, sources: [{ cellId: cell.id, source: cell.source }], select: cell.id });
    return focusOn(next, newIds[0], 'editor');
  },

  /** Joins the cell below into this one (the upper cell's kind and outputs stay). Undoable. */
  mergeCellBelow(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    const index = state.cellIds.indexOf(payload.cellId);
    const upper = state.cellData[payload.cellId];
    const belowId = state.cellIds[index + 1];
    const lower = belowId === undefined ? undefined : state.cellData[belowId];
    if (index < 0 || !upper || !lower) return state;
    const taken = removeCell(state, lower.id);
    if (!taken) return state;
    let next = setSourceOf(taken.state, upper.id, mergeSources(upper.source, lower.source, upper.kind));
    next = pushUndo(next, { removed: [taken.removed], added: [], sources: [{ cellId: upper.id, source: upper.source }], select: upper.id });
    return focusOn(next, upper.id, 'cell');
  },

  /**
   * Makes a cell code or Markdown. Its old outputs and run record go (they belonged to the other
   * kind); a Markdown cell shows rendered unless it is empty.
   */
  setCellKind(state: NotebookState, payload: { cellId: CellId; kind: CellKind }): NotebookState {
    const cell = state.cellData[payload.cellId];
    if (!cell || cell.kind === payload.kind) return state;
    const editing = payload.kind === 'markdown' && cell.source.trim() === '';
    return {
      ...state,
      cellData: { ...state.cellData, [cell.id]: { ...cell, kind: payload.kind } },
      cellRuntime: { ...state.cellRuntime, [cell.id]: createCellRuntime() },
      lastRun: without(state.lastRun, cell.id),
      editingMarkdown: editing ? { ...state.editingMarkdown, [cell.id]: true } : without(state.editingMarkdown, cell.id),
      collapsedOutput: without(state.collapsedOutput, cell.id),
    };
  },

  copyCell(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    const cell = state.cellData[payload.cellId];
    if (!cell) return state;
    return { ...state, clipboard: { kind: cell.kind, source: cell.source } };
  },

  /** Copy, then an undoable delete. */
  cutCell(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    const copied = handlers.copyCell(state, payload);
    return copied === state ? state : handlers.deleteCell(copied, payload);
  },

  /** The clipboard's cell as a new cell above or below `cellId`, selected. */
  pasteCell(state: NotebookState, payload: { cellId: CellId; newId: CellId; where: 'above' | 'below' }): NotebookState {
    if (!state.clipboard) return state;
    const place = payload.where === 'above' ? { before: payload.cellId } : { after: payload.cellId };
    const next = insertAt(state, createCellData(payload.newId, state.clipboard.kind, state.clipboard.source), insertionIndex(state, place));
    return focusOn(next, payload.newId, 'cell');
  },

  toggleOutputCollapsed(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    if (!state.cellData[payload.cellId]) return state;
    return { ...state, collapsedOutput: withFlag(state.collapsedOutput, payload.cellId, !(payload.cellId in state.collapsedOutput)) };
  },

  toggleSourceCollapsed(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    if (!state.cellData[payload.cellId]) return state;
    return { ...state, collapsedSource: withFlag(state.collapsedSource, payload.cellId, !(payload.cellId in state.collapsedSource)) };
  },

  setSource(state: NotebookState, payload: { cellId: CellId; source: string }): NotebookState {
    return setSourceOf(state, payload.cellId, payload.source);
  },

  setMarkdownEditing(state: NotebookState, payload: { cellId: CellId; editing: boolean }): NotebookState {
    if (Boolean(state.editingMarkdown[payload.cellId]) === payload.editing) return state;
    const editingMarkdown = payload.editing
      ? { ...state.editingMarkdown, [payload.cellId]: true }
      : without(state.editingMarkdown, payload.cellId);
    const next = { ...state, editingMarkdown };
    return payload.editing ? focusOn(next, payload.cellId, 'editor') : next;
  },

  /** The focus arrived in a cell by itself (a click, Tab): it becomes the selected cell. */
  selectCell(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    if (state.selectedCellId === payload.cellId || !state.cellData[payload.cellId]) return state;
    return { ...state, selectedCellId: payload.cellId };
  },

  /** Selects a cell and moves the focus to it: into its editor by default, onto the cell for command mode. */
  focusCell(state: NotebookState, payload: { cellId: CellId; target?: FocusTarget }): NotebookState {
    if (!state.cellData[payload.cellId]) return state;
    return focusOn(state, payload.cellId, payload.target ?? 'editor');
  },

  /** Command mode's Up/Down (K/J): the previous or next cell, staying in command mode; nothing past either end. */
  selectAdjacent(state: NotebookState, payload: { cellId: CellId; delta: -1 | 1 }): NotebookState {
    const index = state.cellIds.indexOf(payload.cellId);
    const target = index < 0 ? undefined : state.cellIds[index + payload.delta];
    return focusOn(state, target ?? payload.cellId, 'cell');
  },

  /** Enter in command mode: unfold the source, show a Markdown cell as source, focus the editor. */
  enterEditMode(state: NotebookState, payload: { cellId: CellId }): NotebookState {
    const cell = state.cellData[payload.cellId];
    if (!cell) return state;
    const next = {
      ...state,
      collapsedSource: without(state.collapsedSource, cell.id),
      editingMarkdown: cell.kind === 'markdown' ? { ...state.editingMarkdown, [cell.id]: true } : state.editingMarkdown,
    };
    return focusOn(next, cell.id, 'editor');
  },

  /**
   * Shift+Enter: focus the next cell (its editor, or the cell itself from command mode), or
   * create a code cell (with `newId`, in edit mode) when this is the last. A markdown cell also
   * leaves edit mode, so it shows rendered.
   */
  advanceFrom(state: NotebookState, payload: { cellId: CellId; newId: CellId; target?: FocusTarget }): NotebookState {
    let next = state;
    if (state.cellData[payload.cellId]?.kind === 'markdown') {
      next = handlers.setMarkdownEditing(next, { cellId: payload.cellId, editing: false });
    }
    const index = next.cellIds.indexOf(payload.cellId);
    const following = next.cellIds[index + 1];
    if (index >= 0 && following) return focusOn(next, following, payload.target ?? 'editor');
    return handlers.createCell(next, { id: payload.newId, kind: 'code', after: payload.cellId });
  },

  /** Puts cells on the run queue. */
  queueCells(state: NotebookState, payload: { cellIds: CellId[] }): NotebookState {
    return payload.cellIds.reduce((s, cellId) => updateRuntime(s, cellId, { type: 'queued' }), state);
  },

  /**
   * A queued cell starts running: it gets the next execution count, and the page records the
   * source it runs (clearing "changed since run") and, given `startedAt` (Date.now()), its clock.
   */
  startCell(state: NotebookState, payload: { cellId: CellId; startedAt?: number }): NotebookState {
    const cell = state.cellData[payload.cellId];
    if (!cell || !state.cellRuntime[payload.cellId]) return state;
    const executionCount = state.executionCounter + 1;
    const record: RunRecord = { source: cell.source, startedAt: payload.startedAt ?? null, endedAt: null };
    return updateRuntime(
      { ...state, executionCounter: executionCount, lastRun: { ...state.lastRun, [cell.id]: record } },
      payload.cellId,
      { type: 'started', executionCount },
    );
  },

  /** The engine call for a cell returned, however it ended: stops its clock. */
  finishCell(state: NotebookState, payload: { cellId: CellId; endedAt: number }): NotebookState {
    const record = state.lastRun[payload.cellId];
    if (!record || record.endedAt !== null) return state;
    return { ...state, lastRun: { ...state.lastRun, [payload.cellId]: { ...record, endedAt: payload.endedAt } } };
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
   * given cells, with restored runtimes where there are some, nothing focused, counts from 1. A
   * restored run counts as a run of the source it came with, so later edits show as changes.
   * The cell clipboard survives, so a cell can be copied from one notebook to another.
   */
  loadNotebook(state: NotebookState, payload: { cells: CellData[]; runtimes?: Partial<Record<CellId, CellRuntime>> }): NotebookState {
    const next = { ...createNotebookState(payload.cells), clipboard: state.clipboard };
    for (const cellId of next.cellIds) {
      const runtime = payload.runtimes?.[cellId];
      if (!runtime) continue;
      next.cellRuntime[cellId] = runtime;
      if (runtime.executionCount !== null) next.lastRun[cellId] = { source: next.cellData[cellId].source, startedAt: null, endedAt: null };
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
