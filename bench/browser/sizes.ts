// Size sets of the benchmark page. quick and full are the Node suite's; standard sits between,
// for the GPUs people have in laptops and desktops: each array at most 256 MiB, since the page
// cannot force a garbage collection between repetitions (buffers of dropped values return to the
// pool only when the browser collects), and the engine stops a session past 4 GiB of arrays.

import { FULL_SIZES, QUICK_SIZES, type SuiteSizes } from '../core/gpuSuite.ts';
import { FULL_IMAGE, QUICK_IMAGE } from '../core/imageCases.ts';
import { FULL_MATMUL, QUICK_MATMUL } from '../core/matmulCases.ts';

export type SizeSet = 'quick' | 'standard' | 'full';

export const PAGE_SIZES: Record<SizeSet, SuiteSizes> = {
  quick: { memory: QUICK_SIZES, matmul: QUICK_MATMUL, image: QUICK_IMAGE },
  standard: {
    memory: { vectors: [1e6, 1e7], reduce: 1e7, matrix: 4096 },
    matmul: {
      square: [1024, 2048, 4096],
      tallSkinny: { m: 262144, k: 64, n: 64 },
      innerTall: { m: 64, k: 262144, n: 64 },
      smallK: { m: 4096, k: 8, n: 4096 },
      transposed: 2048,
      syrk: [
        { k: 2048, n: 2048 },
        { k: 65536, n: 256 },
      ],
      epilogue: 2048,
    },
    image: { height: 2160, width: 3840, batches: [1, 4] },
  },
  full: { memory: FULL_SIZES, matmul: FULL_MATMUL, image: FULL_IMAGE },
};
