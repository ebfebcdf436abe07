// sprintf/fprintf, num2str and mat2str. The Octave rows were produced by GNU Octave 7 (which
// agrees with MATLAB on these); the MATLAB rows cover where Octave differs (`%d`/`%s` of a
// non-integer, huge integers).
import { describe, expect, it } from 'vitest';
import { formatPrintf, mat2str, num2strText, processEscapes } from '../../../src/engine/runtime/display/index.ts';
import type { Value } from '../../../src/engine/runtime/values/index.ts';
import { bool, bools, cast, cell, chars, cmat, cx, empty, mat, num } from './helpers.ts';

const octavePrintf: [string, Value[], string][] = [
  ["%d|", [mat([[1, 2, 3]])], "1|2|3|"],
  ["%5d|%-5d|%05d|", [num(42), num(42), num(42)], "   42|42   |00042|"],
  ["%+d % d|", [num(5), num(-5)], "+5 -5|"],
  ["%.3d|", [num(7)], "007|"],
  ["%i,%u", [num(12), num(13)], "12,13"],
  ["%f %e %g", [num(Math.PI), num(Math.PI), num(Math.PI)], "3.141593 3.141593e+00 3.14159"],
  ["%.2f|%10.3f|%-10.1f|", [num(2.345), num(-1.5), num(0.25)], "2.35|    -1.500|0.2       |"],
  ["%.0f %.0f %.0f %.0f", [num(0.5), num(1.5), num(2.5), num(-0.5)], "0 2 2 -0"],
  ["%e", [num(0)], "0.000000e+00"],
  ["%E", [num(12345.678)], "1.234568E+04"],
  ["%g %g %g %g", [num(1e-5), num(123456), num(1234567), num(0.0001)], "1e-05 123456 1.23457e+06 0.0001"],
  ["%G", [num(1e-10)], "1E-10"],
  ["%.3g|%.10g", [num(Math.PI), num(0.1)], "3.14|0.1"],
  ["%#g|%#.0f|%#o|%#x", [num(1), num(3), num(8), num(255)], "1.00000|3.|010|0xff"],
  ["%x %X %o", [num(255), num(255), num(8)], "ff FF 10"],
  ["%c%c%c", [num(72), num(105), num(33)], "Hi!"],
  ["%s", [chars('hello')], "hello"],
  ["%s and %s", [chars('abc'), chars('de')], "abc and de"],
  ["%d", [chars('abc')], "979899"],
  ["%s-%d;", [chars('ab'), num(1), chars('cd'), num(2)], "ab-1;cd-2;"],
  ["%5s|%-5s|%.2s|", [chars('ab'), chars('ab'), chars('abcdef')], "   ab|ab   |ab|"],
  ["%d and %d", [num(1)], "1 and "],
  ["hello %d", [], "hello "],
  ["x%sy", [], "x"],
  ["a%db", [empty()], "ab"],
  ["%d,", [mat([[1, 2], [3, 4]])], "1,3,2,4,"],
  ["%5.1f|", [num(NaN), num(Infinity), num(-Infinity)], "  NaN|  Inf| -Inf|"],
  ["%d %i", [num(NaN), num(-Infinity)], "NaN -Inf"],
  ["%05d|", [num(Infinity)], "  Inf|"],
  ["%*d|", [num(5), num(3)], "    3|"],
  ["%.*f|", [num(2), num(Math.PI)], "3.14|"],
  ["%-*d|", [num(4), num(7)], "7   |"],
  ["%d\\n", [cast('int8', mat([[1, 2]]))], "1\n2\n"],
  ["%d", [bool(true)], "1"],
  ["%f", [cast('single', num(0.1))], "0.100000"],
  ["abc", [num(1), num(2)], "abc"],
  ["%%|\\t|\\\\", [], "%|\t|\\"],
  ["%d", [num(2 ** 53)], "9007199254740992"],
  ["%d", [num(1e15)], "1000000000000000"],
  ["[%s]", [chars('')], "[]"],
  ["%s", [chars('')], ""],
  ["%d %d\\n", [mat([[1, 2, 3]])], "1 2\n3 "],
  ["%6.2e|", [num(123.456)], "1.23e+02|"],
  ["%g", [num(100000)], "100000"],
  ["%g", [num(1e6)], "1e+06"],
  ["%g", [num(-0.5)], "-0.5"],
  ["%.15g", [num(0.1)], "0.1"],
  ["%.17g", [num(0.1)], "0.10000000000000001"],
  ["%10.4f|", [num(-Math.PI)], "   -3.1416|"],
  ["%+.2e", [num(12345)], "+1.23e+04"],
  ["% 05.1f|", [num(3.14159)], " 03.1|"],
  ["%-+8.2f|", [num(2.5)], "+2.50   |"],
  ["%c", [chars('hello')], "hello"],
  ["%s=%d\\n", [chars('x'), num(3)], "x=3\n"],
  ["\\x41\\101", [], "AA"],
  ["%o", [num(0)], "0"],
  ["%x", [num(0)], "0"],
  ["%.0e", [num(12345)], "1e+04"],
  ["%#.0e", [num(12345)], "1.e+04"],
  ["%g", [num(1e-4)], "0.0001"],
  ["%g", [num(9.9999e-5)], "9.9999e-05"],
  ["%.2g", [num(0.000123456)], "0.00012"],
  ["%g", [num(123456789012)], "1.23457e+11"],
];

