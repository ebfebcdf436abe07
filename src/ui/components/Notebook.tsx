// The page: toolbar, the list of cells, the add-cell buttons, the status bar. Re-renders only when
// the cell order changes; each Cell subscribes to its own data.

import type { CellKind } from '../core/cells/types.ts';
import { newCellId } from '../core/cells/ids.ts';
import { notebookActions } from '../core/cells/notebook.ts';
import { useCellIds } from '../core/state/notebookStore.ts';
import { Cell } from './Cell.tsx';
import { useMatbook } from './MatbookContext.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Toolbar } from './Toolbar.tsx';
import { Button } from './ui/Button.tsx';

export function Notebook() {
  const { store } = useMatbook();
  const cellIds = useCellIds(store);
  const add = (kind: CellKind) => store.dispatch(notebookActions.createCell({ id: newCellId(), kind }));
  return (
    <div className="app">
      <Toolbar />
      <main className="notebook">
        <p className="hint">
          <kbd>Shift</kbd>+<kbd>Enter</kbd> runs a cell and moves on, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs it in
          place. Cells share one workspace.
        </p>
        {cellIds.map((cellId, index) => (
          <Cell key={cellId} cellId={cellId} index={index} count={cellIds.length} />
        ))}
        <div className="add-cells">
          <Button testId="add-code" onClick={() => add('code')}>
            + Code
          </Button>
          <Button testId="add-markdown" onClick={() => add('markdown')}>
            + Markdown
          </Button>
        </div>
      </main>
      <StatusBar />
    </div>
  );
}
