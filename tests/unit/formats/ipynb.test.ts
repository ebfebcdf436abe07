// .ipynb: an exported notebook is valid nbformat 4.5 (checked against a hand-written schema
// subset), carries the Matbook kernelspec, and reads back to the same cells and outputs.
import { describe, expect, it } from 'vitest';
import { fromIpynb, serializeIpynb, toIpynb, toLines } from '../../../src/formats/ipynb.ts';
import { NotebookFormatError, type NotebookDoc } from '../../../src/formats/notebookDoc.ts';
import { validate } from './nbformatSchema.ts';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const sample: NotebookDoc = {
  title: 'Sample',
  cells: [
    { id: 'intro', kind: 'markdown', source: '# Sample\n\nText with *emphasis*.' },
    {
      id: 'c1-abcd',
      kind: 'code',
      source: "A = [1 2; 3 4] * 2\nfprintf('done\\n');",
      executionCount: 1,
      outputs: [
        { kind: 'display', name: 'A', text: 'A =\n\n     2     4\n     6     8\n\n', className: 'double', size: [2, 2] },
        { kind: 'stdout', text: 'done\n' },
      ],
    },
    {
      id: 'c2',
      kind: 'code',
      source: 'y = undefined_thing + 1',
      executionCount: 2,
      outputs: [{ kind: 'error', message: "Unrecognized function or variable 'undefined_thing'.", identifier: 'MATLAB:UndefinedFunction', line: 1, column: 5 }],
    },
    { id: 'c3', kind: 'code', source: 'plot(1:3)', executionCount: 3, outputs: [{ kind: 'figure', png: PNG, text: 'Figure 1' }] },
    { id: 'c4', kind: 'code', source: 'x = 1;', executionCount: null },
    { id: 'c5', kind: 'code', source: 'while true, end', executionCount: 4, outputs: [{ kind: 'notice', text: 'Interrupted.', tone: 'warning' }] },
  ],
};

describe('.ipynb export', () => {
  it('is valid nbformat 4.5', () => {
    const nb = toIpynb(sample);
    expect(validate(nb)).toEqual([]);
    // Serialised and parsed again (what a file holds) too.
    expect(validate(JSON.parse(serializeIpynb(sample)))).toEqual([]);
    expect(validate(toIpynb(sample, { includeOutputs: false }))).toEqual([]);
  });

  it('the validator does catch broken notebooks', () => {
    const nb = toIpynb(sample) as unknown as { cells: Record<string, unknown>[] };
    const broken = structuredClone(nb);
    delete broken.cells[1].outputs;
    expect(validate(broken).length).toBeGreaterThan(0);
    const badId = structuredClone(nb);
    badId.cells[0].id = 'has space';
    expect(validate(badId).length).toBeGreaterThan(0);
    const badOutput = structuredClone(nb);
    (badOutput.cells[1].outputs as unknown[])[0] = { output_type: 'stream', text: 'x' };
    expect(validate(badOutput).length).toBeGreaterThan(0);
  });

  it('has the Matbook kernelspec, MATLAB language info and the expected output types', () => {
    const nb = toIpynb(sample);
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBe(5);
    expect(nb.metadata.kernelspec).toEqual({ name: 'matbook', display_name: 'Matbook (MATLAB)', language: 'matlab' });
    expect((nb.metadata.language_info as { name: string }).name).toBe('matlab');
    expect(nb.cells.map((c) => c.id)).toEqual(['intro', 'c1-abcd', 'c2', 'c3', 'c4', 'c5']);
    const [display, stream] = nb.cells[1].outputs!;
    expect(display).toMatchObject({ output_type: 'display_data', data: { 'text/plain': toLines('A =\n\n     2     4\n     6     8\n\n') } });
    expect(stream).toEqual({ output_type: 'stream', name: 'stdout', text: ['done\n'] });
    expect(nb.cells[2].outputs![0]).toEqual({
      output_type: 'error',
      ename: 'MATLAB:UndefinedFunction',
      evalue: "Unrecognized function or variable 'undefined_thing'.",
      traceback: ["Error (line 1, column 5): Unrecognized function or variable 'undefined_thing'."],
    });
    expect(nb.cells[3].outputs![0]).toMatchObject({ output_type: 'display_data', data: { 'image/png': PNG } });
    expect(nb.cells[4]).toMatchObject({ execution_count: null, outputs: [] });
    expect(nb.cells[1].source).toEqual(['A = [1 2; 3 4] * 2\n', "fprintf('done\\n');"]);
  });

  it('leaves outputs and counts out when asked', () => {
    const nb = toIpynb(sample, { includeOutputs: false });
    for (const cell of nb.cells.filter((c) => c.cell_type === 'code')) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
  });
});

describe('.ipynb round trip', () => {
  it('cells, outputs, counts and title come back the same', () => {
    const back = fromIpynb(serializeIpynb(sample));
    expect(back).toEqual({
      ...sample,
      cells: sample.cells.map((c) => (c.kind === 'code' ? { executionCount: null, ...c } : c)),
    });
  });

  it('reads notebooks written by other tools (string sources, raw cells, execute_result, stderr, no ids)', () => {
    const foreign = {
      nbformat: 4,
      nbformat_minor: 2,
      metadata: { kernelspec: { name: 'octave', display_name: 'Octave' } },
      cells: [
        { cell_type: 'markdown', metadata: {}, source: 'Hello' },
        { cell_type: 'raw', metadata: {}, source: ['raw text'] },
        {
          cell_type: 'code',
          metadata: {},
          execution_count: 7,
          source: ['x = 1\n'],
          outputs: [
            { output_type: 'execute_result', execution_count: 7, data: { 'text/plain': ['x = 1'] }, metadata: {} },
            { output_type: 'stream', name: 'stderr', text: 'warning: something\n' },
            { output_type: 'display_data', data: { 'text/html': '<b>x</b>' }, metadata: {} },
          ],
        },
      ],
    };
    const doc = fromIpynb(JSON.stringify(foreign));
    expect(doc.cells.map((c) => [c.kind, c.source])).toEqual([
      ['markdown', 'Hello'],
      ['markdown', 'raw text'],
      ['code', 'x = 1\n'],
    ]);
    expect(new Set(doc.cells.map((c) => c.id)).size).toBe(3);
    expect(doc.cells[2].executionCount).toBe(7);
    expect(doc.cells[2].outputs?.map((o) => o.kind)).toEqual(['display', 'notice', 'display']);
    // Written back, it is valid 4.5 (ids added).
    expect(validate(toIpynb(doc))).toEqual([]);
  });

  it('rejects what is not a notebook with a NotebookFormatError', () => {
    for (const bad of ['not json', '[]', '{"nbformat":3,"cells":[]}', '{"nbformat":4}', '{"nbformat":4,"cells":[{"cell_type":"widget","source":""}]}', '{"nbformat":4,"cells":[{"cell_type":"code","source":5}]}']) {
      expect(() => fromIpynb(bad), bad).toThrow(NotebookFormatError);
    }
  });
});
