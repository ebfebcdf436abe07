// The Workspace panel: the engine's variables in a table (name, class, size, bytes, where the data
// lives, a one-line summary of the value), refreshed after every cell run and on Restart. A row is selected by a
// click, Enter or Space and its display text (as an unsuppressed statement shows it) appears below
// the table; the arrow keys move between rows and Escape closes the panel.

import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { WorkspaceEntry } from '../../worker/protocol.ts';
import { EngineTerminatedError } from '../core/engine/engineClient.ts';
import {
  DEFAULT_SORT,
  exactBytes,
  formatBytes,
  nextSort,
  residencyTitle,
  sizeText,
  sortEntries,
  totalBytes,
  variableCountLabel,
  type WorkspaceSort,
  type WorkspaceSortKey,
} from '../core/workspace.ts';
import { useMatbook } from './MatbookContext.tsx';
import { Button } from './ui/Button.tsx';

type Loaded =
  | { state: 'loading' }
  | { state: 'ready'; entries: WorkspaceEntry[]; version: number }
  | { state: 'error'; message: string };

type Preview =
  | { state: 'loading'; name: string }
  | { state: 'ready'; name: string; text: string }
  | { state: 'error'; name: string; message: string };

const COLUMNS: { key: WorkspaceSortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Name' },
  { key: 'class', label: 'Class' },
  { key: 'size', label: 'Size', numeric: true },
  { key: 'bytes', label: 'Bytes', numeric: true },
  { key: 'residency', label: 'Where' },
];

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface WorkspacePanelProps {
  onClose: () => void;
}

