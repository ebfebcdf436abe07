// NotebookLibrary: the page's kept notebooks and where the open one came from. It
// - autosaves the open notebook (cells, and outputs of finished cells) to IndexedDB, debounced
//   after every change and at once when the page is hidden or closed;
// - opens, creates, renames, duplicates and deletes notebooks (delete with an undo toast) and
//   erases all local data;
// - opens share links (`#nb=`), examples (`?example=NAME`) and files (.ipynb, .m), never running
//   anything: a notebook that was opened but not edited (an example, a link, a new empty one) is
//   not stored until its first edit ("pristine"), so browsing examples leaves no clutter;
// - says when storage is unavailable or full, and keeps working in memory.
// Components read its state through `subscribe` / `getState` (useSyncExternalStore).

import { fromIpynb, serializeIpynb } from '../../../formats/ipynb.ts';
import { fromMFile, toMFile } from '../../../formats/mfile.ts';
import { NotebookFormatError, parseNotebookDoc, type NotebookDoc } from '../../../formats/notebookDoc.ts';
import { notebookActions, type NotebookState } from '../cells/notebook.ts';
import type { MatbookApp } from '../app.ts';
import { cellsFromDoc, docFromState } from '../formats/notebookState.ts';
import { findExample } from '../share/examples.ts';
import { ShareLinkError, decodeShare, encodeShare, isShareFragment, shareUrl, type EncodedShare } from '../share/shareLink.ts';
import { downloadText, safeFileName } from './download.ts';
import { StorageProblem, classifyStorageError, openIdbStorage, type NotebookMeta, type NotebookStorage } from './storage.ts';

export type SaveState =
  /** Opened and not edited: nothing to keep yet. */
  | 'pristine'
  /** A change waits for the debounce. */
  | 'pending'
  | 'saving'
  | 'saved'
  /** Storage is unavailable or full: the notebook lives in this tab only. */
  | 'memory';

export type Banner =
  | { kind: 'shared'; text: string }
  | { kind: 'example'; text: string; name: string }
  | { kind: 'imported'; text: string }
  | { kind: 'error'; text: string };

export interface Toast {
  id: number;
  text: string;
  /** Present when the toast offers Undo. */
  undo?: () => void;
}

export interface LibraryState {
  storage: 'starting' | 'ok' | 'unavailable' | 'full';
  /** Why storage is not ok, for the page's notice. */
  storageMessage: string | null;
  currentId: string;
  title: string;
  /** Where the open notebook came from; 'new' with only empty cells shows the start screen. */
  origin: 'new' | 'saved' | 'shared' | 'example' | 'import';
  save: SaveState;
  notebooks: NotebookMeta[];
  banner: Banner | null;
  toast: Toast | null;
}

export interface LibraryOptions {
  debounceMs?: number;
  /** A long run of changes (a cell streaming output) is still saved at least this often. */
  maxWaitMs?: number;
  /** How long a delete can be undone. */
  undoMs?: number;
  /** Outputs bigger than this (characters) are not stored; the sources always are. */
  maxStoredOutputChars?: number;
  openStorage?: () => Promise<NotebookStorage>;
  /** The page's address and history, replaceable for tests. */
  location?: { href: string; hash: string; search: string };
  replaceUrl?: (url: string) => void;
  fetchText?: (url: string) => Promise<string>;
  /** Renders a figure model as a base64 PNG (for image/png in .ipynb export). */
  renderFigurePng?: (figure: unknown) => Promise<string | null>;
}

const UNTITLED = 'Untitled notebook';

