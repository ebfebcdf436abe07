// Ordering, searching and set builtins (searching.ts, sets.ts) through the engine's JSON
// contract: ties, NaN placement, text, empty inputs, row vs column results and dims past ndims.
import { describe, expect, it } from 'vitest';
import { fails, vars } from './run.ts';

describe('sort', () => {
  it('is stable in both directions and places NaN like MATLAB', async () => {
    const v = await vars("[a, i] = sort([2 1 2 1]); [b, j] = sort([2 1 2 1], 'descend'); [c, k] = sort([NaN 1 NaN -Inf], 'descend'); [d, l] = sort([NaN 1 NaN -Inf]);");
    expect(v.i.data).toEqual([2, 4, 1, 3]);
    expect(v.j.data).toEqual([1, 3, 2, 4]);
    expect(v.c.data).toEqual(['NaN', 'NaN', 1, '-Inf']);
    expect(v.k.data).toEqual([1, 3, 2, 4]);
    expect(v.d.data).toEqual(['-Inf', 1, 'NaN', 'NaN']);
    expect(v.l.data).toEqual([4, 2, 1, 3]);
  });
  it('sorts complex by abs then angle, keeps class, handles empty and dims past ndims', async () => {
    const v = await vars("a = sort([-2 1i 1]); b = sort(uint8([3 1 2]), 'descend'); c = sort(zeros(0, 3)); [d, i] = sort([3 1], 3); e = sort('cab');");
    expect(v.a.data).toEqual({ re: [1, 0, -2], im: [0, 1, 0] });
    expect(v.b).toEqual({ class: 'uint8', size: [1, 3], data: [3, 2, 1] });
    expect(v.c.size).toEqual([0, 3]);
    expect(v.d.data).toEqual([3, 1]);
    expect(v.i.data).toEqual([1, 1]);
    expect(v.e).toEqual({ class: 'char', size: [1, 3], data: 'abc' });
  });
  it('sorts string arrays and cellstr; rejects bad options', async () => {
    const v = await vars('s = sort(["b" "C" "a"]); [c, i] = sort({\'b\'; \'a\'});');
    expect(v.s.data).toEqual(['C', 'a', 'b']);
    expect(v.i.data).toEqual([2, 1]);
    expect((await fails("x = sort([1 2], 'up');")).message).toMatch(/Invalid option/);
  });
  it('sortrows: descend word, stability and index output', async () => {
    const v = await vars("[b, i] = sortrows([1 2; 0 5; 1 1], 'descend'); [c, j] = sortrows([2 1; 1 9; 2 0], 1);");
    expect(v.b.data).toEqual([1, 1, 0, 2, 1, 5]);
    expect(v.i.data).toEqual([1, 3, 2]);
    expect(v.j.data).toEqual([2, 1, 3]);
    expect((await fails('x = sortrows([1 2], 3);')).identifier).toBe('MATLAB:sortrows:COLmismatchX');
  });
});

describe('find and nnz', () => {
  it('orientation follows the input; n and last', async () => {
    const v = await vars("a = find([1; 0; 1]); b = find(ones(2, 2), 3); c = find([1 1 0 1], 1, 'last'); d = find(zeros(1, 0)); e = find(true(2, 2, 2), 0); [r, c2, val] = find(int8([0 -3]));");
    expect(v.a.size).toEqual([2, 1]);
    expect(v.b.data).toEqual([1, 2, 3]);
    expect(v.c.data).toEqual([4]);
    expect(v.d.size).toEqual([1, 0]);
    expect(v.e.size).toEqual([0, 1]);
    expect(v.val).toEqual({ class: 'int8', size: [1, 1], data: [-3] });
    expect(v.c2.data).toEqual([2]);
  });
  it('nnz counts NaN and complex parts', async () => {
    const v = await vars('a = nnz([0 NaN 1i]); b = nnz(zeros(3, 0));');
    expect(v.a.data).toEqual([2]);
    expect(v.b.data).toEqual([0]);
  });
});

