// MATLAB's markers on a canvas: circle, plus, asterisk, point, cross, square, diamond, the four
// triangles, pentagram and hexagram, centred at (x, y) with a size in canvas pixels.

import type { Series } from '../../../worker/protocol.ts';

export type MarkerKind = Extract<Series, { kind: 'line' }>['marker'];

/** Adds the marker's outline to the current path (the caller strokes and/or fills). */
export function markerPath(ctx: CanvasRenderingContext2D | Path2D, kind: MarkerKind, x: number, y: number, size: number): void {
  const r = size / 2;
  switch (kind) {
    case 'o':
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case '.':
      ctx.moveTo(x + r / 3, y);
      ctx.arc(x, y, Math.max(1, r / 3), 0, 2 * Math.PI);
      break;
    case 's':
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
      break;
    case 'd':
      polygon(ctx, [[x, y - r], [x + r * 0.7, y], [x, y + r], [x - r * 0.7, y]]);
      break;
    case '^':
      polygon(ctx, [[x, y - r], [x + r, y + r], [x - r, y + r]]);
      break;
    case 'v':
      polygon(ctx, [[x, y + r], [x + r, y - r], [x - r, y - r]]);
      break;
    case '<':
      polygon(ctx, [[x - r, y], [x + r, y - r], [x + r, y + r]]);
      break;
    case '>':
      polygon(ctx, [[x + r, y], [x - r, y - r], [x - r, y + r]]);
      break;
    case 'p':
      star(ctx, x, y, r, 5);
      break;
    case 'h':
      star(ctx, x, y, r, 6);
      break;
    case '+':
      ctx.moveTo(x - r, y);
      ctx.lineTo(x + r, y);
      ctx.moveTo(x, y - r);
      ctx.lineTo(x, y + r);
      break;
    case 'x':
      cross(ctx, x, y, r * 0.75);
      break;
    case '*':
      ctx.moveTo(x - r, y);
      ctx.lineTo(x + r, y);
      ctx.moveTo(x, y - r);
      ctx.lineTo(x, y + r);
      cross(ctx, x, y, r * 0.7);
      break;
    case 'none':
      break;
  }
}

/** Markers made of strokes only: they cannot be filled. */
export function isOpenMarker(kind: MarkerKind): boolean {
  return kind === '+' || kind === 'x' || kind === '*';
}

function cross(ctx: CanvasRenderingContext2D | Path2D, x: number, y: number, r: number): void {
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x - r, y + r);
  ctx.lineTo(x + r, y - r);
}

function polygon(ctx: CanvasRenderingContext2D | Path2D, pts: [number, number][]): void {
  ctx.moveTo(pts[0][0], pts[0][1]);
  for (let i = 1; i < pts.length; i++) ctx.lineTo(pts[i][0], pts[i][1]);
  ctx.closePath();
}

function star(ctx: CanvasRenderingContext2D | Path2D, x: number, y: number, r: number, points: number): void {
  const inner = points === 5 ? r * 0.4 : r * 0.55;
  const pts: [number, number][] = [];
  for (let k = 0; k < points * 2; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / points;
    const rr = k % 2 === 0 ? r : inner;
    pts.push([x + rr * Math.cos(a), y + rr * Math.sin(a)]);
  }
  polygon(ctx, pts);
}
