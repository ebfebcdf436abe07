// Command-window display (`format loose`) and disp, against MATLAB's layout. Expected texts
// follow MATLAB R2016b+ command-window transcripts (see the header of display/format.ts).
import { describe, expect, it } from 'vitest';
import { dispText, displayValue, formatValueSummary } from '../../../src/engine/runtime/display/index.ts';
import { Tensor, type Value } from '../../../src/engine/runtime/values/index.ts';
import { anon, bool, bools, cast, cell, chars, cmat, cx, empty, mat, named, num, strs, struct, structArray } from './helpers.ts';

const range = (n: number, f: (i: number) => number) => mat([Array.from({ length: n }, (_, i) => f(i + 1))]);

const short: [string, Value, string][] = [
  // Real double scalars.
  ['integer', num(3), 'x = 3\n\n'],
  ['zero', num(0), 'x = 0\n\n'],
  ['negative zero', num(-0), 'x = 0\n\n'],
  ['negative integer', num(-25), 'x = -25\n\n'],
  ['three digits', num(999), 'x = 999\n\n'],
  ['1000 is twelve wide', num(1000), 'x = 1000\n\n'],
  ['nine digits', num(123456789), 'x = 123456789\n\n'],
  ['1e9 is e format', num(1e9), 'x = 1.0000e+09\n\n'],
  ['fraction', num(0.5), 'x = 0.5000\n\n'],
  ['negative fraction', num(-2.5), 'x = -2.5000\n\n'],
  ['pi', num(Math.PI), 'x = 3.1416\n\n'],
  ['tens', num(12.5), 'x = 12.5000\n\n'],
  ['hundreds', num(999.5), 'x = 999.5000\n\n'],
  ['thousands are e', num(1234.5), 'x = 1.2345e+03\n\n'],
  ['123456.789', num(123456.789), 'x = 1.2346e+05\n\n'],
  ['negative e', num(-1234.5), 'x = -1.2345e+03\n\n'],
  ['0.0094 stays fixed', num(0.15 / 16), 'x = 0.0094\n\n'],
  ['0.001 is e', num(0.001), 'x = 1.0000e-03\n\n'],
  ['1e-5', num(1e-5), 'x = 1.0000e-05\n\n'],
  ['eps', num(2.220446049250313e-16), 'x = 2.2204e-16\n\n'],
  ['NaN', num(NaN), 'x = NaN\n\n'],
  ['Inf', num(Infinity), 'x = Inf\n\n'],
  ['-Inf', num(-Infinity), 'x = -Inf\n\n'],
  ['almost an integer', num(-2 - 4e-16), 'x = -2.0000\n\n'],
  // Real double matrices.
  ['2x2 integers', mat([[1, 2], [3, 4]]), 'x =\n\n     1     2\n     3     4\n\n'],
  ['magic(4)', mat([[16, 2, 3, 13], [5, 11, 10, 8], [9, 7, 6, 12], [4, 14, 15, 1]]),
    'x =\n\n    16     2     3    13\n     5    11    10     8\n     9     7     6    12\n     4    14    15     1\n\n'],
  ['negative integers', mat([[-1, 2]]), 'x =\n\n    -1     2\n\n'],
  ['column', mat([[1], [2], [3]]), 'x =\n\n     1\n     2\n     3\n\n'],
  ['1 and 1000', mat([[1, 1000]]), 'x =\n\n           1        1000\n\n'],
  ['integers with NaN', mat([[1, 2, NaN]]), 'x =\n\n     1     2   NaN\n\n'],
  ['integers with -Inf', mat([[1, -Infinity]]), 'x =\n\n     1  -Inf\n\n'],
  ['all non-finite', mat([[NaN, Infinity, -Infinity]]), 'x =\n\n   NaN   Inf  -Inf\n\n'],
  ['fractions', mat([[1.5, 2.25]]), 'x =\n\n    1.5000    2.2500\n\n'],
  ['fraction with NaN', mat([[1.5, NaN]]), 'x =\n\n    1.5000       NaN\n\n'],
  ['exact zero is bare', mat([[0, 1.5]]), 'x =\n\n         0    1.5000\n\n'],
  ['tiny is 0.0000', mat([[1e-5, 1.5]]), 'x =\n\n    0.0000    1.5000\n\n'],
  ['negative fractions', mat([[-1.5, 2], [3, -0.25]]), 'x =\n\n   -1.5000    2.0000\n    3.0000   -0.2500\n\n'],
  ['small fixed matrix', mat([[0.0002, 0.0004, 0.0015]]), 'x =\n\n    0.0002    0.0004    0.0015\n\n'],
  ['scale factor 1e3', mat([[1.5, 1000.5]]), 'x =\n\n   1.0e+03 *\n\n    0.0015    1.0005\n\n'],
  ['scale factor 1e-3', mat([[0.001, 0.0005]]), 'x =\n\n   1.0e-03 *\n\n    1.0000    0.5000\n\n'],
  ['scale keeps zero and NaN', mat([[0, 1500.5, NaN]]), 'x =\n\n   1.0e+03 *\n\n         0    1.5005       NaN\n\n'],
  ['big integers scale', mat([[1, 1e10]]), 'x =\n\n   1.0e+10 *\n\n    0.0000    1.0000\n\n'],
  ['13 integer columns wrap', range(14, (i) => i),
    'x =\n\n  Columns 1 through 13\n\n     1     2     3     4     5     6     7     8     9    10    11    12    13\n\n  Column 14\n\n    14\n\n'],
  ['fixed columns wrap at 8', range(10, (i) => i / 2),
    'x =\n\n  Columns 1 through 8\n\n    0.5000    1.0000    1.5000    2.0000    2.5000    3.0000    3.5000    4.0000\n\n  Columns 9 through 10\n\n    4.5000    5.0000\n\n'],
  ['twelve-wide columns wrap at 6', range(7, (i) => i * 1000),
    'x =\n\n  Columns 1 through 6\n\n        1000        2000        3000        4000        5000        6000\n\n  Column 7\n\n        7000\n\n'],
  ['scale factor above blocks', range(9, (i) => i * 1000.5),
    'x =\n\n   1.0e+03 *\n\n  Columns 1 through 8\n\n    1.0005    2.0010    3.0015    4.0020    5.0025    6.0030    7.0035    8.0040\n\n  Column 9\n\n    9.0045\n\n'],
  // Complex.
  ['complex scalar', cx(3, 4), 'x = 3.0000 + 4.0000i\n\n'],
  ['complex negative parts', cx(-1, -2), 'x = -1.0000 - 2.0000i\n\n'],
  ['imaginary unit', cx(0, 1), 'x = 0.0000 + 1.0000i\n\n'],
  ['complex row', cmat([[cx(1, 2), cx(3, -4)]]), 'x =\n\n   1.0000 + 2.0000i   3.0000 - 4.0000i\n\n'],
  ['complex e scalar', cx(1e5, 1), 'x = 1.0000e+05 + 1.0000e+00i\n\n'],
  ['complex scaled', cmat([[cx(1500, 1), cx(1, 0)]]), 'x =\n\n   1.0e+03 *\n\n   1.5000 + 0.0010i   0.0010 + 0.0000i\n\n'],
  // Single shows like double.
  ['single scalar', cast('single', num(0.1)), 'x = 0.1000\n\n'],
  ['single integers', cast('single', mat([[1, 2]])), 'x =\n\n     1     2\n\n'],
  // Integer classes and logical.
  ['int8 scalar', cast('int8', num(5)), 'x =\n\n  int8\n\n   5\n\n'],
  ['int32 min', cast('int32', num(-2147483648)), 'x =\n\n  int32\n\n   -2147483648\n\n'],
  ['uint8 row', cast('uint8', mat([[1, 2, 3]])), 'x =\n\n  1×3 uint8 row vector\n\n   1   2   3\n\n'],
  ['int16 column', cast('int16', mat([[1], [-20]])), 'x =\n\n  2×1 int16 column vector\n\n     1\n   -20\n\n'],
  ['uint8 matrix', cast('uint8', mat([[8, 1], [3, 255]])), 'x =\n\n  2×2 uint8 matrix\n\n     8     1\n     3   255\n\n'],
  ['logical scalar', bool(true), 'x =\n\n  logical\n\n   1\n\n'],
  ['logical row', bools([true, false, true]), 'x =\n\n  1×3 logical array\n\n   1   0   1\n\n'],
  // Char.
  ['char row', chars('hello'), 'x =\n\n    \'hello\'\n\n'],
  ['char with quote', chars("it's"), 'x =\n\n    \'it\'s\'\n\n'],
  ['char matrix', mat([[97, 98], [99, 100]], 'char'), 'x =\n\n  2×2 char array\n\n    \'ab\'\n    \'cd\'\n\n'],
  ['empty char', chars(''), 'x =\n\n  0×0 empty char array\n\n'],
  // Empties.
  ['[]', empty(), 'x =\n\n     []\n\n'],
  ['1x0', empty(1, 0), 'x =\n\n  1×0 empty double row vector\n\n'],
  ['0x1', empty(0, 1), 'x =\n\n  0×1 empty double column vector\n\n'],
  ['0x3', empty(0, 3), 'x =\n\n  0×3 empty double matrix\n\n'],
  ['0x3 logical', empty(0, 3, 'logical'), 'x =\n\n  0×3 empty logical array\n\n'],
  ['3-D empty', new Tensor('double', [2, 0, 3], new Float64Array(0)), 'x =\n\n  2×0×3 empty double array\n\n'],
  // Strings.
  ['string scalar', strs([1, 1], ['abc']), 'x = \n\n    "abc"\n\n'],
  ['missing string', strs([1, 1], [null]), 'x = \n\n    <missing>\n\n'],
  ['string row', strs([1, 2], ['a', 'b']), 'x = \n\n  1×2 string array\n\n    "a"    "b"\n\n'],
  ['string matrix pads columns', strs([2, 2], ['a', 'cc', 'bbb', 'd']), 'x = \n\n  2×2 string array\n\n    "a"     "bbb"\n    "cc"    "d"\n\n'],
  ['empty string array', strs([1, 0], []), 'x = \n\n  1×0 empty string array\n\n'],
  // Cells.
  ['cell row', cell([1, 2], [num(1), chars('abc')]), 'x =\n\n  1×2 cell array\n\n    {[1]}    {\'abc\'}\n\n'],
  ['cell summaries', cell([1, 5], [mat([[1, 2], [3, 4]]), empty(), strs([1, 1], ['s']), cell([1, 2], [num(1), num(2)]), struct({ a: num(1) })]),
    'x =\n\n  1×5 cell array\n\n    {2×2 double}    {0×0 double}    {["s"]}    {1×2 cell}    {1×1 struct}\n\n'],
  ['cell column alignment', cell([2, 1], [num(1), num(333)]), 'x =\n\n  2×1 cell array\n\n    {[  1]}\n    {[333]}\n\n'],
  ['cell text alignment', cell([2, 1], [chars('a'), chars('abc')]), 'x =\n\n  2×1 cell array\n\n    {\'a\'  }\n    {\'abc\'}\n\n'],
  ['cell of row and handle', cell([1, 2], [mat([[1, 2, 3]]), anon('@(x)x.^2')]), 'x =\n\n  1×2 cell array\n\n    {[1 2 3]}    {@(x)x.^2}\n\n'],
  ['empty cell', cell([0, 0], []), 'x =\n\n  0×0 empty cell array\n\n'],
  // Structs.
  ['struct', struct({ a: num(1), b: mat([[1, 2, 3]]), name: chars('x') }),
    'x = \n\n  struct with fields:\n\n       a: 1\n       b: [1 2 3]\n    name: \'x\'\n\n'],
  ['struct summaries', struct({ m: mat([[1, 2], [3, 4]]), e: empty(), c: cell([1, 2], [num(1), num(2)]), s: struct({}), f: named('sin'), t: num(0.5) }),
    'x = \n\n  struct with fields:\n\n    m: [2×2 double]\n    e: []\n    c: {1×2 cell}\n    s: [1×1 struct]\n    f: @sin\n    t: 0.5000\n\n'],
  ['struct without fields', struct({}), 'x = \n\n  struct with no fields.\n\n'],
  ['struct array', structArray([1, 2], ['a', 'b'], [{ a: num(1), b: num(2) }, { a: num(3), b: num(4) }]),
    'x = \n\n  1×2 struct array with fields:\n\n    a\n    b\n\n'],
  ['empty struct array', structArray([0, 0], ['a'], []), 'x = \n\n  0×0 empty struct array with fields:\n\n    a\n\n'],
  // Function handles.
  ['anonymous handle', anon('@(x)x.^2'), 'x =\n\n  function_handle with value:\n\n    @(x)x.^2\n\n'],
  ['named handle', named('sin'), 'x =\n\n  function_handle with value:\n\n    @sin\n\n'],
  // N-D.
  ['3-D pages', new Tensor('double', [2, 2, 2], Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8)),
    'x(:,:,1) =\n\n     1     3\n     2     4\n\n\nx(:,:,2) =\n\n     5     7\n     6     8\n\n'],
  ['4-D page indices', new Tensor('double', [1, 1, 2, 2], Float64Array.of(1, 2, 3, 4)),
    'x(:,:,1,1) =\n\n     1\n\n\nx(:,:,2,1) =\n\n     2\n\n\nx(:,:,1,2) =\n\n     3\n\n\nx(:,:,2,2) =\n\n     4\n\n'],
];

