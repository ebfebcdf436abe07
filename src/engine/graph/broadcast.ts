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
