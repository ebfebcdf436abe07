// The page header: the title and the notebook-wide commands.

import { useSyncExternalStore } from 'react';
import { useMatbook } from './MatbookContext.tsx';
import { ExamplesMenu, FileMenu, NotebookTitle, NotebooksMenu } from './NotebookMenu.tsx';
import { Button } from './ui/Button.tsx';

export interface ToolbarProps {
  /** Whether the Functions panel is open; the button shows it pressed. */
  helpOpen: boolean;
  onToggleHelp: () => void;
  /** Whether the Workspace panel is open. */
  workspaceOpen: boolean;
  onToggleWorkspace: () => void;
}

export function Toolbar({ helpOpen, onToggleHelp, workspaceOpen, onToggleWorkspace }: ToolbarProps) {
  const { client, runner } = useMatbook();
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
