// The Workspace panel's pure logic (byte and size labels, sorting) and the engine's workspace and
// preview calls as the panel uses them (CPU provider, in Node).
import { describe, expect, it } from 'vitest';
import {
  exactBytes,
  formatBytes,
  nextSort,
  numelOf,
  residencyTitle,
  sizeText,
  sortEntries,
  totalBytes,
  variableCountLabel,
} from '../../../src/ui/core/workspace.ts';
import { createEngineApi } from '../../../src/worker/engineApi.ts';
import type { EngineEvent, WorkspaceEntry } from '../../../src/worker/protocol.ts';

const entry = (name: string, size: number[], bytes: number, className = 'double', residency: WorkspaceEntry['residency'] = 'cpu'): WorkspaceEntry => ({
  name,
  className,
  size,
  bytes,
  residency,
  summary: '',
});

describe('formatBytes', () => {
  it('counts bytes below a kilobyte', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(32)).toBe('32 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
  });

  it('uses binary units with one decimal below 10', () => {
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1234)).toBe('1.2 KB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(40_000)).toBe('39 KB');
    expect(formatBytes(5000 * 1000 * 8)).toBe('38 MB');
    expect(formatBytes(4096 * 4096 * 8)).toBe('128 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
  });

  it('rounds up into the next unit rather than showing 1024', () => {
    expect(formatBytes(1024 * 1024 - 10)).toBe('1 MB');
    expect(formatBytes(1024 ** 5)).toBe('1024 TB');
  });

  it('has a dash for nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('writes the exact count for tooltips', () => {
    expect(exactBytes(1)).toBe('1 byte');
    expect(exactBytes(40_000_000)).toBe('40,000,000 bytes');
  });
});

describe('sizes and labels', () => {
  it('writes sizes with ×', () => {
    expect(sizeText([4096, 4096])).toBe('4096×4096');
    expect(sizeText([2, 3, 4])).toBe('2×3×4');
    expect(sizeText([0, 0])).toBe('0×0');
    expect(numelOf([2, 3, 4])).toBe(24);
    expect(numelOf([0, 5])).toBe(0);
  });

  it('counts variables and bytes', () => {
    expect(variableCountLabel(0)).toBe('empty');
    expect(variableCountLabel(1)).toBe('1 variable');
    expect(variableCountLabel(3)).toBe('3 variables');
    expect(totalBytes([entry('a', [1, 1], 8), entry('b', [2, 2], 32)])).toBe(40);
  });

  it('explains each residency', () => {
    expect(residencyTitle('gpu·f32')).toBe('double computed in f32 on the GPU');
    expect(residencyTitle('gpu')).toBe('on the GPU');
    expect(residencyTitle('cpu')).toBe('in host memory');
  });
});

describe('sortEntries', () => {
  const entries = [
    entry('b', [1, 10], 80),
    entry('A', [2, 2], 32, 'single', 'gpu'),
    entry('c', [10, 1], 80, 'char'),
    entry('a', [1, 1], 8, 'double', 'gpu·f32'),
  ];
  const names = (list: WorkspaceEntry[]) => list.map((e) => e.name);

  it('sorts by name by default, case-insensitively, without touching the input', () => {
    const copy = [...entries];
    expect(names(sortEntries(entries))).toEqual(['A', 'a', 'b', 'c']);
    expect(entries).toEqual(copy);
  });

  it('sorts by bytes, ties by name', () => {
    expect(names(sortEntries(entries, { key: 'bytes', descending: false }))).toEqual(['a', 'A', 'b', 'c']);
    expect(names(sortEntries(entries, { key: 'bytes', descending: true }))).toEqual(['b', 'c', 'A', 'a']);
  });

  it('sorts by size (element count, then dimensions), class and residency', () => {
    expect(names(sortEntries(entries, { key: 'size', descending: false }))).toEqual(['a', 'A', 'b', 'c']);
    expect(names(sortEntries(entries, { key: 'class', descending: false }))).toEqual(['c', 'a', 'b', 'A']);
    expect(names(sortEntries(entries, { key: 'residency', descending: false }))).toEqual(['b', 'c', 'A', 'a']);
  });

  it('flips the direction on the same column, starts ascending on another', () => {
    expect(nextSort({ key: 'name', descending: false }, 'name')).toEqual({ key: 'name', descending: true });
    expect(nextSort({ key: 'name', descending: true }, 'bytes')).toEqual({ key: 'bytes', descending: false });
  });
});

describe('engine workspace and preview', () => {
  it('lists the variables and previews one as MATLAB displays it', async () => {
    const api = createEngineApi();
    const events: EngineEvent[] = [];
    await api.run('c1', "a = [1 2; 3 4]; s = 'text'; x = 2.5;", (e) => events.push(e));
    expect(events.at(-1)).toMatchObject({ type: 'done', ok: true });

    const ws = await api.workspace();
    expect(ws.map((e) => e.name)).toEqual(['a', 's', 'x']);
    expect(ws[0]).toMatchObject({ className: 'double', size: [2, 2], bytes: 32, residency: 'cpu' });
    expect(ws[1]).toMatchObject({ className: 'char', size: [1, 4], bytes: 8 });

    const a = await api.preview('a');
    expect(a?.name).toBe('a');
    expect(a?.text).toContain('a =');
    expect(a?.text).toContain('1     2');
    expect(a?.text).toContain('3     4');
    expect((await api.preview('x'))?.text).toBe('x = 2.5000\n\n');
    expect((await api.preview('s'))?.text).toContain('text');
    expect(await api.preview('nope')).toBeNull();

    // Too big to show in full: the summary and why, without formatting 200,000 numbers.
    await api.run('c2', 'big = zeros(1000, 200);', () => undefined);
    const big = await api.preview('big');
    expect(big?.text).toContain('big =');
    expect(big?.text).toContain('1000×200 double');
    expect(big?.text).toContain('200,000 elements');
    expect(big!.text.length).toBeLessThan(300);

    await api.reset();
    expect(await api.workspace()).toEqual([]);
    expect(await api.preview('a')).toBeNull();
  });
});
