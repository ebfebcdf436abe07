// Renders the newest committed benchmark JSON (bench/results/*.json) into the README between
// the bench markers, so the numbers there are never typed by hand: `node scripts/render-bench.mjs`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const dir = 'bench/results';
// The newest run by its own start time (file times are whatever the checkout made them).
const runs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ f, data: JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) }))
  .sort((a, b) => String(b.data.started_at).localeCompare(String(a.data.started_at)));
if (runs.length === 0) throw new Error('no results in bench/results');
const { f: file, data } = runs[0];
const gpu = data.suites.gpu;
const fmt = (x, digits = 0) => (x === undefined || x === null ? '' : Number(x).toFixed(digits));

const rows = gpu.results.map((r) => {
  const rate = r.gbps ?? r.gbps_effective;
  return `| ${r.name} | ${fmt(r.gpu_us, 1)} | ${fmt(rate)} | ${r.fraction_of_copy === undefined ? '' : fmt(r.fraction_of_copy, 2)} | ${r.fusion_speedup === undefined ? '' : `${fmt(r.fusion_speedup, 1)}×`} | ${(r.kernels ?? []).join(', ')} |`;
});
const interp = data.suites.interpreter.results.map((r) => `| ${r.name} | ${fmt(r.best_ms, 1)} | ${fmt(r.median_ms, 1)} |`);
const table = [
  `Run ${data.started_at}, device ${gpu.device.vendor} (${gpu.device.description}), Dawn through the \`webgpu\` package, timestamps per dispatch; file \`${dir}/${file}\`.`,
  '',
  '| case | GPU µs (median) | GB/s | fraction of copy | fusion speedup | kernels |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows,
  '',
  'Interpreter (same machine, Node, CPU only):',
  '',
  '| case | best ms | median ms |',
  '| --- | ---: | ---: |',
  ...interp,
].join('\n');

const readme = readFileSync('README.md', 'utf8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i < 0 || j < 0) throw new Error('README has no bench markers');
writeFileSync('README.md', `${readme.slice(0, i + start.length)}\n${table}\n${readme.slice(j)}`);
console.log(`README bench table from ${file}`);
