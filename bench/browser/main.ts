// The benchmark page (/bench.html): the GPU suite of bench/core/ on navigator.gpu, in the page
// itself (no worker: the suite awaits the GPU between dispatches, so the page stays responsive).
// The table fills in as cases finish; the whole report (the same JSON shape as `npm run bench
// -- --json`, with the browser as its platform) can be downloaded. No Node module is imported:
// peers run only in Node, and the workload scripts are bundled by Vite as text.
//
// Query parameters: ?quick=1 or ?size=quick|standard|full, ?only=copy,matmul (case groups),
// ?peak=TFLOPS, ?run=1 (start at once; the end-to-end test uses ?quick=1&only=copy&run=1).

import { openWebGpu, type WebGpuProvider } from '../../src/engine/providers/webgpu/index.ts';
import type { BenchHost, CaseResult } from '../core/harness.ts';
import { CASE_GROUPS, runGpuSuite } from '../core/gpuSuite.ts';
import type { AdapterNames } from '../core/peak.ts';
import { PAGE_SIZES, type SizeSet } from './sizes.ts';

const workloadFiles = import.meta.glob('../workloads/*.m', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const WORKLOAD_SOURCES: Record<string, string> = Object.fromEntries(Object.entries(workloadFiles).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.m$/, ''), text]));

/** Groups ticked unless the URL says otherwise: workloads and peers are off in the page. */
const DEFAULT_GROUPS = ['copy', 'elementwise', 'reduction', 'matmul', 'image'];

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function text(x: unknown, digits = 3): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '';
  const a = Math.abs(x);
  return a >= 1000 ? x.toFixed(0) : a >= 1 ? String(Number(x.toPrecision(4))) : String(Number(x.toPrecision(digits)));
}

function cells(r: CaseResult): { cells: string[]; error?: string } {
  if (r.error) return { cells: [r.name], error: String(r.error) };
  if (r.kind === 'workload') {
    const mode = (m: unknown) => {
      const x = m as Record<string, unknown>;
      return x.error ? `error: ${String(x.error).split('\n')[0]}` : `${text(x.wall_ms)} ms wall, ${text(x.gpu_ms)} ms GPU, ${String(x.kernels)} kernels`;
    };
    const speed = r.fusion_speedup !== undefined ? `; fusion ×${text(r.fusion_speedup)}` : '';
    return { cells: [r.name, '', '', '', '', '', '', `fused: ${mode(r.fused)}; per statement: ${mode(r.per_statement)}${speed}`] };
  }
  const notes = [
    r.fusion_speedup !== undefined ? `fusion ×${text(r.fusion_speedup)}` : '',
    r.syrk_speedup_vs_gemm !== undefined ? `×${text(r.syrk_speedup_vs_gemm)} vs A'*B` : '',
    r.check_ok === false ? 'CHECK FAILED' : '',
    Array.isArray(r.kernels) ? (r.kernels as string[]).join(', ') : '',
  ].filter(Boolean);
  return {
    cells: [r.name, text(r.gpu_us), text(r.wall_ms), text(r.gbps ?? r.gbps_effective), text(r.fraction_of_copy), text(r.gflops), text(r.fraction_of_peak), notes.join('; ')],
  };
}

function appendRow(r: CaseResult): void {
  const tr = document.createElement('tr');
  tr.dataset.case = r.name;
  const { cells: values, error } = cells(r);
  values.forEach((v, i) => {
    const td = document.createElement('td');
    td.textContent = v;
    if (i === values.length - 1 && i > 0) td.className = 'text';
    tr.append(td);
  });
  if (error !== undefined) {
    const td = document.createElement('td');
    td.colSpan = 7;
    td.className = 'error';
    td.textContent = `error: ${error}`;
    tr.append(td);
  }
  $('results').querySelector('tbody')!.append(tr);
}

function log(line: string): void {
  const el = $('log');
  el.textContent += `${line}\n`;
  el.scrollTop = el.scrollHeight;
}

async function adapterNames(): Promise<AdapterNames> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  const info = adapter?.info;
  return info ? { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description } : {};
}

