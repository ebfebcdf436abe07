// Number and label formatting for outputs and the status bar. Pure, so it is unit-tested.

import type { AdapterSummary, ErrorInfo, KernelEvent } from '../../worker/protocol.ts';

/** `[[512, 512], [512, 1]]` → `512×512, 512×1`. */
export function formatShapes(shapes: number[][]): string {
  return shapes.map((shape) => shape.join('×')).join(', ');
}

/** Milliseconds with about three significant digits: `0.042 ms`, `3.14 ms`, `123 ms`, `1.52 s`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** Microseconds, for kernel times: `12.3 µs`, `1,234 µs`. */
export function formatUs(us: number): string {
  if (us >= 100) return `${Math.round(us).toLocaleString('en-US')} µs`;
  return `${us.toFixed(1)} µs`;
}

/** A kernel's achieved rate: GFLOP/s for compute-bound kernels, GB/s otherwise; '' when neither. */
export function formatRate(kernel: Pick<KernelEvent, 'gflops' | 'gbps'>): string {
  if (kernel.gflops !== undefined) return `${kernel.gflops.toFixed(kernel.gflops >= 100 ? 0 : 1)} GFLOP/s`;
  if (kernel.gbps !== undefined) return `${kernel.gbps.toFixed(kernel.gbps >= 100 ? 0 : 1)} GB/s`;
  return '';
}

/** The error header as MATLAB users read it: `Error (line 2, column 5): message`. */
export function formatErrorHeader(error: Pick<ErrorInfo, 'line' | 'column' | 'message'>): string {
  if (error.line === null) return `Error: ${error.message}`;
  const where = error.column === null ? `line ${error.line}` : `line ${error.line}, column ${error.column}`;
  return `Error (${where}): ${error.message}`;
}

/** The status bar's adapter text. */
export function formatAdapter(adapter: AdapterSummary): string {
  if (!adapter.available) return `no WebGPU — CPU only${adapter.reason ? ` (${adapter.reason})` : ''}`;
  const name = [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  const description = adapter.description ? ` (${adapter.description})` : '';
  return `WebGPU: ${name}${description}${adapter.isFallbackAdapter ? ' fallback' : ''}`;
}

/**
 * The status bar's engine state: `running` while it executes, `restarting` while a restarted
 * worker starts (the client's notice says so), otherwise the client's own word.
 */
export function engineStateLabel(status: { state: 'starting' | 'idle' | 'busy' | 'failed'; notice: string | null }): string {
  switch (status.state) {
    case 'busy':
      return 'running';
    case 'starting':
      return status.notice?.startsWith('Engine restarted') ? 'restarting' : 'starting';
    default:
      return status.state;
  }
}
