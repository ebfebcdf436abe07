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
  const gpu = options.noGpu ? { suite: 'gpu', skipped: true, reason: '--no-gpu' } : await runGpuBench({ quick: options.quick });
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

function summary(report: Record<string, unknown>): string {
  const lines: string[] = [];
  const suites = report.suites as { interpreter: Awaited<ReturnType<typeof runInterpreterBench>>; gpu: Record<string, unknown> };
  lines.push('interpreter (median ms):');
  for (const r of suites.interpreter.results) lines.push(`  ${r.name.padEnd(28)} ${String(r.median_ms).padStart(10)}`);
  const gpu = suites.gpu;
  if (gpu.skipped) lines.push(`gpu: skipped (${String(gpu.reason)})`);
  else {
    const device = gpu.device as { description: string; architecture: string; timing: string };
    lines.push(`gpu: ${device.description || device.architecture} (timing: ${device.timing}${gpu.quick ? ', quick sizes' : ''})`);
    lines.push(`  ${'case'.padEnd(28)} ${'GPU µs'.padStart(10)} ${'GB/s'.padStart(9)} ${'÷copy'.padStart(7)} ${'wall ms'.padStart(9)}`);
    for (const r of gpu.results as Record<string, unknown>[]) {
      if (r.error) {
        lines.push(`  ${String(r.name).padEnd(28)} error: ${String(r.error)}`);
        continue;
      }
      const rate = r.gbps ?? r.gbps_effective;
      const extra = r.fusion_speedup !== undefined ? `  fusion ×${String(r.fusion_speedup)}` : '';
      lines.push(
        `  ${String(r.name).padEnd(28)} ${String(r.gpu_us).padStart(10)} ${String(rate).padStart(9)} ${String(r.fraction_of_copy ?? '').padStart(7)} ${String(r.wall_ms).padStart(9)}${extra}`,
      );
    }
    if (gpu.fatal) lines.push(`  stopped: ${String(gpu.fatal)}`);
  }
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
