// The page: toolbar, the list of cells, the add-cell buttons, the side panel (Functions or
// Workspace: opening one closes the other), the status bar. Re-renders only when the cell order
// changes or a panel opens or closes; each Cell subscribes to its own data.

import { useCallback, useEffect, useState } from 'react';
import type { CellKind } from '../core/cells/types.ts';
import { newCellId } from '../core/cells/ids.ts';
import { notebookActions } from '../core/cells/notebook.ts';
import { useCellIds } from '../core/state/notebookStore.ts';
import { Cell } from './Cell.tsx';
import { HelpPanel } from './HelpPanel.tsx';
import { LibraryChrome, StartScreen } from './LibraryChrome.tsx';
import { useMatbook } from './MatbookContext.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Toolbar } from './Toolbar.tsx';
import { Button } from './ui/Button.tsx';
import { WorkspacePanel } from './WorkspacePanel.tsx';

/** The side panel that is open, if any. */
type SidePanel = 'help' | 'workspace' | null;

export function Notebook() {
  const { store } = useMatbook();
  const cellIds = useCellIds(store);
  const add = (kind: CellKind) => store.dispatch(notebookActions.createCell({ id: newCellId(), kind }));
  const [panel, setPanel] = useState<SidePanel>(null);
  const toggleHelp = useCallback(() => setPanel((open) => (open === 'help' ? null : 'help')), []);
  const toggleWorkspace = useCallback(() => setPanel((open) => (open === 'workspace' ? null : 'workspace')), []);
  const closePanel = useCallback(() => setPanel(null), []);
  // F1 toggles the panel from anywhere, before Monaco (whose F1 is its command palette) sees it.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'F1' || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      event.stopPropagation();
      toggleHelp();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [toggleHelp]);
  return (
    <div className={panel ? `app ${panel}-open` : 'app'}>
      <Toolbar
        helpOpen={panel === 'help'}
        onToggleHelp={toggleHelp}
        workspaceOpen={panel === 'workspace'}
        onToggleWorkspace={toggleWorkspace}
      />
      <main className="notebook">
        <LibraryChrome />
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
        <StartScreen />
      </main>
      {panel === 'help' && <HelpPanel onClose={closePanel} />}
      {panel === 'workspace' && <WorkspacePanel onClose={closePanel} />}
      <StatusBar />
    </div>
  );
}
