// `matbook run NB.ipynb --out OUT.ipynb`: the headless notebook run, on the CPU. Every demo notebook
// runs without errors (and public/examples is up to date with examples/*.m); the first error
// stops the run with exit 1 and the notebook is still written up to that cell.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../../src/cli/runNotebook.ts';
import { Session } from '../../../src/engine/session.ts';
import { serializeIpynb } from '../../../src/formats/ipynb.ts';
import { EXAMPLES } from '../../../src/ui/core/share/examples.ts';
import { exampleNotebook } from '../../../scripts/build-examples.ts';
import { validate } from './nbformatSchema.ts';

const dir = mkdtempSync(join(tmpdir(), 'matbook-nb-'));

async function run(doc: Parameters<typeof serializeIpynb>[0]) {
  const file = join(dir, `nb-${Math.random().toString(36).slice(2)}.ipynb`);
  writeFileSync(file, serializeIpynb(doc));
  const out = `${file}.out.ipynb`;
  const progress: string[] = [];
  const code = await runNotebook({ file, out, gpu: 'off', progress: (line) => progress.push(line), session: new Session({ gpu: 'off' }) });
  return { code, progress, nb: JSON.parse(readFileSync(out, 'utf8')) };
}

describe('matbook run NB.ipynb', () => {
  it('runs every code cell in one workspace, with outputs, counts and a progress line per cell', async () => {
    const { code, progress, nb } = await run({
      cells: [
        { id: 'm', kind: 'markdown', source: '# Title' },
        { id: 'a', kind: 'code', source: 'a = 3;' },
        { id: 'b', kind: 'code', source: "b = a * 2\nfprintf('hi\\n');" },
      ],
    });
    expect(code).toBe(0);
    expect(progress.filter((l) => /^\[\d\/2\]/.test(l))).toHaveLength(2);
    expect(validate(nb)).toEqual([]);
    expect(nb.cells[1].execution_count).toBe(1);
    expect(nb.cells[2].execution_count).toBe(2);
    expect(nb.cells[2].outputs.map((o: { output_type: string }) => o.output_type)).toEqual(['display_data', 'stream']);
    expect(nb.cells[2].outputs[0].data['text/plain'].join('')).toContain('6');
  });

  it('stops at the first error: exit 1, the notebook written up to that cell', async () => {
    const { code, progress, nb } = await run({
      cells: [
        { id: 'a', kind: 'code', source: 'x = 1' },
        { id: 'b', kind: 'code', source: 'y = nope + 1' },
        { id: 'c', kind: 'code', source: 'z = 3', executionCount: 9, outputs: [{ kind: 'stdout', text: 'stale' }] },
      ],
    });
    expect(code).toBe(1);
    expect(progress.join('\n')).toContain('✗ cell 2');
    expect(validate(nb)).toEqual([]);
    expect(nb.cells[1].outputs[0]).toMatchObject({ output_type: 'error', evalue: expect.stringContaining('nope') });
    expect(nb.cells[1].outputs[0].traceback[0]).toMatch(/^Error \(line 1/);
    // The cell after the error did not run: no outputs, no count (stale ones are dropped).
    expect(nb.cells[2]).toMatchObject({ execution_count: null, outputs: [], source: ['z = 3'] });
  });
});

describe('the demo gallery', () => {
  for (const { name, title } of EXAMPLES) {
    it(`${name}: public/examples is up to date and runs headless without errors`, async () => {
      const text = exampleNotebook(name, title);
      expect(readFileSync(join('public', 'examples', `${name}.ipynb`), 'utf8'), 'run npm run examples').toBe(text);
      const nb = JSON.parse(text);
      expect(validate(nb)).toEqual([]);
      const file = join(dir, `${name}.ipynb`);
      writeFileSync(file, text);
      const progress: string[] = [];
      const code = await runNotebook({ file, out: `${file}.out`, gpu: 'off', progress: (l) => progress.push(l), session: new Session({ gpu: 'off' }) });
      expect(code, progress.join('\n')).toBe(0);
    });
  }
});
