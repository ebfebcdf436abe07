// The page's colour theme: light, dark, or following the system (prefers-color-scheme), chosen in
// the status bar and kept in localStorage. The resolved theme goes on <html data-theme="…">, where
// styles.css switches its colour variables; Monaco follows through subscribe (monaco/setup.ts).
// The store reaches the browser only through a ThemeEnvironment, so it is tested without a DOM.

export type ThemeChoice = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

export interface ThemeState {
  choice: ThemeChoice;
  resolved: ResolvedTheme;
}

export const THEME_STORAGE_KEY = 'matbook.theme';

/** What the store needs from the browser. */
export interface ThemeEnvironment {
  /** null when storage is unavailable (private mode, blocked): the choice then lasts for the page. */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  prefersDark(): boolean;
  /** Calls `listener` when the system's preference changes; returns the unsubscribe function. */
  onSystemChange(listener: () => void): () => void;
  apply(theme: ResolvedTheme): void;
}

export function parseThemeChoice(raw: string | null | undefined): ThemeChoice {
  return raw === 'light' || raw === 'dark' ? raw : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): ResolvedTheme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

export class ThemeStore {
  private state: ThemeState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly env: ThemeEnvironment) {
    const choice = parseThemeChoice(readStorage(env));
    this.state = { choice, resolved: resolveTheme(choice, env.prefersDark()) };
    env.apply(this.state.resolved);
    env.onSystemChange(() => this.update(this.state.choice));
  }

  getState = (): ThemeState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setChoice(choice: ThemeChoice): void {
    try {
      this.env.storage?.setItem(THEME_STORAGE_KEY, choice);
    } catch {
      // Storage full or blocked: the choice still applies to this page.
    }
    this.update(choice);
  }

  private update(choice: ThemeChoice): void {
    const resolved = resolveTheme(choice, this.env.prefersDark());
    if (choice === this.state.choice && resolved === this.state.resolved) return;
    if (resolved !== this.state.resolved) this.env.apply(resolved);
    this.state = { choice, resolved };
    for (const listener of this.listeners) listener();
  }
}

function readStorage(env: ThemeEnvironment): string | null {
  try {
    return env.storage?.getItem(THEME_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The real browser: localStorage, matchMedia and the <html> element. */
export function browserThemeEnvironment(): ThemeEnvironment {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  let storage: ThemeEnvironment['storage'] = null;
  try {
    storage = localStorage;
  } catch {
    storage = null;
  }
  return {
    storage,
    prefersDark: () => query?.matches ?? false,
    onSystemChange(listener) {
      query?.addEventListener('change', listener);
      return () => query?.removeEventListener('change', listener);
    },
    apply(theme) {
      const root = document.documentElement;
      root.dataset.theme = theme;
      root.style.colorScheme = theme;
    },
  };
}

let pageTheme: ThemeStore | null = null;

/** The page's one theme store, created (and applied to <html>) on first use. */
export function pageThemeStore(): ThemeStore {
  pageTheme ??= new ThemeStore(browserThemeEnvironment());
  return pageTheme;
}
