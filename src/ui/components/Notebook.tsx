// The page: toolbar, the list of cells, the add-cell buttons, the side panel (Functions or
// Workspace: opening one closes the other), the status bar, and the keyboard-shortcut sheet.
// Command-mode keys are handled here, once for all cells: a key pressed while a cell element
// itself has the focus goes through the pure resolver in core/keys. Re-renders only when the cell
// order changes or a panel or the sheet opens or closes; each Cell subscribes to its own data.

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { runNotebookCommand, type CommandContext } from '../core/cells/commands.ts';
import type { CellKind } from '../core/cells/types.ts';
import { cellIdOf, newCellId } from '../core/cells/ids.ts';
import { notebookActions } from '../core/cells/notebook.ts';
import { resolveCommandModeKey, type PendingKey } from '../core/keys/commandMode.ts';
import { useCellIds } from '../core/state/notebookStore.ts';
import { Cell } from './Cell.tsx';
import { HelpPanel } from './HelpPanel.tsx';
import { LibraryChrome, StartScreen } from './LibraryChrome.tsx';
import { useMatbook } from './MatbookContext.tsx';
import { ShortcutSheet } from './ShortcutSheet.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Toolbar } from './Toolbar.tsx';
import { Button } from './ui/Button.tsx';
import { WorkspacePanel } from './WorkspacePanel.tsx';

/** The side panel that is open, if any. */
type SidePanel = 'help' | 'workspace' | null;

/** The cell whose own element (not its editor, not a button in it) has the focus: command mode. */
function commandModeCell(target: EventTarget): string | null {
  if (!(target instanceof HTMLElement) || !target.classList.contains('cell')) return null;
  return target.dataset.cellId ?? null;
}

export function Notebook() {
  const { store, runner } = useMatbook();
  const cellIds = useCellIds(store);
  const add = (kind: CellKind) => store.dispatch(notebookActions.createCell({ id: newCellId(), kind }));
  const [panel, setPanel] = useState<SidePanel>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const toggleHelp = useCallback(() => setPanel((open) => (open === 'help' ? null : 'help')), []);
  const toggleWorkspace = useCallback(() => setPanel((open) => (open === 'workspace' ? null : 'workspace')), []);
  const closePanel = useCallback(() => setPanel(null), []);
  const showShortcuts = useCallback(() => setShortcutsOpen(true), []);
  const closeShortcuts = useCallback(() => setShortcutsOpen(false), []);
  const commands = useMemo<CommandContext>(() => ({ store, runner, showShortcuts }), [store, runner, showShortcuts]);
  // The first key of a two-key sequence (D of D D) while it waits for the second.
  const pendingKey = useRef<PendingKey | null>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const cellId = commandModeCell(event.target);
    if (cellId === null) return;
    const { command, pending, handled } = resolveCommandModeKey(event.nativeEvent, pendingKey.current, Date.now());
    pendingKey.current = pending;
    if (!handled) return;
    event.preventDefault();
    event.stopPropagation();
    if (command) runNotebookCommand(commands, command, cellIdOf(cellId));
  };

  // F1 toggles the panel from anywhere, before Monaco (whose F1 is its command palette) sees it.
  useEffect(() => {
    const onF1 = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'F1' || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      event.stopPropagation();
      toggleHelp();
    };
    window.addEventListener('keydown', onF1, true);
    return () => window.removeEventListener('keydown', onF1, true);
  }, [toggleHelp]);
  return (
    <div className={panel ? `app ${panel}-open` : 'app'}>
      <Toolbar
        helpOpen={panel === 'help'}
        onToggleHelp={toggleHelp}
        workspaceOpen={panel === 'workspace'}
        onToggleWorkspace={toggleWorkspace}
      />
      <main className="notebook" onKeyDown={onKeyDown}>
        <LibraryChrome />
        <p className="hint">
          <kbd>Shift</kbd>+<kbd>Enter</kbd> runs a cell and moves on, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs it in
          place, <kbd>Esc</kbd> selects the cell for command keys. Cells share one workspace.{' '}
          <button type="button" className="hint-link" data-testid="show-shortcuts" title="Keyboard shortcuts (H in command mode)" onClick={showShortcuts}>
            All shortcuts
          </button>
        </p>
        {cellIds.map((cellId, index) => (
          <Cell key={cellId} cellId={cellId} index={index} count={cellIds.length} commands={commands} />
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
      {shortcutsOpen && <ShortcutSheet onClose={closeShortcuts} />}
      <StatusBar />
    </div>
  );
}
