// Shared helpers for builtin tests: run MATLAB source through the JSON contract.
import { expect } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';

export type Vars = Record<string, { class: string; size: number[]; data?: unknown }>;

/** Runs `src` on the CPU, expects no error, returns the workspace. */
export async function vars(src: string): Promise<Vars> {
  const r = await runToJson(src, { gpu: 'off' });
  expect(r.error).toBeNull();
  return r.vars as Vars;
}

/** Runs `src`, expects an error, returns it. */
export async function fails(src: string): Promise<{ identifier: string; message: string }> {
  const r = await runToJson(src, { gpu: 'off' });
  expect(r.error).not.toBeNull();
  return r.error!;
}
