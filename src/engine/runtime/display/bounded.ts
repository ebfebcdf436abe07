// A display with a bound: `x = rand(2000)` without a semicolon must not freeze the engine
// formatting four million numbers nor the page laying them out. A big numeric matrix is formatted
// from its top-left corner only, and any display longer than the limits is cut at a line
// boundary with a note; the page offers "Show all" (Session.preview) for the rest.

import { CellArray, classOf, StringArray, Tensor, type Value } from '../values/index.ts';
import { displayValue } from './format.ts';
import type { NumberFormat } from './numberColumns.ts';
import { sizeText } from './summary.ts';

export interface DisplayBounds {
  maxChars: number;
  maxLines: number;
}

/** Past this many elements a 2-D or 3-D numeric array is formatted from a corner only. */
export const DISPLAY_FORMAT_MAX_ELEMENTS = 100_000;
/** Cells and strings cost far more per element to format (each is displayed on its own). */
const DISPLAY_FORMAT_MAX_CONTAINER_ELEMENTS = 10_000;

export interface BoundedDisplay {
  text: string;
  /** The text is not the whole display (see the note at its end). */
  truncated: boolean;
}

/** `displayValue`, cut to `bounds` with a note; unbounded values come back whole. */
export function boundedDisplay(name: string, value: Value, format: NumberFormat, bounds: DisplayBounds): BoundedDisplay {
  const corner = cornerOf(value, bounds.maxLines);
  const full = displayValue(name, corner ?? value, format);
  const cut = cutText(full, bounds);
  if (cut === null && corner === null) return { text: full, truncated: false };
  const text = (cut ?? full).replace(/\n*$/, '\n');
  const what = `${sizeText(value.shape)} ${classOf(value)}`;
  return { text: `${text}\n  ... display truncated (${name} is ${what}): showing its first ${countLines(text)} lines.\n\n`, truncated: true };
}

/** The corner of a big array that is worth formatting, or null when the whole array is. */
function cornerOf(value: Value, maxRows: number): Value | null {
  switch (value.type) {
    case 'tensor': {
      const corner = cornerIndices(value.shape, maxRows, DISPLAY_FORMAT_MAX_ELEMENTS);
      if (corner === null) return null;
      const re = Float64Array.from(corner.indices, (i) => value.re[i]);
      const im = value.im ? Float64Array.from(corner.indices, (i) => value.im![i]) : null;
      return new Tensor(value.cls, corner.shape, re, im);
    }
    case 'cell': {
      const corner = cornerIndices(value.shape, maxRows, DISPLAY_FORMAT_MAX_CONTAINER_ELEMENTS);
      return corner && new CellArray(corner.shape, corner.indices.map((i) => value.items[i]));
    }
    case 'string': {
      const corner = cornerIndices(value.shape, maxRows, DISPLAY_FORMAT_MAX_CONTAINER_ELEMENTS);
      return corner && new StringArray(corner.shape, corner.indices.map((i) => value.items[i]));
    }
    default:
      return null;
  }
}

/**
 * The first `maxRows` rows, as many columns as fit `budget` elements and, for N-D arrays, the
 * first pages (the pages where every index past the third is 1), as column-major indices into
 * the array; null when the array has at most `budget` elements.
 */
function cornerIndices(shape: readonly number[], maxRows: number, budget: number): { shape: number[]; indices: number[] } | null {
  const numel = shape.reduce((p, d) => p * d, 1);
  if (numel <= budget) return null;
  const [rows, cols] = shape;
  const r = Math.max(1, Math.min(rows, maxRows));
  const c = Math.max(1, Math.min(cols, Math.floor(budget / r)));
  const pages = shape.length >= 3 ? Math.max(1, Math.min(shape[2], Math.floor(budget / (r * c)))) : 1;
  const indices: number[] = [];
  for (let p = 0; p < pages; p++) {
    for (let j = 0; j < c; j++) {
      const from = p * rows * cols + j * rows;
      for (let i = 0; i < r; i++) indices.push(from + i);
    }
  }
  return { shape: shape.length >= 3 ? [r, c, pages] : [r, c], indices };
}

/** The text cut after its last whole line within the bounds, or null when it fits. */
function cutText(text: string, bounds: DisplayBounds): string | null {
  if (text.length <= bounds.maxChars && countLines(text) <= bounds.maxLines) return null;
  let end = Math.min(text.length, bounds.maxChars);
  let lines = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10 && ++lines >= bounds.maxLines) {
      end = i + 1;
      break;
    }
  }
  const lastNewline = text.lastIndexOf('\n', end - 1);
  return text.slice(0, lastNewline >= 0 ? lastNewline + 1 : end);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