const matlabPrintf: [string, Value[], string][] = [
  ['%d', [num(1.5)], '1.500000e+00'],
  ['%i|%5.1d|', [num(2.5), num(-0.25)], '2.500000e+00|-2.5e-01|'],
  ['%x', [num(1.5)], '1.500000e+00'],
  ['%s', [num(3.5)], '3.500000e+00'],
  ['%s%s', [num(72), num(105)], 'Hi'],
  ['%d', [num(1e20)], '100000000000000000000'],
  ['%d,', [bools([true, false])], '1,0,'],
  ['%s|', [chars('ab'), chars('c')], 'ab|c|'],
  ['%c|', [chars('ab')], 'a|b|'],
  ['%d %s\n', [num(1), chars('one'), num(2), chars('two')], '1 one\n2 two\n'],
  ['%s', [], ''],
  ['no conversions\n', [], 'no conversions\n'],
  ['[%4d]', [empty()], '[]'],
  ['%d', [cast('uint8', mat([[200, 255]]))], '200255'],
  ['%.2f', [cx(1.5, 2)], '1.50'],
];

describe('formatPrintf', () => {
  it.each(octavePrintf)('sprintf(%j, …) as Octave', (fmt, args, expected) => {
    expect(formatPrintf(fmt, args)).toBe(expected);
  });
  it.each(matlabPrintf)('sprintf(%j, …) as MATLAB', (fmt, args, expected) => {
    expect(formatPrintf(fmt, args)).toBe(expected);
  });
  it('rejects cell arguments', () => {
    expect(() => formatPrintf('%d', [cell([1, 1], [num(1)])])).toThrow(/cell/);
  });
  it('processes escapes only in the format', () => {
    expect(processEscapes('a\\tb\\n\\\\\\x41\\101')).toBe('a\tb\n\\AA');
    expect(formatPrintf('%s', [chars('a\\n')])).toBe('a\\n');
  });
  it('stops at an invalid conversion', () => {
    expect(formatPrintf('abc%qdef', [num(1)])).toBe('abc');
  });
  it('keeps bool scalars as numbers', () => {
    expect(formatPrintf('%d', [bool(true)])).toBe('1');
  });
});

