// Where a figure's axes go: the figure's size in CSS pixels and each axes' rectangle in its
// subplot grid (a span of cells covers their bounding box).

import type { AxesModel, FigureModel } from '../../../worker/protocol.ts';

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The figure's size: 640 × 480 for one axes, more for larger subplot grids. */
export function figureSize(fig: FigureModel): { width: number; height: number } {
  const rows = Math.max(1, ...fig.axes.map((a) => a.rows));
  const cols = Math.max(1, ...fig.axes.map((a) => a.cols));
  return { width: Math.max(640, Math.min(1100, cols * 300)), height: Math.max(480, Math.min(1200, rows * 250)) };
}

export function axesRect(ax: AxesModel, width: number, height: number): Rect {
  let r0 = Infinity;
  let r1 = -Infinity;
  let c0 = Infinity;
  let c1 = -Infinity;
  for (const p of ax.cells) {
    const r = Math.floor((p - 1) / ax.cols);
    const c = (p - 1) % ax.cols;
    r0 = Math.min(r0, r);
    r1 = Math.max(r1, r + 1);
    c0 = Math.min(c0, c);
    c1 = Math.max(c1, c + 1);
  }
  const left = Math.round((c0 / ax.cols) * width);
  const top = Math.round((r0 / ax.rows) * height);
  return { left, top, width: Math.round((c1 / ax.cols) * width) - left, height: Math.round((r1 / ax.rows) * height) - top };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The CSS grid that holds every axes: rows and columns are the least common multiples of the subplot grids. */
export function figureGrid(fig: FigureModel): { rows: number; cols: number } {
  let rows = 1;
  let cols = 1;
  for (const a of fig.axes) {
    rows = (rows * a.rows) / gcd(rows, a.rows);
    cols = (cols * a.cols) / gcd(cols, a.cols);
  }
  return { rows: Math.min(rows, 60), cols: Math.min(cols, 60) };
}

/** The axes' grid-row / grid-column lines in a figureGrid of `rows` × `cols`. */
export function gridArea(ax: AxesModel, rows: number, cols: number): { gridRow: string; gridColumn: string } {
  let r0 = Infinity;
  let r1 = -Infinity;
  let c0 = Infinity;
  let c1 = -Infinity;
  for (const p of ax.cells) {
    const r = Math.floor((p - 1) / ax.cols);
    const c = (p - 1) % ax.cols;
    r0 = Math.min(r0, r);
    r1 = Math.max(r1, r + 1);
    c0 = Math.min(c0, c);
    c1 = Math.max(c1, c + 1);
  }
  const fr = rows / ax.rows;
  const fc = cols / ax.cols;
  return { gridRow: `${r0 * fr + 1} / ${r1 * fr + 1}`, gridColumn: `${c0 * fc + 1} / ${c1 * fc + 1}` };
}
