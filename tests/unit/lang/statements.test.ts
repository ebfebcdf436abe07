// Statements: expression statements, assignments (plain, indexed, multiple), control flow.
import { describe, it } from 'vitest';
import {
  bin, brace, call, cell, ch, COLON, field, id, idx, mat, num, paren, parses, range,
} from './helpers.ts';

const assign = (name: string, value: object, extra: object = {}) => ({
  kind: 'Assign', targets: [{ kind: 'Ident', name }], value, multi: false, ...extra,
});
const exprStmt = (expr: object, extra: object = {}) => ({ kind: 'ExprStmt', expr, ...extra });

type Row = [string, object[]];

describe('assignments and expression statements', () => {
  const rows: Row[] = [
    ['x', [exprStmt(id('x'), { suppressed: false })]],
    ['x;', [exprStmt(id('x'), { suppressed: true })]],
    ['x = 1', [assign('x', num(1), { suppressed: false })]],
    ['x = 1;', [assign('x', num(1), { suppressed: true })]],
    ['x = 1 ;', [assign('x', num(1), { suppressed: true })]],
    ['x = 1, y = 2;', [assign('x', num(1), { suppressed: false }), assign('y', num(2), { suppressed: true })]],
    ['x = 1;;; y = 2', [assign('x', num(1)), assign('y', num(2))]],
    ['x = y == 3', [assign('x', bin('==', id('y'), num(3)))]],
    ['3 + 4', [exprStmt(bin('+', num(3), num(4)))]],
    ['A(2,:) = 5', [{ kind: 'Assign', targets: [{ kind: 'IndexTarget', name: 'A', links: [paren(num(2), COLON)] }], value: num(5), multi: false }]],
    ['s.f{3} = 1', [{ kind: 'Assign', targets: [{ kind: 'IndexTarget', name: 's', links: [field('f'), brace(num(3))] }], value: num(1) }]],
    ['A(:,2) = []', [{ kind: 'Assign', targets: [{ kind: 'IndexTarget', name: 'A', links: [paren(COLON, num(2))] }], value: mat() }]],
    ['x(end+1) = 7;', [{ kind: 'Assign', targets: [{ kind: 'IndexTarget', name: 'x', links: [paren(bin('+', { kind: 'End' }, num(1)))] }], suppressed: true }]],
    ['s.(k) = v', [{ kind: 'Assign', targets: [{ kind: 'IndexTarget', name: 's', links: [{ type: 'dynfield', name: id('k') }] }], value: id('v') }]],
    ['[a, ~, c] = f(x)', [{ kind: 'Assign', targets: [{ kind: 'Ident', name: 'a' }, { kind: 'Tilde' }, { kind: 'Ident', name: 'c' }], value: call('f', id('x')), multi: true }]],
    ['[a b] = size(x);', [{ kind: 'Assign', targets: [{ kind: 'Ident', name: 'a' }, { kind: 'Ident', name: 'b' }], multi: true, suppressed: true }]],
    ['[m] = max(v)', [{ kind: 'Assign', targets: [{ kind: 'Ident', name: 'm' }], multi: true }]],
    ['[a(1), s.f] = deal(1, 2)', [{ kind: 'Assign', targets: [{ kind: 'IndexTarget', name: 'a', links: [paren(num(1))] }, { kind: 'IndexTarget', name: 's', links: [field('f')] }], multi: true }]],
    ['[~, i] = max(v)', [{ kind: 'Assign', targets: [{ kind: 'Tilde' }, { kind: 'Ident', name: 'i' }], multi: true }]],
    ['[a, b]', [exprStmt(mat([id('a'), id('b')]))]],
    ['[a, b] == c', [exprStmt(bin('==', mat([id('a'), id('b')]), id('c')))]],
    ['[x(1) 2]; y = 1', [exprStmt(mat([call('x', num(1)), num(2)]), { suppressed: true }), assign('y', num(1))]],
    ['c = {}', [assign('c', cell())]],
    ["name = 'x';", [assign('name', ch('x'), { suppressed: true })]],
  ];
  it.each(rows)('%j', (src, expected) => { parses(src, expected); });
});