const conversions: [string, () => string, string][] = [
  ['num2str(pi)', () => num2strText(num(Math.PI)), "3.1416"],
  ['num2str(3)', () => num2strText(num(3)), "3"],
  ['num2str(-7)', () => num2strText(num(-7)), "-7"],
  ['num2str(123456789)', () => num2strText(num(123456789)), "123456789"],
  ['num2str(1.23456789e10)', () => num2strText(num(1.23456789e10)), "12345678900"],
  ['num2str(0.1)', () => num2strText(num(0.1)), "0.1"],
  ['num2str(1e-5)', () => num2strText(num(1e-5)), "1e-05"],
  ['num2str([1 2 3])', () => num2strText(mat([[1, 2, 3]])), "1  2  3"],
  ['num2str([1.5 2.25 -3])', () => num2strText(mat([[1.5, 2.25, -3]])), "1.5        2.25          -3"],
  ['num2str([1 2; 3 4])', () => num2strText(mat([[1, 2], [3, 4]])), "1  2\n3  4"],
  ['num2str([10 -200; 3 4])', () => num2strText(mat([[10, -200], [3, 4]])), "10 -200\n 3    4"],
  ['num2str(pi, 8)', () => num2strText(num(Math.PI), 8), "3.1415927"],
  ['num2str(pi, \'%10.5f\')', () => num2strText(num(Math.PI), "%10.5f"), "3.14159"],
  ['num2str([1 2 3], \'%d,\')', () => num2strText(mat([[1, 2, 3]]), "%d,"), "1,2,3,"],
  ['num2str(true)', () => num2strText(bool(true)), "1"],
  ['num2str([true false])', () => num2strText(bools([true, false])), "1  0"],
  ['num2str(NaN)', () => num2strText(num(NaN)), "NaN"],
  ['num2str([1 NaN Inf])', () => num2strText(mat([[1, NaN, Infinity]])), "1  NaN  Inf"],
  ['num2str(-Inf)', () => num2strText(num(-Infinity)), "-Inf"],
  ['num2str(3+4i)', () => num2strText(cx(3, +4)), "3+4i"],
  ['num2str([1+2i 3.5-4i])', () => num2strText(cmat([[cx(1, +2), cx(3.5, -4)]])), "1+2i                   3.5-4i"],
  ['num2str(1e10)', () => num2strText(num(1e10)), "10000000000"],
  ['num2str(123.456)', () => num2strText(num(123.456)), "123.456"],
  ['num2str(-0.5)', () => num2strText(num(-0.5)), "-0.5"],
  ['num2str([0.1 0.22; 10 200])', () => num2strText(mat([[0.1, 0.22], [10, 200]])), "0.1          0.22\n 10           200"],
  ['num2str(int8(-5))', () => num2strText(cast('int8', num(-5))), "-5"],
  ['num2str(int8([1 2 3]))', () => num2strText(cast('int8', mat([[1, 2, 3]]))), "1  2  3"],
  ['num2str(single(pi))', () => num2strText(cast('single', num(Math.PI))), "3.1416"],
  ['num2str([1e-5 1])', () => num2strText(mat([[1e-5, 1]])), "1e-05           1"],
  ['num2str(1.5e300)', () => num2strText(num(1.5e300)), "1.5e+300"],
  ['num2str(99999.5)', () => num2strText(num(99999.5)), "99999.5"],
  ['num2str(12345.678)', () => num2strText(num(12345.678)), "12345.678"],
  ['num2str(0)', () => num2strText(num(0)), "0"],
  ['num2str(1e20)', () => num2strText(num(1e20)), "1e+20"],
  ['num2str(2^53)', () => num2strText(num(2 ** 53)), "9007199254740992"],
  ['mat2str([1 2;3 4])', () => mat2str(mat([[1, 2], [3, 4]])), "[1 2;3 4]"],
  ['mat2str(pi)', () => mat2str(num(Math.PI)), "3.14159265358979"],
  ['mat2str([1.5 -2])', () => mat2str(mat([[1.5, -2]])), "[1.5 -2]"],
  ['mat2str(pi, 4)', () => mat2str(num(Math.PI), 4), "3.142"],
  ['mat2str([true false])', () => mat2str(bools([true, false])), "[true false]"],
  ['mat2str([])', () => mat2str(empty()), "zeros(0,0)"],
  ['mat2str([1;2])', () => mat2str(mat([[1], [2]])), "[1;2]"],
  ['mat2str(NaN)', () => mat2str(num(NaN)), "NaN"],
  ['mat2str([Inf -Inf])', () => mat2str(mat([[Infinity, -Infinity]])), "[Inf -Inf]"],
  ['mat2str(3+4i)', () => mat2str(cx(3, +4)), "3+4i"],
  ['mat2str([1+2i 3-4i])', () => mat2str(cmat([[cx(1, +2), cx(3, -4)]])), "[1+2i 3-4i]"],
  ['mat2str(int8([1 2]))', () => mat2str(cast('int8', mat([[1, 2]]))), "[1 2]"],
  ['mat2str(0.1)', () => mat2str(num(0.1)), "0.1"],
  ['mat2str(1e20)', () => mat2str(num(1e20)), "1e+20"],
  ['mat2str(1e-20)', () => mat2str(num(1e-20)), "1e-20"],
  ['mat2str(true)', () => mat2str(bool(true)), "true"],
  ['mat2str(single(0.1))', () => mat2str(cast('single', num(0.1))), "0.100000001490116"],
  ['mat2str(1/3)', () => mat2str(num(1 / 3)), "0.333333333333333"],
  ['mat2str([0.1 0.2 0.3], 3)', () => mat2str(mat([[0.1, 0.2, 0.3]]), 3), "[0.1 0.2 0.3]"],
  ['mat2str(zeros(0,3))', () => mat2str(empty(0, 3)), 'zeros(0,3)'],
  ["mat2str('it''s')", () => mat2str(chars("it's")), "'it''s'"],
  ["mat2str(['ab';'cd'])", () => mat2str(mat([[97, 98], [99, 100]], 'char')), "['ab';'cd']"],
  ["num2str('abc')", () => num2strText(chars('abc')), 'abc'],
  ['num2str([])', () => num2strText(empty()), ''],
];

describe('num2str and mat2str', () => {
  it.each(conversions)('%s', (_label, run, expected) => {
    expect(run()).toBe(expected);
  });
  it('complex row', () => {
    expect(mat2str(cmat([[cx(1, -0.5), cx(0, 2)]]))).toBe('[1-0.5i 0+2i]');
  });
});
