// The Functions panel's pure logic (filtering, grouping, labels) and the engine's listBuiltins.
import { describe, expect, it } from 'vitest';
import {
  filterBuiltins,
  functionCountLabel,
  groupByFamily,
  matchCountLabel,
  queryTerms,
} from '../../../src/ui/core/help.ts';
import { createEngineApi } from '../../../src/worker/engineApi.ts';
import type { BuiltinDoc } from '../../../src/worker/protocol.ts';

const doc = (name: string, family: string, text: string): BuiltinDoc => ({
  name,
  family,
  signatures: [`Y = ${name}(X)`],
  doc: text,
});

// Sorted by family then name, as listBuiltins returns them.
const DOCS: BuiltinDoc[] = [
  doc('abs', 'elementwise', 'Absolute value.'),
  doc('exp', 'elementwise', 'Exponential.'),
  doc('ifft', 'signal', 'Inverse discrete Fourier transform.'),
  doc('conv', 'signal', 'Convolution, computed through the FFT for long inputs.'),
  doc('fft', 'signal', 'Discrete Fourier transform.'),
  doc('sum', 'reductions', 'Sum of elements.'),
];

describe('queryTerms', () => {
  it('splits on whitespace and lower-cases; blank is no terms', () => {
    expect(queryTerms('  Fourier   TRANSFORM ')).toEqual(['fourier', 'transform']);
    expect(queryTerms('   ')).toEqual([]);
  });
});

describe('filterBuiltins', () => {
  it('keeps everything, in order, for a blank query', () => {
    expect(filterBuiltins(DOCS, '').map((d) => d.name)).toEqual(DOCS.map((d) => d.name));
    expect(filterBuiltins(DOCS, ' ')).not.toBe(DOCS);
  });

  it('matches the name or the doc text, case-insensitively; name matches first within a family', () => {
    expect(filterBuiltins(DOCS, 'FFT').map((d) => d.name)).toEqual(['ifft', 'fft', 'conv']);
    expect(filterBuiltins(DOCS, 'absolute').map((d) => d.name)).toEqual(['abs']);
  });

  it('needs every word to match somewhere', () => {
    expect(filterBuiltins(DOCS, 'fourier inverse').map((d) => d.name)).toEqual(['ifft']);
    expect(filterBuiltins(DOCS, 'fft sum')).toEqual([]);
  });

  it('keeps the family order of its input', () => {
    expect(filterBuiltins(DOCS, 'e').map((d) => d.family)).toEqual([
      'elementwise',
      'elementwise',
      'signal',
      'signal',
      'signal',
      'reductions',
    ]);
  });
});

describe('groupByFamily', () => {
  it('groups consecutive families in order, with their entries', () => {
    const groups = groupByFamily(DOCS);
    expect(groups.map((g) => [g.family, g.entries.length])).toEqual([
      ['elementwise', 2],
      ['signal', 3],
      ['reductions', 1],
    ]);
    expect(groups[1].entries.map((d) => d.name)).toEqual(['ifft', 'conv', 'fft']);
    expect(groupByFamily([])).toEqual([]);
  });
});

describe('labels', () => {
  it('counts functions and matches', () => {
    expect(functionCountLabel(313)).toBe('313 functions');
    expect(functionCountLabel(1)).toBe('1 function');
    expect(matchCountLabel(0)).toBe('no matches');
    expect(matchCountLabel(1)).toBe('1 match');
    expect(matchCountLabel(7)).toBe('7 matches');
  });
});

describe('EngineApi.listBuiltins', () => {
  it('lists every builtin once, sorted by family then name, with signatures and doc', async () => {
    const docs = await createEngineApi().listBuiltins();
    expect(docs.length).toBeGreaterThan(300);
    expect(new Set(docs.map((d) => d.name)).size).toBe(docs.length);
    const key = (d: BuiltinDoc) => [d.family, d.name] as const;
    for (let i = 1; i < docs.length; i++) {
      const [fa, na] = key(docs[i - 1]);
      const [fb, nb] = key(docs[i]);
      expect(fa < fb || (fa === fb && na < nb)).toBe(true);
    }
    for (const d of docs) {
      expect(d.signatures.length).toBeGreaterThan(0);
      expect(d.doc.length).toBeGreaterThan(0);
    }
    const fft = docs.find((d) => d.name === 'fft');
    expect(fft?.family).toBe('signal');
    expect(fft?.signatures[0]).toBe('Y = fft(X)');
    expect(fft?.doc).toMatch(/Fourier/);
    // Plain data: it crosses the comlink boundary by structured clone.
    expect(structuredClone(docs)).toEqual(docs);
  });
});
