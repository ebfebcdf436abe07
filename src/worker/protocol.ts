// The engine's API and event union, defined once and shared by the worker, the UI and the CLI.
// Everything here is structured-clone safe: it crosses the comlink boundary as plain data.

import type { FigureModel } from '../engine/runtime/figures/model.ts';

// The figure model is plain, structured-clone safe data (typed arrays included).
export type { AxesModel, Colormap, FigureModel, Series, Rgb } from '../engine/runtime/figures/model.ts';

export type GpuPolicy = 'auto' | 'on' | 'off';

export interface InitOptions {
  gpu: GpuPolicy;
  /** Int32Array over a SharedArrayBuffer; element 0 becomes 1 when the user interrupts. */
  interruptFlag?: Int32Array;
}

export interface AdapterSummary {
  /** false when no WebGPU adapter could be had: the engine runs on the CPU provider. */
  available: boolean;
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
  features: string[];
  /** Why WebGPU is unavailable, when it is. */
  reason?: string;
}

export interface ErrorInfo {
  message: string;
  identifier: string;
  /** 1-based, in the cell's source; null for errors with no source position. */
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
}

/** One variable as the JSON contract writes it (DESIGN.md "Command line contract"). */
export interface VariableJson {
  class: string;
  size: number[];
  data?: unknown;
  fields?: string[];
}

export interface KernelEvent {
  type: 'kernel';
  name: string;
  variant: string;
  shapes: number[][];
  gpuUs: number;
  /** 'timestamp' when measured with timestamp queries; 'wall' around onSubmittedWorkDone. */
  timing: 'timestamp' | 'wall';
  gflops?: number;
  gbps?: number;
}

export interface PlanDecision {
  kernel: string;
  variant: string;
  reason: string;
}

export type EngineEvent =
  | { type: 'stdout'; text: string }
  /** `truncated`: the text is the start of a long display, ending with a note (the page offers Show all). */
  | { type: 'display'; name: string; text: string; className: string; size: number[]; truncated?: boolean }
  /** A figure the cell touched, at the end of the cell or at `drawnow` (a newer snapshot of the same id replaces it). */
  | { type: 'figure'; figure: FigureModel }
  | KernelEvent
  | { type: 'plan'; decisions: PlanDecision[] }
  | { type: 'error'; error: ErrorInfo }
  | { type: 'done'; wallMs: number; gpuMs: number; ok: boolean };

export interface WorkspaceEntry {
  name: string;
  className: string;
  size: number[];
  bytes: number;
  residency: 'cpu' | 'gpu·f32' | 'gpu';
  /** A one-line summary (`[1 2 3]`, `1x3 struct`). */
  summary: string;
}

/** A variable's display text, as an unsuppressed statement (`a = [1 2]`) shows it. */
export interface VariablePreview {
  name: string;
  text: string;
}

/** The JSON of `matbook run --json` and `window.matbook.run`. */
export interface RunResultJson {
  error: null | { message: string; identifier: string; line: number | null };
  stdout: string;
  vars: Record<string, VariableJson>;
  kernels?: { name: string; variant: string; shapes: number[][]; gpu_us: number; gflops?: number; gbps?: number }[];
  plan?: PlanDecision[];
}

export interface CompletionItem {
  name: string;
  kind: 'builtin' | 'variable' | 'keyword' | 'function';
  detail: string;
}

export interface HoverDoc {
  name: string;
  signatures: string[];
  doc: string;
}

/** One builtin's entry in the page's Functions panel. */
export interface BuiltinDoc {
  name: string;
  /** The registry family (`elementwise`, `linalg`, `signal`, …). */
  family: string;
  signatures: string[];
  doc: string;
}

/** What the worker exposes through comlink. */
export interface EngineApi {
  init(options: InitOptions): Promise<AdapterSummary>;
  run(cellId: string, source: string, onEvent: (event: EngineEvent) => void): Promise<void>;
  /** Runs source as the JSON contract; used by window.matbook.run and the e2e tests. */
  runJson(source: string, gpu: GpuPolicy): Promise<RunResultJson>;
  reset(): Promise<void>;
  workspace(): Promise<WorkspaceEntry[]>;
  /** A variable's display text (GPU arrays are read back first); null when there is no such variable. */
  preview(name: string): Promise<VariablePreview | null>;
  complete(prefix: string): Promise<CompletionItem[]>;
  hover(name: string): Promise<HoverDoc | null>;
  /** Every builtin with its signatures and doc, sorted by family then name. */
  listBuiltins(): Promise<BuiltinDoc[]>;
  /**
   * Test hook: destroys the GPU device as a driver reset would (`window.matbook.loseDevice()`).
   * The next cell says so and runs on the CPU. Resolves false when no device was in use.
   */
  loseDevice(): Promise<boolean>;
  /** Runs the elementwise-add kernel on the GPU and the CPU provider and compares them. */
  gpuSelfTest(): Promise<{ ok: boolean; maxAbsDiff: number; n: number; kernel: KernelEvent | null; adapter: AdapterSummary }>;
}
