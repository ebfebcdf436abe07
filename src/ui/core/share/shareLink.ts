// Share links: the notebook as JSON, DEFLATE-compressed (fflate), base64url, in the URL fragment
// `#nb=...`. The fragment never reaches a server. Decoding is defensive: a link is untrusted
// input, so every way it can be wrong (not base64url, truncated or not DEFLATE, too big once
// inflated, not JSON, not a notebook) is a ShareLinkError with a message for the page's banner.

import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { NotebookFormatError, parseNotebookDoc, stripFigureModels, stripOutputs, type NotebookDoc } from '../../../formats/notebookDoc.ts';

export const SHARE_PREFIX = 'nb=';
/** Above this many characters of fragment, a link is refused: chat apps and browsers cut them. */
export const SHARE_WARN_CHARS = 32 * 1024;
/** A fragment longer than this is not even decoded. */
export const SHARE_MAX_FRAGMENT_CHARS = 1024 * 1024;
/** Inflating stops past this many bytes (a DEFLATE bomb expands ~1000×). */
export const SHARE_MAX_JSON_BYTES = 8 * 1024 * 1024;
const VERSION = 1;

export type ShareErrorReason = 'empty' | 'base64' | 'deflate' | 'json' | 'shape' | 'too-large' | 'version';

export class ShareLinkError extends Error {
  constructor(
    readonly reason: ShareErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

// --- base64url -----------------------------------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** Strict: only the base64url alphabet, optional `=` padding, no length that can't be. */
export function fromBase64Url(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) throw new ShareLinkError('base64', 'The link is damaged: it is not valid base64url (was it cut short?).');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const digit = code < 128 ? DECODE[code] : -1;
    if (digit < 0) throw new ShareLinkError('base64', 'The link is damaged: it is not valid base64url.');
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

// --- encode --------------------------------------------------------------------------------------

export interface ShareEncodeOptions {
  /** Outputs travel only when asked for. */
  includeOutputs?: boolean;
}

export interface EncodedShare {
  /** The fragment without '#': `nb=...`. */
  fragment: string;
  /** Characters of the fragment. */
  chars: number;
  /** Above SHARE_WARN_CHARS: the page refuses to hand the link out. */
  tooLarge: boolean;
}

export function encodeShare(doc: NotebookDoc, options: ShareEncodeOptions = {}): EncodedShare {
  const source = options.includeOutputs ? stripFigureModels(doc) : stripOutputs(doc);
  const payload = {
    v: VERSION,
    ...(source.title ? { title: source.title } : {}),
    // Ids are not worth their bytes: the page gives cells fresh ones.
    cells: source.cells.map(({ id: _id, ...cell }) => cell),
  };
  const compressed = deflateSync(strToU8(JSON.stringify(payload)), { level: 9 });
  const fragment = SHARE_PREFIX + toBase64Url(compressed);
  return { fragment, chars: fragment.length, tooLarge: fragment.length > SHARE_WARN_CHARS };
}

/** A full link: `base` (the page's address, any fragment dropped) + `#nb=...`. */
export function shareUrl(base: string, encoded: EncodedShare): string {
  const at = base.indexOf('#');
  return `${at < 0 ? base : base.slice(0, at)}#${encoded.fragment}`;
}

export function describeTooLarge(chars: number): string {
  const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
  return `This notebook is too big for a share link: ${kb(chars)} once compressed, and links over ${kb(SHARE_WARN_CHARS)} get cut off by browsers and chat apps. Leave outputs out, or use "Save as .ipynb" and share the file.`;
}

// --- decode --------------------------------------------------------------------------------------

/** Whether a location hash (`#nb=...` or `nb=...`) holds a share link at all. */
export function isShareFragment(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith(SHARE_PREFIX);
}

function inflateBounded(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) {
      throw new ShareLinkError('too-large', `The shared notebook is too large (over ${Math.round(limit / 1024 / 1024)} MB once decompressed).`);
    }
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    // Small input steps, so a bomb is caught after at most ~1 MB of output past the limit.
    const step = 1024;
    for (let i = 0; i < data.length; i += step) inflate.push(data.subarray(i, i + step), i + step >= data.length);
    if (data.length === 0) inflate.push(data, true);
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError('deflate', 'The link is damaged: its data could not be decompressed (was it cut short?).');
  }
  if (!ended) throw new ShareLinkError('deflate', 'The link is damaged: its data ends early (was it cut short?).');
  const out = new Uint8Array(total);
  let o = 0;
  for (const chunk of chunks) {
    out.set(chunk, o);
    o += chunk.length;
  }
  return out;
}

/** Decodes a location hash (`#nb=...`) into a checked notebook; throws ShareLinkError. */
export function decodeShare(hash: string): NotebookDoc {
  const fragment = hash.replace(/^#/, '');
  if (!fragment.startsWith(SHARE_PREFIX)) throw new ShareLinkError('empty', 'This is not a share link.');
  let data = fragment.slice(SHARE_PREFIX.length);
  // Some apps percent-encode or append junk after whitespace; take the link as far as it is base64url.
  try {
    data = decodeURIComponent(data);
  } catch {
    // Leave it: the alphabet check below reports it.
  }
  if (data.length === 0) throw new ShareLinkError('empty', 'The share link is empty (was it cut short?).');
  if (data.length > SHARE_MAX_FRAGMENT_CHARS) {
    throw new ShareLinkError('too-large', 'The share link is too long to be a notebook link.');
  }
  const bytes = inflateBounded(fromBase64Url(data), SHARE_MAX_JSON_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(bytes));
  } catch {
    throw new ShareLinkError('json', 'The link is damaged: its contents are not a notebook.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ShareLinkError('shape', 'The link does not hold a notebook.');
  }
  const version = (json as { v?: unknown }).v;
  if (version !== VERSION) {
    throw new ShareLinkError('version', `The link was made by a different version of Matbook (format ${String(version).slice(0, 20)}).`);
  }
  try {
    return parseNotebookDoc(json);
  } catch (error) {
    if (error instanceof NotebookFormatError) throw new ShareLinkError('shape', `The link does not hold a valid notebook (${error.message}).`);
    throw error;
  }
}
