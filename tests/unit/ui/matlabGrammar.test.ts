// The `matlab` Monarch grammar, run through Monaco's own Monarch compiler and lexer (pure modules,
// no DOM): `'` as transpose vs string, comments, block comments, continuation, numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import { MATLAB_LANGUAGE_ID, matlabMonarch } from '../../../src/ui/monaco/matlabGrammar.ts';

interface MonarchToken {
  offset: number;
  type: string;
}
interface Tokenizer {
  getInitialState(): unknown;
  tokenize(line: string, hasEOL: boolean, state: unknown): { tokens: MonarchToken[]; endState: unknown };
}

let tokenizer: Tokenizer;

beforeAll(async () => {
  // Monaco ships these without typings; they are plain ESM with no DOM access.
  const compilePath = 'monaco-editor/editor/standalone/common/monarch/monarchCompile';
  const lexerPath = 'monaco-editor/editor/standalone/common/monarch/monarchLexer';
  const { compile } = (await import(/* @vite-ignore */ compilePath)) as { compile(id: string, def: unknown): unknown };
  const { MonarchTokenizer } = (await import(/* @vite-ignore */ lexerPath)) as {
    MonarchTokenizer: new (...args: unknown[]) => Tokenizer;
  };
  const languageService = { languageIdCodec: { encodeLanguageId: () => 1 }, isRegisteredLanguageId: () => false };
  const themeService = { getColorTheme: () => ({ tokenTheme: { match: () => 0 } }) };
  const configurationService = {
    getValue: (key: string) => (key.endsWith('maxTokenizationLineLength') ? 20000 : false),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  };
  tokenizer = new MonarchTokenizer(
    languageService,
    themeService,
    MATLAB_LANGUAGE_ID,
    compile(MATLAB_LANGUAGE_ID, matlabMonarch),
    configurationService,
  );
});

/** Tokenizes lines; returns [text, type-without-postfix] pairs, whitespace dropped. */
function tokens(...lines: string[]): [string, string][] {
  let state = tokenizer.getInitialState();
  const out: [string, string][] = [];
  for (const line of lines) {
    const result = tokenizer.tokenize(line, true, state);
    state = result.endState;
    result.tokens.forEach((token, i) => {
      const end = result.tokens[i + 1]?.offset ?? line.length;
      const text = line.slice(token.offset, end);
      const type = token.type.replace(/\.matlab$/, '');
      if (text.trim() !== '') out.push([text, type]);
    });
  }
  return out;
}

function typeOf(line: string, piece: string): string | undefined {
  return tokens(line).find(([text]) => text === piece)?.[1];
}

describe('matlab grammar', () => {
  it('reads keywords, identifiers, numbers, constants', () => {
    expect(tokens('for k = 1:10')).toEqual([
      ['for', 'keyword'],
      ['k', 'identifier'],
      ['=', 'operator'],
      ['1', 'number'],
      [':', 'operator'],
      ['10', 'number'],
    ]);
    expect(typeOf('x = pi', 'pi')).toBe('constant');
    expect(typeOf('y = 1.5e-3i', '1.5e-3i')).toBe('number');
    expect(typeOf('end', 'end')).toBe('keyword');
  });

  it("takes ' after an operand as transpose, elsewhere as a string", () => {
    expect(tokens("B = A'")).toEqual([
      ['B', 'identifier'],
      ['=', 'operator'],
      ['A', 'identifier'],
      ["'", 'operator.transpose'],
    ]);
    expect(typeOf("C = A''", "''")).toBe('operator.transpose');
    expect(typeOf("d = x(1)'", "'")).toBe('operator.transpose');
    expect(typeOf("e = [1 2]'", "'")).toBe('operator.transpose');
    expect(typeOf("f = 2'", "'")).toBe('operator.transpose');
    expect(typeOf("g = A.'", ".'")).toBe('operator.transpose');
    // Monaco merges neighbouring tokens of one type.
    expect(tokens("disp('it''s')")).toEqual([
      ['disp', 'identifier'],
      ['(', 'delimiter.bracket'],
      ["'it", 'string'],
      ["''", 'string.escape'],
      ["s'", 'string'],
      [')', 'delimiter.bracket'],
    ]);
    // Inside brackets, a space before ' starts a string.
    expect(tokens("[a 'x']")).toEqual([
      ['[', 'delimiter.bracket'],
      ['a', 'identifier'],
      ["'x'", 'string'],
      [']', 'delimiter.bracket'],
    ]);
  });

  it('reads double-quoted strings and flags unterminated ones', () => {
    expect(typeOf('s = "a""b"', '""')).toBe('string.escape');
    expect(tokens("s = 'abc")).toContainEqual(['abc', 'string.invalid']);
    // An unterminated string does not run into the next line.
    expect(tokens("s = 'abc", 'x = 1')).toContainEqual(['x', 'identifier']);
  });

  it('reads % comments, %{ %} block comments and ... continuations', () => {
    expect(tokens('x = 1 % set x')).toContainEqual(['% set x', 'comment']);
    expect(tokens("% it's a comment")).toEqual([["% it's a comment", 'comment']]);
    const block = tokens('%{', "a = b'", '%}', 'c = 1');
    expect(block.slice(0, 3).every(([, type]) => type === 'comment')).toBe(true);
    expect(block).toContainEqual(['c', 'identifier']);
    // `%{` followed by text is a line comment, not a block.
    expect(tokens('%{ not a block', 'z = 2')).toContainEqual(['z', 'identifier']);
    expect(tokens('y = 1 + ... more', '2')).toContainEqual(['... more', 'comment']);
  });
});
