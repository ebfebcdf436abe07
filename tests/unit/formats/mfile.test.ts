// .m files with %% cell separators: our notebooks round trip exactly, and ordinary MATLAB scripts
// (MATLAB's publishing convention: `%% Title`, `% text`, code) read as sensible cells.
import { describe, expect, it } from 'vitest';
import { fromMFile, toMFile } from '../../../src/formats/mfile.ts';
import type { DocCell, NotebookDoc } from '../../../src/formats/notebookDoc.ts';

const kinds = (doc: NotebookDoc) => doc.cells.map((c) => [c.kind, c.source]);

function doc(...cells: [DocCell['kind'], string][]): NotebookDoc {
  return { cells: cells.map(([kind, source], i) => ({ id: `c${i}`, kind, source })) };
}

describe('.m export', () => {
  it('writes one %% section per cell, markdown as % comments and a level-1 heading as the title', () => {
    const text = toMFile(doc(['markdown', '# Image pipeline\nNormalise each image.'], ['code', 'x = rand(3);\ny = x * 2'], ['markdown', 'Plain *text*\n\nsecond paragraph']));
    expect(text).toBe(
      [
        '%% Image pipeline',
        '% Normalise each image.',
        '',
        '%%',
        'x = rand(3);',
        'y = x * 2',
        '',
        '%%',
        '% Plain *text*',
        '%',
        '% second paragraph',
        '',
      ].join('\n'),
    );
  });
});

describe('.m round trip', () => {
  const cases: [string, NotebookDoc][] = [
    ['code and markdown', doc(['markdown', '# Title\nSome text'], ['code', 'a = 1;\nb = a + 1'], ['markdown', '## Sub\n- item'])],
    ['a code cell of comments only', doc(['code', '% just a comment\n% and another'], ['code', 'x = 1'])],
    ['an empty code cell and an empty markdown cell', doc(['code', ''], ['markdown', ''], ['code', 'y = 2'])],
    ['markdown that looks like MATLAB', doc(['markdown', '% not a comment\nx = 1;\n%% not a section'])],
    ['markdown with blank lines at both ends', doc(['markdown', '\nmiddle\n'])],
    ['a heading with text and a blank line', doc(['markdown', '# T\n\nbody'])],
    ['code starting with a comment', doc(['code', '% setup\nn = 10;'])],
    ['unicode', doc(['markdown', '# Größe µ — ∑'], ['code', "disp('π ≈ 3.14')"])],
    ['a tag-like title', doc(['markdown', '# [code]'])],
  ];
  for (const [name, input] of cases) {
    it(name, () => {
      const back = fromMFile(toMFile(input));
      expect(kinds(back)).toEqual(kinds(input));
      // And a second trip writes the same file.
      expect(toMFile(back)).toBe(toMFile(input));
    });
  }
});

describe('.m import of ordinary MATLAB scripts', () => {
  it('a script without %% is one code cell', () => {
    expect(kinds(fromMFile('x = 1;\ny = 2;\n'))).toEqual([['code', 'x = 1;\ny = 2;']]);
  });

  it('a titled section with text and code becomes a markdown cell and a code cell', () => {
    const text = '%% Load the data\n% The data is random.\n% Two lines.\n\nA = rand(4);\n% inline comment\nB = A\';\n\n%% Next\nC = A * B;\n';
    expect(kinds(fromMFile(text))).toEqual([
      ['markdown', '# Load the data\nThe data is random.\nTwo lines.'],
      ['code', "A = rand(4);\n% inline comment\nB = A';"],
      ['markdown', '# Next'],
      ['code', 'C = A * B;'],
    ]);
  });

  it('text before the first %% is kept as a cell; CRLF line ends are read', () => {
    expect(kinds(fromMFile('% header comment\r\nclear all\r\n%%\r\nx = 1\r\n'))).toEqual([
      ['code', '% header comment\nclear all'],
      ['code', 'x = 1'],
    ]);
  });

  it('an empty file has no cells, and ids are unique', () => {
    expect(fromMFile('').cells).toEqual([]);
    const ids = fromMFile('%%\na\n%%\nb\n%%\nc').cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(3);
  });
});
