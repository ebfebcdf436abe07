// Completion, hover and signature help for the `matlab` language, answered by the engine (its
// builtin registry and the live workspace). The providers are registered once per page; the engine
// they ask is set with setLanguageEngine, so a restarted worker needs no re-registration.

import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { CompletionItem, ErrorInfo, HoverDoc } from '../../worker/protocol.ts';
import { MATLAB_LANGUAGE_ID } from './matlabGrammar.ts';
import { bestSignature, callContextAt, signatureParameters } from './signatureContext.ts';

export interface LanguageEngine {
  complete(prefix: string): Promise<CompletionItem[]>;
  hover(name: string): Promise<HoverDoc | null>;
  /** Parse errors of a source, for markers while typing. */
  parse(source: string): Promise<ErrorInfo[]>;
}

/** An editor must never wait on a busy engine for long. */
const PROVIDER_TIMEOUT_MS = 1500;

let engine: LanguageEngine | null = null;

export function setLanguageEngine(next: LanguageEngine | null): void {
  engine = next;
}

/** The engine the providers ask now (null before the page set one). */
export function currentLanguageEngine(): LanguageEngine | null {
  return engine;
}

function withTimeout<T>(promise: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([
    promise.catch(() => fallback),
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), PROVIDER_TIMEOUT_MS)),
  ]);
}

/** `s.inner.` right before the word being typed: the struct path whose fields to offer. */
const FIELD_PATH = /([A-Za-z]\w*(?:\.[A-Za-z]\w*)*)\.$/;

export function registerLanguageProviders(monaco: typeof Monaco): Monaco.IDisposable[] {
  const kinds: Record<CompletionItem['kind'], Monaco.languages.CompletionItemKind> = {
    builtin: monaco.languages.CompletionItemKind.Function,
    function: monaco.languages.CompletionItemKind.Function,
    variable: monaco.languages.CompletionItemKind.Variable,
    keyword: monaco.languages.CompletionItemKind.Keyword,
    field: monaco.languages.CompletionItemKind.Field,
  };

  const completion = monaco.languages.registerCompletionItemProvider(MATLAB_LANGUAGE_ID, {
    triggerCharacters: ['.'],
    async provideCompletionItems(model, position, context) {
      const word = model.getWordUntilPosition(position);
      if (!engine) return { suggestions: [] };
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const path = FIELD_PATH.exec(before)?.[1];
      // A `.` typed after a number or an operator (`1.`, `x.^`) asks for nothing.
      if (!path && context.triggerKind === monaco.languages.CompletionTriggerKind.TriggerCharacter) return { suggestions: [] };
      const prefix = path ? `${path}.${word.word}` : word.word;
      const items = await withTimeout(engine.complete(prefix), [] as CompletionItem[]);
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

  const signatureHelp = monaco.languages.registerSignatureHelpProvider(MATLAB_LANGUAGE_ID, {
    signatureHelpTriggerCharacters: ['(', ','],
    signatureHelpRetriggerCharacters: [','],
    async provideSignatureHelp(model, position) {
      if (!engine) return null;
      const call = callContextAt(model.getValue(), model.getOffsetAt(position));
      if (!call) return null;
      const doc = await withTimeout(engine.hover(call.name), null);
      if (!doc || doc.signatures.length === 0) return null;
      // The first paragraph of the doc: the widget stays small, the hover has the rest.
      const summary = doc.doc.split(/\n\s*\n/)[0];
      return {
        value: {
          signatures: doc.signatures.map((label) => ({
            label,
            documentation: summary ? { value: summary } : undefined,
            parameters: signatureParameters(label, call.name).map((range) => ({ label: range })),
          })),
          activeSignature: bestSignature(doc.signatures, call.name, call.argIndex),
          activeParameter: call.argIndex,
        },
        dispose() {},
      };
    },
  });

  return [completion, hover, signatureHelp];
}
