// The cell model: CellData is what the user owns (kind and source); CellRuntime is what the engine
// reported about the cell's last run. They are kept apart so that typing never touches outputs and
// an engine event never touches the source.

import type { ArrayGrid, EngineEvent, ErrorInfo, FigureModel, KernelEvent, PlanDecision } from '../../../worker/protocol.ts';
import type { CellId } from './ids.ts';

export type CellKind = 'code' | 'markdown';

export interface CellData {
  id: CellId;
  kind: CellKind;
  /** MATLAB code for a code cell, Markdown for a markdown cell. */
  source: string;
}

/**
 * idle: never run (or its queued run was cancelled); queued: waiting for the engine;
 * running: the engine is executing it; done / error: its last run finished, ok or not.
 */
export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error';

/** One block of a cell's output, in the order the engine produced them. */
export type CellOutput =
  | { kind: 'stdout'; text: string }
  /** `grid`: the array as data, for the grid view (not kept when the notebook is saved). */
  | { kind: 'display'; name: string; text: string; className: string; size: number[]; truncated?: boolean; grid?: ArrayGrid }
  /** A figure the run drew (the latest snapshot of each figure number; the page renders it after the text outputs). */
  | { kind: 'figure'; figure: FigureModel }
  | { kind: 'error'; error: ErrorInfo }
  /** Something the page itself says about the run (interrupted, workspace lost, engine failed). */
  | { kind: 'notice'; text: string; tone: 'warning' | 'error' };

export interface CellRuntime {
  status: CellStatus;
  /** The notebook-wide run number of the last run, shown as [n]; null before the first run. */
  executionCount: number | null;
  outputs: CellOutput[];
  /** The kernel events of the last run, in dispatch order. */
  kernels: KernelEvent[];
  /** The fusion planner's decisions of the last run. */
  plan: PlanDecision[];
  /** Wall and GPU time of the last run, from its `done` event; null until it finishes. */
  wallMs: number | null;
  gpuMs: number | null;
  /** The last run was stopped by an interrupt or a restart. */
  interrupted: boolean;
}

/**
 * Everything that can happen to a cell's runtime: the engine's events, plus the lifecycle steps
 * the page itself drives (queueing, starting, cancelling, interrupting, an engine failure).
 */
export type CellMessage =
  | EngineEvent
  | { type: 'queued' }
  | { type: 'started'; executionCount: number }
  /** Taken off the queue before it started. */
  | { type: 'cancelled' }
  /** Stopped while running; `workspaceLost` when the worker had to be terminated. */
  | { type: 'interrupted'; workspaceLost: boolean }
  /** The engine call itself failed (worker crashed, protocol error), not the MATLAB code. */
  | { type: 'engineFailed'; message: string };

export function createCellData(id: CellId, kind: CellKind, source = ''): CellData {
  return { id, kind, source };
}

export function createCellRuntime(): CellRuntime {
  return {
    status: 'idle',
    executionCount: null,
    outputs: [],
    kernels: [],
    plan: [],
    wallMs: null,
    gpuMs: null,
    interrupted: false,
  };
}
