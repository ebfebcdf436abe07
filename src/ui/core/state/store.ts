// A tiny external store: state, a reducer, listeners. React reads it with useSyncExternalStore
// through selectors, so a component re-renders only when the slice it selects changes identity
// (the reducer keeps untouched cells' objects, so typing in one cell re-renders that cell only).

import { useCallback, useSyncExternalStore } from 'react';

export interface Store<S, A> {
  getState(): S;
  dispatch(action: A): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<S, A>(reducer: (state: S, action: A) => S, initial: S): Store<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The selected slice of the store; the selector must return stored objects, not fresh ones. */
export function useStoreSelector<S, A, T>(store: Store<S, A>, selector: (state: S) => T): T {
  const getSnapshot = useCallback(() => selector(store.getState()), [store, selector]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
