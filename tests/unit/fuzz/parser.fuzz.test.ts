// Fuzzing the front end: random token streams and random text never crash or hang the lexer and
// parser. Every case ends in a Program or a MatlabError (`MATLAB:parse` and friends) — never a
// TypeError, a RangeError or any other JS error — within a time budget.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../../src/engine/lang/index.ts';
import { crashOf, FUZZ_RUNS, FUZZ_TEST_TIMEOUT_MS, fuzzParams } from './fuzzConfig.ts';

/** Per-case time budget: the parser is linear, so even the largest case is far below this. */
const CASE_BUDGET_MS = 1000;

const TOKENS = [
  // keywords and words that change the lexer's mode
  'if', 'elseif', 'else', 'end', 'for', 'parfor', 'while', 'switch', 'case', 'otherwise', 'try', 'catch',
  'break', 'continue', 'return', 'function', 'endfunction', 'endif', 'endwhile', 'global', 'persistent',
  'hold', 'format', 'clear', 'disp',
  // names and numbers
  'x', 'y', 'A', 'ans', 'f', 'end_', 'x1', '_', 'nargin', 'varargin', 'varargout',
  '0', '1', '2', '3.5', '.5', '1e3', '1e-3', '1E+400', '0x1F', '0b101', '3i', '2j', '1.2.3', '1e', 'Inf', 'NaN',
  // text
  "'abc'", "''", "'it''s'", '"str"', '""', '"a""b"', "'", '"', "'unterminated", '"unterminated',
  // operators
  '+', '-', '*', '/', '\\', '^', '.*', './', '.\\', '.^', "'", ".'", '==', '~=', '!=', '<', '<=', '>', '>=',
  '&', '|', '&&', '||', '~', '!', '=', ':', ',', ';', '.', '@', '?', '$', '`', '#',
  // brackets
  '(', ')', '[', ']', '{', '}',
  // comments, continuations, blocks
  '%', '% comment', '%{', '%}', '#{', '#}', '...', '... more', '\n', '\r\n', '\t', ' ', '',
  // shapes that often appear together
  '@(x)', 'x(end)', 'a.b', 'a.(n)', 's{1}', '[1 -2]', "[a' b']", "{1, 'a'}", 'function r = g(a)', 'x = 1;',
] as const;

const tokenStream = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom('', ' ', ' ', '\n', '  ', ',')), { maxLength: 60 })
  .map((parts) => parts.map(([t, sep]) => t + sep).join(''));

/** Short random text over the characters MATLAB source is made of, plus a few others. */
const sourceChars = fc
  .array(fc.constantFrom(...'abcxyzAEfijn0123456789.,;:()[]{}\'"+-*/\\^~!=<>&|@%#.\n\t '.split(''), '\u00e9', '\u0000', '\ud83d\ude00'), {
    maxLength: 80,
  })
  .map((cs) => cs.join(''));

/** Deeply nested brackets and long operator chains (the parser is recursive descent). */
const deep = fc
  .tuple(fc.constantFrom('(', '[', '{', '-', '~', '@()', 'f(', 'if 1, ', 'x.'), fc.integer({ min: 1, max: 3000 }), fc.boolean())
  .map(([open, n, close]) => {
    const closer: Record<string, string> = { '(': ')', '[': ']', '{': '}', 'f(': ')', 'if 1, ': ' end' };
    return open.repeat(n) + '1' + (close ? (closer[open] ?? '').repeat(n) : '');
  });

function parsesOrFailsCleanly(src: string): void {
  const started = performance.now();
  let crash: string | null = null;
  try {
    parse(src);
  } catch (e) {
    crash = crashOf(e);
  }
  const ms = performance.now() - started;
  if (crash !== null) throw new Error(`parse(${JSON.stringify(src)}) crashed: ${crash}`);
  expect(ms, `parse(${JSON.stringify(src.slice(0, 200))}) took ${ms.toFixed(0)} ms`).toBeLessThan(CASE_BUDGET_MS);
}

describe('parser fuzz', () => {
  it('random token streams parse or raise a MATLAB error', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
    fc.assert(fc.property(tokenStream, parsesOrFailsCleanly), fuzzParams());
  });

  it('random text parses or raises a MATLAB error', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
    fc.assert(fc.property(sourceChars, parsesOrFailsCleanly), fuzzParams());
  });

  it('arbitrary unicode strings parse or raise a MATLAB error', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), parsesOrFailsCleanly), fuzzParams());
  });

  it('deep nesting ends in a value or a MATLAB error, not a JS stack overflow', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
    fc.assert(fc.property(deep, parsesOrFailsCleanly), fuzzParams(Math.min(100, FUZZ_RUNS)));
  });
});
