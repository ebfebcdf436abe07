// ImageNormalize through its kernel directly (src/engine/kernels/imageNormalize.ts): the three
// passes (stats, finalize, apply) on a batch of H×W images stored H×W×B, statistics per image,
// gain, bias, clamp at both ends and gamma, exactly as the planner's ImageNormalize pattern will
// dispatch them. Benched here without the planner, so the case does not depend on the pattern
// being matched; the same computation written as MATLAB is the image_pipeline workload.
//
// Bytes: the kernels read x twice (stats, apply) and write the output once: 12·n for n pixels;
// GB/s is over that, and fraction_of_copy is against the copy of the nearest length.

import { buildImageNormalize, type ImageNormalizeConstants, type ImageNormalizeParams } from '../../src/engine/kernels/imageNormalize.ts';
import { buildRandom } from '../../src/engine/kernels/random.ts';
import { CaseRunner, measure, publicPart, readFirst, sumOf, type Measured } from './harness.ts';
import type { CopyReference, Repeat } from './memoryCases.ts';
import { gbps, sig } from './stats.ts';

export interface ImageSizes {
  height: number;
  width: number;
  /** Batch sizes to run (one case each). */
  batches: number[];
}

export const FULL_IMAGE: ImageSizes = { height: 2160, width: 3840, batches: [1, 16] };
export const QUICK_IMAGE: ImageSizes = { height: 216, width: 384, batches: [1, 4] };

const CONSTANTS: ImageNormalizeConstants = { gain: 1.0123, bias: -0.02, lo: 0, hi: 4, gamma: 1.8 };

export async function runImageNormalizeCases(runner: CaseRunner, sizes: ImageSizes, rep: Repeat, copy: CopyReference): Promise<void> {
  const p = runner.provider;
  const maxWg = p.limits.maxComputeWorkgroupsPerDimension;
  const limits = { maxWorkgroupStorage: p.limits.maxComputeWorkgroupStorageSize, maxInvocations: p.limits.maxComputeInvocationsPerWorkgroup, maxWorkgroupsPerDimension: maxWg };
  for (const batch of sizes.batches) {
    const imageSize = sizes.height * sizes.width;
    const total = batch * imageSize;
    const name = `image_normalize_${batch}x${sizes.height}x${sizes.width}`;
    await runner.attempt(name, async () => {
      const params: ImageNormalizeParams = { batch, imageSize, perImage: true, layout: 'HWB', gain: true, bias: true, clampLo: true, clampHi: true, gamma: true };
      const plan = buildImageNormalize(params, CONSTANTS, limits);
      const x = p.allocate(total);
      const scratch = p.allocate(Math.max(1, plan.scratchLength));
      const mu = p.allocate(batch);
      const sigma = p.allocate(batch);
      const out = p.allocate(total);
      let m: Measured;
      let muFirst = NaN;
      let sigmaFirst = NaN;
      try {
        p.dispatch(buildRandom({ dist: 'uniform', length: total }, [7, 0x9e3779b9], 0, maxWg), [], x);
        await p.flush();
        m = await measure(runner.host, rep.warmups, rep.repetitions, async () => {
          const t0 = performance.now();
          p.dispatch(plan.passes[0], [x], scratch);
          p.dispatch(plan.passes[1], [x, scratch], [mu, sigma]);
          p.dispatch(plan.passes[2], [x, mu, sigma], out);
          const events = await p.flush();
          await readFirst(p, out);
          const wallMs = performance.now() - t0;
          const { us, names } = sumOf(events, 'image_normalize');
          return { gpuUs: us, wallMs, kernels: names };
        });
        muFirst = await readFirst(p, mu);
        sigmaFirst = await readFirst(p, sigma);
      } finally {
        for (const h of [x, scratch, mu, sigma, out]) p.release(h);
      }
      const bytes = 12 * total;
      const rate = gbps(bytes, m.raw.gpuUs);
      // U(0,1) pixels: mean 1/2, standard deviation 1/√12 per image.
      const ok = Math.abs(muFirst - 0.5) < 0.01 && Math.abs(sigmaFirst - 1 / Math.sqrt(12)) < 0.01;
      return {
        name,
        kind: 'image_normalize',
        batch,
        height: sizes.height,
        width: sizes.width,
        layout: 'HxWxB, statistics per image',
        n: total,
        bytes,
        gbps: sig(rate),
        fraction_of_copy: copy.fraction(rate, total, true),
        passes: plan.passes.map((q) => q.variant),
        mu_1: sig(muFirst, 6),
        sigma_1: sig(sigmaFirst, 6),
        check_ok: ok,
        ...publicPart(m),
      };
    });
  }
}
