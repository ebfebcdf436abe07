// The notebook's cell commands, by name: what command-mode keys (core/keys), the per-cell action
// bar and the shortcut sheet all refer to. `runNotebookCommand` carries one out on a cell by
// dispatching reducer actions and calling the run queue; the switch is exhaustive, so a command
// added to the union without an implementation fails to compile.

import type { NotebookRunner } from '../engine/runner.ts';
import type { NotebookStore } from '../state/notebookStore.ts';
import { assertNever } from '../utils/assertNever.ts';
import { newCellId, type CellId } from './ids.ts';
import { notebookActions } from './notebook.ts';

export type NotebookCommand =
  | 'enterEdit'
  | 'leaveEdit'
  | 'insertAbove'
  | 'insertBelow'
  | 'deleteCell'
  | 'undoCellOperation'
  | 'toMarkdown'
  | 'toCode'
  | 'selectPrevious'
  | 'selectNext'
  | 'run'
  | 'runAndAdvance'
  | 'runAndInsertBelow'
  | 'runAbove'
  | 'runBelow'
  | 'interrupt'
  | 'restart'
  | 'copyCell'
  | 'cutCell'
  | 'pasteBelow'
  | 'pasteAbove'
  | 'moveUp'
  | 'moveDown'
  | 'duplicate'
  | 'mergeBelow'
  | 'toggleOutput'
  | 'toggleSource'
  | 'showShortcuts';

export interface CommandContext {
  store: NotebookStore;
  runner: NotebookRunner;
  /** Opens the keyboard-shortcut sheet. */
  showShortcuts(): void;
}

/**
 * Carries out `command` on `cellId` as command mode means it: a cell it selects is focused as a
 * cell (command mode), so A then B adds two cells, as in Jupyter. Commands that are about typing
 * (Enter, Alt+Enter, Shift+Enter past the last cell) land in an editor.
 */
export function runNotebookCommand(context: CommandContext, command: NotebookCommand, cellId: CellId): void {
  const { store, runner } = context;
  const dispatch = store.dispatch;
  switch (command) {
    case 'enterEdit':
      return dispatch(notebookActions.enterEditMode({ cellId }));
    case 'leaveEdit':
      return dispatch(notebookActions.focusCell({ cellId, target: 'cell' }));
    case 'insertAbove':
      return dispatch(notebookActions.createCell({ id: newCellId(), kind: 'code', before: cellId, target: 'cell' }));
    case 'insertBelow':
      return dispatch(notebookActions.createCell({ id: newCellId(), kind: 'code', after: cellId, target: 'cell' }));
    case 'deleteCell':
      return dispatch(notebookActions.deleteCell({ cellId }));
    case 'undoCellOperation':
      return dispatch(notebookActions.undo({}));
    case 'toMarkdown':
      return dispatch(notebookActions.setCellKind({ cellId, kind: 'markdown' }));
    case 'toCode':
      return dispatch(notebookActions.setCellKind({ cellId, kind: 'code' }));
    case 'selectPrevious':
      return dispatch(notebookActions.selectAdjacent({ cellId, delta: -1 }));
    case 'selectNext':
      return dispatch(notebookActions.selectAdjacent({ cellId, delta: 1 }));
    case 'run':
      return runner.runCells([cellId]);
    case 'runAndAdvance':
      runner.runCells([cellId]);
      return dispatch(notebookActions.advanceFrom({ cellId, newId: newCellId(), target: 'cell' }));
    case 'runAndInsertBelow':
      runner.runCells([cellId]);
      return dispatch(notebookActions.createCell({ id: newCellId(), kind: 'code', after: cellId }));
    case 'runAbove':
      return runner.runAbove(cellId);
    case 'runBelow':
      return runner.runBelow(cellId);
    case 'interrupt':
      return runner.interrupt();
    case 'restart':
      return runner.restart();
    case 'copyCell':
      return dispatch(notebookActions.copyCell({ cellId }));
    case 'cutCell':
      return dispatch(notebookActions.cutCell({ cellId }));
    case 'pasteBelow':
      return dispatch(notebookActions.pasteCell({ cellId, newId: newCellId(), where: 'below' }));
    case 'pasteAbove':
      return dispatch(notebookActions.pasteCell({ cellId, newId: newCellId(), where: 'above' }));
    case 'moveUp':
      return dispatch(notebookActions.moveCell({ cellId, delta: -1 }));
    case 'moveDown':
      return dispatch(notebookActions.moveCell({ cellId, delta: 1 }));
    case 'duplicate':
      return dispatch(notebookActions.duplicateCell({ cellId, newId: newCellId() }));
    case 'mergeBelow':
      return dispatch(notebookActions.mergeCellBelow({ cellId }));
    case 'toggleOutput':
      return dispatch(notebookActions.toggleOutputCollapsed({ cellId }));
    case 'toggleSource':
      return dispatch(notebookActions.toggleSourceCollapsed({ cellId }));
    case 'showShortcuts':
      return context.showShortcuts();
    default:
      return assertNever(command, 'notebook command');
  }
}
