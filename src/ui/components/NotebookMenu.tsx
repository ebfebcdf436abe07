// The toolbar's notebook commands: the open notebook's title (click to rename) and save state,
// the File menu (new, open a file, save as .ipynb / .m, share link), the Notebooks menu (the
// kept notebooks: open, rename, duplicate, delete; erase all local data) and the Examples menu.

import { useRef, useState, type FormEvent } from 'react';
import type { NotebookMeta } from '../core/persistence/storage.ts';
import type { SaveState } from '../core/persistence/library.ts';
import { EXAMPLES } from '../core/share/examples.ts';
import { useLibrary, useLibraryState } from './LibraryContext.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { Menu, MenuItem } from './ui/Menu.tsx';

const SAVE_TEXT: Record<SaveState, string> = {
  pristine: 'Not edited',
  pending: 'Editing…',
  saving: 'Saving…',
  saved: 'Saved',
  memory: 'Not saved (in this tab only)',
};

const SAVE_TITLE: Record<SaveState, string> = {
  pristine: 'Nothing to keep yet: the notebook is kept in this browser from the first edit',
  pending: 'Changes are saved to this browser half a second after you stop typing',
  saving: 'Saving to this browser',
  saved: 'Everything is saved in this browser',
  memory: 'This browser is not storing data for this page: save the notebook as a file to keep it',
};

export function NotebookTitle() {
  const library = useLibrary();
  const { title, currentId, save } = useLibraryState();
  const [editing, setEditing] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('title');
    setEditing(false);
    if (typeof value === 'string' && value.trim() !== '' && value !== title) void library.rename(currentId, value);
  };
  return (
    <div className="notebook-title">
      {editing ? (
        <form onSubmit={submit}>
          <input
            name="title"
            data-testid="title-input"
            defaultValue={title}
            autoFocus
            aria-label="Notebook title"
            onBlur={(event) => event.currentTarget.form?.requestSubmit()}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setEditing(false);
            }}
          />
        </form>
      ) : (
        <button type="button" className="title-button" data-testid="notebook-title" title="Rename this notebook" onClick={() => setEditing(true)}>
          {title}
        </button>
      )}
      <span className={`save-state save-${save}`} data-testid="save-state" data-state={save} title={SAVE_TITLE[save]}>
        {SAVE_TEXT[save]}
      </span>
    </div>
  );
}

export function FileMenu() {
  const library = useLibrary();
  const input = useRef<HTMLInputElement>(null);
  const [sharing, setSharing] = useState(false);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".ipynb,.m,.json,application/x-ipynb+json"
        data-testid="open-file-input"
        style={{ display: 'none' }}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void library.openFile(file);
        }}
      />
      <Menu label="File" testId="file-menu" title="New, open, save as a file, share">
        {(close) => (
          <>
            <MenuItem testId="menu-new" onClick={() => (close(), void library.createNotebook())}>
              New notebook
            </MenuItem>
            <MenuItem testId="menu-open-file" onClick={() => (close(), input.current?.click())} title="Open a .ipynb or .m file (or drop one on the page)">
              Open file…
            </MenuItem>
            <div className="menu-separator" />
            <MenuItem testId="menu-save-ipynb" onClick={() => (close(), void library.saveAsIpynb())} title="Jupyter notebook with outputs (opens in JupyterLab)">
              Save as .ipynb
            </MenuItem>
            <MenuItem testId="menu-save-m" onClick={() => (close(), library.saveAsM())} title="MATLAB script with %% sections (no outputs)">
              Save as .m
            </MenuItem>
            <div className="menu-separator" />
            <MenuItem testId="menu-share" onClick={() => (close(), setSharing(true))}>
              Share link…
            </MenuItem>
          </>
        )}
      </Menu>
      {sharing && <ShareDialog onClose={() => setSharing(false)} />}
    </>
  );
}

function formatWhen(ms: number): string {
  const date = new Date(ms);
  const today = new Date();
  return date.toDateString() === today.toDateString()
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

function NotebookRow({ meta, current, close }: { meta: NotebookMeta; current: boolean; close: () => void }) {
  const library = useLibrary();
  const [renaming, setRenaming] = useState(false);
  if (renaming) {
    return (
      <form
        className="notebook-row"
        data-testid="notebook-item"
        data-id={meta.id}
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get('title');
          setRenaming(false);
          if (typeof value === 'string' && value.trim() !== '') void library.rename(meta.id, value);
        }}
      >
        <input name="title" data-testid="rename-input" defaultValue={meta.title} autoFocus aria-label="New title" />
        <button type="submit" className="row-action">
          OK
        </button>
      </form>
    );
  }
  return (
    <div className={current ? 'notebook-row current' : 'notebook-row'} data-testid="notebook-item" data-id={meta.id} data-title={meta.title}>
      <button type="button" className="row-open" data-testid="notebook-open" onClick={() => (close(), void library.open(meta.id))} title="Open">
        <span className="row-title">{meta.title}</span>
        <span className="row-info">
          {meta.cellCount} cell{meta.cellCount === 1 ? '' : 's'} · {formatWhen(meta.updated)}
        </span>
      </button>
      <button type="button" className="row-action" data-testid="notebook-rename" title="Rename" onClick={() => setRenaming(true)}>
        ✎
      </button>
      <button type="button" className="row-action" data-testid="notebook-duplicate" title="Duplicate" onClick={() => void library.duplicate(meta.id)}>
        ⧉
      </button>
      <button type="button" className="row-action danger" data-testid="notebook-delete" title="Delete (can be undone for a few seconds)" onClick={() => void library.remove(meta.id)}>
        🗑
      </button>
    </div>
  );
}

export function NotebooksMenu() {
  const library = useLibrary();
  const { notebooks, currentId, storage } = useLibraryState();
  return (
    <Menu label="Notebooks" testId="notebooks-menu" title="The notebooks kept in this browser">
      {(close) => (
        <div className="notebooks-panel">
          <MenuItem testId="notebooks-new" onClick={() => (close(), void library.createNotebook())}>
            + New notebook
          </MenuItem>
          <div className="menu-separator" />
          {storage === 'unavailable' ? (
            <p className="menu-note">This browser is not storing notebooks for this page.</p>
          ) : notebooks.length === 0 ? (
            <p className="menu-note">No kept notebooks yet: a notebook is kept from its first edit.</p>
          ) : (
            <div className="notebook-list" data-testid="notebook-list">
              {notebooks.map((meta) => (
                <NotebookRow key={meta.id} meta={meta} current={meta.id === currentId} close={close} />
              ))}
            </div>
          )}
          <div className="menu-separator" />
          <MenuItem
            testId="menu-erase"
            danger
            onClick={() => {
              if (window.confirm('Erase every notebook kept in this browser for Matbook? This cannot be undone.')) {
                close();
                void library.eraseAll();
              }
            }}
          >
            Erase all local data…
          </MenuItem>
        </div>
      )}
    </Menu>
  );
}

export function ExamplesMenu() {
  const library = useLibrary();
  return (
    <Menu label="Examples" testId="examples-menu" title="Demo notebooks (they never run by themselves)">
      {(close) => (
        <>
          {EXAMPLES.map((example) => (
            <MenuItem key={example.name} testId={`menu-example-${example.name}`} title={example.summary} onClick={() => (close(), void library.openExample(example.name))}>
              {example.title}
            </MenuItem>
          ))}
        </>
      )}
    </Menu>
  );
}
