// Line specifications ('r--o', ':', 'kx') and colour names, as plot and friends read them.

import type { LineStyle, MarkerKind, Rgb } from './model.ts';

export interface LineSpec {
  color: Rgb | null;
  lineStyle: LineStyle | null;
  marker: MarkerKind | null;
}

const COLOR_LETTERS: Readonly<Record<string, Rgb>> = {
  r: [1, 0, 0],
  g: [0, 1, 0],
  b: [0, 0, 1],
  c: [0, 1, 1],
  m: [1, 0, 1],
  y: [1, 1, 0],
  k: [0, 0, 0],
  w: [1, 1, 1],
};

const COLOR_NAMES: Readonly<Record<string, Rgb>> = {
  red: [1, 0, 0],
  green: [0, 1, 0],
  blue: [0, 0, 1],
  cyan: [0, 1, 1],
  magenta: [1, 0, 1],
  yellow: [1, 1, 0],
  black: [0, 0, 0],
  white: [1, 1, 1],
};

const MARKER_LETTERS = new Set(['o', '+', '*', '.', 'x', 's', 'd', '^', 'v', '<', '>', 'p', 'h']);

const MARKER_WORDS: Readonly<Record<string, MarkerKind>> = {
  none: 'none',
  square: 's',
  diamond: 'd',
  pentagram: 'p',
  hexagram: 'h',
  circle: 'o',
};

/**
 * Parses a line spec: at most one colour letter, one line style ('-', '--', ':', '-.') and one
 * marker, in any order. Returns null when the text is not a line spec (it may be a property name).
 */
export function parseLineSpec(text: string): LineSpec | null {
  const spec: LineSpec = { color: null, lineStyle: null, marker: null };
  if (text.length === 0) return null;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (two === '--' || two === '-.') {
      if (spec.lineStyle) return null;
      spec.lineStyle = two as LineStyle;
      i += 2;
    } else if (c === '-' || c === ':') {
      if (spec.lineStyle) return null;
      spec.lineStyle = c as LineStyle;
      i += 1;
    } else if (c in COLOR_LETTERS) {
      if (spec.color) return null;
      spec.color = COLOR_LETTERS[c];
      i += 1;
    } else if (MARKER_LETTERS.has(c)) {
      if (spec.marker) return null;
      spec.marker = c as MarkerKind;
      i += 1;
    } else return null;
  }
  return spec;
}

/** A colour written as a letter ('r'), a name ('red'), a hex code ('#FF8000') or 'none'; null when it is none of these. */
export function parseColorText(text: string): Rgb | 'none' | null {
  const t = text.trim().toLowerCase();
  if (t === 'none') return 'none';
  if (t in COLOR_LETTERS) return COLOR_LETTERS[t];
  if (t in COLOR_NAMES) return COLOR_NAMES[t];
  const hex = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/.exec(t);
  if (hex && (t.startsWith('#') || hex[1].length === 6)) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, (d) => d + d) : hex[1];
    return [parseInt(h.slice(0, 2), 16) / 255, parseInt(h.slice(2, 4), 16) / 255, parseInt(h.slice(4, 6), 16) / 255];
  }
  return null;
}

/** A marker written as a code ('o') or word ('square'); null when it is neither. */
export function parseMarkerText(text: string): MarkerKind | null {
  const t = text.trim().toLowerCase();
  if (MARKER_LETTERS.has(t)) return t as MarkerKind;
  return MARKER_WORDS[t] ?? null;
}

/** A line style ('-', '--', ':', '-.', 'none'); null when it is none of these. */
export function parseLineStyleText(text: string): LineStyle | null {
  const t = text.trim().toLowerCase();
  return t === '-' || t === '--' || t === ':' || t === '-.' || t === 'none' ? t : null;
}
