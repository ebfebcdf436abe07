// What the library says on the page: the storage notice (unavailable or full), the banner (a
// shared notebook or an example that has not run, a file that was opened, a link or file that
// could not be), the toast (with Undo after a delete), and the drop target for .ipynb / .m files.
// Also the start screen's example gallery, shown under a new, empty notebook.

import { useEffect, useRef, useState } from 'react';
import type { NotebookState } from '../core/cells/notebook.ts';
import { useStoreSelector } from '../core/state/store.ts';
import { EXAMPLES } from '../core/share/examples.ts';
import { useLibrary, useLibraryState } from './LibraryContext.tsx';
import { useMatbook } from './MatbookContext.tsx';
import './library.css';

export function LibraryChrome() {
  const library = useLibrary();
  const { storage, storageMessage, banner, toast } = useLibraryState();
  const dragging = useFileDrop((file) => void library.openFile(file));
  return (
    <>
      {(storage === 'unavailable' || storage === 'full') && storageMessage && (
        <div className={`library-notice notice-${storage}`} role="status" data-testid="storage-notice" data-kind={storage}>
          {storageMessage}
        </div>
      )}
      {banner && (
        <div
          className={`library-banner banner-${banner.kind}`}
          role={banner.kind === 'error' ? 'alert' : 'status'}
          data-testid={banner.kind === 'error' ? 'load-error' : 'notebook-banner'}
          data-kind={banner.kind}
        >
          <span>{banner.text}</span>
          <button type="button" className="banner-close" aria-label="Dismiss" data-testid="banner-dismiss" onClick={() => library.dismissBanner()}>
            ×
          </button>
        </div>
      )}
      {toast && (
        <div className="library-toast" role="status" data-testid="toast" key={toast.id}>
          <span>{toast.text}</span>
          {toast.undo && (
            <button
              type="button"
              className="toast-undo"
              data-testid="toast-undo"
              onClick={() => {
                const undo = toast.undo;
                library.dismissToast();
                undo?.();
              }}
            >
              Undo
            </button>
          )}
          <button type="button" className="banner-close" aria-label="Dismiss" onClick={() => library.dismissToast()}>
            ×
          </button>
        </div>
      )}
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div>Drop a .ipynb or .m file to open it</div>
        </div>
      )}
    </>
  );
}

/** True while files are dragged over the page; `onFile` gets the first dropped file. */
function useFileDrop(onFile: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const handler = useRef(onFile);
  handler.current = onFile;
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      // Capture phase: Monaco never sees a dropped file as text.
      event.preventDefault();
      event.stopPropagation();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) handler.current(file);
    };
    window.addEventListener('dragenter', onEnter, true);
    window.addEventListener('dragleave', onLeave, true);
    window.addEventListener('dragover', onOver, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragenter', onEnter, true);
      window.removeEventListener('dragleave', onLeave, true);
      window.removeEventListener('dragover', onOver, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, []);
  return dragging;
}

const selectBlank = (state: NotebookState) =>
  state.cellIds.length <= 1 && state.cellIds.every((id) => state.cellData[id]?.source === '');

/** Under a new notebook that is still empty: start from an example. */
export function StartScreen() {
  const library = useLibrary();
  const { origin } = useLibraryState();
  const { store } = useMatbook();
  const blank = useStoreSelector(store, selectBlank);
  if (origin !== 'new' || !blank) return null;
  return (
    <section className="start-screen" data-testid="start-screen" aria-label="Examples">
      <h2>Start from an example</h2>
      <p className="hint-text">Examples open as a notebook to read and edit; nothing runs until you press Run all.</p>
      <div className="example-grid">
        {EXAMPLES.map((example) => (
          <a
            key={example.name}
            className="example-card"
            data-testid="example-link"
            data-name={example.name}
            href={`?example=${encodeURIComponent(example.name)}`}
            onClick={(event) => {
              if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              void library.openExample(example.name);
            }}
          >
            <strong>{example.title}</strong>
            <span>{example.summary}</span>
          </a>
        ))}
      </div>
    </section>
  );
}
