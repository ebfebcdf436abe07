// Fuzzing the interpreter: random well-formed programs (tests/unit/fuzz/programs.ts) and random
// calls of every builtin never crash or hang the engine. Each case runs in a fresh Session on the
// CPU and must end in a value or a MatlabError — an error event whose identifier does not start
// with `Matbook:internal` (a TypeError or other JS error inside the engine shows up that way).
// A watchdog thread interrupts a case that runs past its budget (through the same shared flag as
// the page's Interrupt button), so a runaway program still ends, as `MATLAB:interrupted`.

import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Session } from '../../../src/engine/session.ts';
import { setArrayLimit, arrayLimitBytes } from '../../../src/engine/limits.ts';
import type { ErrorInfo } from '../../../src/worker/protocol.ts';
import { crashOf, FUZZ_TEST_TIMEOUT_MS, fuzzParams } from './fuzzConfig.ts';
import { ALL_BUILTINS, programArbitraries } from './programs.ts';
import { Watchdog } from './watchdog.ts';

/** The watchdog interrupts a case after this long... */
const INTERRUPT_AFTER_MS = 1000;
/** ...and a case that still has not ended this long after it started is a hang. */
const CASE_BUDGET_MS = 5000;

let watchdog: Watchdog;
let savedLimit = 0;

beforeAll(() => {
  watchdog = new Watchdog();
  // A small array budget keeps every case quick (and exercises the limit itself).
  savedLimit = arrayLimitBytes();
  setArrayLimit(64 * 2 ** 20);
});

afterAll(async () => {
  setArrayLimit(savedLimit);
  await watchdog.stop();
});

interface Outcome {
  error: ErrorInfo | null;
  ms: number;
  stdoutChars: number;
}

/** FUZZ_LOG=file: each case is written there before it runs, so one that kills the process is known. */
const FUZZ_LOG = process.env.FUZZ_LOG;

async function runCase(source: string): Promise<Outcome> {
  if (FUZZ_LOG) writeFileSync(FUZZ_LOG, source);
  const session = new Session({ gpu: 'off' });
  session.interruptFlag = watchdog.flag;
  let error: ErrorInfo | null = null;
  let stdoutChars = 0;
  const started = performance.now();
  watchdog.arm(INTERRUPT_AFTER_MS);
  try {
    await session.run(source, (event) => {
      if (event.type === 'error') error = event.error;
      else if (event.type === 'stdout' || event.type === 'display') stdoutChars += event.text.length;
    });
  } catch (e) {
    // Session.run must never throw: anything that escapes it is a crash.
    throw new Error(`Session.run threw for:\n${source}\n${crashOf(e) ?? String(e)}`);
  } finally {
    watchdog.disarm();
  }
  return { error, ms: performance.now() - started, stdoutChars };
}

async function endsCleanly(source: string): Promise<void> {
  const { error, ms } = await runCase(source);
  if (error !== null && (error as ErrorInfo).identifier.startsWith('Matbook:internal')) {
    throw new Error(`internal error for:\n${source}\n→ ${(error as ErrorInfo).message}`);
  }
  expect(ms, `case took ${ms.toFixed(0)} ms:\n${source}`).toBeLessThan(CASE_BUDGET_MS);
}

const { program, expr } = programArbitraries();

/** Arguments for a direct builtin call: small values of every class, and a few awkward ones. */
const ARGS = [
  '1', '0', '-1', '2', '3.5', 'NaN', 'Inf', '-Inf', '1e10', '-1e10', '[]', "''", '""', "'abc'", '"abc"', "'a'",
  '[1 2 3]', '[1; 2; 3]', '[1 2; 3 4]', 'ones(2, 3, 2)', 'zeros(0, 3)', '{}', "{1, 'a'}", "{'a', 'b'}", 'true',
  '[true false]', 'int8([1 -2])', 'uint8(250)', 'single([1.5 2])', '1+2i', '[1i 2]', "struct('f', {1, 2})", "struct('a', 1)",
  '@sin', '@(t) t + 1', '@(t, u) t', "'double'", "'single'", "'like'", "'rows'", "'stable'", "'all'", "'omitnan'", "'descend'",
  "'%d'", "'%s\\n'", "'\\\\d+'", "'(a)'", "'UniformOutput'", 'false', 'int64(9007199254740993)', 'string({"a", "b"})',
] as const;

const builtinCall = fc
  .tuple(fc.constantFrom(...ALL_BUILTINS), fc.array(fc.constantFrom(...ARGS), { maxLength: 4 }), fc.integer({ min: 0, max: 3 }))
  .map(([f, args, nout]) => {
    const call = `${f}(${args.join(', ')})`;
    if (nout === 0) return `${call};`;
    if (nout === 1) return `r = ${call}`;
    return `[${Array.from({ length: nout }, (_, i) => `o${i + 1}`).join(', ')}] = ${call};`;
  });

describe('interpreter fuzz', () => {
  it('random well-formed programs end in a value or a MATLAB error', { timeout: FUZZ_TEST_TIMEOUT_MS }, async () => {
    await fc.assert(fc.asyncProperty(program, endsCleanly), fuzzParams());
  });

  it('every builtin, called with random arguments and output counts, ends cleanly', { timeout: FUZZ_TEST_TIMEOUT_MS }, async () => {
    await fc.assert(fc.asyncProperty(builtinCall, endsCleanly), fuzzParams());
  });

  it('random expressions, displayed, end cleanly', { timeout: FUZZ_TEST_TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(expr, (e) => endsCleanly(`a = 1; b = [1 2 3]; c = {1, 'two'}; x = 'text'; s.f = 2;\nans1 = ${e}\n`)),
      fuzzParams(),
    );
  });

  it('a runaway loop is stopped by the watchdog (the interrupt flag), not the test timeout', async () => {
    const { error, ms } = await runCase('k = 0;\nwhile true\nk = k + 1;\nend');
    expect(error?.identifier).toBe('MATLAB:interrupted');
    expect(ms).toBeLessThan(CASE_BUDGET_MS);
  });
});
