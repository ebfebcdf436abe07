// Rearranging and matrix-structure builtins (reshaping.ts, matrices.ts) through the engine's JSON
// contract: N-D arrays, dims beyond ndims, empty inputs, non-numeric classes and MATLAB errors.
import { describe, expect, it } from 'vitest';
import { fails, vars } from './run.ts';

describe('squeeze, permute, ipermute', () => {
  it('squeeze drops singleton dims and leaves 2-D alone', async () => {
    const v = await vars('a = size(squeeze(ones(1, 1, 3))); b = size(squeeze(ones(1, 2, 1, 3))); c = squeeze([1 2 3]); d = size(squeeze(ones(1, 1, 1, 1)));');
    expect(v.a.data).toEqual([3, 1]);
    expect(v.b.data).toEqual([2, 3]);
    expect(v.c.size).toEqual([1, 3]);
    expect(v.d.data).toEqual([1, 1]);
  });
  it('permute moves data and round-trips with ipermute, also for cells', async () => {
    const v = await vars('A = reshape(1:6, 1, 2, 3); P = permute(A, [3 2 1]); Q = ipermute(P, [3 2 1]); ok = isequal(Q, A); C = permute({1, 2; 3, 4}, [2 1]); c12 = C{1, 2};');
    expect(v.P).toEqual({ class: 'double', size: [3, 2], data: [1, 3, 5, 2, 4, 6] });
    expect(v.ok.data).toEqual([true]);
    expect(v.c12.data).toEqual([3]);
  });
  it('permute errors like MATLAB', async () => {
    expect((await fails('x = permute(ones(2, 2, 2), [2 1]);')).message).toMatch(/at least N elements/);
    expect((await fails('x = permute(ones(2), [1 1]);')).message).toMatch(/invalid permutation index/);
  });
});

describe('circshift and flips', () => {
  it('shifts along dims, wraps large shifts, ignores dims beyond ndims', async () => {
    const v = await vars('a = circshift([1 2 3 4], 6); b = circshift([1 2; 3 4], 1, 3); c = circshift({1, 2, 3}, -1); d = circshift(zeros(0, 3), 1);');
    expect(v.a.data).toEqual([3, 4, 1, 2]);
    expect(v.b.data).toEqual([1, 3, 2, 4]);
    expect(v.c.size).toEqual([1, 3]);
    expect(v.d.size).toEqual([0, 3]);
  });
  it('flip works on N-D, strings and empties', async () => {
    const v = await vars('a = flip(reshape(1:8, 2, 2, 2), 3); b = flip(["a" "b" "c"]); c = fliplr(ones(2, 0)); d = flipud(5);');
    expect(v.a.data).toEqual([5, 6, 7, 8, 1, 2, 3, 4]);
    expect(v.b.data).toEqual(['c', 'b', 'a']);
    expect(v.c.size).toEqual([2, 0]);
    expect(v.d.data).toEqual([5]);
  });
  it('rot90 on rectangular and 3-D arrays', async () => {
    const v = await vars('a = rot90([1 2 3]); b = rot90([1 2; 3 4], -3); c = size(rot90(ones(2, 3, 4)));');
    expect(v.a).toEqual({ class: 'double', size: [3, 1], data: [3, 2, 1] });
    expect(v.b.data).toEqual([2, 1, 4, 3]);
    expect(v.c.data).toEqual([3, 2, 4]);
  });
});

describe('repelem and kron', () => {
  it('repelem with counts per element, zero counts and char', async () => {
    const v = await vars("a = repelem([1 2 3], [0 2 1]); b = repelem('ab', 2); c = repelem([1; 2], 2); d = size(repelem(ones(2, 2), 2, 1, 3));");
    expect(v.a.data).toEqual([2, 2, 3]);
    expect(v.b.data).toBe('aabb');
    expect(v.c.size).toEqual([4, 1]);
    expect(v.d.data).toEqual([4, 2, 3]);
    expect((await fails('x = repelem([1 2], [1 2 3]);')).identifier).toBe('MATLAB:repelem:mismatchedReplications');
  });
  it('kron of complex and integer operands', async () => {
    const v = await vars('a = kron([1i 2], [1 1]); b = kron(int8([100 2]), int8(2)); c = size(kron(zeros(0, 2), ones(3)));');
    expect(v.a.data).toEqual({ re: [0, 0, 2, 2], im: [1, 1, 0, 0] });
    expect(v.b).toEqual({ class: 'int8', size: [1, 2], data: [127, 4] });
    expect(v.c.data).toEqual([0, 6]);
  });
});

