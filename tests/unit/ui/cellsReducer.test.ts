// The notebook reducer's cell operations (split, merge, move, duplicate, delete and undo, kind,
// clipboard, folding, selection, run records), without React.
import { describe, expect, it } from 'vitest';
import { cellIdOf, type CellId } from '../../../src/ui/core/cells/ids.ts';
import { createNotebookState, exportedForTesting, type NotebookState } from '../../../src/ui/core/cells/notebook.ts';
import { createCellData } from '../../../src/ui/core/cells/types.ts';

const { handlers } = exportedForTesting;
const a = cellIdOf('a');
const b = cellIdOf('b');
const c = cellIdOf('c');
const n1 = cellIdOf('n1');
const n2 = cellIdOf('n2');

function notebook(): NotebookState {
  return createNotebookState([createCellData(a, 'code', 'x = 1'), createCellData(b, 'code', 'y = 2'), createCellData(c, 'markdown', '# T')]);
}

function sources(state: NotebookState): string[] {
  return state.cellIds.map((id) => state.cellData[id].source);
}

/** A cell that ran and produced output, so undo can be checked to bring the output back. */
function ran(state: NotebookState, cellId: CellId): NotebookState {
  let next = handlers.startCell(state, { cellId, startedAt: 1000 });
  next = handlers.cellMessage(next, { cellId, message: { type: 'stdout', text: 'out\n' } });
  next = handlers.cellMessage(next, { cellId, message: { type: 'done', wallMs: 5, gpuMs: 0, ok: true } });
  return handlers.finishCell(next, { cellId, endedAt: 1007 });
}