function newNotebookId(): string {
  return `nb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function outputChars(doc: NotebookDoc): number {
  let n = 0;
  for (const cell of doc.cells) {
    for (const output of cell.outputs ?? []) {
      if (output.kind === 'figure') n += (output.png?.length ?? 0) + 2000;
      else if (output.kind === 'error') n += output.message.length;
      else n += output.text.length;
    }
  }
  return n;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class NotebookLibrary {
  private state: LibraryState;
  private readonly listeners = new Set<() => void>();
  private storage: NotebookStorage | null = null;
  private created = Date.now();
  private pristine = true;
  private dirty = false;
  private loading = false;
  private seen: NotebookState;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt: number | null = null;
  private writes: Promise<void> = Promise.resolve();
  private toastSeq = 0;
  private toastTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly options: Required<Omit<LibraryOptions, 'location' | 'replaceUrl' | 'renderFigurePng'>> &
    Pick<LibraryOptions, 'location' | 'replaceUrl' | 'renderFigurePng'>;
  private started = false;

  constructor(
    private readonly app: Pick<MatbookApp, 'store' | 'runner' | 'client'>,
    options: LibraryOptions = {},
  ) {
    this.options = {
      debounceMs: options.debounceMs ?? 500,
      maxWaitMs: options.maxWaitMs ?? 3000,
      undoMs: options.undoMs ?? 10_000,
      maxStoredOutputChars: options.maxStoredOutputChars ?? 5_000_000,
      openStorage: options.openStorage ?? (() => openIdbStorage()),
      fetchText:
        options.fetchText ??
        (async (url) => {
          const response = await fetch(url);
          if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
          return response.text();
        }),
      location: options.location,
      replaceUrl: options.replaceUrl,
      renderFigurePng: options.renderFigurePng,
    };
    this.seen = app.store.getState();
    this.state = {
      storage: 'starting',
      storageMessage: null,
      currentId: newNotebookId(),
      title: UNTITLED,
      origin: 'new',
      save: 'pristine',
      notebooks: [],
      banner: null,
      toast: null,
    };
  }

  // --- external store ------------------------------------------------------------------------

  getState = (): LibraryState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<LibraryState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  // --- start-up ------------------------------------------------------------------------------

  /**
   * Opens storage, then what the address asks for (a share link, an example) or the notebook
   * open last. Never rejects: every failure becomes a notice or a banner.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      this.storage = await this.options.openStorage();
      this.set({ storage: 'ok' });
      await this.refreshList();
    } catch (error) {
      this.storageFailed(error);
    }
    this.app.store.subscribe(this.onStoreChange);
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', this.flushNow);
      document.addEventListener('visibilitychange', this.onVisibility);
    }

    const location = this.options.location ?? (typeof window !== 'undefined' ? window.location : null);
    if (location && isShareFragment(location.hash)) {
      if (this.openShareFragment(location.hash)) return;
    } else if (location) {
      const example = new URLSearchParams(location.search).get('example');
      if (example !== null) {
        if (await this.openExample(example, { updateUrl: false })) return;
      }
    }
    await this.openLast();
  }

  private async openLast(): Promise<void> {
    if (!this.storage) return;
    try {
      const notebooks = this.state.notebooks;
      const last = await this.storage.lastOpened();
      const id = last !== null && notebooks.some((n) => n.id === last) ? last : notebooks[0]?.id;
      if (id) await this.open(id);
    } catch (error) {
      this.storageFailed(error);
    }
  }

  private storageFailed(error: unknown): void {
    const problem = classifyStorageError(error);
    this.set({ storage: problem.kind, storageMessage: problem.message, save: this.pristine ? 'pristine' : 'memory' });
  }

  private async refreshList(): Promise<void> {
    if (!this.storage) return;
    this.set({ notebooks: await this.storage.list() });
  }

  // --- loading -------------------------------------------------------------------------------

  /** The workspace belongs to the notebook that was open: a different one starts a clean engine. */
  private prepareEngine(): void {
    const state = this.app.store.getState();
    const ran = state.executionCounter > 0 || state.cellIds.some((id) => {
      const status = state.cellRuntime[id]?.status;
      return status === 'queued' || status === 'running';
    });
    if (ran || this.app.client.busy) this.app.runner.restart();
  }

  private load(
    doc: NotebookDoc,
    how: { id: string; title: string; origin: LibraryState['origin']; created?: number; banner?: Banner | null },
  ): void {
    this.cancelTimer();
    this.prepareEngine();
    const { cells, runtimes } = cellsFromDoc(doc);
    this.loading = true;
    try {
      this.app.store.dispatch(notebookActions.loadNotebook({ cells, runtimes }));
    } finally {
      this.loading = false;
    }
    this.seen = this.app.store.getState();
    this.created = how.created ?? Date.now();
    this.pristine = how.origin !== 'saved' && how.origin !== 'import';
    this.dirty = false;
    this.set({
      currentId: how.id,
      title: how.title,
      origin: how.origin,
      save: this.pristine ? 'pristine' : this.storage ? 'saved' : 'memory',
      banner: how.banner === undefined ? null : how.banner,
    });
  }

  /** Opens `#nb=...`; on a bad link shows an error banner and returns false. */
  openShareFragment(hash: string): boolean {
    try {
      const doc = decodeShare(hash);
      this.load(doc, {
        id: newNotebookId(),
        title: doc.title ?? 'Shared notebook',
        origin: 'shared',
        banner: { kind: 'shared', text: 'Shared notebook — nothing has run; press Run all to run it' },
      });
      return true;
    } catch (error) {
      const message = error instanceof ShareLinkError ? error.message : `Unexpected problem: ${errorText(error)}`;
      this.set({ banner: { kind: 'error', text: `Could not open the shared notebook. ${message}` } });
      return false;
    }
  }

  /** Loads public/examples/NAME.ipynb; never runs it. Returns false (with an error banner) on failure. */
  async openExample(name: string, options: { updateUrl?: boolean } = {}): Promise<boolean> {
    const info = findExample(name);
    if (!info) {
      this.set({ banner: { kind: 'error', text: `There is no example called “${name.slice(0, 60)}”.` } });
      return false;
    }
    try {
      await this.flushNow();
      const base = typeof document !== 'undefined' ? document.baseURI : 'http://localhost/';
      const text = await this.options.fetchText(new URL(`examples/${info.name}.ipynb`, base).href);
      const doc = fromIpynb(text);
      this.load(doc, {
        id: newNotebookId(),
        title: info.title,
        origin: 'example',
        banner: { kind: 'example', name: info.name, text: `Example: ${info.title} — nothing has run; press Run all to run it` },
      });
      if (options.updateUrl !== false) this.replaceUrl({ search: `?example=${encodeURIComponent(info.name)}`, hash: '' });
      return true;
    } catch (error) {
      this.set({ banner: { kind: 'error', text: `Could not load the example “${info.title}”: ${errorText(error)}` } });
      return false;
    }
  }

  /** Opens a .ipynb or .m file as a new kept notebook. */
  async openFile(file: { name: string; text(): Promise<string> }): Promise<boolean> {
    try {
      const text = await file.text();
      const base = file.name.replace(/\.[^.]*$/, '') || 'Imported notebook';
      let doc: NotebookDoc;
      if (/\.m$/i.test(file.name)) doc = fromMFile(text, { title: base });
      else if (/\.(ipynb|json)$/i.test(file.name) || text.trimStart().startsWith('{')) doc = fromIpynb(text);
      else throw new NotebookFormatError('only .ipynb and .m files can be opened');
      await this.flushNow();
      this.load(doc, {
        id: newNotebookId(),
        title: doc.title ?? base,
        origin: 'import',
        banner: { kind: 'imported', text: `Opened ${file.name} — nothing has run; press Run all to run it` },
      });
      this.replaceUrl({ search: '', hash: '' });
      this.dirty = true;
      await this.flushNow();
      return true;
    } catch (error) {
      this.set({ banner: { kind: 'error', text: `Could not open ${file.name}: ${errorText(error)}` } });
      return false;
    }
  }

  // --- the list ------------------------------------------------------------------------------

  async open(id: string): Promise<void> {
    if (!this.storage) return;
    if (id !== this.state.currentId) await this.flushNow();
    try {
      const stored = await this.storage.load(id);
      const meta = this.state.notebooks.find((n) => n.id === id);
      if (!stored) {
        this.set({ banner: { kind: 'error', text: 'That notebook is no longer in this browser’s storage.' } });
        await this.refreshList();
        return;
      }
      let doc: NotebookDoc;
      try {
        doc = parseNotebookDoc(stored.doc, { keepFigureModels: true });
      } catch (error) {
        this.set({ banner: { kind: 'error', text: `The stored notebook is damaged: ${errorText(error)}` } });
        return;
      }
      this.load(doc, { id, title: meta?.title ?? doc.title ?? UNTITLED, origin: 'saved', created: meta?.created });
      this.replaceUrl({ search: '', hash: '' });
      await this.storage.setLastOpened(id);
    } catch (error) {
      this.storageFailed(error);
    }
  }

  async createNotebook(): Promise<void> {
    await this.flushNow();
    this.load({ cells: [] }, { id: newNotebookId(), title: UNTITLED, origin: 'new' });
    this.replaceUrl({ search: '', hash: '' });
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.replace(/\s+/g, ' ').trim().slice(0, 200) || UNTITLED;
    if (id === this.state.currentId) {
      this.set({ title: clean });
      this.markKept();
      this.dirty = true;
      await this.flushNow();
      return;
    }
    if (!this.storage) return;
    try {
      const stored = await this.storage.load(id);
      const meta = this.state.notebooks.find((n) => n.id === id);
      if (!stored || !meta) return;
      await this.storage.save({ ...meta, title: clean }, { ...stored.doc, title: clean });
      await this.refreshList();
    } catch (error) {
      this.storageFailed(error);
    }
  }

  async duplicate(id: string): Promise<void> {
    if (!this.storage) return;
    if (id === this.state.currentId) {
      this.markKept();
      this.dirty = true;
      await this.flushNow();
    }
    try {
      const stored = await this.storage.load(id);
      const meta = this.state.notebooks.find((n) => n.id === id);
      if (!stored || !meta) return;
      const now = Date.now();
      const title = `${meta.title} (copy)`;
      await this.storage.save({ ...meta, id: newNotebookId(), title, created: now, updated: now }, { ...stored.doc, title });
      await this.refreshList();
      this.showToast({ text: `Duplicated as “${title}”` });
    } catch (error) {
      this.storageFailed(error);
    }
  }

  /** Deletes a kept notebook; the toast's Undo puts it back (and reopens it if it was open). */
  async remove(id: string): Promise<void> {
    if (!this.storage) return;
    const storage = this.storage;
    const wasOpen = id === this.state.currentId;
    if (wasOpen) {
      this.cancelTimer();
      await this.writes;
      // Keep what was typed since the last save in the copy Undo restores.
      if (!this.pristine && this.dirty) {
        this.dirty = false;
        await this.write();
      }
    }
    try {
      const stored = await storage.load(id);
      const meta = this.state.notebooks.find((n) => n.id === id);
      await storage.remove(id);
      await this.refreshList();
      if (wasOpen) {
        const next = this.state.notebooks[0];
        if (next) await this.open(next.id);
        else await this.createNotebook();
      }
      const title = meta?.title ?? 'notebook';
      this.showToast({
        text: `Deleted “${title}”`,
        undo:
          stored && meta
            ? () => {
                void (async () => {
                  try {
                    await storage.save(meta, stored.doc);
                    await this.refreshList();
                    if (wasOpen) await this.open(meta.id);
                    this.showToast({ text: `Restored “${title}”` });
                  } catch (error) {
                    this.storageFailed(error);
                  }
                })();
              }
            : undefined,
      });
    } catch (error) {
      this.storageFailed(error);
    }
  }

  /** Deletes every kept notebook and setting of this page in this browser; opens a new notebook. */
  async eraseAll(): Promise<void> {
    this.cancelTimer();
    await this.writes.catch(() => undefined);
    try {
      if (this.storage) await this.storage.eraseAll();
    } catch (error) {
      this.storageFailed(error);
    }
    this.dirty = false;
    this.load({ cells: [] }, { id: newNotebookId(), title: UNTITLED, origin: 'new' });
    this.replaceUrl({ search: '', hash: '' });
    this.set({ notebooks: [] });
    this.showToast({ text: 'All local data was erased.' });
  }

  dismissBanner(): void {
    this.set({ banner: null });
  }

  dismissToast(): void {
    if (this.toastTimer !== null) clearTimeout(this.toastTimer);
    this.toastTimer = null;
    this.set({ toast: null });
  }

  private showToast(toast: Omit<Toast, 'id'>): void {
    if (this.toastTimer !== null) clearTimeout(this.toastTimer);
    this.toastSeq += 1;
    this.set({ toast: { ...toast, id: this.toastSeq } });
    this.toastTimer = setTimeout(() => this.dismissToast(), this.options.undoMs);
  }

  // --- export and share ----------------------------------------------------------------------

  currentDoc(options: { includeOutputs?: boolean; figurePng?: (figure: unknown) => string | null } = {}): NotebookDoc {
    return docFromState(this.app.store.getState(), {
      includeOutputs: options.includeOutputs ?? true,
      title: this.state.title,
      figurePng: options.figurePng,
    });
  }

  /** The .ipynb text, figures rendered as image/png where the page can render them. */
  async ipynbText(): Promise<string> {
    const pngs = new Map<unknown, string | null>();
    const render = this.options.renderFigurePng;
    if (render) {
      const state = this.app.store.getState();
      for (const cellId of state.cellIds) {
        for (const output of state.cellRuntime[cellId]?.outputs ?? []) {
          if (output.kind !== 'figure' || pngs.has(output.figure)) continue;
          pngs.set(output.figure, await render(output.figure).catch(() => null));
        }
      }
    }
    return serializeIpynb(this.currentDoc({ figurePng: (figure) => pngs.get(figure) ?? null }));
  }

  mFileText(): string {
    return toMFile(this.currentDoc({ includeOutputs: false }));
  }

  async saveAsIpynb(): Promise<void> {
    downloadText(safeFileName(this.state.title, '.ipynb'), await this.ipynbText(), 'application/x-ipynb+json');
  }

  saveAsM(): void {
    downloadText(safeFileName(this.state.title, '.m'), this.mFileText(), 'text/x-matlab');
  }

  /** The share link for the open notebook, and whether it is too big to hand out. */
  shareLink(includeOutputs: boolean): EncodedShare & { url: string } {
    const encoded = encodeShare(this.currentDoc({ includeOutputs }), { includeOutputs });
    const href = this.options.location?.href ?? (typeof window !== 'undefined' ? window.location.href : 'http://localhost/');
    const base = new URL(href);
    base.search = '';
    return { ...encoded, url: shareUrl(base.href, encoded) };
  }

  // --- autosave ------------------------------------------------------------------------------

  private onStoreChange = (): void => {
    if (this.loading) return;
    const next = this.app.store.getState();
    const prev = this.seen;
    this.seen = next;
    const structural = next.cellIds !== prev.cellIds || next.cellData !== prev.cellData;
    const runtime = next.cellRuntime !== prev.cellRuntime;
    if (!structural && !runtime) return;
    // Running cells: "nothing has run" is no longer true.
    const banner = this.state.banner;
    if (runtime && banner && (banner.kind === 'shared' || banner.kind === 'example' || banner.kind === 'imported')) {
      const started = next.cellIds.some((id) => next.cellRuntime[id] !== prev.cellRuntime[id] && next.cellRuntime[id]?.status !== 'idle');
      if (started) this.set({ banner: null });
    }
    if (this.pristine) {
      // Running an example is not a reason to keep it; typing into it is.
      if (!structural) return;
      this.markKept();
    }
    this.dirty = true;
    this.schedule();
  };

  /** The open notebook becomes one of the kept ones (first edit of an example, a link, a new one). */
  private markKept(): void {
    if (!this.pristine) return;
    this.pristine = false;
    this.created = Date.now();
    const origin = this.state.origin;
    // The address no longer describes this notebook: a reload should reopen the kept copy.
    if (origin === 'shared' || origin === 'example') this.replaceUrl({ search: '', hash: '' });
    this.set({ origin: 'saved' });
  }

  private replaceUrl(parts: { search: string; hash: string }): void {
    if (this.options.replaceUrl) {
      const href = this.options.location?.href ?? 'http://localhost/';
      const url = new URL(href);
      url.search = parts.search;
      url.hash = parts.hash;
      this.options.replaceUrl(url.href);
      return;
    }
    if (typeof window === 'undefined') return;
    const url = new URL(window.location.href);
    if (url.search === parts.search && url.hash === parts.hash) return;
    url.search = parts.search;
    url.hash = parts.hash;
    window.history.replaceState(window.history.state, '', url.href);
  }

  private schedule(): void {
    const now = Date.now();
    if (this.firstPendingAt === null) this.firstPendingAt = now;
    if (this.state.save !== 'pending' && this.storage) this.set({ save: 'pending' });
    if (this.timer !== null) clearTimeout(this.timer);
    const waited = now - this.firstPendingAt;
    const delay = waited >= this.options.maxWaitMs ? 0 : this.options.debounceMs;
    this.timer = setTimeout(() => void this.flushNow(), delay);
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.firstPendingAt = null;
  }

  private onVisibility = (): void => {
    if (document.visibilityState === 'hidden') void this.flushNow();
  };

  /** Writes the open notebook now if it has unsaved changes. Resolves when written (or failed). */
  flushNow = async (): Promise<void> => {
    this.cancelTimer();
    if (this.dirty && !this.pristine) {
      this.dirty = false;
      this.writes = this.writes.then(() => this.write());
    }
    await this.writes;
  };

  private async write(): Promise<void> {
    if (!this.storage) {
      this.set({ save: 'memory' });
      return;
    }
    const id = this.state.currentId;
    let doc = docFromState(this.app.store.getState(), { includeOutputs: true, keepFigureModels: true, title: this.state.title });
    if (outputChars(doc) > this.options.maxStoredOutputChars) {
      doc = docFromState(this.app.store.getState(), { includeOutputs: false, title: this.state.title });
    }
    const now = Date.now();
    const meta: NotebookMeta = { id, title: this.state.title, created: this.created, updated: now, cellCount: doc.cells.length };
    this.set({ save: 'saving' });
    try {
      await this.storage.save(meta, doc);
      await this.storage.setLastOpened(id);
      const others = this.state.notebooks.filter((n) => n.id !== id);
      const recovered = this.state.storage === 'full' ? { storage: 'ok' as const, storageMessage: null } : {};
      this.set({ ...recovered, notebooks: [meta, ...others], save: this.dirty ? 'pending' : 'saved' });
    } catch (error) {
      const problem = error instanceof StorageProblem ? error : classifyStorageError(error);
      // Kept in memory; the next change tries again (space may have been freed).
      this.dirty = true;
      this.set({ storage: problem.kind, storageMessage: problem.message, save: 'memory' });
    }
  }
}