function readSettings(): { size: SizeSet; groups: string[]; peak: number | null } {
  const form = $('controls') as HTMLFormElement;
  const size = ((form.elements.namedItem('size') as RadioNodeList).value || 'standard') as SizeSet;
  const groups = [...$('groups').querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
  const peak = Number(($('peak') as HTMLInputElement).value);
  return { size, groups, peak: peak > 0 ? peak : null };
}

function applyQuery(): boolean {
  const q = new URLSearchParams(location.search);
  const size = q.get('quick') === '1' ? 'quick' : (q.get('size') as SizeSet | null);
  if (size && size in PAGE_SIZES) {
    const radio = document.querySelector<HTMLInputElement>(`input[name=size][value=${size}]`);
    if (radio) radio.checked = true;
  }
  const only = q.get('only')?.split(',') ?? null;
  for (const group of CASE_GROUPS) {
    if (group === 'peers') continue;
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = group;
    box.checked = only ? only.includes(group) : DEFAULT_GROUPS.includes(group);
    label.append(box, ` ${group === 'workload' ? 'workloads (bench/workloads/*.m)' : group}`);
    $('groups').append(label);
  }
  const peak = q.get('peak');
  if (peak) ($('peak') as HTMLInputElement).value = peak;
  return q.get('run') === '1';
}

async function main(): Promise<void> {
  const autorun = applyQuery();
  const names = await adapterNames();
  const opened = await openWebGpu();
  const status = $('status');
  if (!opened.provider) {
    $('device').textContent = `No WebGPU here: ${opened.adapter.reason ?? 'no adapter'}. The benchmark needs a browser with WebGPU (recent Chrome, Edge, Safari or Firefox).`;
    return;
  }
  const provider: WebGpuProvider = opened.provider;
  const a = provider.adapter;
  $('device').textContent = `Adapter: ${[names.device, a.vendor, a.architecture, a.description].filter(Boolean).join(' · ') || 'unnamed'}${a.isFallbackAdapter ? ' (software fallback)' : ''}; timing: ${provider.timing === 'timestamp' ? 'GPU timestamps' : 'wall time per dispatch (no timestamp-query)'}.`;
  let report: Record<string, unknown> | null = null;
  const run = $('run') as HTMLButtonElement;
  const download = $('download') as HTMLButtonElement;
  run.disabled = false;

  const start = async () => {
    run.disabled = true;
    download.disabled = true;
    $('results').querySelector('tbody')!.replaceChildren();
    $('log').textContent = '';
    const settings = readSettings();
    status.textContent = 'running…';
    const host: BenchHost = {
      log,
      // No forced collection in a page: give finalizers a turn and say so in the report.
      collectGarbage: async () => {
        await new Promise((r) => setTimeout(r, 0));
        return false;
      },
      onResult: appendRow,
    };
    const started = new Date();
    const t0 = performance.now();
    const gpu = await runGpuSuite(provider, host, {
      quick: settings.size === 'quick',
      quickReason: settings.size === 'quick' ? 'quick sizes chosen on the page' : null,
      warmups: 2,
      repetitions: settings.size === 'quick' ? 2 : 5,
      only: settings.groups,
      peakTflops: settings.peak,
      adapterNames: names,
      workloadSources: WORKLOAD_SOURCES,
      sizes: PAGE_SIZES[settings.size],
      environment: { browser: navigator.userAgent, size_set: settings.size },
    });
    report = {
      suite: 'matbook',
      started_at: started.toISOString(),
      platform: `browser: ${navigator.userAgent}`,
      quick: settings.size === 'quick',
      suites: { gpu },
      elapsed_s: Math.round((performance.now() - t0) / 100) / 10,
    };
    status.textContent = gpu.fatal ? `stopped: ${String(gpu.fatal)}` : `done in ${report.elapsed_s} s`;
    document.body.dataset.benchDone = 'true';
    run.disabled = false;
    download.disabled = false;
  };

  ($('controls') as HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    void start();
  });
  download.addEventListener('click', () => {
    if (!report) return;
    const blob = new Blob([JSON.stringify(report, null, 2) + '\n'], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `matbook-bench-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
  if (autorun) void start();
}

void main();
