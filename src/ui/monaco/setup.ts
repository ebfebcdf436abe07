// Monaco for Matbook, without any CDN: the `editor.api` ESM entry plus only the contributions a
// notebook cell needs (keeps the bundle lean), the editor worker bundled by Vite, the `matlab`
// language, its providers and the light theme. Everything else in src/ui imports Monaco from here.

import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/languages/definitions/markdown/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { MATLAB_LANGUAGE_ID, matlabLanguageConfiguration, matlabMonarch } from './matlabGrammar.ts';
import { registerLanguageProviders } from './providers.ts';

export const MATBOOK_THEME = 'matbook-light';

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
  monaco.editor.defineTheme(MATBOOK_THEME, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '0b4fb3', fontStyle: 'bold' },
      { token: 'constant', foreground: '8a3ab9' },
      { token: 'comment', foreground: '2f7d32', fontStyle: 'italic' },
      { token: 'string', foreground: 'a0461b' },
      { token: 'string.escape', foreground: 'c05a00' },
      { token: 'string.invalid', foreground: 'c62828' },
      { token: 'number', foreground: '0a7d7d' },
      { token: 'operator', foreground: '555555' },
      { token: 'operator.transpose', foreground: 'b23c8c', fontStyle: 'bold' },
    ],
    colors: {
      'editor.background': '#fbfcfd',
      'editorLineNumber.foreground': '#a0a8b4',
      'editor.lineHighlightBackground': '#00000000',
      'editor.lineHighlightBorder': '#00000000',
    },
  });
  monaco.editor.setTheme(MATBOOK_THEME);
  return monaco;
}

export { monaco };
