// The lexer's context rules seen as token sequences, source spans on nodes, and parse speed.
import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS, parse, type Expr, type Stmt } from '../../../src/engine/lang/index.ts';
import { tokenize } from '../../../src/engine/lang/lexer.ts';

const labels = (src: string): string[] =>
  tokenize(src).filter((t) => t.type.label !== 'end of input').map((t) => t.type.label);

describe('lexer context rules (token sequences)', () => {
  const rows: [string, string[]][] = [
    ["[a 'x']", ['[', 'name', 'whitespace', 'char literal', ']']],
    ["[a' b']", ['[', 'name', "'", 'whitespace', 'name', "'", ']']],
    ['[1 - 2]', ['[', 'number', '-', 'number', ']']],
    ['[1 -2]', ['[', 'number', 'whitespace', '-', 'number', ']']],
    ['[a (1)]', ['[', 'name', 'whitespace', '(', 'number', ')', ']']],
    ['{c {1}}', ['{', 'name', 'whitespace', '{', 'number', '}', '}']],
    ['{@(x) x}', ['{', '@', '(', 'name', ')', 'name', '}']],
    ["x = a '", ['name', '=', 'name', "'"]],
    ["x = 'a'", ['name', '=', 'char literal']],
    ["x(end)'", ['name', '(', 'end', ')', "'"]],
    ["f(a 'x')", ['name', '(', 'name', "'", 'name', "'", ')']],
    ['hold on', ['command']],
    ['s.if', ['name', '.', 'name']],
    ["a.'", ['name', ".'"]],
    ['1.^2', ['number', '.^', 'number']],
    ['x = 1;\n\n\ny', ['name', '=', 'number', ';', 'newline', 'name']],
    ['a != b', ['name', '~=', 'name']],
    ['!a', ['~', 'name']],
  ];
  it.each(rows)('%j', (src, expected) => expect(labels(src)).toEqual(expected));

  it('turns a lexing error into a final error token instead of throwing', () => {
    const tokens = tokenize("x = 1\ny = 'oops");
    const last = tokens[tokens.length - 1];
    expect(last.type.label).toBe('error');
    expect(last.error?.message).toBe('Character vector is not terminated properly.');
  });

  it('exports one fixed list of command words', () => {
    expect(COMMAND_WORDS.has('hold')).toBe(true);
    expect(COMMAND_WORDS.has('format')).toBe(true);
    expect(COMMAND_WORDS.has('disp')).toBe(false);
  });
});

const only = (src: string): Stmt => {
  const { body } = parse(src);
  expect(body).toHaveLength(1);
  return body[0];
};
const exprOf = (src: string): Expr => {
  const stmt = only(src);
  if (stmt.kind !== 'ExprStmt') throw new Error(stmt.kind);
  return stmt.expr;
};
const span = (node: { start: number; end: number }) => ({ start: node.start, end: node.end });

describe('spans', () => {
  it('covers an assignment up to, not including, its semicolon', () => {
    const stmt = only('x = a + b;');
    if (stmt.kind !== 'Assign') throw new Error(stmt.kind);
    expect(span(stmt)).toEqual({ start: 0, end: 9 });
    expect(span(stmt.targets[0])).toEqual({ start: 0, end: 1 });
    expect(span(stmt.value)).toEqual({ start: 4, end: 9 });
  });

  it('includes parentheses in the enclosing node', () => {
    const expr = exprOf('(a + b) * c');
    if (expr.kind !== 'Binary') throw new Error(expr.kind);
    expect(span(expr)).toEqual({ start: 0, end: 11 });
    expect(span(expr.left)).toEqual({ start: 1, end: 6 });
  });

  it('gives index targets, links and colons their own spans', () => {
    const stmt = only('A(2, :) = []');
    if (stmt.kind !== 'Assign' || stmt.targets[0].kind !== 'IndexTarget') throw new Error(stmt.kind);
    const target = stmt.targets[0];
    expect(span(target)).toEqual({ start: 0, end: 7 });
    expect(span(target.links[0])).toEqual({ start: 1, end: 7 });
    const link = target.links[0];
    if (link.type !== 'paren') throw new Error(link.type);
    expect(span(link.args[1])).toEqual({ start: 5, end: 6 });
    expect(span(stmt.value)).toEqual({ start: 10, end: 12 });
  });

  it('spans chained links', () => {
    const expr = exprOf('s.a(3)');
    if (expr.kind !== 'Index') throw new Error(expr.kind);
    expect(span(expr)).toEqual({ start: 0, end: 6 });
    expect(expr.links.map(span)).toEqual([{ start: 1, end: 3 }, { start: 3, end: 6 }]);
  });

  it('spans matrix elements without the separating whitespace', () => {
    const expr = exprOf('[1 -2]');
    if (expr.kind !== 'Matrix') throw new Error(expr.kind);
    expect(expr.rows[0].map(span)).toEqual([{ start: 1, end: 2 }, { start: 3, end: 5 }]);
  });

  it('spans literals, End, anonymous functions, commands and blocks', () => {
    const charStmt = only("x = 'it''s'");
    if (charStmt.kind !== 'Assign') throw new Error(charStmt.kind);
    expect(span(charStmt.value)).toEqual({ start: 4, end: 11 });
    const end = exprOf('x(end)');
    if (end.kind !== 'Index' || end.links[0].type !== 'paren') throw new Error(end.kind);
    expect(span(end.links[0].args[0])).toEqual({ start: 2, end: 5 });
    const anon = only('f = @(x) x.^2;');
    if (anon.kind !== 'Assign') throw new Error(anon.kind);
    expect(span(anon.value)).toEqual({ start: 4, end: 13 });
    expect(span(only('hold on;'))).toEqual({ start: 0, end: 7 });
    expect(span(only('x % comment'))).toEqual({ start: 0, end: 1 });
    const ifSrc = 'if x\n  y = 1;\nend';
    expect(span(only(ifSrc))).toEqual({ start: 0, end: ifSrc.length });
  });

  it('spans programs and hoisted functions', () => {
    const src = 'z = 1;\nfunction y = f(x)\n  y = x;\nend\n';
    const program = parse(src);
    expect(span(program)).toEqual({ start: 0, end: src.length });
    expect(span(program.functions[0])).toEqual({ start: 7, end: src.length - 1 });
  });
});

describe('speed', () => {
  it('parses a 500-line cell in a few milliseconds', () => {
    const block = [
      'x = linspace(0, 1, 100);',
      "y = x.^2 + 3*x' * [1 2 3; 4 5 6] - A(end, :);",
      'for k = 1:numel(x)',
      "  if x(k) > 0.5 && ~isempty(c{k}), s.total(k) = s.total(k) + x(k)'; else, z = [1 -2 a' 'str']; end",
      'end',
      "fprintf('%d: %s\\n', k, \"done\"); % report",
      'f = @(t) exp(-t.^2 / 2) ./ sqrt(2*pi);',
      '[m, i] = max(abs(f(x)), [], 2);',
      'hold on',
      'C = {1, "two", @sin; [1 2 3], {}, x(2:end-1)};',
    ];
    const lines: string[] = [];
    while (lines.length < 500) lines.push(...block);
    const src = lines.join('\n');
    for (let i = 0; i < 10; i++) parse(src); // warm up
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      parse(src);
      times.push(performance.now() - t0);
    }
    times.sort((p, q) => p - q);
    // Typically 1–3 ms; the bound is loose so a busy test machine does not flake.
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(40);
    expect(parse(src).body.length).toBe(400);
  });
});
