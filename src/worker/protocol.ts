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
  /**
   * When the kernel started, in µs on the provider's clock (the GPU's timestamps, or the worker's
   * performance clock with wall timing). Only differences between kernels of one run mean
   * anything: the page lays a cell's kernels out from the first one's start. Absent for a
   * dispatch with no work.
   */
  startUs?: number;
  /** Key of the kernel's WGSL: EngineApi.kernelSource(sourceId). Events carry the key, never the text. */
  sourceId?: string;
}

export interface PlanDecision {
  kernel: string;
  variant: string;
  reason: string;
}

/** Where a variable's data lives: the host, or the GPU (a `double` there is computed in f32). */
export type Residency = 'cpu' | 'gpu·f32' | 'gpu';

/**
 * A displayed numeric or logical array as data, for the page's grid view. A page is one 2-D
 * slice `x(:,:,k)`; N-D arrays have several. The elements come inline when the array is small
 * enough (Session's inline cap), otherwise the page reads blocks of them with EngineApi.slice.
 */
export interface ArrayGrid {
  rows: number;
  cols: number;
  /** The product of the dimensions after the second: 1 for a matrix. */
  pages: number;
  residency: Residency;
  /**
   * What the page needs to format every element alike, as MATLAB's `format short` does: the
   * largest finite magnitude (real and imaginary parts), and whether every finite element is whole.
   */
  maxAbs: number;
  integers: boolean;
  complex: boolean;
  /** Every element, column-major, page after page; null when they are read with EngineApi.slice. */
  re: Float64Array | null;
  /** Imaginary parts, laid out like `re`; null for a real array (or when `re` is null). */
  im: Float64Array | null;
}

/** A rectangle of one page of a displayed array (EngineApi.slice), column-major. */
export interface ArrayBlock {
  /** The variable's size and class now: the page compares them with what it displayed. */
  size: number[];
  className: string;
  rowStart: number;
  rowCount: number;
  colStart: number;
  colCount: number;
  re: Float64Array;
  im: Float64Array | null;
}

/** GPU memory as the buffer pool sees it (bytes of the pool's size classes). */
export interface MemoryStatus {
  /** false when the engine has no GPU (no adapter, or the policy is off). */
  gpu: boolean;
  /** Held by live GPU arrays. */
  inUseBytes: number;
  /** Released buffers kept for reuse. */
  pooledBytes: number;
}

export type EngineEvent =
  | { type: 'stdout'; text: string }
  /**
   * `truncated`: the text is the start of a long display, ending with a note (the page offers Show all).
   * `grid`: the value as data, for numeric and logical arrays of two or more elements.
   */
  | { type: 'display'; name: string; text: string; className: string; size: number[]; truncated?: boolean; grid?: ArrayGrid }
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
  residency: Residency;
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
  /** `field`: a struct field, when the prefix is a path like `s.a.` (complete('s.a.b')). */
  kind: 'builtin' | 'variable' | 'keyword' | 'function' | 'field';
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
  /** Names starting with `prefix`; a dotted prefix (`s.ab`) lists the fields of workspace struct `s` starting with `ab`. */
  complete(prefix: string): Promise<CompletionItem[]>;
  hover(name: string): Promise<HoverDoc | null>;
  /** The parse errors of `source` (at most one: the parser stops at the first), for markers while typing. */
  parse(source: string): Promise<ErrorInfo[]>;
  /**
   * A block of page `page` (0-based) of variable `name`, 0-based rows and columns, clipped to the
   * array; null when there is no such numeric or logical variable. GPU arrays are read back first.
   */
  slice(name: string, page: number, rowStart: number, rowCount: number, colStart: number, colCount: number): Promise<ArrayBlock | null>;
  /** The WGSL of a kernel a recent event named (KernelEvent.sourceId); null once it has been forgotten. */
  kernelSource(sourceId: string): Promise<string | null>;
  /** GPU memory held by the buffer pool now. */
  memory(): Promise<MemoryStatus>;
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
