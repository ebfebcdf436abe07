// What the page remembers of a cell's last run, beside what the engine reported (CellRuntime):
// the source it ran (so an edit afterwards shows as "changed since run") and the wall clock around
// it (so a running cell shows a ticking timer, and a finished one how long it took).

import type { CellRuntime } from './types.ts';

export interface RunRecord {
  /** The source the run executed. */
  source: string;
  /** Date.now() when the run started; null when not known (a run restored from a saved notebook). */
  startedAt: number | null;
  /** Date.now() when the run ended, however it ended; null while running or when not known. */
  endedAt: number | null;
}

/** The cell was edited after its last run started (never true for a cell that has not run). */
export function changedSinceRun(source: string, record: RunRecord | undefined): boolean {
  return record !== undefined && record.source !== source;
}

/**
 * How long the last run took, or has taken so far at `now` while it runs: the engine's own wall
 * time when it reported one, otherwise the page's clock. Null when nothing is known.
 */
export function runElapsedMs(record: RunRecord | undefined, runtime: CellRuntime, now: number): number | null {
  if (runtime.status === 'running') return record?.startedAt == null ? null : Math.max(0, now - record.startedAt);
  if (runtime.wallMs !== null) return runtime.wallMs;
  if (record?.startedAt == null || record.endedAt === null) return null;
  return Math.max(0, record.endedAt - record.startedAt);
}

/** A short duration for the cell gutter (at most 7 characters): `42 ms`, `1.3 s`, `12 s`, `2m 5s`, `1h 4m`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.floor(ms)} ms`;
  const tenths = Math.floor(ms / 100);
  if (tenths < 100) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}
