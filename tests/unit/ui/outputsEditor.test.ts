// The editor's pure helpers: which call the cursor is in (signature help), where parameters sit
// in a registry signature, how an error span becomes a marker range, the WGSL grammar, and the
// status bar's engine-state words.
import { beforeAll, describe, expect, it } from 'vitest';
import { bestSignature, callContextAt, signatureParameters } from '../../../src/ui/monaco/signatureContext.ts';
import { errorMarkerRange } from '../../../src/ui/monaco/diagnostics.ts';
import { WGSL_LANGUAGE_ID, wgslMonarch } from '../../../src/ui/monaco/wgslGrammar.ts';
import { engineStateLabel } from '../../../src/ui/core/format.ts';
import type { ErrorInfo } from '../../../src/worker/protocol.ts';

/** The cursor is where `|` is. */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  return callContextAt(textWithCursor.replace('|', ''), offset);
}

describe('callContextAt', () => {
  it('finds the innermost named call and the argument index', () => {
    expect(at('y = sum(|')).toEqual({ name: 'sum', argIndex: 0 });
    expect(at('y = sum(x, |')).toEqual({ name: 'sum', argIndex: 1 });
    expect(at('y = max(abs(x|), 2)')).toEqual({ name: 'abs', argIndex: 0 });
    expect(at('y = max(abs(x), |')).toEqual({ name: 'max', argIndex: 1 });
    expect(at('z = zeros([2, 3], |')).toEqual({ name: 'zeros', argIndex: 1 });
    expect(at('z = zeros([2, |')).toEqual({ name: 'zeros', argIndex: 0 });
    expect(at('z = sum((a + b|')).toEqual({ name: 'sum', argIndex: 0 });
  });

  it('skips strings, comments and transposes', () => {
    expect(at("s = strrep('a,(b', |")).toEqual({ name: 'strrep', argIndex: 1 });
    expect(at('s = strrep("a,(b", "x", |')).toEqual({ name: 'strrep', argIndex: 2 });
    expect(at("m = max(A', [], |")).toEqual({ name: 'max', argIndex: 2 });
    expect(at('% sum(\nx = 1|')).toBeNull();
    expect(at('y = sum(x, ...\n  |')).toEqual({ name: 'sum', argIndex: 1 });
  });

  it('is null outside calls, after a closed call, and for fields', () => {
    expect(at('y = 1 + |')).toBeNull();
    expect(at('y = sum(x)|')).toBeNull();
    expect(at('y = s.f(|')).toBeNull();
    expect(at('y = sum(x\nz = |')).toBeNull();
  });
});

describe('signatureParameters', () => {
  it('finds each parameter as an offset range', () => {
    const sig = 'B = sum(A, dim)';
    const params = signatureParameters(sig, 'sum').map(([a, b]) => sig.slice(a, b));
    expect(params).toEqual(['A', 'dim']);
    const quoted = "B = cellfun(func, C, 'UniformOutput', false)";
    expect(signatureParameters(quoted, 'cellfun').map(([a, b]) => quoted.slice(a, b))).toEqual(['func', 'C', "'UniformOutput'", 'false']);
    const nested = 'Y = f(x, [1, 2], g(a, b))';
    expect(signatureParameters(nested, 'f').map(([a, b]) => nested.slice(a, b))).toEqual(['x', '[1, 2]', 'g(a, b)']);
    const outputs = '[M, I] = max(A, [], dim)';
    expect(signatureParameters(outputs, 'max').map(([a, b]) => outputs.slice(a, b))).toEqual(['A', '[]', 'dim']);
    expect(signatureParameters('tic', 'tic')).toEqual([]);
    expect(signatureParameters('x = rand()', 'rand')).toEqual([]);
  });

  it('picks the first signature long enough for the argument', () => {
    const sigs = ['M = max(A)', 'C = max(A, B)', 'M = max(A, [], dim)'];
    expect(bestSignature(sigs, 'max', 0)).toBe(0);
    expect(bestSignature(sigs, 'max', 1)).toBe(1);
    expect(bestSignature(sigs, 'max', 2)).toBe(2);
    expect(bestSignature(sigs, 'max', 5)).toBe(2);
    expect(bestSignature(['C = cat(dim, A1, ..., An)'], 'cat', 9)).toBe(0);
  });
});

describe('errorMarkerRange', () => {
  const info = (line: number | null, column: number | null, endLine: number | null, endColumn: number | null): ErrorInfo => ({
    message: 'm',
    identifier: 'x:y',
    line,
    column,
    endLine,
    endColumn,
  });
  const lengths = (line: number) => [0, 10, 4][line] ?? 0;

  it('uses the span, and widens an empty one to a visible character', () => {
    expect(errorMarkerRange(info(1, 5, 1, 20), lengths)).toEqual({ startLineNumber: 1, startColumn: 5, endLineNumber: 1, endColumn: 20 });
    expect(errorMarkerRange(info(1, 3, 1, 3), lengths)).toEqual({ startLineNumber: 1, startColumn: 3, endLineNumber: 1, endColumn: 4 });
    // At the end of a line: the last character.
    expect(errorMarkerRange(info(2, 5, 2, 5), lengths)).toEqual({ startLineNumber: 2, startColumn: 4, endLineNumber: 2, endColumn: 5 });
    expect(errorMarkerRange(info(1, 2, 2, 3), lengths)).toEqual({ startLineNumber: 1, startColumn: 2, endLineNumber: 2, endColumn: 3 });
    expect(errorMarkerRange(info(null, null, null, null), lengths)).toBeNull();
  });
});

