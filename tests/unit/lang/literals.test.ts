// Numbers, char/string literals, and the `'` rule: transpose or char literal.
import { describe, it } from 'vitest';
import {
  bin, cell, ch, call, id, idx, imag, mat, num, paren, field, parses, parsesExpr, post, str, tr, type Stripped,
} from './helpers.ts';
import type { Expr } from '../../../src/engine/lang/index.ts';

type Row = [string, Stripped<Expr>];

describe('numbers', () => {
  const rows: Row[] = [
    ['3', num(3)],
    ['0.25', num(0.25)],
    ['1e-3', num(0.001)],
    ['1E+2', num(100)],
    ['1.5e2', num(150)],
    ['1d3', num(1000)],
    ['.5', num(0.5)],
    ['1.', num(1)],
    ['1.e3', num(1000)],
    ['3i', imag(3)],
    ['2.5j', imag(2.5)],
    ['1e3i', imag(1000)],
    ['4J', imag(4)],
    ['1 + 2i', bin('+', num(1), imag(2))],
    ["3.'", post(".'", num(3))],
    ['1./x', bin('./', num(1), id('x'))],
    ['1.^2', bin('.^', num(1), num(2))],
    ['2.5.*3', bin('.*', num(2.5), num(3))],
    ['x.^.5', bin('.^', id('x'), num(0.5))],
  ];
  it.each(rows)('%j', (src, expected) => parsesExpr(src, expected));
});

describe('strings vs transpose', () => {
  const rows: Row[] = [
    ["'abc'", ch('abc')],
    ["''", ch('')],
    ["'it''s'", ch("it's")],
    ['"say ""hi"""', str('say "hi"')],
    ['""', str('')],
    ["\"a'b\"", str("a'b")],
    ["'a\"b'", ch('a"b')],
    ["'%not a comment'", ch('%not a comment')],
    ["'a...b'", ch('a...b')],
    ["a'", tr(id('a'))],
    ["a.'", post(".'", id('a'))],
    ["a''", tr(tr(id('a')))],
    ["a'.'", post(".'", tr(id('a')))],
    ["x(1)'", tr(call('x', num(1)))],
    ["s.f'", tr(idx('s', field('f')))],
    ["[1 2]'", tr(mat([num(1), num(2)]))],
    ["{1}'", tr(cell([num(1)]))],
    ["(a + b)'", tr(bin('+', id('a'), id('b')))],
    ["3'", tr(num(3))],
    ['"abc"\'', tr(str('abc'))],
    ["a' * b'", bin('*', tr(id('a')), tr(id('b')))],
    ["f('x')", call('f', ch('x'))],
    ["f(a')", call('f', tr(id('a')))],
    ["x(end)'", tr(idx('x', paren({ kind: 'End' })))],
    ["[a 'x']", mat([id('a'), ch('x')])],
    ["[a' b']", mat([tr(id('a')), tr(id('b'))])],
    ["[a' 'x']", mat([tr(id('a')), ch('x')])],
    ["[a.' b]", mat([post(".'", id('a')), id('b')])],
    ["{'a' 'b'}", cell([ch('a'), ch('b')])],
    ['{"a" "b"}', cell([str('a'), str('b')])],
    ["[f(a ') 1]", mat([call('f', tr(id('a'))), num(1)])],
    ["['ab' 'cd']", mat([ch('ab'), ch('cd')])],
  ];
  it.each(rows)('%j', (src, expected) => parsesExpr(src, expected));

  it('transposes after whitespace outside brackets', () => {
    parses("y = a ';", [{ kind: 'Assign', value: tr(id('a')), suppressed: true }]);
    parsesExpr("f(a ')", call('f', tr(id('a'))));
  });
});
