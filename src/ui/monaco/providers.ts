// Completion and hover for the `matlab` language, answered by the engine (its builtin registry and
// the live workspace). The providers are registered once per page; the engine they ask is set with
// setLanguageEngine, so a restarted worker needs no re-registration.

import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { CompletionItem, HoverDoc } from '../../worker/protocol.ts';
import { MATLAB_LANGUAGE_ID } from './matlabGrammar.ts';

export interface LanguageEngine {
  complete(prefix: string): Promise<CompletionItem[]>;
  hover(name: string): Promise<HoverDoc | null>;
}

/** An editor must never wait on a busy engine for long. */
const PROVIDER_TIMEOUT_MS = 1500;

let engine: LanguageEngine | null = null;

export function setLanguageEngine(next: LanguageEngine | null): void {
  engine = next;
}

function withTimeout<T>(promise: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([
    promise.catch(() => fallback),
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), PROVIDER_TIMEOUT_MS)),
  ]);
}

export function registerLanguageProviders(monaco: typeof Monaco): Monaco.IDisposable[] {
  const kinds: Record<CompletionItem['kind'], Monaco.languages.CompletionItemKind> = {
    builtin: monaco.languages.CompletionItemKind.Function,
    function: monaco.languages.CompletionItemKind.Function,
    variable: monaco.languages.CompletionItemKind.Variable,
    keyword: monaco.languages.CompletionItemKind.Keyword,
  };

  const completion = monaco.languages.registerCompletionItemProvider(MATLAB_LANGUAGE_ID, {
    async provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      if (!engine) return { suggestions: [] };
      const items = await withTimeout(engine.complete(word.word), [] as CompletionItem[]);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      return {
        suggestions: items.map((item) => ({
          label: item.name,
          kind: kinds[item.kind],
          detail: item.detail,
          insertText: item.name,
          range,
        })),
      };
    },
  });

  const hover = monaco.languages.registerHoverProvider(MATLAB_LANGUAGE_ID, {
    async provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word || !engine) return null;
      const doc = await withTimeout(engine.hover(word.word), null);
      if (!doc) return null;
      const contents: Monaco.IMarkdownString[] = [];
      if (doc.signatures.length > 0) {
        contents.push({ value: '```matlab\n' + doc.signatures.join('\n') + '\n```' });
      }
      if (doc.doc) contents.push({ value: doc.doc });
      if (contents.length === 0) return null;
      return {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents,
      };
    },
  });

  return [completion, hover];
}
