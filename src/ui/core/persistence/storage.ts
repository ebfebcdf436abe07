// The browser's kept library of notebooks: IndexedDB through idb-keyval, one database `matbook`
// with one object store. Keys: `meta:ID` (a small record for the list), `nb:ID` (the notebook
// document), `last` (the notebook to reopen). A notebook and its meta are written in one
// transaction (setMany), so the list never names a notebook that is not there.
//
// Every failure is classified: `unavailable` (no IndexedDB, private mode, blocked by settings)
// or `full` (QuotaExceededError), so the page can say so and keep the notebook in memory.

import { clear, createStore, delMany, get, getMany, keys, set, setMany, type UseStore } from 'idb-keyval';
import type { NotebookDoc } from '../../../formats/notebookDoc.ts';

export interface NotebookMeta {
  id: string;
  title: string;
  /** ms since the epoch. */
  created: number;
  updated: number;
  cellCount: number;
}

export interface StoredNotebook {
  id: string;
  doc: NotebookDoc;
}

export type StorageProblemKind = 'unavailable' | 'full';

export class StorageProblem extends Error {
  constructor(
    readonly kind: StorageProblemKind,
    message: string,
  ) {
    super(message);
    this.name = 'StorageProblem';
  }
}

/** Names a storage failure for the page. */
export function classifyStorageError(error: unknown): StorageProblem {
  if (error instanceof StorageProblem) return error;
  const name = error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException) ? (error as Error).name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return new StorageProblem('full', 'The browser\'s storage for this site is full: changes are kept in this tab only. Free space (delete notebooks, or "Erase all local data") or save the notebook as a file.');
  }
  return new StorageProblem(
    'unavailable',
    `This browser will not store data for this page (${name || message || 'IndexedDB unavailable'}; private browsing?): the notebook works, but is kept in this tab only. Save it as a file to keep it.`,
  );
}

const PROBE_TIMEOUT_MS = 4000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB did not answer')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export interface NotebookStorage {
  list(): Promise<NotebookMeta[]>;
  load(id: string): Promise<StoredNotebook | null>;
  save(meta: NotebookMeta, doc: NotebookDoc): Promise<void>;
  remove(id: string): Promise<void>;
  lastOpened(): Promise<string | null>;
  setLastOpened(id: string): Promise<void>;
  eraseAll(): Promise<void>;
}

/** Opens the library; rejects with a StorageProblem when IndexedDB can't be used at all. */
export async function openIdbStorage(dbName = 'matbook'): Promise<NotebookStorage> {
  let store: UseStore;
  try {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    store = createStore(dbName, 'library');
    // A write and a read: private modes that refuse writes fail here, not on the first save.
    await withTimeout(set('probe', Date.now(), store), PROBE_TIMEOUT_MS);
    await withTimeout(get('probe', store), PROBE_TIMEOUT_MS);
  } catch (error) {
    throw classifyStorageError(error);
  }
  const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw classifyStorageError(error);
    }
  };
  return {
    list: () =>
      guard(async () => {
        // Only the small meta records are read, not the notebooks.
        const metaKeys = (await keys<IDBValidKey>(store)).filter((key) => typeof key === 'string' && key.startsWith('meta:'));
        const metas = await getMany<NotebookMeta | undefined>(metaKeys, store);
        return metas
          .filter((meta): meta is NotebookMeta => typeof meta === 'object' && meta !== null && typeof meta.id === 'string')
          .sort((a, b) => b.updated - a.updated);
      }),
    load: (id) =>
      guard(async () => {
        const doc = await get<NotebookDoc>(`nb:${id}`, store);
        return doc ? { id, doc } : null;
      }),
    save: (meta, doc) =>
      guard(() =>
        setMany(
          [
            [`meta:${meta.id}`, meta],
            [`nb:${meta.id}`, doc],
          ],
          store,
        ),
      ),
    remove: (id) => guard(() => delMany([`meta:${id}`, `nb:${id}`], store)),
    lastOpened: () => guard(async () => (await get<string>('last', store)) ?? null),
    setLastOpened: (id) => guard(() => set('last', id, store)),
    eraseAll: () => guard(() => clear(store)),
  };
}

/** A library in memory, for when the browser has none (and for tests). */
export function createMemoryStorage(): NotebookStorage {
  const metas = new Map<string, NotebookMeta>();
  const docs = new Map<string, NotebookDoc>();
  let last: string | null = null;
  return {
    list: async () => [...metas.values()].sort((a, b) => b.updated - a.updated),
    load: async (id) => (docs.has(id) ? { id, doc: docs.get(id)! } : null),
    save: async (meta, doc) => {
      metas.set(meta.id, meta);
      docs.set(meta.id, doc);
    },
    remove: async (id) => {
      metas.delete(id);
      docs.delete(id);
    },
    lastOpened: async () => last,
    setLastOpened: async (id) => {
      last = id;
    },
    eraseAll: async () => {
      metas.clear();
      docs.clear();
      last = null;
    },
  };
}
