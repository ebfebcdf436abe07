// The Workspace panel's logic, pure: byte and size labels, residency labels and sorting the
// variables. The panel (components/WorkspacePanel.tsx) only renders what this returns.

import type { WorkspaceEntry } from '../../worker/protocol.ts';

export type Residency = WorkspaceEntry['residency'];

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * Bytes in binary units with two or three significant digits: `0 bytes`, `1 byte`, `32 bytes`,
 * `1.2 KB`, `38 MB`. Below 10 of a unit one decimal is kept (`1.5 MB`, but `2 KB` for 2048).
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  for (;;) {
    // Round first so that 1023.9 KB reads `1 MB`, not `1024 KB`.
    const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
    if (rounded >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit += 1;
      continue;
    }
    const text = rounded < 10 ? rounded.toFixed(1).replace(/\.0$/, '') : String(rounded);
    return `${text} ${UNITS[unit]}`;
  }
}

/** The exact byte count, for a tooltip: `1,234 bytes`. */
export function exactBytes(bytes: number): string {
  return bytes === 1 ? '1 byte' : `${bytes.toLocaleString('en-US')} bytes`;
}

/** `[4096, 4096]` → `4096×4096`; `[2, 3, 4]` → `2×3×4`. */
export function sizeText(size: readonly number[]): string {
  return size.join('×');
}

/** The number of elements of an array of this size. */
export function numelOf(size: readonly number[]): number {
  return size.reduce((n, d) => n * d, 1);
}

/** What a residency badge's tooltip says. */
export function residencyTitle(residency: Residency): string {
  switch (residency) {
    case 'cpu':
      return 'in host memory';
    case 'gpu':
      return 'on the GPU';
    case 'gpu·f32':
      return 'double computed in f32 on the GPU';
  }
}

export type WorkspaceSortKey = 'name' | 'class' | 'size' | 'bytes' | 'residency';

export interface WorkspaceSort {
  key: WorkspaceSortKey;
  descending: boolean;
}

export const DEFAULT_SORT: WorkspaceSort = { key: 'name', descending: false };

const RESIDENCY_ORDER: Record<Residency, number> = { cpu: 0, gpu: 1, 'gpu·f32': 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names compare case-insensitively first, then by code unit so the order is total. */
function compareNames(a: string, b: string): number {
  return compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b);
}

function compareSizes(a: readonly number[], b: readonly number[]): number {
  const byNumel = numelOf(a) - numelOf(b);
  if (byNumel !== 0) return byNumel;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 1) - (b[i] ?? 1);
    if (d !== 0) return d;
  }
  return 0;
}

function compareBy(key: WorkspaceSortKey, a: WorkspaceEntry, b: WorkspaceEntry): number {
  switch (key) {
    case 'name':
      return compareNames(a.name, b.name);
    case 'class':
      return compareText(a.className, b.className);
    case 'size':
      return compareSizes(a.size, b.size);
    case 'bytes':
      return a.bytes - b.bytes;
    case 'residency':
      return RESIDENCY_ORDER[a.residency] - RESIDENCY_ORDER[b.residency];
  }
}

/**
 * The entries sorted by `sort` (a new array). Ties on the key go by name, always ascending, so the
 * order is stable whichever way the key runs.
 */
export function sortEntries(entries: readonly WorkspaceEntry[], sort: WorkspaceSort = DEFAULT_SORT): WorkspaceEntry[] {
  const sign = sort.descending ? -1 : 1;
  return [...entries].sort((a, b) => sign * compareBy(sort.key, a, b) || compareNames(a.name, b.name));
}

/** Clicking a column header: the same column flips its direction, another one sorts ascending. */
export function nextSort(current: WorkspaceSort, key: WorkspaceSortKey): WorkspaceSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: false };
}

/** `3 variables`, `1 variable`, `empty`. */
export function variableCountLabel(n: number): string {
  if (n === 0) return 'empty';
  return n === 1 ? '1 variable' : `${n} variables`;
}

/** The sum of the entries' bytes. */
export function totalBytes(entries: readonly WorkspaceEntry[]): number {
  return entries.reduce((n, e) => n + e.bytes, 0);
}
