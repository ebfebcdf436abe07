// Share links: round trips (with and without outputs), the size check, and hostile or truncated
// links, each an error with a reason rather than a crash.
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { NotebookDoc } from '../../../src/formats/notebookDoc.ts';
import {
  SHARE_WARN_CHARS,
  ShareLinkError,
  decodeShare,
  encodeShare,
  fromBase64Url,
  isShareFragment,
  shareUrl,
  toBase64Url,
  type ShareErrorReason,
} from '../../../src/ui/core/share/shareLink.ts';

const doc: NotebookDoc = {
  title: 'Shared',
  cells: [
    { id: 'a', kind: 'markdown', source: '# Hi ✓ π' },
    { id: 'b', kind: 'code', source: 'x = rand(3);\ny = x * 2', executionCount: 4, outputs: [{ kind: 'stdout', text: 'hello\n' }] },
  ],
};

function fragmentOf(value: unknown): string {
  return `#nb=${toBase64Url(deflateSync(strToU8(JSON.stringify(value))))}`;
}

function reasonOf(hash: string): ShareErrorReason | 'ok' {
  try {
    decodeShare(hash);
    return 'ok';
  } catch (error) {
    if (error instanceof ShareLinkError) return error.reason;
    throw error;
  }
}

describe('base64url', () => {
  it('round trips every length and byte', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(Array.from(fromBase64Url(text))).toEqual(Array.from(bytes));
    }
    expect(Array.from(fromBase64Url(Buffer.from([250, 251, 252]).toString('base64url')))).toEqual([250, 251, 252]);
  });
});

describe('share link round trip', () => {
  it('carries cells but not outputs by default', () => {
    const encoded = encodeShare(doc);
    expect(encoded.fragment.startsWith('nb=')).toBe(true);
    expect(encoded.tooLarge).toBe(false);
    const back = decodeShare(`#${encoded.fragment}`);
    expect(back.title).toBe('Shared');
    expect(back.cells.map((c) => [c.kind, c.source])).toEqual(doc.cells.map((c) => [c.kind, c.source]));
    expect(back.cells.every((c) => c.outputs === undefined && c.executionCount === undefined)).toBe(true);
  });

  it('carries outputs when asked', () => {
    const back = decodeShare(`#${encodeShare(doc, { includeOutputs: true }).fragment}`);
    expect(back.cells[1].outputs).toEqual([{ kind: 'stdout', text: 'hello\n' }]);
    expect(back.cells[1].executionCount).toBe(4);
  });

  it('builds the URL from the page address, replacing any fragment', () => {
    const encoded = encodeShare(doc);
    expect(shareUrl('https://x.test/app/?a=1#old', encoded)).toBe(`https://x.test/app/?a=1#${encoded.fragment}`);
    expect(isShareFragment(`#${encoded.fragment}`)).toBe(true);
    expect(isShareFragment('#other')).toBe(false);
  });

  it('flags links above the size limit', () => {
    // Incompressible text: random-ish source.
    let source = '';
    let seed = 1;
    for (let i = 0; i < 40_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      source += String.fromCharCode(33 + ((seed >> 16) % 90));
    }
    const encoded = encodeShare({ cells: [{ id: 'x', kind: 'code', source }] });
    expect(encoded.chars).toBeGreaterThan(SHARE_WARN_CHARS);
    expect(encoded.tooLarge).toBe(true);
  });
});

describe('hostile and truncated links', () => {
  const good = `#${encodeShare(doc).fragment}`;

  it('bad base64url', () => {
    expect(reasonOf('#nb=abc$def')).toBe('base64');
    expect(reasonOf('#nb=<script>alert(1)</script>')).toBe('base64');
    expect(reasonOf('#nb=A')).toBe('base64');
  });

  it('empty', () => {
    expect(reasonOf('#nb=')).toBe('empty');
    expect(reasonOf('#something')).toBe('empty');
  });

  it('truncated links fail to inflate', () => {
    for (const cut of [10, 20, Math.floor(good.length / 2), good.length - 3]) {
      expect(['deflate', 'base64']).toContain(reasonOf(good.slice(0, cut)));
    }
  });

  it('not DEFLATE data', () => {
    expect(reasonOf(`#nb=${toBase64Url(strToU8('just some plain text that is not compressed'))}`)).toBe('deflate');
  });

  it('not JSON, or JSON of the wrong shape', () => {
    expect(reasonOf(`#nb=${toBase64Url(deflateSync(strToU8('{not json')))}`)).toBe('json');
    expect(reasonOf(fragmentOf([1, 2, 3]))).toBe('shape');
    expect(reasonOf(fragmentOf({ cells: [] }))).toBe('version');
    expect(reasonOf(fragmentOf({ v: 2, cells: [] }))).toBe('version');
    expect(reasonOf(fragmentOf({ v: 1 }))).toBe('shape');
    expect(reasonOf(fragmentOf({ v: 1, cells: [{ kind: 'code' }] }))).toBe('shape');
    expect(reasonOf(fragmentOf({ v: 1, cells: [{ kind: 'shell', source: 'rm -rf /' }] }))).toBe('shape');
    expect(reasonOf(fragmentOf({ v: 1, cells: [{ kind: 'code', source: 'x', outputs: [{ kind: 'html', html: '<img onerror>' }] }] }))).toBe('shape');
    expect(reasonOf(fragmentOf({ v: 1, cells: Array.from({ length: 5000 }, () => ({ kind: 'code', source: '' })) }))).toBe('shape');
  });

  it('a DEFLATE bomb stops at the size limit', () => {
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
    expect(reasonOf(`#nb=${toBase64Url(bomb)}`)).toBe('too-large');
  });

  it('an absurdly long fragment is refused before decoding', () => {
    expect(reasonOf(`#nb=${'A'.repeat(2 * 1024 * 1024)}`)).toBe('too-large');
  });

  it('an empty notebook is fine', () => {
    expect(reasonOf(fragmentOf({ v: 1, cells: [] }))).toBe('ok');
  });
});
