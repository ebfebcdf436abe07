// MATLAB conformance corpus: every test/conformance/goldens/<area>/<name>.json holds what GNU Octave
// produced for cases/<area>/<name>.m, plus MATLAB overrides where MATLAB and Octave differ
// (README.md in this folder). The engine must reproduce the MATLAB-side result. Octave is not
// needed to run this suite.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToJson } from '../../src/engine/runJson.ts';
import type { RunResultJson, VariableJson } from '../../src/worker/protocol.ts';

interface GoldenError {
  message: string;
  identifier: string;
  line: number | null;
}

interface Golden {
  error: GoldenError | null;
  stdout: string;
  vars: Record<string, VariableJson>;
  matlab?: {
    stdout?: string;
    error_identifier?: string;
    error_message_contains?: string;
    vars?: Record<string, VariableJson>;
    notes?: string[];
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, 'goldens');
const caseDir = join(here, 'cases');

/** Relative tolerance for floating point data, by class. */
const TOLERANCE: Record<string, number> = { double: 1e-12, single: 1e-6 };

function listCases(): { area: string; name: string }[] {
  if (!existsSync(goldenDir)) return [];
  const out: { area: string; name: string }[] = [];
  for (const area of readdirSync(goldenDir).sort()) {
    const dir = join(goldenDir, area);
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.json')) out.push({ area, name: file.slice(0, -'.json'.length) });
    }
  }
  return out;
}

function toNumber(v: unknown): number {
  if (v === 'NaN') return NaN;
  if (v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

function closeEnough(actual: unknown, expected: unknown, tol: number): boolean {
  const a = toNumber(actual);
  const e = toNumber(expected);
  if (Number.isNaN(e)) return Number.isNaN(a) && (typeof actual === 'number' || actual === 'NaN');
  if (!Number.isFinite(e)) return a === e;
  if (tol === 0) return a === e;
  const diff = Math.abs(a - e);
  return diff <= tol * Math.max(Math.abs(a), Math.abs(e)) || diff <= tol;
}

function numbersMatch(actual: unknown, expected: unknown, tol: number): string | null {
  if (!Array.isArray(expected)) return 'golden data is not an array';
  if (!Array.isArray(actual)) return `expected an array of ${expected.length} numbers, got ${JSON.stringify(actual)}`;
  if (actual.length !== expected.length) return `expected ${expected.length} elements, got ${actual.length}`;
  for (let i = 0; i < expected.length; i++) {
    if (!closeEnough(actual[i], expected[i], tol)) {
      return `element ${i} (column-major): expected ${JSON.stringify(expected[i])}, got ${JSON.stringify(actual[i])}`;
    }
  }
  return null;
}

/** Returns a description of the first difference, or null when the variable matches. */
function compareVariable(actual: VariableJson | undefined, expected: VariableJson): string | null {
  if (!actual) return 'missing from the workspace';
  if (actual.class !== expected.class) return `class: expected ${expected.class}, got ${actual.class}`;
  if (JSON.stringify(actual.size) !== JSON.stringify(expected.size)) {
    return `size: expected ${JSON.stringify(expected.size)}, got ${JSON.stringify(actual.size)}`;
  }
  if (expected.fields !== undefined) {
    const got = [...(actual.fields ?? [])].sort();
    if (JSON.stringify(got) !== JSON.stringify(expected.fields)) {
      return `fields: expected ${JSON.stringify(expected.fields)}, got ${JSON.stringify(actual.fields)}`;
    }
  }
  if (expected.data === undefined) return null; // cell, struct, function_handle, MException
  const cls = expected.class;
  if (cls === 'char' || cls === 'string' || cls === 'logical') {
    return JSON.stringify(actual.data) === JSON.stringify(expected.data)
      ? null
      : `data: expected ${JSON.stringify(expected.data)}, got ${JSON.stringify(actual.data)}`;
  }
  const tol = TOLERANCE[cls] ?? 0; // integer classes compare exactly
  const exp = expected.data as unknown;
  if (exp !== null && typeof exp === 'object' && !Array.isArray(exp)) {
    const e = exp as { re: unknown; im: unknown };
    const a = actual.data as { re?: unknown; im?: unknown } | undefined;
    if (!a || typeof a !== 'object' || Array.isArray(a)) {
      return `expected complex data, got ${JSON.stringify(actual.data)}`;
    }
    const re = numbersMatch(a.re, e.re, tol);
    if (re) return `real part: ${re}`;
    const im = numbersMatch(a.im, e.im, tol);
    return im ? `imaginary part: ${im}` : null;
  }
  if (actual.data !== null && typeof actual.data === 'object' && !Array.isArray(actual.data)) {
    return `expected real data, got complex ${JSON.stringify(actual.data)}`;
  }
  const d = numbersMatch(actual.data, exp, tol);
  return d ? `data: ${d}` : null;
}

function checkCase(result: RunResultJson, golden: Golden): void {
  const m = golden.matlab ?? {};

  // Error: whether one happened, its line (Octave's line is MATLAB's line), and the MATLAB
  // identifier / message phrase when the case gives them. Octave's own message and identifier are
  // never compared: they differ from MATLAB's.
  if (golden.error === null) {
    expect.soft(result.error, `unexpected error: ${result.error?.message}`).toBeNull();
  } else {
    expect.soft(result.error, `expected an error (Octave: ${golden.error.message})`).not.toBeNull();
    if (result.error) {
      if (golden.error.line !== null) expect.soft(result.error.line, 'error line').toBe(golden.error.line);
      if (m.error_identifier !== undefined) {
        expect.soft(result.error.identifier, 'error identifier').toBe(m.error_identifier);
      }
      if (m.error_message_contains !== undefined) {
        expect.soft(result.error.message, 'error message').toContain(m.error_message_contains);
      }
    }
  }

  // Stdout: exact. MATLAB's text when the case gives it (always for area `display`), else Octave's,
  // which cases outside `display` only produce through fprintf / sprintf / disp of text, where
  // MATLAB and Octave agree.
  expect.soft(result.stdout, 'stdout').toBe(m.stdout ?? golden.stdout);

  // Workspace: the same names, and each variable's class, size, fields and data.
  const expectedVars: Record<string, VariableJson> = { ...golden.vars, ...(m.vars ?? {}) };
  expect.soft(Object.keys(result.vars).sort(), 'workspace variable names').toEqual(Object.keys(expectedVars).sort());
  for (const [name, expected] of Object.entries(expectedVars)) {
    const diff = compareVariable(result.vars[name], expected);
    expect.soft(diff, `variable ${name}`).toBeNull();
  }
}

describe('MATLAB conformance (Octave goldens)', () => {
  const cases = listCases();
  it('has a corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(170);
  });
  for (const { area, name } of cases) {
    it(`${area}/${name}`, async () => {
      const golden = JSON.parse(readFileSync(join(goldenDir, area, `${name}.json`), 'utf8')) as Golden;
      const source = readFileSync(join(caseDir, area, `${name}.m`), 'utf8');
      const result = await runToJson(source, { gpu: 'off' });
      checkCase(result, golden);
    });
  }
});
