// Matrix and cell literals: whitespace and newlines as separators, nesting.
import { describe, it } from 'vitest';
import {
  anon, bin, brace, call, cell, ch, handle, id, idx, mat, num, paren, parsesExpr, tr, un, type Stripped,
} from './helpers.ts';
import type { Expr } from '../../../src/engine/lang/index.ts';

type Row = [string, Stripped<Expr>];

describe('matrices and whitespace', () => {
  const rows: Row[] = [
    ['[]', mat()],
    ['[ ]', mat()],
    ['[1 2 3]', mat([num(1), num(2), num(3)])],
    ['[1, 2, 3]', mat([num(1), num(2), num(3)])],
    ['[ 1 , 2 ]', mat([num(1), num(2)])],
    ['[1 2; 3 4]', mat([num(1), num(2)], [num(3), num(4)])],
    ['[1 2\n3 4]', mat([num(1), num(2)], [num(3), num(4)])],
    ['[1 2\r\n3 4]', mat([num(1), num(2)], [num(3), num(4)])],
    ['[\n  1 2\n\n  3 4\n]', mat([num(1), num(2)], [num(3), num(4)])],
    ['[1 2;\n 3 4;]', mat([num(1), num(2)], [num(3), num(4)])],
    ['[1 -2]', mat([num(1), un('-', num(2))])],
    ['[1 - 2]', mat([bin('-', num(1), num(2))])],
    ['[1 -  2]', mat([bin('-', num(1), num(2))])],
    ['[1-2]', mat([bin('-', num(1), num(2))])],
    ['[1- 2]', mat([bin('-', num(1), num(2))])],
    ['[a -b]', mat([id('a'), un('-', id('b'))])],
    ['[a +b]', mat([id('a'), un('+', id('b'))])],
    ['[a + b]', mat([bin('+', id('a'), id('b'))])],
    ['[-1 -2]', mat([un('-', num(1)), un('-', num(2))])],
    ['[a (1)]', mat([id('a'), num(1)])],
    ['[a(1)]', mat([call('a', num(1))])],
    ['[f(1) 2]', mat([call('f', num(1)), num(2)])],
    ['[a(1, 2) b]', mat([call('a', num(1), num(2)), id('b')])],
    ['[a ~b]', mat([id('a'), un('~', id('b'))])],
    ['[a ~= b]', mat([bin('~=', id('a'), id('b'))])],
    ['[a == b]', mat([bin('==', id('a'), id('b'))])],
    ['[a .5]', mat([id('a'), num(0.5)])],
    ['[a * b]', mat([bin('*', id('a'), id('b'))])],
    ['[c{1} 2]', mat([idx('c', brace(num(1))), num(2)])],
    ['[c{1 + 1}]', mat([idx('c', brace(bin('+', num(1), num(1))))])],
    ["[x' y']", mat([tr(id('x')), tr(id('y'))])],
    ["[a' ; b']", mat([tr(id('a'))], [tr(id('b'))])],
    ['[[1 2] [3 4]]', mat([mat([num(1), num(2)]), mat([num(3), num(4)])])],
    ['[[1; 2], [3; 4]]', mat([mat([num(1)], [num(2)]), mat([num(3)], [num(4)])])],
    ['[1, 2, ...\n 3]', mat([num(1), num(2), num(3)])],
    ['[1 2 ... comment\n 3]', mat([num(1), num(2), num(3)])],
    ['[1 2 % first row\n 3 4]', mat([num(1), num(2)], [num(3), num(4)])],
    ['[1 2]\'', tr(mat([num(1), num(2)]))],
    ['{}', cell()],
    ["{1, 'a'; [1 2], {}}", cell([num(1), ch('a')], [mat([num(1), num(2)]), cell()])],
    ['{c {1}}', cell([id('c'), cell([num(1)])])],
    ['{@sin @cos}', cell([handle('sin'), handle('cos')])],
    ['{@(x) x+1, @(y) y}', cell([anon(['x'], bin('+', id('x'), num(1))), anon(['y'], id('y'))])],
    ['{@(x) x +1}', cell([anon(['x'], id('x')), un('+', num(1))])],
    ['{1\n2}', cell([num(1)], [num(2)])],
  ];
  it.each(rows)('%j', (src, expected) => parsesExpr(src, expected));

  it('keeps whitespace insignificant inside parentheses within brackets', () => {
    parsesExpr('[f(1, -2) 3]', mat([idx('f', paren(num(1), un('-', num(2)))), num(3)]));
  });
});