const long: [string, Value, string][] = [
  ['pi', num(Math.PI), 'x = 3.141592653589793\n\n'],
  ['12.5', num(12.5), 'x = 12.500000000000000\n\n'],
  ['integers unchanged', num(3), 'x = 3\n\n'],
  ['hundreds are e', num(100 * Math.PI), 'x = 3.141592653589793e+02\n\n'],
  ['single pi', cast('single', num(Math.PI)), 'x = 3.1415927\n\n'],
  ['matrix', mat([[1.5, -2.25]]), 'x =\n\n   1.500000000000000  -2.250000000000000\n\n'],
];

describe('displayValue (format short)', () => {
  it.each(short)('%s', (_label, value, expected) => {
    expect(displayValue('x', value, 'short')).toBe(expected);
  });
});

describe('displayValue (format long)', () => {
  it.each(long)('%s', (_label, value, expected) => {
    expect(displayValue('x', value, 'long')).toBe(expected);
  });
});

const disp: [string, Value, string][] = [
  ['scalar', num(3), '     3\n'],
  ['fraction', num(0.5), '    0.5000\n'],
  ['matrix', mat([[1, 2], [3, 4]]), '     1     2\n     3     4\n'],
  ['logical', bool(true), '   1\n'],
  ['int8', cast('int8', num(-5)), '   -5\n'],
  ['char', chars('hello'), 'hello\n'],
  ['char matrix', mat([[97, 98], [99, 100]], 'char'), 'ab\ncd\n'],
  ['empty char', chars(''), '\n'],
  ['empty double', empty(), ''],
  ['string', strs([1, 1], ['abc']), 'abc\n'],
  ['string row', strs([1, 2], ['a', 'b']), '    "a"    "b"\n'],
  ['cell', cell([1, 2], [num(1), chars('abc')]), '    {[1]}    {\'abc\'}\n'],
  ['struct', struct({ a: num(1) }), '    a: 1\n'],
  ['handle', anon('@(x)x+1'), '    @(x)x+1\n'],
  ['complex', cx(1, -1), '   1.0000 - 1.0000i\n'],
];

