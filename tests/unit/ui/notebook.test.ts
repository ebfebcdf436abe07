// The notebook reducer's handlers, without React.
import { describe, expect, it } from 'vitest';
import { cellIdOf } from '../../../src/ui/core/cells/ids.ts';
import {
  createNotebookState,
  exportedForTesting,
  notebookActions,
  notebookReducer,
  type NotebookState,
} from '../../../src/ui/core/cells/notebook.ts';
import { createCellData } from '../../../src/ui/core/cells/types.ts';

const { handlers } = exportedForTesting;
const a = cellIdOf('a');
const b = cellIdOf('b');
const c = cellIdOf('c');

function notebook(): NotebookState {
  return createNotebookState([createCellData(a, 'code', 'x = 1'), createCellData(b, 'code', 'y = x + 1')]);
}

describe('notebook reducer', () => {
  it('builds a state from cells, each with an idle runtime', () => {
    const state = notebook();
    expect(state.cellIds).toEqual([a, b]);
    expect(state.cellRuntime[a]?.status).toBe('idle');
    expect(state.executionCounter).toBe(0);
  });

  it('dispatches typed actions through the handler table', () => {
    const state = notebookReducer(notebook(), notebookActions.setSource({ cellId: a, source: 'x = 2' }));
    expect(state.cellData[a]?.source).toBe('x = 2');
  });

  it('creates a cell after another one, or at the end, and focuses it', () => {
    const middle = handlers.createCell(notebook(), { id: c, kind: 'code', after: a });
    expect(middle.cellIds).toEqual([a, c, b]);
    expect(middle.focus?.cellId).toBe(c);
    const end = handlers.createCell(notebook(), { id: c, kind: 'markdown' });
    expect(end.cellIds).toEqual([a, b, c]);
    expect(end.editingMarkdown[c]).toBe(true);
    const unknownAfter = handlers.createCell(notebook(), { id: c, kind: 'code', after: cellIdOf('zz'), focus: false });
    expect(unknownAfter.cellIds).toEqual([a, b, c]);
    expect(unknownAfter.focus).toBeNull();
  });

  it('deletes a cell and focuses its neighbour', () => {
    const state = handlers.deleteCell(notebook(), { cellId: b });
    expect(state.cellIds).toEqual([a]);
    expect(state.cellData[b]).toBeUndefined();
    expect(state.cellRuntime[b]).toBeUndefined();
    expect(state.focus?.cellId).toBe(a);
  });

  it('moves cells within bounds', () => {
    expect(handlers.moveCell(notebook(), { cellId: b, delta: -1 }).cellIds).toEqual([b, a]);
    const unchanged = notebook();
    expect(handlers.moveCell(unchanged, { cellId: a, delta: -1 })).toBe(unchanged);
  });

  it('keeps untouched cells and the state itself when nothing changes', () => {
    const state = notebook();
    const typed = handlers.setSource(state, { cellId: a, source: 'x = 3' });
    expect(typed.cellData[b]).toBe(state.cellData[b]);
    expect(typed.cellRuntime).toBe(state.cellRuntime);
    expect(handlers.setSource(typed, { cellId: a, source: 'x = 3' })).toBe(typed);
  });

  it('hands out execution counts in start order, and resets them', () => {
    let state = handlers.queueCells(notebook(), { cellIds: [a, b] });
    expect(state.cellRuntime[a]?.status).toBe('queued');
    state = handlers.startCell(state, { cellId: a });
    state = handlers.cellMessage(state, { cellId: a, message: { type: 'done', wallMs: 1, gpuMs: 0, ok: true } });
    state = handlers.startCell(state, { cellId: b });
    expect(state.cellRuntime[a]?.executionCount).toBe(1);
    expect(state.cellRuntime[b]?.executionCount).toBe(2);
    expect(state.cellRuntime[b]?.status).toBe('running');
    expect(handlers.resetExecutionCounter(state, {}).executionCounter).toBe(0);
  });

  it('routes engine events to their cell only', () => {
    const state = handlers.startCell(notebook(), { cellId: a });
    const next = handlers.cellMessage(state, { cellId: a, message: { type: 'stdout', text: 'hi\n' } });
    expect(next.cellRuntime[a]?.outputs).toEqual([{ kind: 'stdout', text: 'hi\n' }]);
    expect(next.cellRuntime[b]).toBe(state.cellRuntime[b]);
    expect(handlers.cellMessage(next, { cellId: cellIdOf('gone'), message: { type: 'stdout', text: 'x' } })).toBe(next);
  });

  it('interrupts the running cell and cancels the queued ones', () => {
    let state = handlers.queueCells(notebook(), { cellIds: [a, b] });
    state = handlers.startCell(state, { cellId: a });
    state = handlers.interruptAll(state, { workspaceLost: true });
    expect(state.cellRuntime[a]?.status).toBe('error');
    expect(state.cellRuntime[a]?.interrupted).toBe(true);
    expect(state.cellRuntime[b]?.status).toBe('idle');
  });

  it('advances from the last cell by creating a code cell, otherwise focuses the next', () => {
    const fromLast = handlers.advanceFrom(notebook(), { cellId: b, newId: c });
    expect(fromLast.cellIds).toEqual([a, b, c]);
    expect(fromLast.cellData[c]?.kind).toBe('code');
    expect(fromLast.focus?.cellId).toBe(c);
    const fromFirst = handlers.advanceFrom(notebook(), { cellId: a, newId: c });
    expect(fromFirst.cellIds).toEqual([a, b]);
    expect(fromFirst.focus?.cellId).toBe(b);
  });

  it('renders a markdown cell when advancing from it', () => {
    let state = handlers.createCell(notebook(), { id: c, kind: 'markdown', after: a });
    expect(state.editingMarkdown[c]).toBe(true);
    state = handlers.advanceFrom(state, { cellId: c, newId: cellIdOf('d') });
    expect(state.editingMarkdown[c]).toBeUndefined();
    expect(state.focus?.cellId).toBe(b);
  });

  it('gives every focus request a new sequence number', () => {
    const once = handlers.focusCell(notebook(), { cellId: a });
    const twice = handlers.focusCell(once, { cellId: a });
    expect(twice.focus?.seq).toBeGreaterThan(once.focus?.seq ?? 0);
  });
});
