// The shape of a builtin: what the registry records for each function, and the context a builtin
// runs in. The interpreter implements CallContext; builtins never reach into the interpreter.

import type { ElementwiseOpName } from '../graph/elementwiseOps.ts';
import type { ReduceOpName } from '../graph/node.ts';
import type { CpuProvider } from '../providers/provider.ts';
import type { Value } from '../runtime/values/index.ts';
import type { FigureState } from '../runtime/figures/state.ts';

/** A value or a promise of it: GPU readbacks make some calls asynchronous, most are not. */
export type Async<T> = T | Promise<T>;

export type NumberFormat = 'short' | 'long';

export interface RandomSource {
  /** Uniform in (0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  seed(s: number): void;
  /** The current seed for `rng` display. */
  readonly currentSeed: number;
  /** Incremented by every seed() and restore(): the GPU generator restarts its counter then. */
  readonly generation: number;
  /** The generator's full state (what `s = rng` keeps in s.State). */
  state(): Float64Array;
  /** Puts back a state from state(); false when it is not one. */
  restore(state: ArrayLike<number>, seed: number): boolean;
}

export interface CallContext {
  /** How many outputs the caller asked for (0 for a statement like `f(x)`, at least 1 in an expression). */
  readonly nargout: number;
  readonly cpu: CpuProvider;
  readonly random: RandomSource;
  format: NumberFormat;
  /** Appends to the cell's stdout stream. */
  print(text: string): void;
  /** Shows a value as an unsuppressed statement would (`display`). */
  display(name: string, value: Value): void;
  warning(identifier: string, message: string): void;
  /** Calls a function handle or a function by name with MATLAB lookup (cell functions, builtins). */
  call(fn: Value | string, args: Value[], nargout: number): Async<Value[]>;
  /** Workspace services for clear/who/exist. */
  workspace: {
    names(): string[];
    get(name: string): Value | undefined;
    clear(names: string[] | null): void;
    functionExists(name: string): 'builtin' | 'user' | null;
  };
  /** Seconds since an arbitrary origin, for tic/toc. */
  now(): number;
  /** The session's figures (graphics builtins: plot, subplot, hold, ...). */
  readonly figures: FigureState;
  /** Raises MATLAB:interrupted when the user has asked the cell to stop. */
  checkInterrupt(): void;
  /**
   * Waits `seconds` (Inf: until interrupted) without blocking the worker, sending the output so
   * far first and stopping within a few tens of ms of an interrupt.
   */
  sleep(seconds: number): Async<void>;
}

export type Family =
  | 'operators'
  | 'elementwise'
  | 'construction'
  | 'shape'
  | 'reductions'
  | 'statistics'
  | 'linalg'
  | 'strings'
  | 'cells'
  | 'types'
  | 'session'
  | 'io'
  | 'signal'
  | 'graphics';

export interface BuiltinSpec {
  readonly family: Family;
  /** MATLAB call forms, e.g. `S = sum(A, dim)`. The first is the one completion shows. */
  readonly signatures: readonly string[];
  /** One paragraph and an example. */
  readonly doc: string;
  /** The CPU implementation. Returns one value, several (multiple outputs), or none. */
  readonly impl: (args: Value[], ctx: CallContext) => Async<Value | Value[] | undefined | void>;
  /** How the call runs on the GPU, where it can (the interpreter's GPU path reads this). */
  readonly lowering?: Lowering;
}

/**
 * GPU lowerings: an elementwise graph op, a reduction, a random fill, or a residency change
 * (moving data between host and device). A builtin without one always runs on the host.
 */
export type Lowering =
  | { readonly elementwise: ElementwiseOpName }
  | { readonly reduction: ReduceOpName }
  | { readonly random: 'uniform' | 'normal' }
  /** Matrix structure: products (elementwise when an operand is a scalar), transposes, diagonals. */
  | { readonly matrix: 'mtimes' | 'transpose' | 'diag' }
  /** Built from several graph nodes: var/std (mean, centred square, mean) and vector norms. */
  | { readonly composite: 'var' | 'std' | 'norm' | 'cov' }
  /** A matrix operator that is elementwise when `scalar` says which operand is a scalar (`A*2`, `A/2`). */
  | { readonly scalarElementwise: ElementwiseOpName; readonly scalar: 'either' | 'first' | 'second' | 'both' }
  | { readonly residency: 'toDevice' | 'toHost' | 'isOnDevice' };
