// The page header: the title and the notebook-wide commands (Run all and the Run menu, which
// acts around the selected cell; Interrupt, Restart, the side panels).

import { useSyncExternalStore } from 'react';
import type { NotebookState } from '../core/cells/notebook.ts';
import { shortcutText } from '../core/keys/shortcuts.ts';
import { useStoreSelector } from '../core/state/store.ts';
import { useMatbook } from './MatbookContext.tsx';
import { ExamplesMenu, FileMenu, NotebookTitle, NotebooksMenu } from './NotebookMenu.tsx';
import { Button } from './ui/Button.tsx';
import { Menu, MenuItem } from './ui/Menu.tsx';
import './cells.css';

const selectSelectedCell = (state: NotebookState) => state.selectedCellId;

export interface ToolbarProps {
  /** Whether the Functions panel is open; the button shows it pressed. */
  helpOpen: boolean;
  onToggleHelp: () => void;
  /** Whether the Workspace panel is open. */
  workspaceOpen: boolean;
  onToggleWorkspace: () => void;
}

export function Toolbar({ helpOpen, onToggleHelp, workspaceOpen, onToggleWorkspace }: ToolbarProps) {
  const { client, runner, store } = useMatbook();
  const selected = useStoreSelector(store, selectSelectedCell);
  const status = useSyncExternalStore(client.subscribe, client.getStatus);
  const busy = status.state === 'busy';
  return (
    <header className="toolbar">
      <div className="brand">
        <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={22} height={22} />
        <h1>Matbook</h1>
        <NotebookTitle />
      </div>
      <div className="toolbar-actions">
        <FileMenu />
        <NotebooksMenu />
        <ExamplesMenu />
        <Button variant="primary" testId="run-all" title="Run every cell in order" onClick={() => runner.runAll()}>
          ▶▶ Run all
        </Button>
        <RunMenu selected={selected} />
        <Button
          testId="interrupt"
          title={
            status.interruptMode === 'flag'
              ? 'Stop the running cell (the workspace is kept)'
              : 'Stop the running cell by restarting the engine (the workspace is lost)'
          }
          disabled={!busy}
          onClick={() => runner.interrupt()}
        >
          ■ Interrupt
        </Button>
        <Button
          variant="danger"
          testId="restart"
          title="Restart the engine: clears the workspace"
          disabled={status.state === 'starting'}
          onClick={() => runner.restart()}
        >
          ↻ Restart
        </Button>
        <Button
          testId="toggle-workspace"
          title="Show or hide the workspace's variables"
          aria-pressed={workspaceOpen}
          className={workspaceOpen ? 'active' : undefined}
          onClick={onToggleWorkspace}
        >
          ▦ Workspace
        </Button>
        <Button
          testId="toggle-help"
          title="Show or hide the list of functions (F1)"
          aria-pressed={helpOpen}
          className={helpOpen ? 'active' : undefined}
          onClick={onToggleHelp}
        >
          ƒ Functions
        </Button>
      </div>
    </header>
  );
}

/** Running around the selected cell (the one last clicked or moved to), and a clean re-run. */
function RunMenu({ selected }: { selected: NotebookState['selectedCellId'] }) {
  const { runner } = useMatbook();
  const none = selected === null;
  const needsSelection = none ? 'Select a cell first (click it)' : undefined;
  return (
    // Only a caret beside Run all: the toolbar has no room for another word (the title shrinks first).
    <Menu label={<span className="visually-hidden">More ways to run</span>} title="Run the selected cell, the cells above it or below it" testId="run-menu">
      {(close) => (
        <>
          <MenuItem
            testId="run-selected"
            disabled={none}
            title={needsSelection ?? `Run the selected cell (${shortcutText('run', 'command')})`}
            onClick={() => {
              close();
              if (selected) runner.runCells([selected]);
            }}
          >
            Run selected cell
          </MenuItem>
          <MenuItem
            testId="run-above"
            disabled={none}
            title={needsSelection ?? 'Run every cell above the selected one'}
            onClick={() => {
              close();
              if (selected) runner.runAbove(selected);
            }}
          >
            Run above
          </MenuItem>
          <MenuItem
            testId="run-below"
            disabled={none}
            title={needsSelection ?? 'Run the selected cell and every cell after it'}
            onClick={() => {
              close();
              if (selected) runner.runBelow(selected);
            }}
          >
            Run selected and below
          </MenuItem>
          <MenuItem
            testId="restart-run-all"
            title="Clear the workspace, then run every cell in order"
            onClick={() => {
              close();
              runner.restartAndRunAll();
            }}
          >
            Restart and run all
          </MenuItem>
        </>
      )}
    </Menu>
  );
}
