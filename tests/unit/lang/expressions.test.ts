// Operator precedence, ranges, `end` and `:` in indices, index chains, function handles.
import { describe, it } from 'vitest';
import {
  anon, bin, brace, call, ch, COLON, dyn, END, field, handle, id, idx, mat, num, paren, parsesExpr, post,
  range, sc, tr, un, type Stripped,
} from './helpers.ts';
import type { Expr } from '../../../src/engine/lang/index.ts';

type Row = [string, Stripped<Expr>];
const [a, b, c, d, x] = ['a', 'b', 'c', 'd', 'x'].map(id);

describe('precedence', () => {
  const rows: Row[] = [
    ['1 + 2 * 3', bin('+', num(1), bin('*', num(2), num(3)))],
    ['(1 + 2) * 3', bin('*', bin('+', num(1), num(2)), num(3))],
    ['1 - 2 - 3', bin('-', bin('-', num(1), num(2)), num(3))],
    ['a * b / c', bin('/', bin('*', a, b), c)],
    ['a .* b ./ c', bin('./', bin('.*', a, b), c)],
    ['a \\ b', bin('\\', a, b)],
    ['a .\\ b', bin('.\\', a, b)],
    ['-2^2', un('-', bin('^', num(2), num(2)))],
    ['2^-1', bin('^', num(2), un('-', num(1)))],
    ['-2^-2', un('-', bin('^', num(2), un('-', num(2))))],
    ['2^3^2', bin('^', bin('^', num(2), num(3)), num(2))],
    ['a.^b.^c', bin('.^', bin('.^', a, b), c)],
    ["x.^2'", tr(bin('.^', x, num(2)))],
    ["a'^2", bin('^', tr(a), num(2))],
    ["-a'", un('-', tr(a))],
    ['-a * b', bin('*', un('-', a), b)],
    ['a * -b', bin('*', a, un('-', b))],
    ['a - -b', bin('-', a, un('-', b))],
    ['+a', un('+', a)],
    ['~~a', un('~', un('~', a))],
    ['!a', un('~', a)],
    ['~a == b', bin('==', un('~', a), b)],
    ['a != b', bin('~=', a, b)],
    ['a ~= b', bin('~=', a, b)],
    ['a < b == c', bin('==', bin('<', a, b), c)],
    ['a <= b & c >= d', bin('&', bin('<=', a, b), bin('>=', c, d))],
    ['a & b | c', bin('|', bin('&', a, b), c)],
    ['a | b & c', bin('|', a, bin('&', b, c))],
    ['a || b && c', sc('||', a, sc('&&', b, c))],
    ['a && b || c', sc('||', sc('&&', a, b), c)],
    ['a | b || c & d', sc('||', bin('|', a, b), bin('&', c, d))],
    ['x == -1', bin('==', x, un('-', num(1)))],
    ['a + b > c * d', bin('>', bin('+', a, b), bin('*', c, d))],
  ];
  it.each(rows)('%j', (src, expected) => parsesExpr(src, expected));
});

describe('ranges, end and colon', () => {
  const rows: Row[] = [
    ['1:10', range(num(1), num(10))],
    ['1:2:10', range(num(1), num(10), num(2))],
    ['10:-1:1', range(num(10), num(1), un('-', num(1)))],
    ['1:n+1', range(num(1), bin('+', id('n'), num(1)))],
    ['a:b == c', bin('==', range(a, b), c)],
    ['a:b:c:d', range(range(a, c, b), d)],
    ["(1:3)'", tr(range(num(1), num(3)))],
    ['x(:)', idx('x', paren(COLON))],
    ['x(:, 1)', idx('x', paren(COLON, num(1)))],
    ['x(1, :)', idx('x', paren(num(1), COLON))],
    ["x(:)'", tr(idx('x', paren(COLON)))],
    ['x{:}', idx('x', brace(COLON))],
    ['x(end)', idx('x', paren(END))],
    ['x(end - 1)', idx('x', paren(bin('-', END, num(1))))],
    ['x(2:end)', idx('x', paren(range(num(2), END)))],
    ['x(end:-1:1)', idx('x', paren(range(END, num(1), un('-', num(1)))))],
    ['x(end, :)', idx('x', paren(END, COLON))],
    ['c{end}', idx('c', brace(END))],
    ['x([1 end])', idx('x', paren(mat([num(1), END])))],
    ['x((end))', idx('x', paren(END))],
    ['x(f(end))', idx('x', paren(call('f', END)))],
    ['cellfun(@(v) v(end), c)', call('cellfun', anon(['v'], call('v', END)), c)],
  ];
  it.each(rows)('%j', (src, expected) => parsesExpr(src, expected));
});

describe('indexing chains and handles', () => {
  const rows: Row[] = [
    ['a(1, 2)', call('a', num(1), num(2))],
    ['c{3}', idx('c', brace(num(3)))],
    ['s.f', idx('s', field('f'))],
    ['s.(name)', idx('s', dyn(id('name')))],
    ["s.('dyn')", idx('s', dyn(ch('dyn')))],
    ['s.a(3).b{2}', idx('s', field('a'), paren(num(3)), field('b'), brace(num(2)))],
    ['f()', idx('f', paren())],
    ['s.f.g', idx('s', field('f'), field('g'))],
    ['c{1}{2}', idx('c', brace(num(1)), brace(num(2)))],
    ['a{1}(2).b', idx('a', brace(num(1)), paren(num(2)), field('b'))],
    ['x (1)', call('x', num(1))],
    ['obj.method(1, x)', idx('obj', field('method'), paren(num(1), x))],
    ['@sin', handle('sin')],
    ['@pkg.fn', handle('pkg.fn')],
    ['@() 42', anon([], num(42))],
    ['@(x) x.^2 + 1', anon(['x'], bin('+', bin('.^', x, num(2)), num(1)))],
    ['@(x, y) x * y', anon(['x', 'y'], bin('*', x, id('y')))],
    ['@(~, y) y', anon(['~', 'y'], id('y'))],
    ["@(x)'abc'", anon(['x'], ch('abc'))],
    ["@(x)x'", anon(['x'], tr(x))],
    ['f(@(t) t + 1, 2)', call('f', anon(['t'], bin('+', id('t'), num(1))), num(2))],
    ["a.'", post(".'", a)],
  ];
  it.each(rows)('%j', (src, expected) => parsesExpr(src, expected));
});