describe('cell operations', () => {
  it('inserts above and below, focusing the new cell as asked', () => {
    const above = handlers.createCell(notebook(), { id: n1, kind: 'code', before: b, target: 'cell' });
    expect(above.cellIds).toEqual([a, n1, b, c]);
    expect(above.focus).toMatchObject({ cellId: n1, target: 'cell' });
    expect(above.selectedCellId).toBe(n1);
    const below = handlers.createCell(notebook(), { id: n1, kind: 'code', after: c });
    expect(below.cellIds).toEqual([a, b, c, n1]);
    expect(below.focus).toMatchObject({ cellId: n1, target: 'editor' });
    const first = handlers.createCell(notebook(), { id: n1, kind: 'code', before: a });
    expect(first.cellIds[0]).toBe(n1);
  });

  it('deletes, then undo puts the cell back where it was with its output', () => {
    const before = ran(notebook(), b);
    const deleted = handlers.deleteCell(before, { cellId: b });
    expect(deleted.cellIds).toEqual([a, c]);
    expect(deleted.lastRun[b]).toBeUndefined();
    expect(deleted.focus).toMatchObject({ cellId: c, target: 'cell' });
    const undone = handlers.undo(deleted, {});
    expect(undone.cellIds).toEqual([a, b, c]);
    expect(undone.cellRuntime[b]).toBe(before.cellRuntime[b]);
    expect(undone.lastRun[b]).toBe(before.lastRun[b]);
    expect(undone.focus).toMatchObject({ cellId: b, target: 'cell' });
    expect(undone.undoStack).toEqual([]);
    // Nothing left to undo: the state is unchanged.
    expect(handlers.undo(undone, {})).toBe(undone);
  });

  it('undoes several deletes newest first, including the last cell of the notebook', () => {
    let state = handlers.deleteCell(notebook(), { cellId: c });
    state = handlers.deleteCell(state, { cellId: a });
    state = handlers.deleteCell(state, { cellId: b });
    expect(state.cellIds).toEqual([]);
    expect(state.selectedCellId).toBeNull();
    state = handlers.undo(state, {});
    expect(state.cellIds).toEqual([b]);
    state = handlers.undo(state, {});
    expect(state.cellIds).toEqual([a, b]);
    state = handlers.undo(state, {});
    expect(state.cellIds).toEqual([a, b, c]);
  });

  it('moves a cell within bounds and keeps the focus on it', () => {
    const moved = handlers.moveCell(notebook(), { cellId: c, delta: -1 });
    expect(moved.cellIds).toEqual([a, c, b]);
    expect(moved.focus).toMatchObject({ cellId: c, target: 'cell' });
    const state = notebook();
    expect(handlers.moveCell(state, { cellId: c, delta: 1 })).toBe(state);
  });

  it('duplicates source and kind, not outputs, right below', () => {
    const state = handlers.duplicateCell(ran(notebook(), a), { cellId: a, newId: n1 });
    expect(state.cellIds).toEqual([a, n1, b, c]);
    expect(state.cellData[n1]).toEqual({ id: n1, kind: 'code', source: 'x = 1' });
    expect(state.cellRuntime[n1]?.status).toBe('idle');
    expect(state.lastRun[n1]).toBeUndefined();
    expect(state.selectedCellId).toBe(n1);
  });

  it('splits at the cursor: the cell keeps the first part, the new cell below gets the rest and the focus', () => {
    const start = handlers.setSource(notebook(), { cellId: a, source: 'x = 1;\ny = 2;' });
    const split = handlers.splitCell(start, { cellId: a, offsets: [7], newIds: [n1] });
    expect(split.cellIds).toEqual([a, n1, b, c]);
    expect(sources(split).slice(0, 2)).toEqual(['x = 1;', 'y = 2;']);
    expect(split.focus).toMatchObject({ cellId: n1, target: 'editor' });
    const undone = handlers.undo(split, {});
    expect(undone.cellIds).toEqual([a, b, c]);
    expect(undone.cellData[a].source).toBe('x = 1;\ny = 2;');
  });

  it('splits a selection into its own cell, and ignores a split that cuts nothing', () => {
    const start = handlers.setSource(notebook(), { cellId: a, source: 'one\ntwo\nthree' });
    const split = handlers.splitCell(start, { cellId: a, offsets: [8, 4], newIds: [n1, n2] });
    expect(sources(split).slice(0, 3)).toEqual(['one', 'two', 'three']);
    expect(split.focus?.cellId).toBe(n1);
    expect(handlers.splitCell(start, { cellId: a, offsets: [], newIds: [] })).toBe(start);
    // Not enough new ids for the parts: nothing happens rather than a half split.
    expect(handlers.splitCell(start, { cellId: a, offsets: [4, 8], newIds: [n1] })).toBe(start);
  });

  it('a split Markdown cell gives a Markdown cell, open for editing', () => {
    const split = handlers.splitCell(notebook(), { cellId: c, offsets: [1], newIds: [n1] });
    expect(split.cellData[n1]).toMatchObject({ kind: 'markdown', source: ' T' });
    expect(split.editingMarkdown[n1]).toBe(true);
  });

  it('merges with the cell below (undoable), and not past the last cell', () => {
    const merged = handlers.mergeCellBelow(ran(notebook(), b), { cellId: a });
    expect(merged.cellIds).toEqual([a, c]);
    expect(merged.cellData[a].source).toBe('x = 1\ny = 2');
    expect(merged.selectedCellId).toBe(a);
    const undone = handlers.undo(merged, {});
    expect(sources(undone)).toEqual(['x = 1', 'y = 2', '# T']);
    expect(undone.cellRuntime[b]?.outputs).toEqual([{ kind: 'stdout', text: 'out\n' }]);
    const state = notebook();
    expect(handlers.mergeCellBelow(state, { cellId: c })).toBe(state);
  });

  it('changes kind: outputs and the run record go, a non-empty Markdown cell renders', () => {
    const markdown = handlers.setCellKind(ran(notebook(), a), { cellId: a, kind: 'markdown' });
    expect(markdown.cellData[a].kind).toBe('markdown');
    expect(markdown.cellRuntime[a]?.outputs).toEqual([]);
    expect(markdown.lastRun[a]).toBeUndefined();
    expect(markdown.editingMarkdown[a]).toBeUndefined();
    const code = handlers.setCellKind(markdown, { cellId: a, kind: 'code' });
    expect(code.cellData[a].kind).toBe('code');
    expect(handlers.setCellKind(code, { cellId: a, kind: 'code' })).toBe(code);
    const empty = handlers.setCellKind(handlers.setSource(notebook(), { cellId: a, source: '' }), { cellId: a, kind: 'markdown' });
    expect(empty.editingMarkdown[a]).toBe(true);
  });

  it('copies, cuts (undoable) and pastes cells above or below', () => {
    expect(handlers.pasteCell(notebook(), { cellId: a, newId: n1, where: 'below' }).cellIds).toEqual([a, b, c]);
    let state = handlers.cutCell(notebook(), { cellId: b });
    expect(state.cellIds).toEqual([a, c]);
    expect(state.clipboard).toEqual({ kind: 'code', source: 'y = 2' });
    state = handlers.pasteCell(state, { cellId: a, newId: n1, where: 'above' });
    expect(sources(state)).toEqual(['y = 2', 'x = 1', '# T']);
    state = handlers.copyCell(state, { cellId: c });
    state = handlers.pasteCell(state, { cellId: c, newId: n2, where: 'below' });
    expect(state.cellData[n2]).toMatchObject({ kind: 'markdown', source: '# T' });
    expect(state.selectedCellId).toBe(n2);
  });

  it('folds and unfolds output and source; Enter (edit mode) unfolds the source', () => {
    let state = handlers.toggleOutputCollapsed(notebook(), { cellId: a });
    state = handlers.toggleSourceCollapsed(state, { cellId: a });
    expect(state.collapsedOutput[a]).toBe(true);
    expect(state.collapsedSource[a]).toBe(true);
    state = handlers.enterEditMode(state, { cellId: a });
    expect(state.collapsedSource[a]).toBeUndefined();
    expect(state.focus).toMatchObject({ cellId: a, target: 'editor' });
    state = handlers.toggleOutputCollapsed(state, { cellId: a });
    expect(state.collapsedOutput[a]).toBeUndefined();
  });

  it('selects adjacent cells in command mode and stops at either end', () => {
    const next = handlers.selectAdjacent(notebook(), { cellId: a, delta: 1 });
    expect(next.focus).toMatchObject({ cellId: b, target: 'cell' });
    const past = handlers.selectAdjacent(notebook(), { cellId: a, delta: -1 });
    expect(past.focus).toMatchObject({ cellId: a, target: 'cell' });
    const state = handlers.selectCell(notebook(), { cellId: b });
    expect(state.selectedCellId).toBe(b);
    expect(handlers.selectCell(state, { cellId: b })).toBe(state);
  });

  it('advances from command mode onto the next cell itself, and into a new cell\'s editor past the end', () => {
    expect(handlers.advanceFrom(notebook(), { cellId: a, newId: n1, target: 'cell' }).focus).toMatchObject({ cellId: b, target: 'cell' });
    const created = handlers.advanceFrom(notebook(), { cellId: c, newId: n1, target: 'cell' });
    expect(created.cellIds).toEqual([a, b, c, n1]);
    expect(created.focus).toMatchObject({ cellId: n1, target: 'editor' });
  });

  it('records the source and clock of a run: an edit afterwards is a change, the next run clears it', () => {
    let state = ran(notebook(), a);
    expect(state.lastRun[a]).toEqual({ source: 'x = 1', startedAt: 1000, endedAt: 1007 });
    state = handlers.setSource(state, { cellId: a, source: 'x = 10' });
    expect(state.lastRun[a]?.source).toBe('x = 1');
    state = handlers.startCell(state, { cellId: a, startedAt: 2000 });
    expect(state.lastRun[a]).toEqual({ source: 'x = 10', startedAt: 2000, endedAt: null });
    // A second finish (a late one) does not move the clock.
    state = handlers.finishCell(state, { cellId: a, endedAt: 2500 });
    expect(handlers.finishCell(state, { cellId: a, endedAt: 9999 })).toBe(state);
  });

  it('a loaded notebook counts restored runs as runs of their source, and keeps the clipboard', () => {
    const withClipboard = handlers.copyCell(notebook(), { cellId: a });
    const cell = createCellData(n1, 'code', 'z = 3');
    const restored = { ...withClipboard.cellRuntime[a]!, status: 'done' as const, executionCount: 4 };
    const loaded = handlers.loadNotebook(withClipboard, { cells: [cell], runtimes: { [n1]: restored } });
    expect(loaded.lastRun[n1]).toEqual({ source: 'z = 3', startedAt: null, endedAt: null });
    expect(loaded.clipboard).toEqual({ kind: 'code', source: 'x = 1' });
    expect(loaded.undoStack).toEqual([]);
  });

  it('keeps the undo history bounded', () => {
    let state = notebook();
    for (let i = 0; i < 60; i++) {
      state = handlers.createCell(state, { id: cellIdOf(`t${i}`), kind: 'code' });
      state = handlers.deleteCell(state, { cellId: cellIdOf(`t${i}`) });
    }
    expect(state.undoStack.length).toBe(50);
  });
});
