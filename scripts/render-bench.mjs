// Renders the newest committed benchmark JSON (bench/results/*.json) into the README between
// the bench markers, so the numbers there are never typed by hand: `node scripts/render-bench.mjs`.
// Fields added after the first result files (matmul, workloads, peers, device peak) are optional:
// a section is left out when the run has none of its cases. scripts/render-bench-chart.mjs draws
// docs/bench.svg from the same run. `renderBenchMarkdown` is exported for tests.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const RESULTS_DIR = 'bench/results';

/** The newest run in `dir` by its own start time (file times are whatever the checkout made them). */
export function newestRun(dir = RESULTS_DIR) {
  const runs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, data: JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) }))
    .sort((a, b) => String(b.data.started_at).localeCompare(String(a.data.started_at)));
  if (runs.length === 0) throw new Error(`no results in ${dir}`);
  return runs[0];
}

const fmt = (x, digits = 0) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '');
/** Rates and fractions: whole numbers from 100, then 1–2 decimals, 3 significant digits below 1. */
const num = (x) => {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '';
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : a === 0 ? '0' : String(Number(x.toPrecision(3)));
};
/** Fractions (of copy, of peak): two decimals, two significant digits below 0.1. */
const frac = (x) => (typeof x !== 'number' || !Number.isFinite(x) ? '' : Math.abs(x) >= 0.1 || x === 0 ? x.toFixed(2) : String(Number(x.toPrecision(2))));
/** The first line of an error, without the cell text the engine harness puts before it. */
const errorText = (e, max) => {
  const first = String(e).split('\n')[0];
  const colon = first.indexOf(' …: ');
  const text = colon >= 0 ? first.slice(colon + 4) : first;
  return text.length > max ? `${text.slice(0, max)}…` : text;
};
const times = (x, digits = 1) => (typeof x === 'number' && Number.isFinite(x) ? `${x.toFixed(digits)}×` : '');

/** Peer time ÷ our time (GPU time when both have it, else wall, marked "wall"), from ours_over_peer. */
export function peerSpeedup(result, id) {
  const p = result.peers?.[id];
  if (!p) return null;
  if (p.error) return { text: 'error', value: null };
  const r = p.ours_over_peer ?? {};
  // A peer whose result was wrong is still timed, and flagged.
  const wrong = p.value_ok === false ? ' (wrong result)' : '';
  if (typeof r.gpu === 'number' && r.gpu > 0) return { text: `${times(1 / r.gpu, 2)}${wrong}`, value: 1 / r.gpu, basis: 'gpu' };
  if (typeof r.wall === 'number' && r.wall > 0) return { text: `${times(1 / r.wall, 2)} (wall)${wrong}`, value: 1 / r.wall, basis: 'wall' };
  return null;
}

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|');
const row = (xs) => `| ${xs.map(cell).join(' | ')} |`;

function deviceLine(gpu) {
  const d = gpu.device ?? {};
  const name = d.name || d.description || d.architecture || 'unknown device';
  const peak = d.peak?.f32_tflops ? `f32 peak ${d.peak.f32_tflops} TFLOP/s (${d.peak.name ?? 'given'}, ${d.peak.source === 'user' ? '--peak-tflops' : 'vendor figure'})` : 'f32 peak unknown';
  return `device ${d.vendor ?? ''} (${name}), ${peak}`;
}

function peerIds(gpu) {
  const ids = new Set();
  for (const r of gpu.results ?? []) for (const id of Object.keys(r.peers ?? {})) ids.add(id);
  return [...ids].sort();
}

function memoryTable(gpu, peers) {
  const kinds = new Set(['copy', 'elementwise', 'reduction', 'image_normalize']);
  const rows = (gpu.results ?? []).filter((r) => kinds.has(r.kind) || (r.error && !/^(matmul|syrk|workload)/.test(r.name)));
  if (rows.length === 0) return [];
  const head = ['case', 'GPU µs (median)', 'GB/s', 'fraction of copy', 'fusion speedup', 'kernels', ...peers.map((id) => `speedup vs ${id}`)];
  return [
    row(head),
    `| --- | ---: | ---: | ---: | ---: | --- |${peers.map(() => ' ---: |').join('')}`,
    ...rows.map((r) =>
      r.error
        ? row([r.name, '', '', '', '', `error: ${errorText(r.error, 120)}`, ...peers.map(() => '')])
        : row([
            r.name,
            fmt(r.gpu_us, 1),
            num(r.gbps ?? r.gbps_effective),
            frac(r.fraction_of_copy),
            r.fusion_speedup === undefined ? '' : times(r.fusion_speedup),
            (r.kernels ?? []).join(', '),
            ...peers.map((id) => peerSpeedup(r, id)?.text ?? ''),
          ]),
    ),
  ];
}

function matmulTable(gpu, peers) {
  const rows = (gpu.results ?? []).filter((r) => /^(matmul|syrk)/.test(r.name));
  if (rows.length === 0) return [];
  const shape = (r) => (r.m === undefined ? '' : `${r.m}×${r.k} · ${r.k}×${r.n}`);
  const notes = (r) =>
    [
      r.fusion_speedup !== undefined ? `fusion ${times(r.fusion_speedup)}` : '',
      r.syrk_speedup_vs_gemm !== undefined ? `${times(r.syrk_speedup_vs_gemm, 2)} vs A'*B` : '',
      r.check_ok === false ? 'check failed' : '',
    ]
      .filter(Boolean)
      .join('; ');
  return [
    row(['case', 'shape', 'statement', 'GPU µs (median)', 'TFLOP/s', 'fraction of peak', 'kernels', 'notes', ...peers.map((id) => `speedup vs ${id}`)]),
    `| --- | --- | --- | ---: | ---: | ---: | --- | --- |${peers.map(() => ' ---: |').join('')}`,
    ...rows.map((r) =>
      r.error
        ? row([r.name, '', '', '', '', '', `error: ${errorText(r.error, 120)}`, '', ...peers.map(() => '')])
        : row([
            r.name,
            shape(r),
            r.statement ? `\`${r.statement}\`` : '',
            fmt(r.gpu_us, 1),
            num(r.tflops),
            frac(r.fraction_of_peak),
            (r.kernels ?? []).join(', '),
            notes(r),
            ...peers.map((id) => peerSpeedup(r, id)?.text ?? ''),
          ]),
    ),
  ];
}

