// Array shapes: MATLAB keeps at least two dimensions and drops trailing singleton dimensions.

export type Shape = readonly number[];

export function normalizeShape(dims: readonly number[]): number[] {
  const out = dims.map((d) => Math.max(0, Math.trunc(d)));
  while (out.length > 2 && out[out.length - 1] === 1) out.pop();
  while (out.length < 2) out.push(out.length === 0 ? 0 : 1);
  return out;
}

export function numelOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `2x3`, `2x3x4`: how MATLAB writes a size in messages and summaries. */
export function shapeText(shape: Shape): string {
  return shape.join('x');
}

/** Column-major strides of a dense array of this shape. */
export function stridesOf(shape: Shape): number[] {
  const s: number[] = [];
  let acc = 1;
  for (const d of shape) {
    s.push(acc);
    acc *= d;
  }
  return s;
}