describe('control flow', () => {
  const rows: Row[] = [
    ['if x, y = 1; end', [{ kind: 'If', clauses: [{ cond: id('x'), body: [assign('y', num(1))] }], elseBody: null }]],
    ['if x\n  y = 1\nelseif z\n  y = 2\nelse\n  y = 3\nend', [{
      kind: 'If',
      clauses: [{ cond: id('x'), body: [assign('y', num(1))] }, { cond: id('z'), body: [assign('y', num(2))] }],
      elseBody: [assign('y', num(3))],
    }]],
    ['if x, y = 1, else y = 2, end', [{ kind: 'If', clauses: [{ cond: id('x') }], elseBody: [assign('y', num(2))] }]],
    ['if (a > 1) disp(a), end', [{ kind: 'If', clauses: [{ cond: bin('>', id('a'), num(1)), body: [exprStmt(call('disp', id('a')))] }] }]],
    ['if x, end;', [{ kind: 'If', clauses: [{ cond: id('x'), body: [] }], suppressed: true }]],
    ['if x\n y\nendif', [{ kind: 'If', clauses: [{ cond: id('x'), body: [exprStmt(id('y'))] }] }]],
    ['for i = 1:3, s = s + i; end', [{ kind: 'For', variable: 'i', iter: range(num(1), num(3)), body: [assign('s', bin('+', id('s'), id('i')))] }]],
    ['for (i = 1:3)\n x = i;\nend', [{ kind: 'For', variable: 'i', iter: range(num(1), num(3)), body: [assign('x', id('i'))] }]],
    ['for v = [1 2 3]\nendfor', [{ kind: 'For', variable: 'v', iter: mat([num(1), num(2), num(3)]), body: [] }]],
    ['for k = 1:n\n if k > 2, break; end\n continue\nend', [{ kind: 'For', body: [{ kind: 'If', clauses: [{ body: [{ kind: 'Break', suppressed: true }] }] }, { kind: 'Continue' }] }]],
    ['while k < 3, k = k + 1; end', [{ kind: 'While', cond: bin('<', id('k'), num(3)), body: [assign('k', bin('+', id('k'), num(1)))] }]],
    ['while true\n return\nendwhile', [{ kind: 'While', cond: id('true'), body: [{ kind: 'Return' }] }]],
    ['switch x, case 1, y = 1; case {2, 3}, y = 2; otherwise, y = 3; end', [{
      kind: 'Switch',
      subject: id('x'),
      cases: [
        { match: num(1), body: [assign('y', num(1))] },
        { match: cell([num(2), num(3)]), body: [assign('y', num(2))] },
      ],
      otherwise: [assign('y', num(3))],
    }]],
    ["switch s\n  case 'a'\n    y = 1;\n  case \"b\"\nend", [{ kind: 'Switch', subject: id('s'), cases: [{ match: ch('a') }, { match: { kind: 'String', value: 'b' }, body: [] }], otherwise: null }]],
    ['switch x\nendswitch', [{ kind: 'Switch', cases: [], otherwise: null }]],
    ['try, x; catch, y; end', [{ kind: 'Try', body: [exprStmt(id('x'))], catchVar: null, catchBody: [exprStmt(id('y'))] }]],
    ['try\n x\ncatch err\n disp(err.message)\nend', [{ kind: 'Try', catchVar: 'err', catchBody: [exprStmt(call('disp', idx('err', field('message'))))] }]],
    ['try, x, catch err, y, end', [{ kind: 'Try', catchVar: 'err', catchBody: [exprStmt(id('y'))] }]],
    ['try x; catch ME; y; end', [{ kind: 'Try', catchVar: 'ME', catchBody: [exprStmt(id('y'))] }]],
    ['try\n x\ncatch\n y\nend', [{ kind: 'Try', catchVar: null, catchBody: [exprStmt(id('y'))] }]],
    ['try\n x\nend', [{ kind: 'Try', catchVar: null, catchBody: [] }]],
    ['try\n x\ncatch e\nend_try_catch', [{ kind: 'Try', catchVar: 'e' }]],
    ['global a b c', [{ kind: 'Global', names: ['a', 'b', 'c'] }]],
    ['persistent n;', [{ kind: 'Persistent', names: ['n'], suppressed: true }]],
    ['while 1, if x, break, end, end', [{ kind: 'While', body: [{ kind: 'If', clauses: [{ body: [{ kind: 'Break', suppressed: false }] }] }] }]],
  ];
  it.each(rows)('%j', (src, expected) => { parses(src, expected); });
});