describe('unique and set functions', () => {
  it('unique: NaNs are distinct, last occurrence, rows, empty', async () => {
    const v = await vars("[a, ia] = unique([NaN 2 NaN 2]); [b, ib] = unique([1 1 2], 'last'); c = unique(zeros(0, 0)); d = unique([2; 1; 2]); [e, ie, ce] = unique([1 2; 1 2; 0 1], 'rows');");
    expect(v.a.data).toEqual([2, 'NaN', 'NaN']);
    expect(v.ia.data).toEqual([2, 1, 3]);
    expect(v.ib.data).toEqual([2, 3]);
    expect(v.c.size).toEqual([0, 0]);
    expect(v.d).toEqual({ class: 'double', size: [2, 1], data: [1, 2] });
    expect(v.e.data).toEqual([0, 1, 1, 2]);
    expect(v.ce.data).toEqual([2, 2, 1]);
  });
  it('unique of text keeps the container', async () => {
    const v = await vars("s = unique([\"b\" \"a\" \"b\"]); [c, ia, ic] = unique({'x'; 'y'; 'x'}, 'stable'); n = numel(c);");
    expect(v.s).toEqual({ class: 'string', size: [1, 2], data: ['a', 'b'] });
    expect(v.c).toEqual({ class: 'cell', size: [2, 1] });
    expect(v.ic.data).toEqual([1, 2, 1]);
  });
  it('ismember with text, rows and class mixing', async () => {
    const v = await vars("[tf, loc] = ismember({'a', 'q'; 'b', 'a'}, {'b', 'a'}); t2 = ismember(int8(2), [1 2]); [t3, l3] = ismember([1 2; 9 9], [9 9; 1 2; 1 2], 'rows'); t4 = ismember([], [1 2]);");
    expect(v.tf).toEqual({ class: 'logical', size: [2, 2], data: [true, true, false, true] });
    expect(v.loc.data).toEqual([2, 1, 0, 2]);
    expect(v.t2.data).toEqual([true]);
    expect(v.l3.data).toEqual([2, 1]);
    expect(v.t4.size).toEqual([0, 0]);
  });
  it('setdiff / intersect / union outputs and orientation', async () => {
    const v = await vars("[c, ia] = setdiff([4 4 1 NaN], 1); [d, ia2, ib2] = intersect([1 1 2], [2 2 1]); [u, iu, ju] = union([3 1 3], [5 1]); s = union({'b'}, {'a'; 'b'}); e = setdiff([1 2], [1 2]); st = union([3 1], [2 3], 'stable');");
    expect(v.c.data).toEqual([4, 'NaN']);
    expect(v.ia.data).toEqual([1, 4]);
    expect(v.ib2.data).toEqual([3, 1]);
    expect(v.u.data).toEqual([1, 3, 5]);
    expect(v.iu.data).toEqual([2, 1]);
    expect(v.ju.data).toEqual([1]);
    expect(v.s).toEqual({ class: 'cell', size: [2, 1] });
    expect(v.e.size).toEqual([1, 0]);
    expect(v.st.data).toEqual([3, 1, 2]);
    expect((await fails("x = union([1 2], [1 2 3], 'rows');")).message).toMatch(/same number of columns/);
  });
});

describe('cummax, cummin, diff, accumarray', () => {
  it('cummax/cummin: NaN skipping, reverse, dims past ndims', async () => {
    const v = await vars("a = cummin([NaN 3 NaN 1]); b = cummax([1 3 2], 'reverse'); c = cummax([1 3 2], 3); d = cummax(zeros(0, 2));");
    expect(v.a.data).toEqual(['NaN', 3, 3, 1]);
    expect(v.b.data).toEqual([3, 3, 2]);
    expect(v.c.data).toEqual([1, 3, 2]);
    expect(v.d.size).toEqual([0, 2]);
  });
  it('diff: order, dim, integer saturation, empties', async () => {
    const v = await vars('a = diff([1 4 9], 1, 3); b = diff(int8([-100 100])); c = diff(5); d = diff([1 3 6 10]\', 2); e = diff(zeros(1, 0));');
    expect(v.a.size).toEqual([1, 3, 0]);
    expect(v.b).toEqual({ class: 'int8', size: [1, 1], data: [127] });
    expect(v.c.data).toEqual([]);
    expect(v.d.data).toEqual([1, 1]);
    expect(v.e.size).toEqual([1, 0]);
  });
  it('accumarray: 2-D subs, anonymous functions, fill values, errors', async () => {
    const v = await vars('a = accumarray([1 2; 1 2; 2 1], 1); b = accumarray([2; 2; 3], [1; 5; 2], [4 1], @(x) max(x) - min(x)); c = accumarray([1; 3], [1; 2], [3 2], [], NaN);');
    expect(v.a).toEqual({ class: 'double', size: [2, 2], data: [0, 1, 2, 0] });
    expect(v.b.data).toEqual([0, 4, 0, 0]);
    expect(v.c.data).toEqual([1, 'NaN', 2, 'NaN', 'NaN', 'NaN']);
    expect((await fails('x = accumarray([0; 1], 1);')).identifier).toBe('MATLAB:accumarray:nonPosIntSubs');
    expect((await fails('x = accumarray([1; 5], 1, [2 1]);')).identifier).toBe('MATLAB:accumarray:subsOutOfRange');
  });
});
