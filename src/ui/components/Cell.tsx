// One cell: a gutter with its run state, the editor (or rendered Markdown), a small action bar,
// and for code cells the output of the last run. Subscribes to its own slice of the store only.

import { memo, useCallback } from 'react';
import { newCellId, type CellId } from '../core/cells/ids.ts';
import { notebookActions, type NotebookState } from '../core/cells/notebook.ts';
import type { CellRuntime } from '../core/cells/types.ts';
import { useStoreSelector } from '../core/state/store.ts';
import { useCellData, useCellRuntime, useMarkdownEditing } from '../core/state/notebookStore.ts';
import { CodeEditor } from '../monaco/CodeEditor.tsx';
import { MATLAB_LANGUAGE_ID } from '../monaco/matlabGrammar.ts';
import { CellOutput } from './CellOutput.tsx';
import { useMatbook } from './MatbookContext.tsx';
import { Button } from './ui/Button.tsx';
import { Markdown } from './ui/Markdown.tsx';

export const Cell = memo(function Cell({ cellId, index, count }: { cellId: CellId; index: number; count: number }) {
  const { store, runner } = useMatbook();
  const data = useCellData(store, cellId);
  const runtime = useCellRuntime(store, cellId);
  const editingMarkdown = useMarkdownEditing(store, cellId);
  const focusRequest = useStoreSelector(
    store,
    useCallback((state: NotebookState) => (state.focus?.cellId === cellId ? state.focus.seq : undefined), [cellId]),
  );

  const onChange = useCallback(
    (source: string) => store.dispatch(notebookActions.setSource({ cellId, source })),
    [store, cellId],
  );
  const run = useCallback(() => runner.runCells([cellId]), [runner, cellId]);
  const runAndAdvance = useCallback(() => {
    runner.runCells([cellId]);
    store.dispatch(notebookActions.advanceFrom({ cellId, newId: newCellId() }));
  }, [runner, store, cellId]);

  if (!data || !runtime) return null;
  const isMarkdown = data.kind === 'markdown';
  const showSource = !isMarkdown || editingMarkdown;

  const editor = (
    <CodeEditor
      value={data.source}
      language={isMarkdown ? 'markdown' : MATLAB_LANGUAGE_ID}
      onChange={onChange}
      onRun={run}
      onRunAndAdvance={runAndAdvance}
      onBlur={
        isMarkdown && data.source.trim() !== ''
          ? () => store.dispatch(notebookActions.setMarkdownEditing({ cellId, editing: false }))
          : undefined
      }
      focusRequest={focusRequest}
      placeholder={isMarkdown ? 'Markdown text · Shift+Enter to render' : 'MATLAB code · Shift+Enter to run'}
      ariaLabel={isMarkdown ? `Markdown cell ${index + 1}` : `Code cell ${index + 1}`}
      testId="cell-editor"
    />
  );

  return (
    <section
      className={`cell cell-${data.kind} status-${runtime.status}${showSource ? '' : ' rendered'}`}
      data-testid="cell"
      data-cell-id={cellId}
      data-kind={data.kind}
      data-status={runtime.status}
      data-interrupted={runtime.interrupted ? 'true' : undefined}
    >
      <div className="cell-gutter" aria-hidden="true">
        {isMarkdown ? <span className="cell-count">md</span> : <RunState runtime={runtime} />}
      </div>
      <div className="cell-body">
        {showSource ? (
          <div className="cell-source">{editor}</div>
        ) : (
          <div
            className="markdown-rendered"
            data-testid="cell-markdown"
            title="Double-click to edit"
            onDoubleClick={() => store.dispatch(notebookActions.setMarkdownEditing({ cellId, editing: true }))}
          >
            {data.source.trim() === '' ? (
              <p className="placeholder">Empty Markdown cell: double-click to edit.</p>
            ) : (
              <Markdown source={data.source} className="markdown" />
            )}
          </div>
        )}
        {!isMarkdown && <CellOutput runtime={runtime} />}
      </div>
      <div className="cell-actions">
        {!isMarkdown && (
          <Button variant="ghost" title="Run (Ctrl+Enter)" aria-label="Run cell" onClick={run}>
            ▶
          </Button>
        )}
        {isMarkdown && !editingMarkdown && (
          <Button
            variant="ghost"
            title="Edit Markdown"
            aria-label="Edit Markdown"
            onClick={() => store.dispatch(notebookActions.setMarkdownEditing({ cellId, editing: true }))}
          >
            ✎
          </Button>
        )}
        <Button
          variant="ghost"
          title="Move up"
          aria-label="Move cell up"
          disabled={index === 0}
          onClick={() => store.dispatch(notebookActions.moveCell({ cellId, delta: -1 }))}
        >
          ↑
        </Button>
        <Button
          variant="ghost"
          title="Move down"
          aria-label="Move cell down"
          disabled={index === count - 1}
          onClick={() => store.dispatch(notebookActions.moveCell({ cellId, delta: 1 }))}
        >
          ↓
        </Button>
        <Button
          variant="ghost"
          title="Delete cell"
          aria-label="Delete cell"
          onClick={() => store.dispatch(notebookActions.deleteCell({ cellId }))}
        >
          ✕
        </Button>
      </div>
    </section>
  );
});

function RunState({ runtime }: { runtime: CellRuntime }) {
  switch (runtime.status) {
    case 'queued':
      return <span className="cell-count" title="queued">[*]</span>;
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
