// Entry point of the notebook page: creates the app (store, engine worker, run queue), exposes
// window.matbook for tests and tools, points Monaco's providers at the engine, renders.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Notebook } from './components/Notebook.tsx';
import { MatbookContext } from './components/MatbookContext.tsx';
import { LibraryContext } from './components/LibraryContext.tsx';
import { createMatbookApp } from './core/app.ts';
import { installWindowApi } from './core/engine/windowApi.ts';
import { NotebookLibrary } from './core/persistence/library.ts';
import { figureToPngDataUrl } from './components/figures/png.ts';
import type { FigureModel } from '../worker/protocol.ts';
import { setLanguageEngine } from './monaco/providers.ts';
import { pageThemeStore } from './core/theme.ts';
import './styles.css';

// The stored theme (or the system's) goes on <html> before anything is drawn: no flash of light.
pageThemeStore();
const app = createMatbookApp();
installWindowApi(app.client);
setLanguageEngine(app.client);

// Autosave, kept notebooks, share links, examples: the notebook to show is decided (from
// storage, a `#nb=` link or `?example=`) before the first render, so nothing is swapped under
// the user's cursor.
const library = new NotebookLibrary(app, {
  renderFigurePng: async (figure) => (await figureToPngDataUrl(figure as FigureModel)).replace(/^data:image\/png;base64,/, ''),
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
void library.start().finally(() =>
  createRoot(root).render(
    <StrictMode>
      <MatbookContext.Provider value={app}>
        <LibraryContext.Provider value={library}>
          <Notebook />
        </LibraryContext.Provider>
      </MatbookContext.Provider>
    </StrictMode>,
  ),
);
