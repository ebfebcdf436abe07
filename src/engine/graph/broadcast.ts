// Implicit expansion (MATLAB "broadcasting"): two shapes are compatible when, dimension by
// dimension, the sizes are equal or one of them is 1. Returns null when they are not.

export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = i < a.length ? a[i] : 1;
    const y = i < b.length ? b[i] : 1;
    if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else return null;
  }
  return out;
}

/**
 * Column-major strides of `shape` seen through `outShape`: 0 along dimensions that are expanded
 * (size 1 in `shape`), so element (i1, i2, …) of the output reads sum(ik * stride_k).
 */
export function expandedStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const strides: number[] = [];
  let acc = 1;
  for (let i = 0; i < outShape.length; i++) {
    const d = i < shape.length ? shape[i] : 1;
    strides.push(d === 1 ? 0 : acc);
    acc *= d;
  }
  return strides;
}

/**
 * Walks the output of an implicit expansion in column-major order, calling `visit(k, ia, ib)`
 * with the linear output index and the positions it reads in each operand.
 */
export function forEachBroadcast(
  aShape: readonly number[],
  bShape: readonly number[],
  outShape: readonly number[],
  visit: (k: number, ia: number, ib: number) => void,
): void {
  const sa = expandedStrides(aShape, outShape);
  const sb = expandedStrides(bShape, outShape);
  const rank = outShape.length;
  let n = 1;
  for (const d of outShape) n *= d;
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < n; k++) {
    visit(k, ia, ib);
    for (let d = 0; d < rank; d++) {
      idx[d]++;
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < outShape[d]) break;
      ia -= sa[d] * outShape[d];
      ib -= sb[d] * outShape[d];
      idx[d] = 0;
    }
  }
}
