// The README table and the SVG chart are rendered from the benchmark JSON (scripts/render-bench
// .mjs, scripts/render-bench-chart.mjs): from the first result files (memory-bound cases only) and
// from the current format (matmul, workloads, peers, device peak), with every new field optional.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { peerSpeedup, renderBenchMarkdown, replaceBenchSection, type BenchReport } from '../../../scripts/render-bench.mjs';
import { limitBars, renderBenchChart, speedupBars } from '../../../scripts/render-bench-chart.mjs';

const FIRST_FORMAT = 'bench/results/2026-11-24-h100-03a92c7.json';

/** A run in the current format, small but with one of each kind of record. */
function currentFormat(): BenchReport {
  return {
    suite: 'matbook',
    started_at: '2026-12-01T10:00:00.000Z',
    quick: false,
    suites: {
      interpreter: { results: [{ name: 'accumulate_1e6', best_ms: 150, median_ms: 160 }] },
      gpu: {
        suite: 'gpu',
        skipped: false,
        quick: false,
        device: { vendor: 'nvidia', name: 'NVIDIA H100 80GB HBM3', description: '', timing: 'timestamp', peak: { name: 'NVIDIA H100 SXM', f32_tflops: 66.9, bandwidth_gbs: 3350, source: 'table' } },
        results: [
          { name: 'copy_1e8', kind: 'copy', gpu_us: 312, gbps: 2560, kernels: ['copy/vec4'] },
          {
            name: 'elementwise_fused_1e8',
            kind: 'elementwise',
            gpu_us: 320,
            gbps: 2498,
            fraction_of_copy: 0.98,
            kernels: ['elementwise/fused'],
            peers: {
              jax: { label: '@jax-js/jax 0.1.25', gpu_us: 400, wall_ms: 1, ours_over_peer: { gpu: 0.8, wall: 0.9 } },
              tfjs: { label: 'tfjs', gpu_us: 1920, wall_ms: 3, value_ok: true, ours_over_peer: { gpu: 0.5, wall: 0.25 } },
            },
          },
          { name: 'elementwise_unfused_1e8', kind: 'elementwise', gpu_us: 1985, gbps_effective: 403, fraction_of_copy: 0.16, fusion_speedup: 6.2, kernels: ['elementwise/mul'] },
          {
            name: 'matmul_4096',
            kind: 'matmul',
            m: 4096,
            k: 4096,
            n: 4096,
            statement: 'C = A*B;',
            gpu_us: 3900,
            tflops: 35.2,
            gflops: 35200,
            fraction_of_peak: 0.526,
            kernels: ['matmul/vec4'],
            peers: { tfjs: { label: 'tfjs', value_ok: false, ours_over_peer: { gpu: null, wall: 0.25 } }, jax: { label: 'jax', error: 'out of memory' } },
          },
          { name: 'syrk_4096x4096', kind: 'syrk', m: 4096, k: 4096, n: 4096, statement: "G = A'*A;", gpu_us: 2100, tflops: 32.7, fraction_of_peak: 0.49, syrk_speedup_vs_gemm: 1.85, kernels: ['syrk/direct'] },
          { name: 'matmul_A_Bt_4096', error: 'bad <thing> & more' },
          {
            name: 'workload_pca',
            kind: 'workload',
            script: 'bench/workloads/pca.m',
            sizes: { n: 262144, d: 512 },
            fused: { wall_ms: 12.5, gpu_ms: 9.25, kernels: 22, value: 0.36 },
            per_statement: { wall_ms: 30, gpu_ms: 11, kernels: 30, value: 0.36 },
            fusion_speedup: 1.19,
          },
          { name: 'workload_monte_carlo', kind: 'workload', script: 'bench/workloads/monte_carlo.m', sizes: { M: 1e7, T: 256 }, fused: { error: 'Internal error: pipeline creation failed', failed_cell: 'if …' }, per_statement: { wall_ms: 500, gpu_ms: 40, kernels: 513, value: 10.4 } },
        ],
        peers: { tfjs: { status: 'ok', label: '@tensorflow/tfjs-backend-webgpu 4.22.0' }, jax: { status: 'skipped', label: '@jax-js/jax', reason: 'no device' } },
      },
    },
  };
}