describe('engineStateLabel', () => {
  it('says running, restarting, idle', () => {
    expect(engineStateLabel({ state: 'busy', notice: null })).toBe('running');
    expect(engineStateLabel({ state: 'starting', notice: 'Engine restarted: the workspace was cleared.' })).toBe('restarting');
    expect(engineStateLabel({ state: 'starting', notice: null })).toBe('starting');
    expect(engineStateLabel({ state: 'idle', notice: null })).toBe('idle');
    expect(engineStateLabel({ state: 'failed', notice: null })).toBe('failed');
  });
});

interface MonarchToken {
  offset: number;
  type: string;
}
interface Tokenizer {
  getInitialState(): unknown;
  tokenize(line: string, hasEOL: boolean, state: unknown): { tokens: MonarchToken[]; endState: unknown };
}

describe('wgsl grammar', () => {
  let tokenizer: Tokenizer;
  beforeAll(async () => {
    // Monaco's own Monarch compiler and lexer (plain ESM, no DOM), as in matlabGrammar.test.ts.
    const compilePath = 'monaco-editor/editor/standalone/common/monarch/monarchCompile';
    const lexerPath = 'monaco-editor/editor/standalone/common/monarch/monarchLexer';
    const { compile } = (await import(/* @vite-ignore */ compilePath)) as { compile(id: string, def: unknown): unknown };
    const { MonarchTokenizer } = (await import(/* @vite-ignore */ lexerPath)) as { MonarchTokenizer: new (...args: unknown[]) => Tokenizer };
    const languageService = { languageIdCodec: { encodeLanguageId: () => 1 }, isRegisteredLanguageId: () => false };
    const themeService = { getColorTheme: () => ({ tokenTheme: { match: () => 0 } }) };
    const configurationService = {
      getValue: (key: string) => (key.endsWith('maxTokenizationLineLength') ? 20000 : false),
      onDidChangeConfiguration: () => ({ dispose() {} }),
    };
    tokenizer = new MonarchTokenizer(languageService, themeService, WGSL_LANGUAGE_ID, compile(WGSL_LANGUAGE_ID, wgslMonarch), configurationService);
  });

  function tokens(...lines: string[]): [string, string][] {
    let state = tokenizer.getInitialState();
    const out: [string, string][] = [];
    for (const line of lines) {
      const result = tokenizer.tokenize(line, true, state);
      state = result.endState;
      result.tokens.forEach((token, i) => {
        const end = result.tokens[i + 1]?.offset ?? line.length;
        const text = line.slice(token.offset, end);
        if (text.trim() !== '') out.push([text, token.type.replace(/\.wgsl$/, '')]);
      });
    }
    return out;
  }

  it('reads attributes, keywords, types, builtins and numbers', () => {
    expect(tokens('@group(0) @binding(1) var<storage, read_write> out: array<f32>;')).toEqual([
      ['@group', 'annotation'],
      ['(', 'delimiter.bracket'],
      ['0', 'number'],
      [')', 'delimiter.bracket'],
      ['@binding', 'annotation'],
      ['(', 'delimiter.bracket'],
      ['1', 'number'],
      [')', 'delimiter.bracket'],
      ['var', 'keyword'],
      ['<', 'operator'],
      ['storage', 'keyword.qualifier'],
      [',', 'delimiter'],
      ['read_write', 'keyword.qualifier'],
      ['>', 'operator'],
      ['out', 'identifier'],
      [':', 'delimiter'],
      ['array', 'type'],
      ['<', 'operator'],
      ['f32', 'type'],
      ['>', 'operator'],
      [';', 'delimiter'],
    ]);
    const body = tokens('let y = max(1.5e-3f, 0x1Fu) + 2u; // done');
    expect(body).toContainEqual(['let', 'keyword']);
    expect(body).toContainEqual(['max', 'predefined']);
    expect(body).toContainEqual(['1.5e-3f', 'number.float']);
    expect(body).toContainEqual(['0x1Fu', 'number.hex']);
    expect(body).toContainEqual(['2u', 'number']);
    expect(body).toContainEqual(['// done', 'comment']);
    expect(tokens('let trueish = true;')).toEqual([
      ['let', 'keyword'],
      ['trueish', 'identifier'],
      ['=', 'operator'],
      ['true', 'constant'],
      [';', 'delimiter'],
    ]);
  });

  it('nests block comments', () => {
    const out = tokens('/* a /* b */ still */ fn main() {}');
    expect(out[0]).toEqual(['/* a /* b */ still */', 'comment']);
    expect(out).toContainEqual(['fn', 'keyword']);
    expect(tokens('/* open', 'fn x', '*/ let')).toEqual([
      ['/* open', 'comment'],
      ['fn x', 'comment'],
      ['*/', 'comment'],
      ['let', 'keyword'],
    ]);
  });
});
