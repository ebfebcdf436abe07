// Entry point of the notebook page: creates the app (store, engine worker, run queue), exposes
// window.matbook for tests and tools, points Monaco's providers at the engine, renders.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Notebook } from './components/Notebook.tsx';
import { MatbookContext } from './components/MatbookContext.tsx';
import { createMatbookApp } from './core/app.ts';
import { installWindowApi } from './core/engine/windowApi.ts';
import { setLanguageEngine } from './monaco/providers.ts';
import './styles.css';

const app = createMatbookApp();
installWindowApi(app.client);
setLanguageEngine(app.client);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <MatbookContext.Provider value={app}>
      <Notebook />
    </MatbookContext.Provider>
  </StrictMode>,
);
