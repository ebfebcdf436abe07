// Paired sessions for GPU parity tests: the same MATLAB cells run in a GPU session (`gpu: 'on'`,
// inputs wrapped in gpuArray(single(...))) and an exact CPU session (`gpu: 'off'`, inputs
// single(...)), and every variable is compared: class, size, then data (exact for logical, a
// tolerance for numbers, identical NaN/Inf). Used by runtime.test.ts and indexing.test.ts.

import { expect } from 'vitest';
import type { WebGpuProvider } from '../../src/engine/providers/webgpu/index.ts';
import { runInSession } from '../../src/engine/runJson.ts';
import { Session } from '../../src/engine/session.ts';
import type { RunResultJson, VariableJson } from '../../src/worker/protocol.ts';

/** Wraps an input expression: gpuArray(single(X)) on the GPU side, single(X) on the CPU side. */
export type Wrap = (x: string) => string;
export const onGpu: Wrap = (x) => `gpuArray(single(${x}))`;
export const onCpu: Wrap = (x) => `single(${x})`;

export function gpuSession(provider: WebGpuProvider | null): Session {
  const s = new Session({ gpu: 'on' });
  s.attachGpu(provider);
  return s;
}

export function cpuSession(): Session {
  return new Session({ gpu: 'off' });
}

export interface Both {
  gpu: RunResultJson;
  cpu: RunResultJson;
}

/**
 * Runs each cell (built with the side's wrapper) in a fresh GPU and a fresh CPU session. Cells
 * must succeed unless `allowErrors` (the caller then compares the errors).
 */
export async function runPairs(provider: WebGpuProvider | null, cells: readonly ((w: Wrap) => string)[], { allowErrors = false } = {}): Promise<Both[]> {
  const g = gpuSession(provider);
  const c = cpuSession();
  const out: Both[] = [];
  for (const cell of cells) {
    const gpu = await runInSession(g, cell(onGpu));
    const cpu = await runInSession(c, cell(onCpu));
    if (!allowErrors) {
      expect(gpu.error, `GPU error in:\n${cell(onGpu).slice(0, 400)}`).toBeNull();
      expect(cpu.error, `CPU error in:\n${cell(onCpu).slice(0, 400)}`).toBeNull();
    }
    out.push({ gpu, cpu });
  }
  return out;
}

/** A number of a variable's JSON data (NaN and Inf are spelled as strings there). */
export function num(x: unknown): number {
  if (typeof x === 'number') return x;
  if (x === 'NaN') return NaN;
  if (x === 'Inf') return Infinity;
  if (x === '-Inf') return -Infinity;
  throw new Error(`not a number in JSON data: ${JSON.stringify(x)}`);
}

export function numbers(v: VariableJson): number[] {
  if (!Array.isArray(v.data)) throw new Error(`${v.class} variable without an array of data`);
  return v.data.map((x) => (typeof x === 'boolean' ? (x ? 1 : 0) : num(x)));
}

export interface Tolerance {
  rtol: number;
  atol: number;
}
export const SINGLE: Tolerance = { rtol: 1e-5, atol: 1e-6 };

/** Same NaN/Inf, otherwise |g - c| <= atol + rtol*|c|. */
function close(g: number, c: number, tol: Tolerance): boolean {
  if (Number.isNaN(c) || Number.isNaN(g)) return Number.isNaN(c) && Number.isNaN(g);
  if (!Number.isFinite(c) || !Number.isFinite(g)) return g === c;
  return Math.abs(g - c) <= tol.atol + tol.rtol * Math.abs(c);
}

/** One variable: class, size, then data (exact for logical, `tol` for numbers). */
export function compareVar(name: string, g: VariableJson | undefined, c: VariableJson | undefined, tol: Tolerance = SINGLE): void {
  expect(c, `CPU has no variable ${name}`).toBeDefined();
  expect(g, `GPU has no variable ${name}`).toBeDefined();
  expect(g!.class, `class of ${name}`).toBe(c!.class);
  expect(g!.size, `size of ${name}`).toEqual(c!.size);
  if (c!.class === 'logical') {
    expect(g!.data, `data of logical ${name}`).toEqual(c!.data);
    return;
  }
  const gd = numbers(g!);
  const cd = numbers(c!);
  expect(gd.length).toBe(cd.length);
  const bad: string[] = [];
  for (let i = 0; i < cd.length; i++) if (!close(gd[i], cd[i], tol)) bad.push(`[${i}] gpu ${gd[i]} cpu ${cd[i]}`);
  expect(bad, `${name}: ${bad.length} of ${cd.length} elements differ`).toEqual([]);
}

/** Every variable of the CPU run against the GPU run (same names), except `skip`. */
export function compareAll(r: Both, tol: Tolerance = SINGLE, skip: string[] = []): void {
  const names = Object.keys(r.cpu.vars).filter((n) => !skip.includes(n));
  expect(Object.keys(r.gpu.vars).filter((n) => !skip.includes(n)).sort()).toEqual([...names].sort());
  for (const n of names) compareVar(n, r.gpu.vars[n], r.cpu.vars[n], tol);
}
