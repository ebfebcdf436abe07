// The residency policy (DESIGN.md "Values, precision, residency"): big double elementwise work
// moves to the GPU in f32 and stays class double (gpu·f32); small doubles, reductions of host
// doubles and policy 'off' stay exact on the CPU; single data follows 'auto'/'on'.
import { describe, expect, it } from 'vitest';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';
import { runInSession } from '../../src/engine/runJson.ts';
import { Session } from '../../src/engine/session.ts';
import type { GpuPolicy } from '../../src/worker/protocol.ts';

const { provider } = await openWebGpu();

function session(policy: GpuPolicy): Session {
  const s = new Session({ gpu: policy });
  s.attachGpu(provider);
  return s;
}

describe.skipIf(!provider)('residency policy', () => {
  it('offloads big double elementwise work as gpu·f32, keeping the class', async () => {
    const s = session('auto');
    const r = await runInSession(s, 'x = linspace(0, 1, 5000); y = x.^2 + 1; t = sum(x);');
    expect(r.error).toBeNull();
    expect(r.kernels?.map((k) => k.name)).toEqual(['elementwise']);
    const entry = s.workspace().find((e) => e.name === 'y')!;
    expect(entry).toMatchObject({ className: 'double', residency: 'gpu·f32' });
    const y = r.vars.y.data as number[];
    for (let i = 0; i < 5000; i += 499) {
      const x = i / 4999;
      expect(Math.abs(y[i] - (x * x + 1))).toBeLessThan(1e-6);
    }
    // The reduction of the host double x stayed on the CPU, exact.
    expect(s.workspace().find((e) => e.name === 't')!.residency).toBe('cpu');
    expect((r.vars.t.data as number[])[0]).toBeCloseTo(2500, 9);
  });

  it('keeps small doubles exact on the CPU and everything on the CPU under off', async () => {
    const small = await runInSession(session('on'), 'x = 0.1:0.1:1; y = x * 3;');
    expect(small.kernels).toBeUndefined();
    expect((small.vars.y.data as number[])[2]).toBe(0.30000000000000004 * 3);
    const off = await runInSession(session('off'), "x = rand(100, 100, 'single'); y = x + 1;");
    expect(off.kernels).toBeUndefined();
  });

  it("puts single data on the GPU from the threshold under 'auto' and at any size under 'on'", async () => {
    const auto = await runInSession(session('auto'), "a = single(1:10) * 2; b = single(1:5000) * 2;");
    expect(auto.kernels?.length).toBe(1);
    expect(auto.kernels?.[0].shapes[0]).toEqual([1, 5000]);
    const on = await runInSession(session('on'), "a = single(1:10) * 2;");
    expect(on.kernels?.length).toBe(1);
    expect(on.vars.a).toMatchObject({ class: 'single', data: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20] });
  });
});
