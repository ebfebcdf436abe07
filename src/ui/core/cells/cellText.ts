// Splitting and merging cell sources, as text. Pure: the reducer decides which cells the parts
// go to; this file only decides where the text breaks and how two sources join.

import type { CellKind } from './types.ts';

/** Line breaks at the edges of a part: a split at the end of a line must not leave a blank first line below. */
const LEADING_BREAKS = /^(?:\r?\n)+/;
const TRAILING_BREAKS = /(?:\r?\n)+$/;

function trimBreaks(text: string): string {
  return text.replace(LEADING_BREAKS, '').replace(TRAILING_BREAKS, '');
}

/**
 * Cuts `source` at the given character offsets (a cursor gives one, a selection two, so the
 * selected text becomes a cell of its own, as in JupyterLab). Offsets are clamped, sorted and
 * de-duplicated; each part loses the line breaks at its edges. Fewer than two parts means there
 * is nothing to split.
 */
export function splitSource(source: string, offsets: readonly number[]): string[] {
  const cuts = [...new Set(offsets.map((offset) => Math.max(0, Math.min(source.length, Math.round(offset)))))].sort((x, y) => x - y);
  if (cuts.length === 0) return [source];
  // A cut at the very start or end still splits, into an empty part and the rest (as Jupyter does).
  const bounds = [0, ...cuts, source.length];
  const parts: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) parts.push(trimBreaks(source.slice(bounds[i], bounds[i + 1])));
  return parts;
}

/**
 * The source of a cell merged with the one below it: code joins line after line, Markdown with a
 * blank line between (so two paragraphs stay two paragraphs). An empty side adds nothing.
 */
export function mergeSources(upper: string, lower: string, kind: CellKind): string {
  const top = upper.replace(TRAILING_BREAKS, '');
  const bottom = lower.replace(LEADING_BREAKS, '');
  if (top === '') return bottom;
  if (bottom === '') return top;
  return top + (kind === 'markdown' ? '\n\n' : '\n') + bottom;
}
