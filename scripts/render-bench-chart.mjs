// Draws docs/bench.svg from the newest benchmark JSON (bench/results/*.json), by hand, no
// libraries: `node scripts/render-bench-chart.mjs`. Two panels:
// 1. how close each case comes to the device's limit: memory-bound cases as a fraction of the
//    copy bandwidth of the same run, matrix products as a fraction of the f32 peak (when the
//    device's peak is known);
// 2. speedups on a log scale around 1×: fusion (the same work with a sync point after every
//    statement or op, ÷ fused) and peers (the peer's time ÷ ours, same run, same device).
// Every number comes from the JSON. `renderBenchChart` is exported for tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { newestRun, peerSpeedup, RESULTS_DIR } from './render-bench.mjs';

const WIDTH = 960;
const LABEL_W = 330;
const BAR_X = LABEL_W + 10;
const BAR_W = 480;
const ROW_H = 20;
const COLORS = { memory: '#2a9d8f', matmul: '#e76f51', fusion: '#7b5ea7', tfjs: '#f4a261', jax: '#264653', other: '#8d99ae' };

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Bars of the first panel: { label, value (fraction), color, note }. */
export function limitBars(gpu) {
  const bars = [];
  for (const r of gpu.results ?? []) {
    if (r.error) continue;
    if (['elementwise', 'reduction', 'image_normalize'].includes(r.kind) && typeof r.fraction_of_copy === 'number') {
      bars.push({ label: r.name, value: r.fraction_of_copy, color: COLORS.memory, note: `${num(r.fraction_of_copy)} of copy` });
    } else if (['matmul', 'syrk', 'matmul_epilogue'].includes(r.kind) && typeof r.fraction_of_peak === 'number') {
      bars.push({ label: r.name, value: r.fraction_of_peak, color: COLORS.matmul, note: `${num(r.fraction_of_peak)} of peak (${num(r.tflops)} TFLOP/s)` });
    }
  }
  return bars;
}

/** Bars of the second panel: { label, value (× speedup), color }. */
export function speedupBars(gpu) {
  const bars = [];
  for (const r of gpu.results ?? []) {
    if (r.error) continue;
    if (typeof r.fusion_speedup === 'number' && r.fusion_speedup > 0) {
      const what = r.kind === 'workload' ? `${r.name.replace(/^workload_/, '')}: fused vs per statement` : `${r.name.replace(/_unfused/, '')}: fused vs unfused`;
      bars.push({ label: what, value: r.fusion_speedup, color: COLORS.fusion });
    }
    for (const id of Object.keys(r.peers ?? {}).sort()) {
      const s = peerSpeedup(r, id);
      if (!s || typeof s.value !== 'number' || s.value <= 0) continue;
      const notes = [s.basis === 'wall' ? 'wall' : '', r.peers[id].value_ok === false ? 'wrong result' : ''].filter(Boolean).join(', ');
      bars.push({ label: `${r.name} vs ${id}${notes ? ` (${notes})` : ''}`, value: s.value, color: COLORS[id] ?? COLORS.other });
    }
  }
  return bars;
}

/** A panel's title and its explanation underneath; returns the SVG and the height used. */
function panelTitle(y, title, text) {
  return [`<text x="16" y="${y}" class="h2">${esc(title)}</text>`, `<text x="16" y="${y + 16}" class="sub">${esc(text)}</text>`];
}

function linearPanel(bars, y0) {
  const out = [];
  const max = Math.max(1, ...bars.map((b) => b.value));
  const scale = BAR_W / max;
  const oneX = BAR_X + scale;
  bars.forEach((b, i) => {
    const y = y0 + i * ROW_H;
    const w = Math.max(1, b.value * scale);
    out.push(`<text x="${LABEL_W}" y="${y + 14}" class="label" text-anchor="end">${esc(b.label)}</text>`);
    out.push(`<rect x="${BAR_X}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW_H - 6}" fill="${b.color}"/>`);
    out.push(`<text x="${(BAR_X + w + 6).toFixed(1)}" y="${y + 14}" class="value">${esc(b.note)}</text>`);
  });
  const h = bars.length * ROW_H;
  out.push(`<line x1="${oneX.toFixed(1)}" y1="${y0}" x2="${oneX.toFixed(1)}" y2="${y0 + h}" class="ref"/>`);
  out.push(`<text x="${oneX.toFixed(1)}" y="${y0 + h + 14}" class="axis" text-anchor="middle">1.0</text>`);
  out.push(`<line x1="${BAR_X}" y1="${y0}" x2="${BAR_X}" y2="${y0 + h}" class="axisline"/>`);
  return { svg: out, height: h + 22 };
}