describe('dispText', () => {
  it.each(disp)('%s', (_label, value, expected) => {
    expect(dispText(value, 'short')).toBe(expected);
  });
});

const summaries: [string, Value, string][] = [
  ['scalar', num(1), '1'],
  ['row', mat([[1, 2, 3]]), '[1 2 3]'],
  ['fraction row', mat([[1.5, 2.25]]), '[1.5000 2.2500]'],
  ['matrix', mat([[1, 2, 3], [4, 5, 6]]), '[2×3 double]'],
  ['long row', range(40, (i) => i), '[1×40 double]'],
  ['char', chars('abc'), "'abc'"],
  ['empty char', chars(''), "''"],
  ['empty', empty(), '[]'],
  ['1x0', empty(1, 0), '[1×0 double]'],
  ['logical row', bools([true, false]), '[1 0]'],
  ['int8 matrix', cast('int8', mat([[1, 2], [3, 4]])), '[2×2 int8]'],
  ['string', strs([1, 1], ['s']), '"s"'],
  ['string array', strs([1, 2], ['a', 'b']), '[1×2 string]'],
  ['cell', cell([1, 2], [num(1), num(2)]), '{1×2 cell}'],
  ['empty cell', cell([0, 0], []), '{}'],
  ['struct', struct({ a: num(1) }), '[1×1 struct]'],
  ['complex', cx(1, 2), '1.0000 + 2.0000i'],
  ['handle', anon('@(x)x.^2'), '@(x)x.^2'],
  ['3-D', new Tensor('double', [2, 2, 2], new Float64Array(8)), '[2×2×2 double]'],
];

describe('formatValueSummary', () => {
  it.each(summaries)('%s', (_label, value, expected) => {
    expect(formatValueSummary(value)).toBe(expected);
  });
});
