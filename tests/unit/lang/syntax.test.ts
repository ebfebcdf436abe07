// Comments, block comments, continuation, and command syntax (`hold on`, `format long`).
import { describe, it } from 'vitest';
import { bin, call, ch, id, mat, num, parses } from './helpers.ts';

type Row = [string, object[]];
const command = (name: string, args: string[], extra: object = {}) => ({ kind: 'Command', name, args, ...extra });

describe('comments and continuation', () => {
  const rows: Row[] = [
    ['x = 1 % comment', [{ kind: 'Assign', value: num(1), suppressed: false }]],
    ['% only a comment', []],
    ['', []],
    ['\uFEFFx = 1', [{ kind: 'Assign', value: num(1) }]],
    ['\n\n  \n', []],
    ['x = 1; % set x\ny = 2', [{ kind: 'Assign', suppressed: true }, { kind: 'Assign', value: num(2) }]],
    ['x = 1 + ...\n    2', [{ kind: 'Assign', value: bin('+', num(1), num(2)) }]],
    ['x = 1 + ... add two\n    2;', [{ kind: 'Assign', value: bin('+', num(1), num(2)), suppressed: true }]],
    ['x = f(1, ...\n      2)', [{ kind: 'Assign', value: call('f', num(1), num(2)) }]],
    ['x = 1...\n+ 2', [{ kind: 'Assign', value: bin('+', num(1), num(2)) }]],
    ['%{\nblock comment\nx = 2\n%}\nx = 1', [{ kind: 'Assign', value: num(1) }]],
    ['  %{  \n  anything ( [ \n  %}  \ny = 3', [{ kind: 'Assign', value: num(3) }]],
    ['%{\n%{\nnested\n%}\nstill comment\n%}\ny = 1', [{ kind: 'Assign', value: num(1) }]],
    ['%{ not a block\nx = 1', [{ kind: 'Assign', value: num(1) }]],
    ['x = 1 %{ inline\ny = 2', [{ kind: 'Assign' }, { kind: 'Assign' }]],
    ['%{\nnever closed', []],
    ["s = 'a % b'", [{ kind: 'Assign', value: ch('a % b') }]],
    ['x = [1 2 % row one\n     3 4];', [{ kind: 'Assign', value: mat([num(1), num(2)], [num(3), num(4)]) }]],
  ];
  it.each(rows)('%j', (src, expected) => { parses(src, expected); });
});

describe('command syntax', () => {
  const rows: Row[] = [
    ['format long', [command('format', ['long'])]],
    ['format long g', [command('format', ['long', 'g'])]],
    ['hold on;', [command('hold', ['on'], { suppressed: true })]],
    ['hold on % keep the plot', [command('hold', ['on'], { suppressed: false })]],
    ['close all', [command('close', ['all'])]],
    ['clear x y', [command('clear', ['x', 'y'])]],
    ['clear -regexp ^tmp', [command('clear', ['-regexp', '^tmp'])]],
    ['axis equal tight', [command('axis', ['equal', 'tight'])]],
    ['grid on, x = 1', [command('grid', ['on'], { suppressed: false }), { kind: 'Assign' }]],
    ['x = 1; hold off', [{ kind: 'Assign' }, command('hold', ['off'])]],
    ['if x, hold on, end', [{ kind: 'If', clauses: [{ body: [command('hold', ['on'])] }] }]],
    ['if x\n  hold on\nelse hold off\nend', [{ kind: 'If', clauses: [{ body: [command('hold', ['on'])] }], elseBody: [command('hold', ['off'])] }]],
    ["legend 'a b' c", [command('legend', ['a b', 'c'])]],
    ["legend 'it''s'", [command('legend', ["it's"])]],
    ["disp 'hello world'", [command('disp', ['hello world'])]],
    ['disp hello', [command('disp', ['hello'])]],
    ['disp hello world;', [command('disp', ['hello', 'world'], { suppressed: true })]],
    ['pause 1', [command('pause', ['1'])]],
    ['pkg load statistics', [command('pkg', ['load', 'statistics'])]],
    ['if x, y end', [{ kind: 'If', clauses: [{ body: [{ kind: 'ExprStmt', expr: id('y') }] }] }]],
    ['disp -x', [{ kind: 'ExprStmt', expr: bin('-', id('disp'), id('x')) }]],
    ['warning off all', [command('warning', ['off', 'all'])]],
    ['rng default', [command('rng', ['default'])]],
    ['colormap gray', [command('colormap', ['gray'])]],
    ['clc', [{ kind: 'ExprStmt', expr: id('clc') }]],
    ['clc;', [{ kind: 'ExprStmt', expr: id('clc'), suppressed: true }]],
    ['figure', [{ kind: 'ExprStmt', expr: id('figure') }]],
    ['tic; x = 1; toc', [{ kind: 'ExprStmt', expr: id('tic') }, { kind: 'Assign' }, { kind: 'ExprStmt', expr: id('toc') }]],
    ['hold(1)', [{ kind: 'ExprStmt', expr: call('hold', num(1)) }]],
    ['axis ([0 1 0 1])', [{ kind: 'ExprStmt', expr: call('axis', mat([num(0), num(1), num(0), num(1)])) }]],
    ['hold = 3', [{ kind: 'Assign', targets: [{ name: 'hold' }], value: num(3) }]],
    ['hold == 3', [{ kind: 'ExprStmt', expr: bin('==', id('hold'), num(3)) }]],
    ['tic - 1', [{ kind: 'ExprStmt', expr: bin('-', id('tic'), num(1)) }]],
    ['x = format', [{ kind: 'Assign', value: id('format') }]],
    ['s.format = 1', [{ kind: 'Assign', targets: [{ kind: 'IndexTarget', name: 's' }] }]],
  ];
  it.each(rows)('%j', (src, expected) => { parses(src, expected); });
});
