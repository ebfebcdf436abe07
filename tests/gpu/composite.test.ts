// var/std/norm on GPU arrays are composed from reduction and elementwise nodes (two-pass centred
// variance); they must match the CPU implementations and run as GPU kernels.
import { describe, expect, it } from 'vitest';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { runInSession } from '../../src/engine/runJson.ts';
import { Session } from '../../src/engine/session.ts';

const { provider } = await openWebGpu();

const BODY = `
v1 = var(x); v2 = var(x, 0, 2); v3 = var(x, 1, 'all'); v4 = var(x(1, :));
s1 = std(x); s2 = std(x, 0, 'all'); s3 = std(x(:, 3), 1);
n1 = norm(x(:)); n2 = norm(x, 'fro'); n3 = norm(x(:, 1), 1); n4 = norm(x(:, 2), Inf); n5 = norm(x(2, :), 2);
`;
const DATA = "a = single(reshape(mod((1:777) * 7, 97), 21, 37)) / 97 - 0.3; a(5) = 4;";

describe.skipIf(!provider)('var, std and norm on the GPU', () => {
  it('match the CPU and run as kernels', async () => {
    const gpu = new Session({ gpu: 'on' });
    gpu.attachGpu(provider);
    const g = await runInSession(gpu, `${DATA} x = gpuArray(a); ${BODY}`);
    const c = await runInSession(new Session({ gpu: 'off' }), `${DATA} x = a; ${BODY}`);
    expect(g.error).toBeNull();
    expect(c.error).toBeNull();
    expect(g.plan?.some((d) => d.variant === 'mean+fused')).toBe(true);
    for (const name of ['v1', 'v2', 'v3', 'v4', 's1', 's2', 's3', 'n1', 'n2', 'n3', 'n4', 'n5']) {
      const got = g.vars[name];
      const want = c.vars[name];
      expect(got.class, name).toBe('single');
      expect(got.size, name).toEqual(want.size);
      (want.data as number[]).forEach((w, i) => expect(Math.abs((got.data as number[])[i] - w), `${name}(${i + 1})`).toBeLessThan(2e-6 * Math.max(1, Math.abs(w))));
    }
  });
});
