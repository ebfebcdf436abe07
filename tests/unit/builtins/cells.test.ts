// Cell and struct builtins (cells.ts): cellfun/arrayfun/structfun with uniform and non-uniform
// outputs, error handlers, struct field functions, conversions and validateattributes.
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';

async function vars(src: string): Promise<Record<string, { class: string; size: number[]; data?: unknown; fields?: string[] }>> {
  const r = await runToJson(src, { gpu: 'off' });
  expect(r.error).toBeNull();
  return r.vars as Record<string, { class: string; size: number[]; data?: unknown; fields?: string[] }>;
}

async function fails(src: string): Promise<{ identifier: string; message: string }> {
  const r = await runToJson(src, { gpu: 'off' });
  expect(r.error).not.toBeNull();
  return r.error!;
}

describe('cellfun', () => {
  it('uniform output keeps the cell shape and class', async () => {
    const v = await vars("a = cellfun(@numel, {1, [1 2]; 'abc', []}); b = cellfun('isempty', {[], 'a'}); c = cellfun(@ischar, {}); d = cellfun('size', {ones(2, 3), 1}, 2); e = cellfun('isclass', {1, 'a'}, 'char');");
    expect(v.a).toEqual({ class: 'double', size: [2, 2], data: [1, 3, 2, 0] });
    expect(v.b).toEqual({ class: 'logical', size: [1, 2], data: [true, false] });
    expect(v.c).toEqual({ class: 'double', size: [0, 0], data: [] });
    expect(v.d.data).toEqual([3, 1]);
    expect(v.e.data).toEqual([false, true]);
  });
  it('non-uniform output, multiple outputs and several cells', async () => {
    const v = await vars("c = cellfun(@(x) x', {[1 2], 'ab'}, 'UniformOutput', false); c1 = size(c{1}); [m, i] = cellfun(@max, {[3 9 1], [4 2]}); s = cellfun(@(a, b) [a b], {'x', 'y'}, {'1', '2'}, 'UniformOutput', 0); s2 = s{2};");
    expect(v.c1.data).toEqual([2, 1]);
    expect(v.m.data).toEqual([9, 4]);
    expect(v.i.data).toEqual([2, 1]);
    expect(v.s2.data).toBe('y2');
  });
  it('uniform output errors name the index', async () => {
    const e = await fails('x = cellfun(@(v) v, {1, [1 2]});');
    expect(e.identifier).toBe('MATLAB:cellfun:NotAScalarOutput');
    expect(e.message).toMatch(/^Non-scalar in Uniform output, at index 2, output 1/);
    expect((await fails("x = cellfun(@(v) v, {1, 'a'});")).identifier).toBe('MATLAB:cellfun:MismatchInOutputTypes');
    expect((await fails('x = cellfun(@(v) v, {1}, {1, 2});')).identifier).toBe('MATLAB:cellfun:ArgumentSizeMismatch');
    expect((await fails('x = cellfun(@numel, [1 2]);')).identifier).toBe('MATLAB:cellfun:NotACell');
  });
  it('ErrorHandler receives the error struct', async () => {
    const v = await vars("h = cellfun(@(x) error('my:id', 'bad %d', x), {4, 5}, 'ErrorHandler', @(s, x) numel(s.message) + s.index); m = cellfun(@(x) error('my:id', 'x'), {1}, 'ErrorHandler', @(s, x) s.identifier, 'UniformOutput', false); m1 = m{1};");
    expect(v.h.data).toEqual([6, 7]);
    expect(v.m1.data).toBe('my:id');
  });
  it('calls with no output for functions that return nothing', async () => {
    const r = await runToJson("cellfun(@disp, {1, 'a'});", { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(r.stdout).toContain('a');
  });
});

describe('arrayfun and structfun', () => {
  it('arrayfun over numbers, chars, structs and cells', async () => {
    const v = await vars("a = arrayfun(@(x) x + 1, int8([1 2])); b = arrayfun(@(c) double(c), 'ab'); s = arrayfun(@(e) numel(e.f), struct('f', {1:2, 1:5})); c = arrayfun(@(x) class(x), {1, 2}, 'UniformOutput', false); c1 = c{1}; z = arrayfun(@(x) x, zeros(0, 3));");
    expect(v.a).toEqual({ class: 'int8', size: [1, 2], data: [2, 3] });
    expect(v.b.data).toEqual([97, 98]);
    expect(v.s.data).toEqual([2, 5]);
    expect(v.c1.data).toBe('cell');
    expect(v.z.size).toEqual([0, 3]);
  });
  it('structfun uniform and not', async () => {
    const v = await vars("a = structfun(@(x) x * 2, struct('p', 1, 'q', 2)); b = structfun(@(x) [x x], struct('p', 1), 'UniformOutput', false); bp = b.p;");
    expect(v.a).toEqual({ class: 'double', size: [2, 1], data: [2, 4] });
    expect(v.bp.data).toEqual([1, 1]);
    expect((await fails("x = structfun(@(x) x, struct('a', {1, 2}));")).identifier).toBe('MATLAB:structfun:NotAScalarStruct');
  });
});

describe('struct fields', () => {
  it('fieldnames, isfield, rmfield, setfield, getfield', async () => {
    const v = await vars("s = struct('a', 1, 'b', 2); f = fieldnames(s); e = fieldnames(struct()); i = isfield(s, {'a'; 'x'}); r = rmfield(s, {'a', 'b'}); t = setfield(s, 'a', 9); ta = t.a; g = getfield(s, 'b');");
    expect(v.f).toEqual({ class: 'cell', size: [2, 1] });
    expect(v.e).toEqual({ class: 'cell', size: [0, 1] });
    expect(v.i).toEqual({ class: 'logical', size: [2, 1], data: [true, false] });
    expect(v.r.fields).toEqual([]);
    expect(v.ta.data).toEqual([9]);
    expect(v.g.data).toEqual([2]);
    expect((await fails("x = rmfield(struct('a', 1), 'zz');")).message).toMatch(/zz/);
    expect((await fails("x = getfield(struct('a', 1), 'zz');")).identifier).toBe('MATLAB:nonExistentField');
    expect((await fails('x = fieldnames(5);')).identifier).toBe('MATLAB:invalidType');
  });
  it('orderfields with a cell and a permutation output', async () => {
    const v = await vars("[s, p] = orderfields(struct('b', 1, 'a', 2, 'c', 3), {'c', 'a', 'b'}); f = fieldnames(s); f1 = f{1};");
    expect(v.f1.data).toBe('c');
    expect(v.p.data).toEqual([3, 2, 1]);
  });
});

describe('conversions', () => {
  it('struct2cell, cell2struct, cell2mat, num2cell', async () => {
    const v = await vars("c = struct2cell(struct('a', {1, 2})); s = cell2struct({'x', 1}, {'n', 'v'}, 2); sn = s.n; m = cell2mat({'ab', 'c'}); k = num2cell('ab'); k2 = k{2}; q = cell2mat({int8(1), int8(2)});");
    expect(v.c).toEqual({ class: 'cell', size: [1, 1, 2] });
    expect(v.sn.data).toBe('x');
    expect(v.m.data).toBe('abc');
    expect(v.k2.data).toBe('b');
    expect(v.q).toEqual({ class: 'int8', size: [1, 2], data: [1, 2] });
    expect((await fails('c = cell(1, 2); c{2} = {2}; x = cell2mat(c);')).identifier).toBe('MATLAB:cell2mat:UnsupportedCellContent');
    expect((await fails("x = cell2struct({1, 2}, {'a'}, 2);")).identifier).toBe('MATLAB:cell2struct:FieldsAndCellSizeMismatch');
  });
  it('cellstr and iscellstr', async () => {
    const v = await vars("a = cellstr(''); a1 = size(a{1}); b = cellstr([\"x\", \"yy\"]); b2 = b{2}; c = iscellstr({}); d = iscellstr({'a', \"b\"});");
    expect(v.a.size).toEqual([1, 1]);
    expect(v.a1.data).toEqual([0, 0]);
    expect(v.b2.data).toBe('yy');
    expect(v.c.data).toEqual([true]);
    expect(v.d.data).toEqual([false]);
    expect((await fails('x = cellstr({1});')).identifier).toBe('MATLAB:cellstr:MustContainText');
  });
  it('func2str and str2func', async () => {
    const v = await vars("f = str2func('@(a, b) a * b + 1'); y = f(2, 3); t = func2str(f); g = str2func('numel'); n = g([1 2 3]); h = func2str(g);");
    expect(v.y.data).toEqual([7]);
    expect(v.t.data).toBe('@(a,b)a * b + 1');
    expect(v.n.data).toEqual([3]);
    expect(v.h.data).toBe('numel');
    expect((await fails("f = str2func('1x');")).identifier).toBe('MATLAB:str2func:invalidFunctionName');
  });
});

describe('validateattributes', () => {
  it('passes silently and fails with MATLAB identifiers', async () => {
    await vars("validateattributes([1 2], {}, {'row', 'increasing', '>', 0, 'numel', 2});");
    expect((await fails("validateattributes(0, {'numeric'}, {'positive'});")).identifier).toBe('MATLAB:expectedPositive');
    expect((await fails("validateattributes([], {'numeric'}, {'nonempty'});")).identifier).toBe('MATLAB:expectedNonempty');
    expect((await fails("validateattributes([1 2], {'numeric'}, {'scalar'});")).identifier).toBe('MATLAB:expectedScalar');
    expect((await fails("validateattributes(ones(2), {'numeric'}, {'vector'});")).identifier).toBe('MATLAB:expectedVector');
    expect((await fails("validateattributes(1.5, {'numeric'}, {'integer'}, 'f', 'n');")).message).toBe('f: Expected n to be integer-valued.');
    const e = await fails("validateattributes('a', {'double', 'single'}, {});");
    expect(e.identifier).toBe('MATLAB:invalidType');
    expect(e.message).toContain('Instead its type was char.');
  });
});

describe('dynamic field names', () => {
  it('s.(name) = v creates a field under any valid name, from char or string', async () => {
    const v = await vars("q = struct(); f = 'ok_1'; q.(f) = 1; q.(\"s2\") = 2; n = fieldnames(q);");
    expect(v.q.fields).toEqual(['ok_1', 's2']);
  });
  it('an invalid name is refused with the name in the message (no field is made)', async () => {
    for (const name of ['a b', '1x', '_x', '<img src=x>', '']) {
      const e = await fails(`q = struct(); q.('${name}') = 1;`);
      expect(e.identifier).toBe('MATLAB:AddField:InvalidFieldName');
      expect(e.message).toBe(`Invalid field name: '${name}'.`);
    }
  });
});
