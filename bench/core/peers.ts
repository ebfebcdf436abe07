// Peers measured in the same process, on the same GPUDevice, against the same shapes: a library
// is wrapped as a PeerBackend (bench/peers/*.ts) and timed the same way as the engine's cases:
// warm-ups, then the median of several runs, each ending when the GPU has finished (wall), and
// separately the sum of its kernels' GPU timestamps where the library exposes them.
//
// Peer cases: matmul at the square sizes, the elementwise chain tanh(x*2+1) - x^2*0.5 at each
// vector length, and sum over the reduce length. Each peer measurement is attached to the
// engine's case of the same shape (matmul_N, elementwise_fused_N, sum_N) under `peers`, with
// the time ratios ours/peer (below 1: Matbook is faster).

import { CaseRunner, type BenchHost, type CaseResult } from './harness.ts';
import type { Repeat } from './memoryCases.ts';
import { median, sig, sizeLabel } from './stats.ts';

/** A library on the shared device. `T` is its array type. */
export interface PeerBackend<T = unknown> {
  /** Key in the report: 'tfjs', 'jax'. */
  readonly id: string;
  /** Package and version, e.g. '@tensorflow/tfjs-backend-webgpu 4.22.0'. */
  readonly label: string;
  /** How `sync` waits and where GPU times come from, for the report. */
  readonly method: { sync: string; gpu_time: string };
  upload(data: Float32Array, shape: readonly number[]): T;
  dispose(t: T): void;
  matmul(a: T, b: T): T;
  /** tanh(x*2 + 1) - x.^2*0.5: the engine's CHAIN, written the library's idiomatic way. */
  chain(x: T): T;
  sum(x: T): T;
  /** Resolves once the GPU has run everything recorded so far that `t` depends on. */
  sync(t: T): Promise<void>;
  /** Runs `op` with kernel timestamps on: the sum of its kernels' GPU µs, or null when unavailable. */
  timed(op: () => T): Promise<{ gpuUs: number; kernels: string[] } | null>;
  /** Element 0 of `t` (may read more than one element; used once per case). */
  readFirst(t: T): Promise<number>;
  close(): void;
}

export interface PeerSetup {
  /** The backend, or why this peer cannot run here. */
  backend: PeerBackend | null;
  id: string;
  label: string;
  skipped?: string;
}

export interface PeerMeasurement {
  wall_ms: number | null;
  gpu_us: number | null;
  kernels: string[] | null;
  /** Element 0 of the result, and whether it is what the inputs give (as for the engine's case). */
  value: number | null;
  value_ok: boolean;
  raw: { wallMs: number; gpuUs: number | null };
}

/** What element 0 of a peer's result should be, within an absolute tolerance. */
interface Expected {
  value: number;
  tolerance: number;
}

async function measurePeer<T>(host: BenchHost, backend: PeerBackend<T>, op: () => T, rep: Repeat, expected: Expected): Promise<PeerMeasurement> {
  const walls: number[] = [];
  for (let i = 0; i < rep.warmups + rep.repetitions; i++) {
    await host.warmGpu?.();
    const t0 = performance.now();
    const r = op();
    await backend.sync(r);
    const wall = performance.now() - t0;
    backend.dispose(r);
    if (i >= rep.warmups) walls.push(wall);
  }
  const gpus: number[] = [];
  let kernels: string[] | null = null;
  for (let i = 0; i < rep.repetitions; i++) {
    await host.warmGpu?.();
    const t = await backend.timed(op);
    if (!t) break;
    gpus.push(t.gpuUs);
    kernels = t.kernels;
  }
  const r = op();
  const value = await backend.readFirst(r);
  backend.dispose(r);
  const gpuUs = gpus.length > 0 ? median(gpus) : null;
  return {
    wall_ms: sig(median(walls)),
    gpu_us: gpuUs === null ? null : sig(gpuUs),
    kernels,
    value: sig(value, 7),
    value_ok: Math.abs(value - expected.value) <= expected.tolerance,
    raw: { wallMs: median(walls), gpuUs },
  };
}

/** Uniform numbers on [0, 1) from a fixed seed (xorshift32): the same inputs for every peer. */
export function hostUniform(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s / 4294967296;
  }
  return out;
}

