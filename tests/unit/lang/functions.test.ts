// Function definitions: the header forms, `end`/`endfunction`, function-file style, hoisting.
import { describe, it } from 'vitest';
import { bin, call, id, num, parsesFunctions } from './helpers.ts';

type Row = [string, object[], object[]];

describe('functions', () => {
  const rows: Row[] = [
    ['function f(x)\n disp(x)\nend', [{ kind: 'Function', name: 'f', params: ['x'], outputs: [], body: [{ kind: 'ExprStmt', expr: call('disp', id('x')) }] }], []],
    ['function [a, b] = g(x, y)\n a = x; b = y;\nend', [{ name: 'g', params: ['x', 'y'], outputs: ['a', 'b'], body: [{ kind: 'Assign' }, { kind: 'Assign' }] }], []],
    ['function [a b] = g()\nend', [{ name: 'g', params: [], outputs: ['a', 'b'], body: [] }], []],
    ['function r = h\n r = 1;\nend', [{ name: 'h', params: [], outputs: ['r'] }], []],
    ['function h\nend', [{ name: 'h', params: [], outputs: [] }], []],
    ['function f(~, y)\nend', [{ name: 'f', params: ['~', 'y'] }], []],
    ['function varargout = f(varargin)\nend', [{ name: 'f', params: ['varargin'], outputs: ['varargout'] }], []],
    ['function y = f(x)\n y = x;\nendfunction', [{ name: 'f', outputs: ['y'] }], []],
    ['function f(x), disp(x), end', [{ name: 'f', body: [{ kind: 'ExprStmt' }] }], []],
    ['x = sq(3)\nfunction y = sq(x)\n y = x^2;\nend', [{ name: 'sq', body: [{ kind: 'Assign', value: bin('^', id('x'), num(2)) }] }],
      [{ kind: 'Assign', targets: [{ name: 'x' }] }]],
    ['function a()\nend\nfunction b()\nend\nz = 1;', [{ name: 'a' }, { name: 'b' }], [{ kind: 'Assign', suppressed: true }]],
    ['function a()\n x = 1;\nfunction b()\n y = 2;', [{ name: 'a', body: [{ kind: 'Assign' }] }, { name: 'b', body: [{ kind: 'Assign' }] }], []],
    ['function r = f(x)\n if x, r = 1; else, r = 2; end\n for k = 1:2, end\nend', [{ name: 'f', body: [{ kind: 'If' }, { kind: 'For' }] }], []],
  ];
  it.each(rows)('%j', (src, functions, body) => parsesFunctions(src, functions, body));
});
