// The notebook library (autosave, the kept notebooks, share links, examples, files) for the
// components that show or drive it.

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LibraryState, NotebookLibrary } from '../core/persistence/library.ts';

export const LibraryContext = createContext<NotebookLibrary | null>(null);

export function useLibrary(): NotebookLibrary {
  const library = useContext(LibraryContext);
  if (!library) throw new Error('useLibrary outside <LibraryContext.Provider>');
  return library;
}

export function useLibraryState(): LibraryState {
  const library = useLibrary();
  return useSyncExternalStore(library.subscribe, library.getState, library.getState);
}
