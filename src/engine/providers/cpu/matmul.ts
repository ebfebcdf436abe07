// Host reference matrix product C(m×n) = A(m×k) · B(k×n), column-major, in double.
// Loop order j-p-i walks both A's and C's columns contiguously. Zeros are not skipped:
// 0 * NaN must still give NaN.

export function runMatmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    const cj = j * m;
    for (let p = 0; p < k; p++) {
      const bpj = b[p + j * k];
      const ap = p * m;
      for (let i = 0; i < m; i++) c[cj + i] += a[ap + i] * bpj;
    }
  }
  return c;
}
