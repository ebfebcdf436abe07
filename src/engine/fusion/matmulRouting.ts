// Which matmul kernel runs: one function, a comment on every threshold, and an override (the
// `MATBOOK_MATMUL` flag or a test forcing a variant) so parity runs can exercise each one.

import { splitTile, type MatmulLimits, type MatmulVariant } from '../kernels/matmul.ts';

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

// ---- split-k ----

/**
 * The limits the planner counts tiles with (it does not see the device): WebGPU's defaults, which
 * every adapter offers. An H100 gets the same 128² split tile under them; a software adapter gets
 * smaller tiles, and then more workgroups than counted here, which only means a wider grid.
 */
const PLANNING_LIMITS: MatmulLimits = { maxWorkgroupStorage: 16384, maxInvocations: 256, maxWorkgroupsPerDimension: 65535 };
/** Below this many tiles of C the product cannot fill the GPU on its own: about one per SM on an H100 (FULL_GRID). */
const SPLIT_BELOW_TILES = 128;
/**
 * Workgroups a split product aims for: a few per SM (132 on an H100), so the long per-workgroup k
 * loops overlap their memory stalls, as SYRK's split plan (512, measured: A 200000×1024 in 6 ms
 * against 16 ms unsplit).
 */
const SPLIT_TARGET_WORKGROUPS = 512;
/**
 * Below this k the whole product is short (a 1024² C at k = 1024 is ~70 µs on an H100): the
 * partial pass and the reduce pass cost more than the idle SMs do.
 */
const SPLIT_MIN_K = 4096;
/**
 * Each split sums at least this many k: its partial tile (4 bytes per output, written once and read
 * once) is then ≥ 256 flops per byte, far above the ~20 an H100 needs to stay compute bound, and
 * its k loop long enough (32 tiles of tk = 16) that the prologue is noise.
 */
const SPLIT_MIN_K_PER_PART = 512;
/** At most one split per SM for a one-tile C (a 64×64 output): more only lengthens the reduce loop. */
const SPLIT_MAX_PARTS = 128;
/**
 * Scratch (splits · m · n f32) stays under 64 MiB: fewer splits before more memory. With the
 * thresholds above it does not bind (under 128 tiles of 128², 5 splits: 40 MiB at most); it holds
 * if they change.
 */
const SPLIT_MAX_SCRATCH = (64 * 1024 * 1024) / 4;

/**
 * How many k ranges a tiled/vec4 product is summed in (1: not split), and why. Split when the
 * split tile's grid (kernels/matmulTiles.ts splitTile) is under SPLIT_BELOW_TILES and k is long.
 */
export function chooseSplitK(m: number, n: number, k: number, variant: MatmulVariant): { splits: number; reason: string | null } {
  if (variant !== 'tiled' && variant !== 'vec4') return { splits: 1, reason: null };
  const tile = splitTile(m, n, PLANNING_LIMITS);
  const tiles = Math.ceil(m / tile.tm) * Math.ceil(n / tile.tn);
  if (tiles >= SPLIT_BELOW_TILES || k < SPLIT_MIN_K) return { splits: 1, reason: null };
  const splits = Math.min(
    Math.ceil(SPLIT_TARGET_WORKGROUPS / tiles),
    Math.floor(k / SPLIT_MIN_K_PER_PART),
    SPLIT_MAX_PARTS,
    Math.floor(SPLIT_MAX_SCRATCH / (m * n)),
  );
  if (splits < 2) return { splits: 1, reason: null };
  const grid = tiles === 1 ? '1 tile' : `${tiles} tiles of ${tile.tm}×${tile.tn}`;
  return { splits, reason: `split-k ×${splits}: a ${m}×${n} output is ${grid}; k = ${k} summed in ${splits} parts, then reduced` };
}
