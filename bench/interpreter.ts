// Interpreter speed: scalar MATLAB loops run through the engine in Node (no GPU involved).
// Prints JSON when run directly; the target is the 1e6-iteration accumulate loop in ≤ 0.2 s.

import { Session } from '../src/engine/session.ts';
import { isEntryPoint } from './util.ts';

interface Case {
  name: string;
  source: string;
}

const CASES: Case[] = [
  { name: 'accumulate_1e6', source: 's = 0; for i = 1:1e6, s = s + i; end' },
  { name: 'while_1e6', source: 'k = 0; while k < 1e6, k = k + 1; end' },
  { name: 'nested_if_1e6', source: 'c = 0; for i = 1:1e6, if mod(i, 3) == 0, c = c + 1; end, end' },
  { name: 'index_write_1e5', source: 'v = zeros(1, 1e5); for i = 1:1e5, v(i) = i * 2; end' },
];

export interface InterpreterBenchOptions {
  /** Timed runs per case (default 5). */
  repeats?: number;
}

export interface InterpreterBenchResult {
  suite: 'interpreter';
  node: string;
  repeats: number;
  results: { name: string; best_ms: number; median_ms: number }[];
}

async function timeCase(c: Case, repeats: number): Promise<{ name: string; best_ms: number; median_ms: number }> {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const session = new Session({ gpu: 'off' });
    const t0 = performance.now();
    const ok = await session.run(c.source, () => undefined);
    times.push(performance.now() - t0);
    if (!ok) throw new Error(`bench case ${c.name} failed`);
  }
  times.sort((a, b) => a - b);
  return { name: c.name, best_ms: round(times[0]), median_ms: round(times[Math.floor(times.length / 2)]) };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

export async function runInterpreterBench(options: InterpreterBenchOptions = {}): Promise<InterpreterBenchResult> {
  const repeats = options.repeats ?? 5;
  const results = [];
  for (const c of CASES) results.push(await timeCase(c, repeats));
  return { suite: 'interpreter', node: process.version, repeats, results };
}

if (isEntryPoint('interpreter.ts')) {
  console.log(JSON.stringify(await runInterpreterBench(), null, 2));
}
