// Line specs and colour text, as plot reads them.
import { describe, expect, it } from 'vitest';
import { parseColorText, parseLineSpec, parseMarkerText } from '../../../src/engine/runtime/figures/lineSpec.ts';

describe('parseLineSpec', () => {
  it('reads colour, style and marker in any order', () => {
    expect(parseLineSpec('r--o')).toEqual({ color: [1, 0, 0], lineStyle: '--', marker: 'o' });
    expect(parseLineSpec('o--r')).toEqual({ color: [1, 0, 0], lineStyle: '--', marker: 'o' });
    expect(parseLineSpec(':k')).toEqual({ color: [0, 0, 0], lineStyle: ':', marker: null });
    expect(parseLineSpec('-.')).toEqual({ color: null, lineStyle: '-.', marker: null });
    expect(parseLineSpec('x')).toEqual({ color: null, lineStyle: null, marker: 'x' });
    expect(parseLineSpec('g^-')).toEqual({ color: [0, 1, 0], lineStyle: '-', marker: '^' });
    expect(parseLineSpec('.')).toEqual({ color: null, lineStyle: null, marker: '.' });
  });
  it('is null for text that is not a line spec (a property name)', () => {
    for (const t of ['LineWidth', 'Color', 'DisplayName', 'MarkerSize', 'rr', '----', 'oo', '', 'q']) expect(parseLineSpec(t)).toBeNull();
  });
});

describe('colours and markers', () => {
  it('reads letters, names, hex and none', () => {
    expect(parseColorText('m')).toEqual([1, 0, 1]);
    expect(parseColorText('Red')).toEqual([1, 0, 0]);
    expect(parseColorText('#FF8000')).toEqual([1, 128 / 255, 0]);
    expect(parseColorText('#0f0')).toEqual([0, 1, 0]);
    expect(parseColorText('none')).toBe('none');
    expect(parseColorText('purple')).toBeNull();
  });
  it('reads marker codes and words', () => {
    expect(parseMarkerText('square')).toBe('s');
    expect(parseMarkerText('o')).toBe('o');
    expect(parseMarkerText('none')).toBe('none');
    expect(parseMarkerText('blob')).toBeNull();
  });
});
