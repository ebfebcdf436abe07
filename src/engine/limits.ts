// The engine's resource limits, in one place: the array-size budget (a MATLAB-style error instead
// of an allocation that freezes or kills the tab), the recursion limit, and how much output one
// cell may send to the page. Hosts may change the array budget (`setArrayLimit`); the CLI and
// tests do.

import { raise } from './errors.ts';

/** MATLAB's default recursion limit (`get(0, 'RecursionLimit')`). */
export const MAX_RECURSION_DEPTH = 500;

export const RECURSION_LIMIT_MESSAGE = `Maximum recursion limit of ${MAX_RECURSION_DEPTH} reached.`;

/**
 * The largest array one allocation may create, in bytes of host storage. Matbook holds every
 * class's elements as doubles (8 bytes each, 16 when complex), so the budget counts 8 bytes an
 * element: 2 GiB is 268,435,456 elements, e.g. 16384×16384.
 */
export const DEFAULT_ARRAY_LIMIT_BYTES = 2 * 2 ** 30;

const BYTES_PER_ELEMENT = 8;

let arrayLimit = DEFAULT_ARRAY_LIMIT_BYTES;

export function arrayLimitBytes(): number {
  return arrayLimit;
}

/** Changes the array budget (bytes); Infinity turns the check off. */
export function setArrayLimit(bytes: number): void {
  if (!(bytes > 0)) throw new RangeError(`array limit must be positive, got ${bytes}`);
  arrayLimit = bytes;
}

function gigabytes(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)}GB`;
}

/**
 * Raises MATLAB's `MATLAB:array:SizeLimitExceeded` when an array of `shape` would not fit the
 * budget. Call it before allocating: sizes are checked as numbers, so 1e5×1e5 never allocates.
 */
export function checkArraySize(shape: readonly number[], complex = false): void {
  let n = 1;
  for (const d of shape) n *= Math.max(0, d);
  const bytes = n * BYTES_PER_ELEMENT * (complex ? 2 : 1);
  if (bytes > arrayLimit || !Number.isFinite(bytes)) {
    const dims = (shape.length === 1 ? [1, shape[0]] : shape).map((d) => String(Math.max(0, d))).join('x');
    raise(
      'MATLAB:array:SizeLimitExceeded',
      `Requested ${dims} (${gigabytes(bytes)}) array exceeds maximum array size preference (${gigabytes(arrayLimit)}). ` +
        'Creation of arrays greater than this limit may take a long time and cause MATLAB to become unresponsive.',
    );
  }
}

/**
 * Cell and struct arrays hold one JS object per element (about 100 bytes, against 8 for a number
 * in a typed array), and V8 aborts the whole process, not just the cell, on arrays much past 2^27
 * slots. So containers get their own, smaller budget.
 */
export const MAX_CONTAINER_ELEMENTS = 2 ** 24;

/** Raises `MATLAB:array:SizeLimitExceeded` before a cell or struct array of `shape` is built. */
export function checkContainerSize(shape: readonly number[], kind: 'cell' | 'struct' = 'cell'): void {
  let n = 1;
  for (const d of shape) n *= Math.max(0, d);
  if (n > MAX_CONTAINER_ELEMENTS || !Number.isFinite(n)) {
    const dims = (shape.length === 1 ? [1, shape[0]] : shape).map((d) => String(Math.max(0, d))).join('x');
    raise(
      'MATLAB:array:SizeLimitExceeded',
      `Requested ${dims} ${kind} array exceeds the ${MAX_CONTAINER_ELEMENTS.toLocaleString('en-US')} elements a ${kind} array may hold. Use a numeric array for data this large.`,
    );
  }
}

/** How much output one cell run may send to the page (stdout and displays together). */
export interface OutputLimits {
  /** Characters of output per cell; the rest is counted and dropped. */
  maxChars: number;
  /** Lines of output per cell. */
  maxLines: number;
  /** One displayed value (`x` without a semicolon): longer displays are cut with a note. */
  displayMaxChars: number;
  displayMaxLines: number;
}

export const DEFAULT_OUTPUT_LIMITS: OutputLimits = {
  maxChars: 2 ** 20,
  maxLines: 20_000,
  displayMaxChars: 250_000,
  displayMaxLines: 5_000,
};

/** No limits (the CLI's `--json` contract wants everything). */
export const UNLIMITED_OUTPUT: OutputLimits = {
  maxChars: Infinity,
  maxLines: Infinity,
  displayMaxChars: Infinity,
  displayMaxLines: Infinity,
};
