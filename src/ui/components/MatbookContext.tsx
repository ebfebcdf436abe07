// The app objects (store, engine client, run queue) for every component below <Notebook>.

import { createContext, useContext } from 'react';
import type { MatbookApp } from '../core/app.ts';

export const MatbookContext = createContext<MatbookApp | null>(null);

export function useMatbook(): MatbookApp {
  const app = useContext(MatbookContext);
  if (!app) throw new Error('useMatbook outside <MatbookContext.Provider>');
  return app;
}
