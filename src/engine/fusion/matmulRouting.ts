// Which matmul kernel runs: one function, a comment on every threshold, and an override (the
// `MATBOOK_MATMUL` flag or a test forcing a variant) so parity runs can exercise each one.

import type { MatmulVariant } from '../kernels/matmul.ts';

export type RoutingOverride = 'auto' | MatmulVariant;

export function chooseVariant(
  m: number,
  n: number,
  k: number,
  transA: boolean,
  override: RoutingOverride = 'auto',
): { variant: MatmulVariant; reason: string } {
  if (override !== 'auto') return { variant: override, reason: `${override} (forced)` };
  // A vector on either side: each output needs a full dot product and there is nothing to tile;
  // the work is bound by reading the matrix once.
  if (m === 1 || n === 1) return { variant: 'gemv', reason: 'gemv: one side is a vector, bound by reading the matrix once' };
  // k ≤ 8: an outer-product-like shape; writing C dominates, so a bandwidth kernel with vector
  // stores beats any tiling (there is no reuse to exploit along k).
  if (k <= 8) return { variant: 'smallk', reason: `small-k (k = ${k} ≤ 8): bound by writing the ${m}×${n} output` };
  // vec4 stores C 16 bytes at a time, so it needs m % 4 == 0; A is the operand read along the
  // tile's rows, so its contiguous axis (m, or k for A') must be 4-aligned too. B gets 16-byte loads
  // inside the kernel whenever its own contiguous axis allows (k, or n for B'), scalar ones
  // otherwise. Transposes are read through strides either way: on the H100, A'*B and A*B' at 4096²
  // run within 2% of A*B this way, and 22% slower through the scalar-load kernel.
  if (m % 4 === 0 && (transA ? k : m) % 4 === 0) {
    const what = transA ? 'm and k are multiples of 4 (A read transposed)' : 'm is a multiple of 4';
    return { variant: 'vec4', reason: `vec4 tiled: ${what}, so tiles of A and C move 16 bytes at a time` };
  }
  return { variant: 'tiled', reason: `register-tiled: ${m % 4 !== 0 ? `m = ${m}` : `k = ${k} (A read transposed)`} is not a multiple of 4, so loads are scalar` };
}
