// Splitting and merging cell text, and the run timer's arithmetic and format.
import { describe, expect, it } from 'vitest';
import { mergeSources, splitSource } from '../../../src/ui/core/cells/cellText.ts';
import { changedSinceRun, formatElapsed, runElapsedMs } from '../../../src/ui/core/cells/runRecord.ts';
import { createCellRuntime } from '../../../src/ui/core/cells/types.ts';

describe('splitSource', () => {
  it.each([
    ['a = 1;\nb = 2;', [7], ['a = 1;', 'b = 2;']],
    ['a = 1;\nb = 2;', [6], ['a = 1;', 'b = 2;']],
    ['abc', [0], ['', 'abc']],
    ['abc', [3], ['abc', '']],
    ['one\ntwo\nthree', [4, 8], ['one', 'two', 'three']],
    ['one\ntwo\nthree', [8, 4, 4], ['one', 'two', 'three']],
    ['x\r\n\r\ny', [1], ['x', 'y']],
    ['abc', [-5], ['', 'abc']],
    ['abc', [], ['abc']],
  ])('%j at %j', (source, offsets, parts) => {
    expect(splitSource(source, offsets)).toEqual(parts);
  });
});

describe('mergeSources', () => {
  it('joins code line after line and Markdown with a blank line', () => {
    expect(mergeSources('a = 1;\n\n', '\nb = 2;', 'code')).toBe('a = 1;\nb = 2;');
    expect(mergeSources('# Title', 'Text', 'markdown')).toBe('# Title\n\nText');
    expect(mergeSources('', 'b', 'code')).toBe('b');
    expect(mergeSources('a', '', 'code')).toBe('a');
  });
});

describe('run records', () => {
  const record = { source: 'x = 1', startedAt: 1000, endedAt: 1400 };

  it('marks a cell changed only after it ran and was edited', () => {
    expect(changedSinceRun('x = 1', undefined)).toBe(false);
    expect(changedSinceRun('x = 1', record)).toBe(false);
    expect(changedSinceRun('x = 2', record)).toBe(true);
  });

  it('counts from the start while running, then prefers the engine wall time over the page clock', () => {
    const running = { ...createCellRuntime(), status: 'running' as const };
    expect(runElapsedMs({ ...record, endedAt: null }, running, 2300)).toBe(1300);
    const done = { ...createCellRuntime(), status: 'done' as const, wallMs: 350 };
    expect(runElapsedMs(record, done, 9999)).toBe(350);
    const interrupted = { ...createCellRuntime(), status: 'error' as const, interrupted: true };
    expect(runElapsedMs(record, interrupted, 9999)).toBe(400);
    expect(runElapsedMs({ source: '', startedAt: null, endedAt: null }, interrupted, 9999)).toBeNull();
  });

  it.each([
    [42.7, '42 ms'],
    [1000, '1.0 s'],
    [1349, '1.3 s'],
    [9999, '9.9 s'],
    [12_500, '12 s'],
    [125_000, '2m 5s'],
    [3_840_000, '1h 4m'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