function workloadTable(gpu) {
  const rows = (gpu.results ?? []).filter((r) => r.kind === 'workload' || (r.error && r.name.startsWith('workload_')));
  if (rows.length === 0) return [];
  const mode = (m) => (!m ? ['', '', ''] : m.error ? [`error: ${errorText(m.error, 100)}`, '', ''] : [fmt(m.wall_ms, 1), fmt(m.gpu_ms, 2), String(m.kernels)]);
  const sizes = (s) => Object.entries(s ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  return [
    row(['workload', 'sizes', 'fused wall ms', 'fused GPU ms', 'fused kernels', 'per-statement wall ms', 'per-statement GPU ms', 'per-statement kernels', 'fusion speedup (GPU)', 'result']),
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) =>
      r.error
        ? row([r.name.replace(/^workload_/, ''), '', `error: ${errorText(r.error, 120)}`, '', '', '', '', '', '', ''])
        : row([
            r.script ? `[${r.name.replace(/^workload_/, '')}](${r.script})` : r.name,
            sizes(r.sizes),
            ...mode(r.fused),
            ...mode(r.per_statement),
            r.fusion_speedup === undefined ? '' : times(r.fusion_speedup),
            r.fused?.value ?? r.per_statement?.value ?? '',
          ]),
    ),
  ];
}

function peersLine(gpu) {
  const peers = gpu.peers;
  if (!peers || typeof peers !== 'object') return '';
  if (peers.skipped) return `Peers: not run (${peers.skipped}).`;
  const parts = Object.entries(peers).map(([id, p]) => (p.status === 'ok' ? `${id} = ${p.label}` : `${id}: skipped (${p.reason})`));
  return parts.length === 0 ? '' : `Peers, same process and GPUDevice: ${parts.join('; ')}. "Speedup vs" is the peer's time ÷ ours (GPU timestamps; wall when the peer has none): above 1, Matbook is faster.`;
}

/**
 * Whether the GPU was kept at its working clock: the suite's heater (runs from before it had one
 * say nothing), and in how many timed cases it had the clock at its top before every sample.
 */
export function clockLine(gpu) {
  const clock = gpu.method?.clock;
  if (typeof clock !== 'string') return '';
  const cases = (gpu.results ?? []).filter((r) => typeof r.clock_settled === 'boolean');
  if (cases.length === 0) return 'No clock heater (quick sizes or a software adapter).';
  const settled = cases.filter((r) => r.clock_settled).length;
  return `Before every timed sample a 2048² GEMM ran until its own time was within 2% of its best (\`bench/core/heater.ts\`), so the GPU was at its top clock: settled before every sample in ${settled} of ${cases.length} timed cases.`;
}

/** The markdown that goes between the README's bench markers. */
export function renderBenchMarkdown(data, file) {
  const gpu = data.suites?.gpu ?? { skipped: true, reason: 'no GPU suite' };
  const lines = [];
  if (gpu.skipped) {
    lines.push(`Run ${data.started_at}: GPU suite skipped (${gpu.reason}); file \`${RESULTS_DIR}/${file}\`.`, '');
  } else {
    const timing = gpu.device?.timing === 'timestamp' ? 'timestamps per dispatch' : 'wall time per dispatch';
    lines.push(`Run ${data.started_at}, ${deviceLine(gpu)}, Dawn through the \`webgpu\` package, ${timing}${gpu.quick ? ', quick sizes' : ''}; file \`${RESULTS_DIR}/${file}\`.`, '');
    const clock = clockLine(gpu);
    if (clock) lines.push(clock, '');
    const peers = peerIds(gpu);
    const sections = [
      ['Memory-bound kernels (copy is the bandwidth reference):', memoryTable(gpu, peers)],
      ['Matrix products (through the engine: `C = A*B;` on single gpuArrays):', matmulTable(gpu, peers)],
      ['Workloads (`bench/workloads/*.m`, run as one cell and with a sync point after every statement):', workloadTable(gpu)],
    ];
    for (const [title, table] of sections) if (table.length > 0) lines.push(title, '', ...table, '');
    const pl = peersLine(gpu);
    if (pl) lines.push(pl, '');
  }
  const interp = data.suites?.interpreter?.results ?? [];
  if (interp.length > 0) {
    lines.push('Interpreter (same machine, Node, CPU only):', '', '| case | best ms | median ms |', '| --- | ---: | ---: |', ...interp.map((r) => `| ${r.name} | ${fmt(r.best_ms, 1)} | ${fmt(r.median_ms, 1)} |`));
  }
  return lines.join('\n').trimEnd();
}

/** Replaces the text between the bench markers of `readme`. */
export function replaceBenchSection(readme, markdown) {
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < 0) throw new Error('README has no bench markers');
  return `${readme.slice(0, i + start.length)}\n${markdown}\n${readme.slice(j)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { file, data } = newestRun();
  writeFileSync('README.md', replaceBenchSection(readFileSync('README.md', 'utf8'), renderBenchMarkdown(data, file)));
  console.log(`README bench table from ${file}`);
}
