// Shared settings and helpers of the fuzz suites. The quick profile (part of `npm test`) runs
// QUICK_RUNS cases per property; `npm run fuzz` sets FUZZ_RUNS (default 100 000) for a long run.
// FUZZ_SEED replays one run (fast-check prints the seed of a failure).

import { MatlabError } from '../../../src/engine/errors.ts';
import { asMatlabError } from '../../../src/engine/runtime/interpreter/compileStmt.ts';

const QUICK_RUNS = 300;

export const FUZZ_RUNS = process.env.FUZZ_RUNS ? Math.max(1, Number(process.env.FUZZ_RUNS)) : QUICK_RUNS;
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** A long run gets no per-test timeout to speak of. */
export const FUZZ_TEST_TIMEOUT_MS = FUZZ_RUNS > QUICK_RUNS ? 24 * 3600_000 : 60_000;

/** fast-check parameters for one property. */
export function fuzzParams(runs = FUZZ_RUNS): { numRuns: number; seed?: number; endOnFailure: boolean } {
  return { numRuns: runs, ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}), endOnFailure: true };
}

/**
 * What the engine reports for `e`, with the engine's own semantics (`asMatlabError`): a
 * MatlabError is fine, anything else (TypeError, a stack overflow that is not recursion, …) comes
 * back as `Matbook:internal…` and counts as a crash.
 */
export function crashOf(e: unknown): string | null {
  const err = asMatlabError(e);
  if (!(err instanceof MatlabError) || err.identifier.startsWith('Matbook:internal')) {
    const detail = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    return `${err.identifier}: ${err.message}\n${detail}`;
  }
  return null;
}
