// NotebookLibrary without a browser: an in-memory storage, a fake engine. Autosave is debounced
// and keeps sources (and outputs); opened-but-unedited notebooks are not stored; delete can be
// undone; share links and files open without running anything.
import { describe, expect, it } from 'vitest';
import { notebookActions, createNotebookState } from '../../../src/ui/core/cells/notebook.ts';
import { newCellId } from '../../../src/ui/core/cells/ids.ts';
import { createCellData } from '../../../src/ui/core/cells/types.ts';
import { NotebookLibrary } from '../../../src/ui/core/persistence/library.ts';
import { createMemoryStorage, type NotebookStorage } from '../../../src/ui/core/persistence/storage.ts';
import { encodeShare } from '../../../src/ui/core/share/shareLink.ts';
import { createNotebookStore } from '../../../src/ui/core/state/notebookStore.ts';
import { serializeIpynb } from '../../../src/formats/ipynb.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(options: { hash?: string; storage?: NotebookStorage } = {}) {
  const store = createNotebookStore(createNotebookState([createCellData(newCellId(), 'code', '')]));
  let restarts = 0;
  const app = {
    store,
    runner: { restart: () => void (restarts += 1) },
    client: { busy: false },
  } as unknown as ConstructorParameters<typeof NotebookLibrary>[0];
  const storage = options.storage ?? createMemoryStorage();
  const urls: string[] = [];
  const library = new NotebookLibrary(app, {
    debounceMs: 10,
    openStorage: async () => storage,
    location: { href: `http://x.test/${options.hash ?? ''}`, hash: options.hash ?? '', search: '' },
    replaceUrl: (url) => urls.push(url),
    fetchText: async () => {
      throw new Error('no network');
    },
  });
  const type = (source: string, index = 0) => store.dispatch(notebookActions.setSource({ cellId: store.getState().cellIds[index], source }));
  return { store, library, storage, type, urls, restarts: () => restarts };
}

describe('NotebookLibrary', () => {
  it('a new notebook is stored from its first edit, debounced', async () => {
    const { library, storage, type } = setup();
    await library.start();
    expect(library.getState().save).toBe('pristine');
    expect(await storage.list()).toEqual([]);
    type('a = 1;');
    expect(library.getState().save).toBe('pending');
    await sleep(40);
    expect(library.getState().save).toBe('saved');
    const [meta] = await storage.list();
    const stored = await storage.load(meta.id);
    expect(stored?.doc.cells.map((c) => c.source)).toEqual(['a = 1;']);
    expect(await storage.lastOpened()).toBe(meta.id);
  });

  it('reopens the last notebook on start', async () => {
    const first = setup();
    await first.library.start();
    first.type('kept = 1;');
    await first.library.flushNow();
    const second = setup({ storage: first.storage });
    await second.library.start();
    expect(second.store.getState().cellIds.map((id) => second.store.getState().cellData[id].source)).toEqual(['kept = 1;']);
    expect(second.library.getState().save).toBe('saved');
  });

  it('a share link opens unsaved with a banner; a broken one shows an error', async () => {
    const fragment = encodeShare({ cells: [{ id: 'x', kind: 'code', source: 'shared = 1;' }] }).fragment;
    const ok = setup({ hash: `#${fragment}` });
    await ok.library.start();
    expect(ok.library.getState().banner).toEqual({ kind: 'shared', text: 'Shared notebook — nothing has run; press Run all to run it' });
    expect(ok.store.getState().cellData[ok.store.getState().cellIds[0]].source).toBe('shared = 1;');
    expect(await ok.storage.list()).toEqual([]);
    // The first edit keeps it and drops the link from the address.
    ok.type('shared = 2;');
    await ok.library.flushNow();
    expect(await ok.storage.list()).toHaveLength(1);
    expect(ok.urls.at(-1)).toBe('http://x.test/');

    const bad = setup({ hash: '#nb=%%%garbage' });
    await bad.library.start();
    expect(bad.library.getState().banner?.kind).toBe('error');
    expect(bad.store.getState().cellIds).toHaveLength(1);
  });

  it('delete can be undone', async () => {
    const { library, storage, type } = setup();
    await library.start();
    type('one = 1;');
    await library.flushNow();
    const id = library.getState().currentId;
    await library.remove(id);
    expect(await storage.list()).toEqual([]);
    expect(library.getState().toast?.undo).toBeTypeOf('function');
    library.getState().toast!.undo!();
    await sleep(20);
    expect((await storage.list()).map((m) => m.id)).toEqual([id]);
    expect(library.getState().currentId).toBe(id);
  });

  it('opens .ipynb and .m files as kept notebooks and restarts an engine that has run', async () => {
    const { library, store, storage, restarts } = setup();
    await library.start();
    store.dispatch(notebookActions.startCell({ cellId: store.getState().cellIds[0] }));
    const ipynb = serializeIpynb({ cells: [{ id: 'a', kind: 'code', source: 'x = 1', executionCount: 2, outputs: [{ kind: 'stdout', text: 'out\n' }] }] });
    expect(await library.openFile({ name: 'f.ipynb', text: async () => ipynb })).toBe(true);
    expect(restarts()).toBe(1);
    const state = store.getState();
    const runtime = state.cellRuntime[state.cellIds[0]];
    expect(runtime.status).toBe('done');
    expect(runtime.executionCount).toBe(2);
    expect(runtime.outputs).toEqual([{ kind: 'stdout', text: 'out\n' }]);
    expect((await storage.list()).map((m) => m.title)).toEqual(['f']);
    expect(await library.openFile({ name: 'g.m', text: async () => '%% Title\n% text\nx = 2' })).toBe(true);
    expect(store.getState().cellIds.map((id) => store.getState().cellData[id].kind)).toEqual(['markdown', 'code']);
    expect(await library.openFile({ name: 'h.txt', text: async () => 'hello' })).toBe(false);
    expect(library.getState().banner?.kind).toBe('error');
  });

  it('storage that fails to open leaves the notebook working in memory', async () => {
    const store = createNotebookStore(createNotebookState([createCellData(newCellId(), 'code', '')]));
    const app = { store, runner: { restart() {} }, client: { busy: false } } as unknown as ConstructorParameters<typeof NotebookLibrary>[0];
    const library = new NotebookLibrary(app, {
      debounceMs: 5,
      openStorage: async () => {
        throw new DOMException('denied', 'SecurityError');
      },
      location: { href: 'http://x.test/', hash: '', search: '' },
      replaceUrl: () => undefined,
    });
    await library.start();
    expect(library.getState().storage).toBe('unavailable');
    store.dispatch(notebookActions.setSource({ cellId: store.getState().cellIds[0], source: 'x = 1' }));
    await library.flushNow();
    expect(library.getState().save).toBe('memory');
  });
});