export interface PeerShapes {
  matmul: number[];
  vectors: number[];
  reduce: number;
}

function attach(ours: CaseResult | undefined, id: string, label: string, m: PeerMeasurement | { error: string }): void {
  if (!ours || ours.error) return;
  const peers = (ours.peers ??= {}) as Record<string, unknown>;
  if ('error' in m) {
    peers[id] = { label, error: m.error };
    return;
  }
  const ourGpu = typeof ours.gpu_us === 'number' ? ours.gpu_us : null;
  const ourWall = typeof ours.wall_ms === 'number' ? ours.wall_ms : null;
  const { raw, ...pub } = m;
  peers[id] = {
    label,
    ...pub,
    ours_over_peer: {
      gpu: ourGpu !== null && raw.gpuUs ? sig(ourGpu / raw.gpuUs, 3) : null,
      wall: ourWall !== null && raw.wallMs > 0 ? sig(ourWall / raw.wallMs, 3) : null,
    },
  };
}

/**
 * Runs every peer on every peer case and attaches the results to the engine's cases in
 * `runner.results`. Returns the peers' status for the report (ok, or skipped with the reason).
 */
export async function runPeers(runner: CaseRunner, setups: readonly PeerSetup[], shapes: PeerShapes, rep: Repeat): Promise<Record<string, unknown>> {
  const status: Record<string, unknown> = {};
  for (const s of setups) {
    status[s.id] = s.backend ? { status: 'ok', label: s.label, method: s.backend.method } : { status: 'skipped', label: s.label, reason: s.skipped ?? 'unavailable' };
  }
  const live = setups.filter((s) => s.backend !== null).map((s) => s.backend!);
  if (live.length === 0) return status;

  const run = async (caseName: string, inputs: { data: Float32Array; shape: number[] }[], op: (b: PeerBackend, xs: unknown[]) => unknown, expected: Expected) => {
    // Only shapes the engine measured in this run (not left out by --only, not failed).
    const ours = runner.find(caseName);
    if (!ours || ours.error) return;
    for (const b of live) {
      const label = `${caseName}/${b.id}`;
      await runner.attempt(label, async () => {
        const xs = inputs.map((x) => b.upload(x.data, x.shape));
        try {
          const m = await measurePeer(runner.host, b, () => op(b, xs), rep, expected);
          attach(runner.find(caseName), b.id, b.label, m);
          runner.host.log(`${label}: wall ${m.wall_ms} ms, GPU ${m.gpu_us ?? '—'} µs`);
        } catch (e) {
          attach(runner.find(caseName), b.id, b.label, { error: e instanceof Error ? e.message : String(e) });
          throw e;
        } finally {
          for (const x of xs) b.dispose(x);
        }
        return [];
      });
    }
  };

  for (const n of shapes.matmul) {
    if (!runner.find(`matmul_${n}`)) continue;
    const a = hostUniform(n * n, 1);
    const b = hostUniform(n * n, 2);
    // C(1,1) = Σ a(1,p)·b(p,1) over the host data: exact in f64, f32 products summed on the GPU.
    let c11 = 0;
    for (let p = 0; p < n; p++) c11 += a[p] * b[p * n];
    await run(`matmul_${n}`, [{ data: a, shape: [n, n] }, { data: b, shape: [n, n] }], (p, [x, y]) => p.matmul(x, y), { value: c11, tolerance: 1e-4 * n });
  }
  for (const n of shapes.vectors) {
    const label = sizeLabel(n);
    if (!runner.find(`elementwise_fused_${label}`) && !runner.find(`sum_${label}`)) continue;
    const x = hostUniform(n, 3);
    const x0 = x[0];
    const chain0 = Math.tanh(x0 * 2 + 1) - x0 * x0 * 0.5;
    await run(`elementwise_fused_${label}`, [{ data: x, shape: [n] }], (p, [v]) => p.chain(v), { value: chain0, tolerance: 1e-5 });
    if (n === shapes.reduce) {
      let total = 0;
      for (let i = 0; i < n; i++) total += x[i];
      await run(`sum_${label}`, [{ data: x, shape: [n] }], (p, [v]) => p.sum(v), { value: total, tolerance: 1e-3 * total });
    }
  }
  for (const b of live) b.close();
  return status;
}
