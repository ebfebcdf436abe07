// Which matmul kernel runs: one function, a comment on every threshold, and an override (the
// `MATBOOK_MATMUL` flag or a test forcing a variant) so parity runs can exercise each one.

import type { MatmulVariant } from '../kernels/matmul.ts';

export type RoutingOverride = 'auto' | MatmulVariant;

export function chooseVariant(
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  override: RoutingOverride = 'auto',
): { variant: MatmulVariant; reason: string } {
  if (override !== 'auto') return { variant: override, reason: `${override} (forced)` };
  // A vector on either side: each output needs a full dot product and there is nothing to tile;
  // the work is bound by reading the matrix once.
  if (m === 1 || n === 1) return { variant: 'gemv', reason: 'gemv: one side is a vector, bound by reading the matrix once' };
  // k ≤ 8: an outer-product-like shape; writing C dominates, so a bandwidth kernel with vector
  // stores beats any tiling (there is no reuse to exploit along k).
  if (k <= 8) return { variant: 'smallk', reason: `small-k (k = ${k} ≤ 8): bound by writing the ${m}×${n} output` };
  // vec4 loads need 4-aligned columns of A along m (column-major) and a B that is not read
  // transposed along its contiguous axis; otherwise the scalar tiled kernel handles any edge.
  if (m % 4 === 0 && n % 4 === 0 && k % 4 === 0 && !transA && !transB) {
    return { variant: 'vec4', reason: 'vec4 tiled: m, n, k are multiples of 4, so tiles load 16 bytes at a time' };
  }
  return { variant: 'tiled', reason: 'register-tiled: shapes are not all multiples of 4 or an operand is transposed' };
}
