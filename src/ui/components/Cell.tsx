// One cell: a gutter with its run state (execution count, a "changed since run" dot, the run
// timer), the editor (or rendered Markdown, or a stub when the source is folded), the output of
// the last run (or a stub when folded), and a small action bar. The cell element itself takes
// the focus in command mode (Jupyter's selected cell); its editor has it in edit mode. Subscribes
// to its own slice of the store only.

import { memo, useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { cellHasOutput } from '../core/cells/cell.ts';
import { runNotebookCommand, type CommandContext, type NotebookCommand } from '../core/cells/commands.ts';
import { newCellId, type CellId } from '../core/cells/ids.ts';
import { notebookActions, type NotebookState } from '../core/cells/notebook.ts';
import { changedSinceRun, formatElapsed, runElapsedMs, type RunRecord } from '../core/cells/runRecord.ts';
import type { CellRuntime } from '../core/cells/types.ts';
import { shortcutText } from '../core/keys/shortcuts.ts';
import { useCellData, useCellRuntime, useMarkdownEditing, type NotebookStore } from '../core/state/notebookStore.ts';
import { useStoreSelector } from '../core/state/store.ts';
import { CodeEditor } from '../monaco/CodeEditor.tsx';
import { runErrorOf } from '../core/outputs/runError.ts';
import { MATLAB_LANGUAGE_ID } from '../monaco/matlabGrammar.ts';
import { CellOutput } from './CellOutput.tsx';
import { useMatbook } from './MatbookContext.tsx';
import { Button } from './ui/Button.tsx';
import { Markdown } from './ui/Markdown.tsx';
import './cells.css';

/** How often a running cell's timer redraws. */
const TIMER_TICK_MS = 100;

/** A per-cell slice of the store; `pick` must be a module-level function, so the selector is stable. */
function useCellSlice<T>(store: NotebookStore, cellId: CellId, pick: (state: NotebookState, cellId: CellId) => T): T {
  return useStoreSelector(store, useCallback((state: NotebookState) => pick(state, cellId), [pick, cellId]));
}

const pickSelected = (state: NotebookState, cellId: CellId) => state.selectedCellId === cellId;
const pickEditorFocus = (state: NotebookState, cellId: CellId) =>
  state.focus?.cellId === cellId && state.focus.target === 'editor' ? state.focus.seq : undefined;
const pickCellFocus = (state: NotebookState, cellId: CellId) =>
  state.focus?.cellId === cellId && state.focus.target === 'cell' ? state.focus.seq : undefined;
const pickOutputCollapsed = (state: NotebookState, cellId: CellId) => cellId in state.collapsedOutput;
const pickSourceCollapsed = (state: NotebookState, cellId: CellId) => cellId in state.collapsedSource;
const pickLastRun = (state: NotebookState, cellId: CellId): RunRecord | undefined => state.lastRun[cellId];

export interface CellProps {
  cellId: CellId;
  index: number;
  count: number;
  /** What the action bar's commands run with (the same as command-mode keys). */
  commands: CommandContext;
}

export const Cell = memo(function Cell({ cellId, index, count, commands }: CellProps) {
  const { store, runner } = useMatbook();
  const data = useCellData(store, cellId);
  const runtime = useCellRuntime(store, cellId);
  const editingMarkdown = useMarkdownEditing(store, cellId);
  const selected = useCellSlice(store, cellId, pickSelected);
  const editorFocusRequest = useCellSlice(store, cellId, pickEditorFocus);
  const cellFocusRequest = useCellSlice(store, cellId, pickCellFocus);
  const outputCollapsed = useCellSlice(store, cellId, pickOutputCollapsed);
  const sourceCollapsed = useCellSlice(store, cellId, pickSourceCollapsed);
  const lastRun = useCellSlice(store, cellId, pickLastRun);
  const sectionRef = useRef<HTMLElement>(null);
  // Where the cursor was last, for the Split button (clicking it must not need the editor focused).
  const cursorOffsets = useRef<number[]>([]);

  // Command mode: the cell element itself takes the focus.
  useEffect(() => {
    if (cellFocusRequest === undefined) return;
    const section = sectionRef.current;
    if (!section) return;
    section.focus({ preventScroll: true });
    section.scrollIntoView({ block: 'nearest' });
  }, [cellFocusRequest]);

  const command = useCallback((name: NotebookCommand) => runNotebookCommand(commands, name, cellId), [commands, cellId]);
  const onChange = useCallback((source: string) => store.dispatch(notebookActions.setSource({ cellId, source })), [store, cellId]);
  const run = useCallback(() => runner.runCells([cellId]), [runner, cellId]);
  const runAndAdvance = useCallback(() => {
    runner.runCells([cellId]);
    store.dispatch(notebookActions.advanceFrom({ cellId, newId: newCellId() }));
  }, [runner, store, cellId]);
  const split = useCallback(
    (offsets: number[]) => store.dispatch(notebookActions.splitCell({ cellId, offsets, newIds: offsets.map(() => newCellId()) })),
    [store, cellId],
  );
  const insert = (where: 'above' | 'below') =>
    store.dispatch(
      notebookActions.createCell({ id: newCellId(), kind: 'code', ...(where === 'above' ? { before: cellId } : { after: cellId }) }),
    );
  const editMarkdown = () => store.dispatch(notebookActions.setMarkdownEditing({ cellId, editing: true }));

  if (!data || !runtime) return null;
  const isMarkdown = data.kind === 'markdown';
  const showSource = !isMarkdown || editingMarkdown;
  const changed = !isMarkdown && changedSinceRun(data.source, lastRun);
  const hasOutput = !isMarkdown && cellHasOutput(runtime);
  const kindName = isMarkdown ? 'Markdown' : 'Code';

  const editor = (
    <CodeEditor
      value={data.source}
      language={isMarkdown ? 'markdown' : MATLAB_LANGUAGE_ID}
      onChange={onChange}
      onRun={run}
      onRunAndAdvance={runAndAdvance}
      onRunAndInsert={() => command('runAndInsertBelow')}
      onEscape={() => command('leaveEdit')}
      onSplit={split}
      onCursorOffsets={(offsets) => {
        cursorOffsets.current = offsets;
      }}
      onBlur={isMarkdown && data.source.trim() !== '' ? () => store.dispatch(notebookActions.setMarkdownEditing({ cellId, editing: false })) : undefined}
      focusRequest={editorFocusRequest}
      placeholder={isMarkdown ? 'Markdown text · Shift+Enter to render' : 'MATLAB code · Shift+Enter to run'}
      ariaLabel={`${kindName} cell ${index + 1}`}
      testId="cell-editor"
      runError={isMarkdown ? null : runErrorOf(runtime)}
    />
  );

  let source;
  if (sourceCollapsed) {
    const lines = data.source === '' ? 0 : data.source.split('\n').length;
    source = (
      <button type="button" className="cell-stub" data-testid="source-collapsed" title="Show the source (Shift+O)" onClick={() => command('toggleSource')}>
        ⋯ source hidden ({lines} {lines === 1 ? 'line' : 'lines'}) · show
      </button>
    );
  } else if (showSource) {
    source = <div className="cell-source">{editor}</div>;
  } else {
    source = (
      <div className="markdown-rendered" data-testid="cell-markdown" title="Double-click to edit" onDoubleClick={editMarkdown}>
        {data.source.trim() === '' ? <p className="placeholder">Empty Markdown cell: double-click to edit.</p> : <Markdown source={data.source} className="markdown" />}
      </div>
    );
  }

  const classes = ['cell', `cell-${data.kind}`, `status-${runtime.status}`];
  if (!showSource) classes.push('rendered');
  if (selected) classes.push('selected');
  if (runtime.interrupted) classes.push('interrupted');

  return (
    <section
      ref={sectionRef}
      className={classes.join(' ')}
      data-testid="cell"
      data-cell-id={cellId}
      data-kind={data.kind}
      data-status={runtime.status}
      data-interrupted={runtime.interrupted ? 'true' : undefined}
      // One word for the run state, interrupted included: idle, queued, running, done, error, interrupted.
      data-state={runtime.interrupted && runtime.status === 'error' ? 'interrupted' : runtime.status}
      data-selected={selected ? 'true' : undefined}
      data-changed={changed ? 'true' : undefined}
      role="group"
      aria-roledescription="cell"
      aria-label={`Cell ${index + 1} (${kindName.toLowerCase()})`}
      // Roving tab stop: Tab reaches the selected cell once, not every cell of the notebook.
      tabIndex={selected ? 0 : -1}
      onFocus={() => store.dispatch(notebookActions.selectCell({ cellId }))}
    >
      <div className="cell-gutter">
        <div className="cell-gutter-line">
          {changed && (
            <span className="cell-changed" data-testid="cell-changed" role="img" aria-label="Edited since it last ran" title="Edited since it last ran">
              ●
            </span>
          )}
          {isMarkdown ? <span className="cell-count">md</span> : <RunState runtime={runtime} />}
        </div>
        {!isMarkdown && <RunTimer record={lastRun} runtime={runtime} />}
      </div>
      <div className="cell-body">
        {source}
        {!isMarkdown &&
          (outputCollapsed && hasOutput ? (
            <button type="button" className="cell-stub" data-testid="output-collapsed" title="Show the output (O)" onClick={() => command('toggleOutput')}>
              ⋯ output hidden · show
            </button>
          ) : (
            <CellOutput runtime={runtime} />
          ))}
      </div>
      <div className="cell-actions" role="toolbar" aria-label={`Cell ${index + 1} actions`}>
        {!isMarkdown && <Action label="Run cell" title={`Run (${shortcutText('run', 'command')})`} onClick={run} glyph="▶" />}
        {isMarkdown && !editingMarkdown && <Action label="Edit Markdown" title="Edit Markdown (Enter)" onClick={editMarkdown} glyph="✎" />}
        <Action label="Insert cell above" title="Insert a code cell above (A)" onClick={() => insert('above')} glyph="+↑" />
        <Action label="Insert cell below" title="Insert a code cell below (B)" onClick={() => insert('below')} glyph="+↓" />
        <Action label="Move cell up" title={`Move up (${shortcutText('moveUp', 'command')})`} disabled={index === 0} onClick={() => command('moveUp')} glyph="↑" />
        <Action
          label="Move cell down"
          title={`Move down (${shortcutText('moveDown', 'command')})`}
          disabled={index === count - 1}
          onClick={() => command('moveDown')}
          glyph="↓"
        />
        <Action label="Duplicate cell" title={`Duplicate (${shortcutText('duplicate', 'command')})`} onClick={() => command('duplicate')} glyph="⧉" />
        {showSource && !sourceCollapsed && (
          <Action
            label="Split cell at cursor"
            title={`Split at the cursor (${shortcutText('splitAtCursor', 'edit')})`}
            // Keep the editor's focus (and a Markdown cell's source view) through the click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => split(cursorOffsets.current)}
            glyph="✂"
          />
        )}
        <Action
          label="Merge with cell below"
          title={`Merge with the cell below (${shortcutText('mergeBelow', 'command')})`}
          disabled={index === count - 1}
          onClick={() => command('mergeBelow')}
          glyph="⤓"
        />
        {hasOutput && (
          <Action
            label={outputCollapsed ? 'Show output' : 'Hide output'}
            title={`${outputCollapsed ? 'Show' : 'Hide'} the output (O)`}
            pressed={outputCollapsed}
            onClick={() => command('toggleOutput')}
            glyph="▤"
          />
        )}
        <Action
          label={sourceCollapsed ? 'Show source' : 'Hide source'}
          title={`${sourceCollapsed ? 'Show' : 'Hide'} the source (Shift+O)`}
          pressed={sourceCollapsed}
          onClick={() => command('toggleSource')}
          glyph="{}"
        />
        <Action label="Delete cell" title="Delete (D, D; undo with Z)" onClick={() => command('deleteCell')} glyph="✕" />
      </div>
    </section>
  );
});

interface ActionProps {
  label: string;
  title: string;
  glyph: string;
  onClick: () => void;
  onMouseDown?: (event: MouseEvent) => void;
  disabled?: boolean;
  /** For toggles: whether the thing is on (output hidden, source hidden). */
  pressed?: boolean;
}

/** One icon button of the action bar: its name for screen readers, its shortcut in the tooltip. */
function Action({ label, title, glyph, onClick, onMouseDown, disabled, pressed }: ActionProps) {
  return (
    <Button variant="ghost" aria-label={label} title={title} disabled={disabled} aria-pressed={pressed} onClick={onClick} onMouseDown={onMouseDown}>
      {glyph}
    </Button>
  );
}

function RunState({ runtime }: { runtime: CellRuntime }) {
  switch (runtime.status) {
    case 'queued':
      return (
        <span className="cell-count" title="queued">
          [*]
        </span>
      );
    case 'running':
      return (
        <span className="cell-count running" title="running">
          [<span className="spinner" />]
        </span>
      );
    default:
      return (
        <span className="cell-count" title={runtime.interrupted ? 'interrupted' : runtime.status}>
          [{runtime.executionCount ?? ' '}]
        </span>
      );
  }
}

/** While the cell runs: the time so far, redrawn every TIMER_TICK_MS. After: how long it took. */
function RunTimer({ record, runtime }: { record: RunRecord | undefined; runtime: CellRuntime }) {
  const running = runtime.status === 'running';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TIMER_TICK_MS);
    return () => clearInterval(timer);
  }, [running]);
  if (runtime.status === 'idle' || runtime.status === 'queued') return null;
  const elapsed = runElapsedMs(record, runtime, now);
  if (elapsed === null) return null;
  const text = formatElapsed(elapsed);
  let title = `Took ${text}`;
  if (running) title = `Running for ${text}`;
  else if (runtime.interrupted) title = `Interrupted after ${text}`;
  return (
    <span className="cell-timer" data-testid="cell-timer" data-running={running ? 'true' : undefined} title={title}>
      {text}
    </span>
  );
}
