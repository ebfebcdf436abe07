// The Functions panel: every builtin of the engine's registry, searchable by name and doc text,
// grouped by family. Each entry shows its name and first call form and expands (click, Enter or
// Space) to every signature and the doc. The list comes from the worker once (it never changes).

import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BuiltinDoc } from '../../worker/protocol.ts';
import type { EngineClient } from '../core/engine/engineClient.ts';
import { filterBuiltins, functionCountLabel, groupByFamily, matchCountLabel, queryTerms } from '../core/help.ts';
import { useMatbook } from './MatbookContext.tsx';
import { Button } from './ui/Button.tsx';

/** The builtin docs from the live worker. */
function loadBuiltinDocs(client: EngineClient): Promise<BuiltinDoc[]> {
  return client.listBuiltins();
}

/** The list never changes while a page lives: fetched once per client, then kept. */
const loadedDocs = new WeakMap<EngineClient, BuiltinDoc[]>();

type Loaded = { state: 'loading' } | { state: 'ready'; docs: BuiltinDoc[] } | { state: 'error'; message: string };

export interface HelpPanelProps {
  onClose: () => void;
}

export function HelpPanel({ onClose }: HelpPanelProps) {
  const { client } = useMatbook();
  const [loaded, setLoaded] = useState<Loaded>(() => {
    const docs = loadedDocs.get(client);
    return docs ? { state: 'ready', docs } : { state: 'loading' };
  });
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const searchRef = useRef<HTMLInputElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (loadedDocs.has(client)) return;
    let live = true;
    setLoaded({ state: 'loading' });
    loadBuiltinDocs(client).then(
      (docs) => {
        loadedDocs.set(client, docs);
        if (live) setLoaded({ state: 'ready', docs });
      },
      (error: unknown) => live && setLoaded({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [client, attempt]);

  // The search box takes the focus; on close it goes back where it was (a cell's editor, say),
  // unless the user has since put it somewhere else.
  useEffect(() => {
    const previous = document.activeElement;
    searchRef.current?.focus();
    return () => {
      const now = document.activeElement;
      const lost = now === null || now === document.body || now.closest('.help-panel') !== null;
      if (lost && previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);

  const docs = loaded.state === 'ready' ? loaded.docs : null;
  const searching = queryTerms(deferredQuery).length > 0;
  const groups = useMemo(() => (docs ? groupByFamily(filterBuiltins(docs, deferredQuery)) : []), [docs, deferredQuery]);
  const matches = groups.reduce((n, g) => n + g.entries.length, 0);

  const toggle = (name: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <aside
      className="help-panel"
      data-testid="help-panel"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="help-header">
        <h2 id={headingId}>Functions</h2>
        {docs && (
          <span className="help-total" data-testid="help-total">
            {functionCountLabel(docs.length)}
          </span>
        )}
        <Button variant="ghost" className="help-close" title="Close (Esc or F1)" aria-label="Close the Functions panel" onClick={onClose}>
          ✕
        </Button>
      </div>
      <div className="help-search-row">
        <input
          ref={searchRef}
          type="search"
          className="help-search"
          data-testid="help-search"
          placeholder="Search names and docs…"
          aria-label="Search functions"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            // Escape in a non-empty search box clears it first; the panel closes on the next one.
            if (event.key === 'Escape' && query) {
              event.stopPropagation();
              setQuery('');
            }
          }}
        />
        {docs && searching && (
          <span className="help-matches" data-testid="help-matches" aria-live="polite">
            {matchCountLabel(matches)}
          </span>
        )}
      </div>
      <div className="help-body">
        {loaded.state === 'loading' && <p className="help-note">Loading the function list…</p>}
        {loaded.state === 'error' && (
          <p className="help-note help-error">
            Could not load the function list: {loaded.message}{' '}
            <Button onClick={() => setAttempt((n) => n + 1)}>Retry</Button>
          </p>
        )}
        {docs && groups.length === 0 && <p className="help-note">No function matches “{deferredQuery.trim()}”.</p>}
        {groups.map((group) => (
          <section key={group.family} className="help-family" data-testid="help-family" data-family={group.family}>
            <h3>
              <span>{group.family}</span>
              <span className="help-family-count">{group.entries.length}</span>
            </h3>
            <ul>
              {group.entries.map((entry) => (
                <HelpEntry
                  key={entry.name}
                  entry={entry}
                  open={expanded.has(entry.name)}
                  onToggle={() => toggle(entry.name)}
                />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}

function HelpEntry({ entry, open, onToggle }: { entry: BuiltinDoc; open: boolean; onToggle: () => void }) {
  const detailsId = useId();
  return (
    <li className={open ? 'help-entry open' : 'help-entry'} data-testid="help-entry" data-name={entry.name}>
      <button type="button" className="help-entry-head" aria-expanded={open} aria-controls={detailsId} onClick={onToggle}>
        <span className="help-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <code className="help-name">{entry.name}</code>
        <code className="help-signature">{entry.signatures[0]}</code>
      </button>
      {open && (
        <div className="help-details" id={detailsId} data-testid="help-details">
          <ul className="help-signatures">
            {entry.signatures.map((signature) => (
              <li key={signature}>
                <code>{signature}</code>
              </li>
            ))}
          </ul>
          <p className="help-doc">{entry.doc}</p>
        </div>
      )}
    </li>
  );
}