describe('diag, tril, triu', () => {
  it('diag builds and extracts, with offsets past the matrix', async () => {
    const v = await vars('a = diag([1 2], -1); b = diag(ones(2, 3), 3); c = diag([]); d = diag(int8([1 2])); e = diag([1+2i 3]);');
    expect(v.a).toEqual({ class: 'double', size: [3, 3], data: [0, 1, 0, 0, 0, 2, 0, 0, 0] });
    expect(v.b.size).toEqual([0, 1]);
    expect(v.c.size).toEqual([0, 0]);
    expect(v.d.class).toBe('int8');
    expect(v.e.data).toEqual({ re: [1, 0, 0, 3], im: [2, 0, 0, 0] });
  });
  it('tril/triu keep class and reject N-D', async () => {
    const v = await vars('a = tril(true(2)); b = triu(ones(2, 3), 5);');
    expect(v.a).toEqual({ class: 'logical', size: [2, 2], data: [true, true, false, true] });
    expect(v.b.data).toEqual([0, 0, 0, 0, 0, 0]);
    expect((await fails('x = tril(ones(2, 2, 2));')).message).toMatch(/2-D/);
  });
});

describe('grids and special arrays', () => {
  it('meshgrid keeps class, ndgrid with one input', async () => {
    const v = await vars('[X, Y] = meshgrid(single([1 2]), [3; 4; 5]); G = ndgrid([1 2 3]); [P, Q] = ndgrid(1:2);');
    expect(v.X).toEqual({ class: 'single', size: [3, 2], data: [1, 1, 1, 2, 2, 2] });
    expect(v.Y.data).toEqual([3, 4, 5, 3, 4, 5]);
    expect(v.G.size).toEqual([3, 1]);
    expect(v.Q.data).toEqual([1, 1, 2, 2]);
  });
  it('magic squares are magic', async () => {
    const v = await vars('ok = true; for n = 3:12, M = magic(n); s = n * (n^2 + 1) / 2; ok = ok && all(sum(M) == s) && all(sum(M, 2) == s) && trace(M) == s && isequal(sort(M(:))\', 1:n^2); end; m2 = magic(2);');
    expect(v.ok.data).toEqual([true]);
    expect(v.m2.data).toEqual([1, 4, 3, 2]);
  });
  it('logspace and class limits', async () => {
    const v = await vars("a = logspace(2, 0, 3); b = numel(logspace(1, 2)); c = intmin; d = intmax('like', uint16(1)); e = class(realmax('single')); f = flintmax - 1;");
    expect(v.a.data).toEqual([100, 10, 1]);
    expect(v.b.data).toEqual([50]);
    expect(v.c).toEqual({ class: 'int32', size: [1, 1], data: [-2147483648] });
    expect(v.d).toEqual({ class: 'uint16', size: [1, 1], data: [65535] });
    expect(v.e.data).toBe('single');
    expect(v.f.data).toEqual([2 ** 53 - 1]);
    expect((await fails("x = intmax('double');")).message).toMatch(/Invalid class/);
  });
});

describe('isequal / isequaln', () => {
  it('compares across classes and containers', async () => {
    const v = await vars(`a = isequal("abc", 'abc'); b = isequal({1, {2}}, {1, {2}}); c = isequal(struct('a', 1), struct('a', 2)); d = isequaln({NaN}, {NaN}); e = isequal(1, 1, 2); f = isequal(1+0i, 1); g = isequal(ones(2, 0), ones(0, 2));`);
    expect([v.a, v.b, v.c, v.d, v.e, v.f, v.g].map((x) => (x.data as boolean[])[0])).toEqual([true, true, false, true, false, true, false]);
    expect((await fails('x = isequal(1);')).identifier).toBe('MATLAB:minrhs');
  });
});