describe('README table', () => {
  it('renders the first result format (memory-bound cases only)', () => {
    const data = JSON.parse(readFileSync(FIRST_FORMAT, 'utf8'));
    const md = renderBenchMarkdown(data, '2026-11-24-h100-03a92c7.json');
    expect(md).toContain('| elementwise_fused_1e8 | 320.3 | 2498 | 0.98 |');
    expect(md).toContain('6.2×');
    expect(md).toContain('f32 peak unknown');
    expect(md).not.toContain('Matrix products');
    expect(md).not.toContain('Workloads');
    expect(md).toContain('| accumulate_1e6 | 283.0 | 388.3 |');
  });

  it('renders matmul, workloads and peers from the current format', () => {
    const md = renderBenchMarkdown(currentFormat(), 'run.json');
    expect(md).toContain('NVIDIA H100 80GB HBM3');
    expect(md).toContain('f32 peak 66.9 TFLOP/s (NVIDIA H100 SXM, vendor figure)');
    // Peer columns: speedup = peer time ÷ ours (GPU time when both have one, wall otherwise).
    expect(md).toContain('| speedup vs jax | speedup vs tfjs |');
    expect(md).toMatch(/\| elementwise_fused_1e8 \|.*\| 1\.25× \| 2\.00× \|/);
    expect(md).toMatch(/\| matmul_4096 \| 4096×4096 · 4096×4096 \| `C = A\*B;` \| 3900\.0 \| 35\.2 \| 0\.53 \| matmul\/vec4 \|  \| error \| 4\.00× \(wall\) \(wrong result\) \|/);
    expect(md).toContain("1.85× vs A'*B");
    expect(md).toContain('error: bad <thing> & more');
    expect(md).toContain('| [pca](bench/workloads/pca.m) | n=262144 d=512 | 12.5 | 9.25 | 22 | 30.0 | 11.00 | 30 | 1.2× | 0.36 |');
    expect(md).toContain('error: Internal error: pipeline creation failed');
    expect(md).toContain('jax: skipped (no device)');
  });

  it('says whether the heater kept the clock at its top, when the run had one', () => {
    const run = currentFormat();
    const gpu = run.suites.gpu as Record<string, unknown> & { results: Record<string, unknown>[] };
    expect(renderBenchMarkdown(run, 'run.json')).not.toMatch(/heater|clock/);
    gpu.method = { clock: 'before every timed sample …' };
    gpu.results[0].clock_settled = true;
    gpu.results[1].clock_settled = false;
    gpu.results[2].clock_settled = true;
    expect(renderBenchMarkdown(run, 'run.json')).toContain('settled before every sample in 2 of 3 timed cases');
  });

  it('computes peer speedups from ours ÷ peer', () => {
    const r = currentFormat().suites.gpu.results[1];
    expect(peerSpeedup(r, 'tfjs')).toMatchObject({ value: 2, basis: 'gpu' });
    expect(peerSpeedup(r, 'nobody')).toBeNull();
  });

  it('replaces only the text between the markers', () => {
    const readme = 'intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\noutro\n';
    expect(replaceBenchSection(readme, 'new')).toBe('intro\n<!-- bench:start -->\nnew\n<!-- bench:end -->\noutro\n');
    expect(() => replaceBenchSection('no markers', 'x')).toThrow(/markers/);
  });
});

describe('SVG chart', () => {
  it('draws fractions and fusion speedups from the first format', () => {
    const data = JSON.parse(readFileSync(FIRST_FORMAT, 'utf8'));
    const svg = renderBenchChart(data, 'first.json');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(limitBars(data.suites.gpu).map((b) => b.label)).toContain('sum_1e8');
    expect(speedupBars(data.suites.gpu).map((b) => b.value)).toEqual([6.203, 6.197]);
    expect(svg).toContain('0.98 of copy');
    expect(svg).toContain('f32 peak unknown');
  });

  it('draws products against the peak, and peers, escaping names', () => {
    const gpu = currentFormat().suites.gpu;
    const limits = limitBars(gpu);
    expect(limits.find((b) => b.label === 'matmul_4096')).toMatchObject({ value: 0.526 });
    const speed = speedupBars(gpu).map((b) => [b.label, Number(b.value.toFixed(2))]);
    expect(speed).toEqual([
      ['elementwise_fused_1e8 vs jax', 1.25],
      ['elementwise_fused_1e8 vs tfjs', 2],
      ['elementwise_1e8: fused vs unfused', 6.2],
      ['matmul_4096 vs tfjs (wall, wrong result)', 4],
      ['pca: fused vs per statement', 1.19],
    ]);
    const svg = renderBenchChart(currentFormat(), 'run & <more>.json');
    expect(svg).toContain('run &amp; &lt;more&gt;.json');
    expect(svg).not.toMatch(/<rect[^>]*NaN/);
  });

  it('says so when the GPU suite was skipped', () => {
    const svg = renderBenchChart({ started_at: 'x', suites: { gpu: { skipped: true, reason: '--no-gpu' } } }, 'x.json');
    expect(svg).toContain('GPU suite skipped: --no-gpu');
  });
});