export function WorkspacePanel({ onClose }: WorkspacePanelProps) {
  const { client, runner } = useMatbook();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [sort, setSort] = useState<WorkspaceSort>(DEFAULT_SORT);
  const [selected, setSelected] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const headingId = useId();
  const previewId = useId();

  // Only the newest request's answer is shown; an older one that lands late is dropped.
  const request = useRef(0);
  const refresh = useCallback(() => {
    const n = ++request.current;
    client.workspace().then(
      (entries) => {
        if (n === request.current) setLoaded((prev) => ({ state: 'ready', entries, version: prev.state === 'ready' ? prev.version + 1 : 0 }));
      },
      (error: unknown) => {
        // A restart ends the call; the runner asks again once the new worker is up.
        if (n === request.current && !(error instanceof EngineTerminatedError)) setLoaded({ state: 'error', message: messageOf(error) });
      },
    );
  }, [client]);

  useEffect(() => {
    refresh();
    const unsubscribe = runner.onWorkspaceChange(refresh);
    return () => {
      unsubscribe();
      request.current += 1; // drop whatever is in flight
    };
  }, [runner, refresh]);

  const entries = loaded.state === 'ready' ? loaded.entries : null;
  const version = loaded.state === 'ready' ? loaded.version : -1;
  const rows = useMemo(() => (entries ? sortEntries(entries, sort) : []), [entries, sort]);

  // The selected variable's preview, fetched again whenever the list is (its value may have changed);
  // a selection whose variable is gone is dropped.
  useEffect(() => {
    if (selected === null || entries === null) {
      setPreview(null);
      return;
    }
    if (!entries.some((e) => e.name === selected)) {
      setSelected(null);
      setPreview(null);
      return;
    }
    let live = true;
    setPreview((prev) => (prev && prev.name === selected && prev.state === 'ready' ? prev : { state: 'loading', name: selected }));
    client.preview(selected).then(
      (result) => {
        if (!live) return;
        if (result) setPreview({ state: 'ready', name: result.name, text: result.text });
        else setPreview({ state: 'error', name: selected, message: 'This variable no longer exists.' });
      },
      (error: unknown) => {
        if (live && !(error instanceof EngineTerminatedError)) setPreview({ state: 'error', name: selected, message: messageOf(error) });
      },
    );
    return () => {
      live = false;
    };
    // `version` changes with every refresh, `entries` with it.
  }, [client, selected, entries, version]);

  // The panel takes the focus (so Escape closes it); on close it goes back where it was, unless
  // the user has since put it somewhere else.
  useEffect(() => {
    const previous = document.activeElement;
    panelRef.current?.focus();
    return () => {
      const now = document.activeElement;
      const lost = now === null || now === document.body || now.closest('.workspace-panel') !== null;
      if (lost && previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);

  const focusRow = (index: number) => {
    const list = bodyRef.current?.querySelectorAll<HTMLTableRowElement>('tr[data-name]');
    if (!list || list.length === 0) return;
    list[Math.max(0, Math.min(list.length - 1, index))].focus();
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, name: string) => {
    switch (event.key) {
      case 'Enter':
      case ' ':
        event.preventDefault();
        setSelected(name);
        break;
      case 'ArrowDown':
        event.preventDefault();
        focusRow(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusRow(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusRow(0);
        break;
      case 'End':
        event.preventDefault();
        focusRow(rows.length - 1);
        break;
    }
  };

  const selectedEntry = selected === null ? undefined : entries?.find((e) => e.name === selected);

  return (
    <aside
      ref={panelRef}
      tabIndex={-1}
      className="workspace-panel"
      data-testid="workspace-panel"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          if (selected !== null && event.target instanceof HTMLElement && event.target.closest('.workspace-preview-box')) {
            setSelected(null);
            return;
          }
          onClose();
        }
      }}
    >
      <div className="panel-header">
        <h2 id={headingId}>Workspace</h2>
        {entries && (
          <span className="panel-total" data-testid="workspace-total">
            {variableCountLabel(entries.length)}
            {entries.length > 0 && `, ${formatBytes(totalBytes(entries))}`}
          </span>
        )}
        <Button variant="ghost" className="panel-close" title="Close (Esc)" aria-label="Close the Workspace panel" onClick={onClose}>
          ✕
        </Button>
      </div>
      <div className="workspace-body">
        {loaded.state === 'loading' && <p className="panel-note">Reading the workspace…</p>}
        {loaded.state === 'error' && (
          <p className="panel-note panel-error">
            Could not read the workspace: {loaded.message} <Button onClick={refresh}>Retry</Button>
          </p>
        )}
        {entries && entries.length === 0 && (
          <p className="panel-note" data-testid="workspace-empty">
            The workspace is empty. Run a cell to create variables.
          </p>
        )}
        {rows.length > 0 && (
          <table className="workspace-table" data-testid="workspace-table">
            <thead>
              <tr>
                {COLUMNS.map((column) => {
                  const active = sort.key === column.key;
                  return (
                    <th
                      key={column.key}
                      className={column.numeric ? 'num' : undefined}
                      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    >
                      <button type="button" className="sort-button" title={`Sort by ${column.label.toLowerCase()}`} onClick={() => setSort((s) => nextSort(s, column.key))}>
                        {column.label}
                        <span className="sort-mark" aria-hidden="true">
                          {active ? (sort.descending ? '▾' : '▴') : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
                <th className="ws-summary-head">
                  <span>Value</span>
                </th>
              </tr>
            </thead>
            <tbody ref={bodyRef}>
              {rows.map((entry, index) => (
                <WorkspaceRow
                  key={entry.name}
                  entry={entry}
                  selected={entry.name === selected}
                  previewId={previewId}
                  onSelect={() => setSelected(entry.name)}
                  onKeyDown={(event) => onRowKeyDown(event, index, entry.name)}
                />
              ))}
            </tbody>
          </table>
        )}
        {preview && (
          <section className="workspace-preview-box" aria-label={`Value of ${preview.name}`}>
            <div className="workspace-preview-head">
              <code className="workspace-preview-name">{preview.name}</code>
              {selectedEntry && (
                <span className="workspace-preview-meta">
                  {sizeText(selectedEntry.size)} {selectedEntry.className}
                </span>
              )}
              <Button variant="ghost" className="panel-close" title="Hide the value" aria-label="Hide the value" onClick={() => setSelected(null)}>
                ✕
              </Button>
            </div>
            {preview.state === 'loading' && <p className="panel-note">Reading {preview.name}…</p>}
            {preview.state === 'error' && <p className="panel-note panel-error">{preview.message}</p>}
            {preview.state === 'ready' && (
              <pre id={previewId} className="workspace-preview" data-testid="workspace-preview" tabIndex={0}>
                {preview.text.replace(/\n+$/, '')}
              </pre>
            )}
          </section>
        )}
      </div>
    </aside>
  );
}

interface WorkspaceRowProps {
  entry: WorkspaceEntry;
  selected: boolean;
  previewId: string;
  onSelect: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => void;
}

function WorkspaceRow({ entry, selected, previewId, onSelect, onKeyDown }: WorkspaceRowProps) {
  const size = sizeText(entry.size);
  return (
    <tr
      className={selected ? 'workspace-row selected' : 'workspace-row'}
      data-testid="workspace-row"
      data-name={entry.name}
      data-residency={entry.residency}
      tabIndex={0}
      aria-controls={selected ? previewId : undefined}
      onClick={onSelect}
      onKeyDown={onKeyDown}
    >
      <td className="ws-name" data-col="name">
        <code>{entry.name}</code>
      </td>
      <td className="ws-class" data-col="class">
        {entry.className}
      </td>
      <td className="ws-size num" data-col="size">
        {size}
      </td>
      <td className="ws-bytes num" data-col="bytes" title={exactBytes(entry.bytes)}>
        {formatBytes(entry.bytes)}
      </td>
      <td className="ws-residency" data-col="residency">
        <span
          className={`residency-badge residency-${entry.residency === 'gpu·f32' ? 'f32' : entry.residency}`}
          data-testid="workspace-residency"
          title={residencyTitle(entry.residency)}
        >
          {entry.residency}
        </span>
      </td>
      <td className="ws-summary" data-col="summary" title={entry.summary}>
        {entry.summary}
      </td>
    </tr>
  );
}