function logPanel(bars, y0) {
  const out = [];
  const lo = Math.min(0.1, ...bars.map((b) => b.value / 1.5));
  const hi = Math.max(10, ...bars.map((b) => b.value * 1.5));
  const span = Math.log10(hi) - Math.log10(lo);
  const xOf = (v) => BAR_X + ((Math.log10(v) - Math.log10(lo)) / span) * BAR_W;
  const one = xOf(1);
  bars.forEach((b, i) => {
    const y = y0 + i * ROW_H;
    const x = xOf(b.value);
    const left = Math.min(x, one);
    const w = Math.max(1, Math.abs(x - one));
    out.push(`<text x="${LABEL_W}" y="${y + 14}" class="label" text-anchor="end">${esc(b.label)}</text>`);
    out.push(`<rect x="${left.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW_H - 6}" fill="${b.color}"/>`);
    // Right of the bar when faster; right of the 1× line when slower (the label column is left).
    const tx = b.value >= 1 ? x + 6 : one + 6;
    out.push(`<text x="${tx.toFixed(1)}" y="${y + 14}" class="value">${esc(`${num(b.value)}×`)}</text>`);
  });
  const h = bars.length * ROW_H;
  for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) {
    const v = 10 ** e;
    const x = xOf(v).toFixed(1);
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + h}" class="${v === 1 ? 'ref' : 'grid'}"/>`);
    out.push(`<text x="${x}" y="${y0 + h + 14}" class="axis" text-anchor="middle">${v >= 1 ? v : v.toFixed(-e)}×</text>`);
  }
  return { svg: out, height: h + 22 };
}

/** The SVG document for one run. */
export function renderBenchChart(data, file) {
  const gpu = data.suites?.gpu ?? {};
  const d = gpu.device ?? {};
  const device = d.name || d.description || d.architecture || 'unknown device';
  const parts = [];
  let y = 28;
  parts.push(`<text x="16" y="${y}" class="h1">${esc(`Matbook benchmark: ${device}${gpu.quick ? ' (quick sizes)' : ''}`)}</text>`);
  y += 18;
  parts.push(`<text x="16" y="${y}" class="sub">${esc(`${data.started_at ?? ''} · ${RESULTS_DIR}/${file} · drawn by scripts/render-bench-chart.mjs`)}</text>`);
  y += 30;
  if (gpu.skipped || !gpu.results) {
    parts.push(`<text x="16" y="${y}" class="label">${esc(`GPU suite skipped: ${gpu.reason ?? 'no results'}`)}</text>`);
    y += 20;
  } else {
    const limits = limitBars(gpu);
    const peakNote = d.peak?.f32_tflops ? `f32 peak ${d.peak.f32_tflops} TFLOP/s (${d.peak.name ?? 'given'})` : 'f32 peak unknown: products not shown (--peak-tflops sets it)';
    parts.push(...panelTitle(y, "Fraction of the device's limit", `memory-bound cases ÷ the copy GB/s of the same run (teal); matrix products ÷ ${peakNote} (orange)`));
    y += 28;
    if (limits.length > 0) {
      const p = linearPanel(limits, y);
      parts.push(...p.svg);
      y += p.height + 24;
    } else y += 24;
    const speed = speedupBars(gpu);
    parts.push(...panelTitle(y, 'Speedups (log scale; right of 1×: faster)', 'fusion: one statement per sync point ÷ fused (purple); peers: the peer time ÷ Matbook, same process and GPUDevice (tfjs orange, jax dark)'));
    y += 28;
    if (speed.length > 0) {
      const p = logPanel(speed, y);
      parts.push(...p.svg);
      y += p.height + 16;
    } else {
      parts.push(`<text x="${BAR_X}" y="${y + 14}" class="label">no speedups in this run</text>`);
      y += 30;
    }
  }
  const style = [
    'text { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; fill: #1d2433; }',
    '.h1 { font-size: 17px; font-weight: 600; }',
    '.h2 { font-size: 13px; font-weight: 600; }',
    '.sub, .axis { font-size: 11px; fill: #5c6475; }',
    '.label, .value { font-size: 11.5px; }',
    '.ref { stroke: #1d2433; stroke-width: 1; stroke-dasharray: 3 3; }',
    '.grid { stroke: #c9ced8; stroke-width: 1; }',
    '.axisline { stroke: #5c6475; stroke-width: 1; }',
  ].join(' ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" role="img" aria-label="Matbook benchmark chart">`,
    `<style>${style}</style>`,
    `<rect width="${WIDTH}" height="${y}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { file, data } = newestRun();
  mkdirSync('docs', { recursive: true });
  writeFileSync('docs/bench.svg', renderBenchChart(data, file));
  console.log(`docs/bench.svg from ${file}`);
}
