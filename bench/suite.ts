// The whole benchmark suite, as `npm run bench` and `matbook bench` run it: the interpreter suite,
// then the GPU suite (skipped, with the reason, when there is no WebGPU adapter). With --json the
// result is ONE JSON object on stdout, { suite: 'matbook', suites: { interpreter, gpu } }, and
// progress goes to stderr; without it, a short human summary.

import { runGpuBench } from './gpu.ts';
import { runInterpreterBench } from './interpreter.ts';
import { parseBenchArgs, type BenchOptions } from './util.ts';

export async function runBenchSuite(options: BenchOptions): Promise<Record<string, unknown>> {
  const started = performance.now();
  const interpreter = await runInterpreterBench({ repeats: options.quick ? 2 : 5 });
  const gpu = options.noGpu
    ? { suite: 'gpu', skipped: true, reason: '--no-gpu' }
    : await runGpuBench({ quick: options.quick, only: options.only, peakTflops: options.peakTflops });
  return {
    suite: 'matbook',
    started_at: new Date(Date.now() - (performance.now() - started)).toISOString(),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
    quick: options.quick,
    suites: { interpreter, gpu },
    elapsed_s: Math.round((performance.now() - started) / 100) / 10,
  };
}

type Row = Record<string, unknown>;

/** Fixed decimals from 10 up, three significant digits below (SwiftShader's rates are tiny). */
const num = (x: unknown, digits = 0): string => {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '';
  return Math.abs(x) >= 10 || x === 0 ? x.toFixed(digits) : String(Number(x.toPrecision(3)));
};

function peerText(r: Row): string {
  const peers = r.peers as Record<string, Row> | undefined;
  if (!peers) return '';
  return Object.entries(peers)
    .map(([id, p]) => {
      if (p.error) return `${id}: error`;
      const ratio = p.ours_over_peer as { gpu: number | null; wall: number | null };
      return `${id} ÷${num(ratio.gpu ?? ratio.wall, 2)}${p.value_ok === false ? ' (peer result wrong)' : ''}`;
    })
    .join(' ');
}

function summary(report: Row): string {
  const lines: string[] = [];
  const suites = report.suites as { interpreter: Awaited<ReturnType<typeof runInterpreterBench>>; gpu: Row };
  lines.push('interpreter (median ms):');
  for (const r of suites.interpreter.results) lines.push(`  ${r.name.padEnd(28)} ${String(r.median_ms).padStart(10)}`);
  const gpu = suites.gpu;
  if (gpu.skipped) {
    lines.push(`gpu: skipped (${String(gpu.reason)})`);
    return lines.join('\n') + '\n';
  }
  const device = gpu.device as { description: string; architecture: string; name: string; timing: string; peak: { name: string | null; f32_tflops: number | null } };
  const peak = device.peak.f32_tflops ? `, peak ${device.peak.f32_tflops} TFLOP/s (${device.peak.name ?? 'given'})` : ', peak unknown';
  lines.push(`gpu: ${device.name || device.description || device.architecture} (timing: ${device.timing}${gpu.quick ? ', quick sizes' : ''}${peak})`);
  lines.push(`  ${'case'.padEnd(40)} ${'GPU µs'.padStart(10)} ${'GB/s'.padStart(8)} ${'÷copy'.padStart(6)} ${'GFLOP/s'.padStart(9)} ${'÷peak'.padStart(6)} ${'wall ms'.padStart(9)}  notes`);
  for (const r of gpu.results as Row[]) {
    const name = String(r.name).padEnd(40);
    if (r.error) {
      lines.push(`  ${name} error: ${String(r.error).slice(0, 160)}`);
      continue;
    }
    if (r.kind === 'workload') {
      const mode = (m: unknown) => {
        const x = m as Row;
        return x.error ? `error: ${String(x.error).slice(0, 80)}` : `${num(x.wall_ms, 1)} ms wall, ${num(x.gpu_ms, 2)} ms GPU, ${String(x.kernels)} kernels`;
      };
      lines.push(`  ${name} fused ${mode(r.fused)} | per statement ${mode(r.per_statement)}${r.fusion_speedup !== undefined ? ` | ×${num(r.fusion_speedup, 1)} GPU` : ''}`);
      continue;
    }
    const notes = [r.fusion_speedup !== undefined ? `fusion ×${num(r.fusion_speedup, 1)}` : '', r.syrk_speedup_vs_gemm !== undefined ? `vs gemm ×${num(r.syrk_speedup_vs_gemm, 2)}` : '', peerText(r), r.check_ok === false ? 'CHECK FAILED' : '']
      .filter(Boolean)
      .join('; ');
    lines.push(
      `  ${name} ${num(r.gpu_us, 1).padStart(10)} ${num(r.gbps ?? r.gbps_effective).padStart(8)} ${num(r.fraction_of_copy, 2).padStart(6)} ${num(r.gflops).padStart(9)} ${num(r.fraction_of_peak, 2).padStart(6)} ${num(r.wall_ms, 2).padStart(9)}  ${notes}`,
    );
  }
  const peers = gpu.peers as Record<string, unknown> | undefined;
  if (peers?.skipped) lines.push(`  peers: skipped (${String(peers.skipped)})`);
  else if (peers) {
    for (const [id, p] of Object.entries(peers as Record<string, Row>)) lines.push(`  peer ${id}: ${String(p.status)}, ${String(p.label)}${p.reason ? ` (${String(p.reason)})` : ''}`);
  }
  if (gpu.fatal) lines.push(`  stopped: ${String(gpu.fatal)}`);
  return lines.join('\n') + '\n';
}

/** Parses argv, runs the suite, prints it; returns the exit status. */
export async function benchMain(argv: readonly string[]): Promise<number> {
  const options = parseBenchArgs(argv);
  const report = await runBenchSuite(options);
  process.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : summary(report));
  const gpu = (report.suites as { gpu: Record<string, unknown> }).gpu;
  return gpu.fatal ? 1 : 0;
}
