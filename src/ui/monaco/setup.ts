// Monaco for Matbook, without any CDN: the `editor.api` ESM entry plus only the contributions a
// notebook cell needs (keeps the bundle lean), the editor worker bundled by Vite, the `matlab`
// language with its providers and parse-error markers, the `wgsl` language of the plan view, and a
// light and a dark theme that follow the page's theme. Everything else in src/ui imports Monaco
// from here.

import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/languages/definitions/markdown/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { pageThemeStore, type ResolvedTheme } from '../core/theme.ts';
import { watchParseErrors } from './diagnostics.ts';
import { MATLAB_LANGUAGE_ID, matlabLanguageConfiguration, matlabMonarch } from './matlabGrammar.ts';
import { currentLanguageEngine, registerLanguageProviders } from './providers.ts';
import { WGSL_LANGUAGE_ID, wgslLanguageConfiguration, wgslMonarch } from './wgslGrammar.ts';

const EDITOR_THEMES: Record<ResolvedTheme, string> = { light: 'matbook-light', dark: 'matbook-dark' };

/** The Monaco theme for the page's current theme (a new editor must not reset it to light). */
export function editorThemeName(): string {
  return EDITOR_THEMES[pageThemeStore().getState().resolved];
}

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

let ready = false;

/** Registers the language, providers and theme once; returns the Monaco API. */
export function setupMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  monaco.languages.register({ id: MATLAB_LANGUAGE_ID, extensions: ['.m'], aliases: ['MATLAB', 'matlab'] });
  monaco.languages.setMonarchTokensProvider(MATLAB_LANGUAGE_ID, matlabMonarch);
  monaco.languages.setLanguageConfiguration(MATLAB_LANGUAGE_ID, matlabLanguageConfiguration);
  registerLanguageProviders(monaco);
  monaco.languages.register({ id: WGSL_LANGUAGE_ID, extensions: ['.wgsl'], aliases: ['WGSL', 'wgsl'] });
  monaco.languages.setMonarchTokensProvider(WGSL_LANGUAGE_ID, wgslMonarch);
  monaco.languages.setLanguageConfiguration(WGSL_LANGUAGE_ID, wgslLanguageConfiguration);
  // Every MATLAB model gets parse-error markers while it lives.
  monaco.editor.onDidCreateModel((model) => {
    if (model.getLanguageId() !== MATLAB_LANGUAGE_ID) return;
    const watcher = watchParseErrors(monaco, model, () => {
      const engine = currentLanguageEngine();
      return engine ? (source) => engine.parse(source) : null;
    });
    model.onWillDispose(() => watcher.dispose());
  });
  defineThemes();
  const themes = pageThemeStore();
  monaco.editor.setTheme(editorThemeName());
  themes.subscribe(() => monaco.editor.setTheme(editorThemeName()));
  return monaco;
}

function defineThemes(): void {
  monaco.editor.defineTheme(EDITOR_THEMES.light, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '0b4fb3', fontStyle: 'bold' },
      { token: 'keyword.qualifier', foreground: '6b4fb3' },
      { token: 'constant', foreground: '8a3ab9' },
      { token: 'comment', foreground: '2f7d32', fontStyle: 'italic' },
      { token: 'string', foreground: 'a0461b' },
      { token: 'string.escape', foreground: 'c05a00' },
      { token: 'string.invalid', foreground: 'c62828' },
      { token: 'number', foreground: '0a7d7d' },
      { token: 'operator', foreground: '555555' },
      { token: 'operator.transpose', foreground: 'b23c8c', fontStyle: 'bold' },
      { token: 'type', foreground: '1a7f8e' },
      { token: 'annotation', foreground: '9a5b00' },
      { token: 'predefined', foreground: '5b3fa0' },
    ],
    colors: {
      'editor.background': '#fbfcfd',
      'editorLineNumber.foreground': '#8a93a0',
      'editor.lineHighlightBackground': '#00000000',
      'editor.lineHighlightBorder': '#00000000',
    },
  });
  monaco.editor.defineTheme(EDITOR_THEMES.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '7fb4ff', fontStyle: 'bold' },
      { token: 'keyword.qualifier', foreground: 'b49cff' },
      { token: 'constant', foreground: 'd7a0ff' },
      { token: 'comment', foreground: '7cbf7f', fontStyle: 'italic' },
      { token: 'string', foreground: 'f0a67a' },
      { token: 'string.escape', foreground: 'ffc27a' },
      { token: 'string.invalid', foreground: 'ff8a80' },
      { token: 'number', foreground: '6fd6d0' },
      { token: 'operator', foreground: 'b8c0cc' },
      { token: 'operator.transpose', foreground: 'f08ccf', fontStyle: 'bold' },
      { token: 'type', foreground: '5fd0e0' },
      { token: 'annotation', foreground: 'e8c06a' },
      { token: 'predefined', foreground: 'c5a8ff' },
    ],
    colors: {
      'editor.background': '#1a1f27',
      'editorLineNumber.foreground': '#6f7a89',
      'editor.lineHighlightBackground': '#00000000',
      'editor.lineHighlightBorder': '#00000000',
    },
  });
}

export { monaco };
