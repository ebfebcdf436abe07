// The theme store against a fake browser: the stored choice, the system preference, persisting,
// following the system when it changes, and surviving storage that throws.
import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme, THEME_STORAGE_KEY, ThemeStore, type ResolvedTheme, type ThemeEnvironment } from '../../../src/ui/core/theme.ts';

function fakeEnvironment(stored: string | null, dark: boolean) {
  const values = new Map<string, string>(stored === null ? [] : [[THEME_STORAGE_KEY, stored]]);
  const applied: ResolvedTheme[] = [];
  let systemListener: (() => void) | null = null;
  const state = { dark };
  const env: ThemeEnvironment = {
    storage: { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) },
    prefersDark: () => state.dark,
    onSystemChange(listener) {
      systemListener = listener;
      return () => undefined;
    },
    apply: (theme) => void applied.push(theme),
  };
  const setSystemDark = (next: boolean) => {
    state.dark = next;
    systemListener?.();
  };
  return { env, values, applied, setSystemDark };
}

describe('theme', () => {
  it('parses and resolves choices', () => {
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('purple')).toBe('system');
    expect(parseThemeChoice(null)).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('starts from the stored choice and applies it at once', () => {
    const { env, applied } = fakeEnvironment('dark', false);
    const store = new ThemeStore(env);
    expect(store.getState()).toEqual({ choice: 'dark', resolved: 'dark' });
    expect(applied).toEqual(['dark']);
  });

  it('follows the system while the choice is system, and persists a new choice', () => {
    const { env, values, applied, setSystemDark } = fakeEnvironment(null, false);
    const store = new ThemeStore(env);
    let notified = 0;
    store.subscribe(() => notified++);
    expect(store.getState().resolved).toBe('light');
    setSystemDark(true);
    expect(store.getState()).toEqual({ choice: 'system', resolved: 'dark' });
    store.setChoice('light');
    expect(values.get(THEME_STORAGE_KEY)).toBe('light');
    expect(store.getState()).toEqual({ choice: 'light', resolved: 'light' });
    // An explicit choice ignores the system.
    setSystemDark(false);
    setSystemDark(true);
    expect(store.getState().resolved).toBe('light');
    expect(applied).toEqual(['light', 'dark', 'light']);
    expect(notified).toBe(2);
  });

  it('works when storage throws', () => {
    const { env } = fakeEnvironment(null, true);
    const broken: ThemeEnvironment = {
      ...env,
      storage: {
        getItem: () => {
          throw new Error('denied');
        },
        setItem: () => {
          throw new Error('denied');
        },
      },
    };
    const store = new ThemeStore(broken);
    expect(store.getState().resolved).toBe('dark');
    store.setChoice('light');
    expect(store.getState().resolved).toBe('light');
  });
});
