// Parse errors: MATLAB-like messages, identifier MATLAB:parse, and the span of the offending token.
import { describe, expect, it } from 'vitest';
import { lineColumnAt } from '../../../src/engine/lang/index.ts';
import { fails } from './helpers.ts';

type Row = [string, string, { start: number; end: number }?];

describe('errors with positions', () => {
  const rows: Row[] = [
    ['x = 3 +', "expected an expression after '+'", { start: 6, end: 7 }],
    ['x = ', "expected an expression after '='", { start: 2, end: 3 }],
    ["'abc", 'Character vector is not terminated properly.', { start: 0, end: 1 }],
    ["x = 'abc\ny = 1", 'Character vector is not terminated properly.', { start: 4, end: 5 }],
    ['s = "abc', 'String is not terminated properly.', { start: 4, end: 5 }],
    ['x = (1 + 2', "'(' is never closed", { start: 4, end: 5 }],
    ['x = [1 2', "'[' is never closed", { start: 4, end: 5 }],
    ['x = 1)', 'Unbalanced or unexpected parenthesis or bracket.', { start: 5, end: 6 }],
    ['x = [1 2)', 'Unbalanced or unexpected parenthesis or bracket.', { start: 8, end: 9 }],
    ['c = {1, 2]', 'Unbalanced or unexpected parenthesis or bracket.', { start: 9, end: 10 }],
    ['f(1,\n2)', "'(' is not closed on its line", { start: 1, end: 2 }],
    ['if x\n y = 1', "'end' expected, 'if' at line 1 never closed", { start: 0, end: 2 }],
    ['a = 1;\nfor k = 1:3\n', "'for' at line 2 never closed", { start: 7, end: 10 }],
    ['while 1\n if x\n end', "'while' at line 1 never closed", { start: 0, end: 5 }],
    ['try\n x', "'try' at line 1 never closed", { start: 0, end: 3 }],
    ['switch x\n case 1', "'switch' at line 1 never closed", { start: 0, end: 6 }],
    ['function f()\n x = 1;\nend\nfunction g()\n y = 2;', "'function' at line 4 never closed", { start: 25, end: 33 }],
    ['function a()\n function b()\n end\nend', 'nested functions are not supported', { start: 0, end: 8 }],
    ['x = * 3', "invalid use of operator '*'", { start: 4, end: 5 }],
    ['x = 1 +* 2', "invalid use of operator '*'", { start: 7, end: 8 }],
    ['y = 2 ^', "expected an expression after '^'", { start: 6, end: 7 }],
    ['if x = 1, end', "Incorrect use of '=' operator.", { start: 5, end: 6 }],
    ['3 = x', "Incorrect use of '=' operator.", { start: 2, end: 3 }],
    ['x + 1 = 2', "To compare values for equality, use '=='.", { start: 6, end: 7 }],
    ['(a) = 1', "Incorrect use of '=' operator.", { start: 4, end: 5 }],
    ['x = y = 3', "Incorrect use of '=' operator.", { start: 6, end: 7 }],
    ['x = 3 4', 'Invalid expression.', { start: 6, end: 7 }],
    ['x = a b', 'Invalid expression.', { start: 6, end: 7 }],
    ['f(1 2)', 'Invalid expression.', { start: 4, end: 5 }],
    ['x = 2y', 'missing multiplication operator', { start: 4, end: 6 }],
    ['x = 1 $ 2', 'Invalid text character.', { start: 6, end: 7 }],
    ['else', "Illegal use of reserved keyword 'else'.", { start: 0, end: 4 }],
    ['x = 1\nend', "Illegal use of reserved keyword 'end'.", { start: 6, end: 9 }],
    ['x = end', "Illegal use of reserved keyword 'end'.", { start: 4, end: 7 }],
    ['x = [1 end]', "Illegal use of reserved keyword 'end'.", { start: 7, end: 10 }],
    ['for k = 1:3\n x\nelse\nend', "Illegal use of reserved keyword 'else'.", { start: 15, end: 19 }],
    ['while 1\n x = 1\nendif', "'endif' does not close 'while'", { start: 15, end: 20 }],
    ['if x\n function f\n end\nend', 'Function definitions are not permitted in this context.', { start: 6, end: 14 }],
    ['f = @', "expected a function name or '(' after '@'", { start: 5, end: 5 }],
    ['a.', "expected a field name or '(' after '.'", { start: 2, end: 2 }],
    ['[a, 1] = f', 'invalid assignment target', { start: 4, end: 5 }],
    ['[a+1, b] = f', 'invalid assignment target', { start: 2, end: 3 }],
    ['switch x\n disp(1)\nend', "expected 'case', 'otherwise' or 'end'", { start: 10, end: 14 }],
    ['global', "expected a variable name after 'global'"],
    ['global 3', "expected a variable name after 'global'", { start: 7, end: 8 }],
    ['for = 3', "expected a loop variable after 'for'", { start: 4, end: 5 }],
    ["legend 'abc", 'Character vector is not terminated properly.', { start: 7, end: 8 }],
    ['function = f()\nend', "expected a function name after 'function'", { start: 9, end: 10 }],
    ['x = @(1) 2', 'expected a parameter name', { start: 6, end: 7 }],
    ['x = 1 ~ 2', "invalid use of operator '~'", { start: 6, end: 7 }],
  ];
  it.each(rows)('%j', (src, fragment, span) => { fails(src, fragment, span); });

  it('reports the first error in source order, even when a later line does not lex', () => {
    fails("x = 3 *\ny = 'unterminated", "expected an expression after '*'", { start: 6, end: 7 });
  });

  it('gives spans that map to the right line and column', () => {
    const src = 'a = 1;\nb = 2;\nc = (3 + ;';
    const error = fails(src, 'expected an expression');
    expect(error.span).not.toBeNull();
    expect(lineColumnAt(src, error.span?.start ?? 0)).toEqual({ line: 3, column: 8 });
  });
});
