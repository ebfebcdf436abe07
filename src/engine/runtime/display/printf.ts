// MATLAB's sprintf/fprintf formatting: escape processing, the conversion grammar, how arguments
// are consumed, and how each value is written. The digits come from cNumber.ts (C rounding).
//
// - Escapes in the format: \n \t \r \a \b \f \v \\ \xHH \NNN (octal); `%%` is a percent sign.
// - Conversions: %[flags][width][.precision]type with flags `-+ 0#`, `*` width/precision
//   taken from the data, an `l`/`h` length modifier ignored, types d i u f F e E g G x X o c s.
// - Data: every argument flattened column-major into one stream (logical as 0/1, char as codes,
//   each string-array element one text item). A char argument met by `%s` at its first element is
//   consumed whole (`sprintf('%s-%d', 'ab', 1)` is `ab-1`); otherwise one element per conversion.
// - The format is reused while data remains; output stops at the first conversion that has no
//   data left (its literal text before it is written). With no arguments it stops at the first
//   conversion; with only empty arguments every conversion writes nothing; a format without
//   conversions is written once.
// - A value that does not fit its conversion switches to `%e` with the same flags, width and
//   precision (`%d` of 1.5 is `1.500000e+00`); so does `%c`/`%s` of a non-integer. `%s`/`%c` of
//   an integer is that character. Negative integers under `%u %x %o` print as `%d`. NaN and Inf
//   print as `NaN`, `Inf`, `-Inf`, padded with spaces even under the `0` flag. Integers beyond
//   2^53 print exactly (`%d` of 1e20 is `100000000000000000000`).
// - Cell, struct and function-handle arguments raise MATLAB:sprintf:InvalidInputType.

import { raise } from '../../errors.ts';
import { charText, type Value } from '../values/index.ts';
import { expAbs, fixedAbs, generalAbs, integerAbs } from './cNumber.ts';

interface Spec {
  flags: string;
  width: number | '*' | null;
  precision: number | '*' | null;
  conv: string;
}

type Piece = { literal: string } | { spec: Spec };

/** A data item: a number, or a whole piece of text (a char argument or a string element). */
type Item = number | { text: string };

/** Replaces MATLAB's backslash escapes (the format string only; data is never unescaped). */
export function processEscapes(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === 'x') {
      const m = /^[0-9a-fA-F]+/.exec(s.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += 'x';
    } else if (n >= '0' && n <= '7') {
      const m = /^[0-7]{1,3}/.exec(s.slice(i)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0], 8));
      i += m[0].length - 1;
    } else out += n;
  }
  return out;
}

const CONVERSIONS = 'diufFeEgGxXocs';

/** Splits a format into literal text and conversion specs; an invalid conversion ends it. */
function parseFormat(format: string): Piece[] {
  const pieces: Piece[] = [];
  let lit = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') {
      lit += c;
      i++;
      continue;
    }
    if (format[i + 1] === '%') {
      lit += '%';
      i += 2;
      continue;
    }
    const m = /^%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d*))?[lh]?(.)?/.exec(format.slice(i)) as RegExpExecArray;
    const conv = m[4];
    if (lit) pieces.push({ literal: lit });
    lit = '';
    if (conv === undefined || !CONVERSIONS.includes(conv)) return pieces;
    const num = (t: string | undefined): number | '*' | null =>
      t === undefined ? null : t === '*' ? '*' : t === '' ? 0 : Number(t);
    pieces.push({ spec: { flags: m[1], width: num(m[2]), precision: num(m[3]), conv } });
    i += m[0].length;
  }
  if (lit) pieces.push({ literal: lit });
  return pieces;
}

/** The data stream over all arguments. */
class DataStream {
  private arg = 0;
  private elt = 0;
  constructor(private readonly args: Value[]) {
    for (const a of args) {
      if (a.type === 'cell' || a.type === 'struct' || a.type === 'function_handle') {
        raise('MATLAB:sprintf:InvalidInputType', `Function is not defined for '${a.type}' inputs.`);
      }
    }
    this.skipEmpty();
  }

  private skipEmpty(): void {
    while (this.arg < this.args.length && this.elt >= this.args[this.arg].numel) {
      this.arg++;
      this.elt = 0;
    }
  }

  get done(): boolean {
    return this.arg >= this.args.length;
  }

  /** The next item; `%s` takes a whole char argument when at its start. */
  next(conv: string): Item {
    const a = this.args[this.arg];
    let item: Item;
    if (a.type === 'string') {
      item = { text: a.items[this.elt++] ?? '<missing>' };
    } else if (a.type === 'tensor' && a.cls === 'char' && conv === 's' && this.elt === 0) {
      item = { text: charText(a) };
      this.elt = a.numel;
    } else if (a.type === 'tensor') {
      item = a.re[this.elt++];
    } else {
      item = 0;
    }
    this.skipEmpty();
    return item;
  }
}

/** Formats MATLAB-style: `sprintf(fmt, args...)`. */
export function formatPrintf(fmt: string, args: Value[]): string {
  const pieces = parseFormat(processEscapes(fmt));
  const data = new DataStream(args);
  const hasSpecs = pieces.some((p) => 'spec' in p);
  const noData = data.done;
  if (!hasSpecs || (noData && args.length > 0)) {
    // Written once: literals as they are, conversions as nothing (not even width padding).
    return pieces.map((p) => ('literal' in p ? p.literal : '')).join('');
  }
  let out = '';
  for (;;) {
    for (const p of pieces) {
      if ('literal' in p) {
        out += p.literal;
        continue;
      }
      if (data.done) return out;
      out += convert(p.spec, data);
    }
    if (data.done) return out;
  }
}

function takeNumber(data: DataStream): number {
  if (data.done) return 0;
  const item = data.next('d');
  return typeof item === 'number' ? item : 0;
}

function convert(spec: Spec, data: DataStream): string {
  let flags = spec.flags;
  let width = spec.width === '*' ? takeNumber(data) : spec.width;
  const precision = spec.precision === '*' ? takeNumber(data) : spec.precision;
  if (width !== null && width < 0) {
    flags += '-';
    width = -width;
  }
  if (data.done) return '';
  const item = data.next(spec.conv);
  return formatItem({ flags, width, precision: precision !== null && precision < 0 ? null : precision, conv: spec.conv }, item);
}

interface Resolved {
  flags: string;
  width: number | null;
  precision: number | null;
  conv: string;
}

function pad(body: string, r: Resolved, zeroPad: boolean, signLen = 0): string {
  const w = r.width ?? 0;
  if (body.length >= w) return body;
  if (r.flags.includes('-')) return body.padEnd(w);
  if (zeroPad && r.flags.includes('0')) {
    return body.slice(0, signLen) + body.slice(signLen).padStart(w - signLen, '0');
  }
  return body.padStart(w);
}

function textOut(text: string, r: Resolved): string {
  const t = r.precision === null ? text : text.slice(0, r.precision);
  return pad(t, r, false);
}

function signOf(x: number, flags: string): string {
  if (x < 0 || Object.is(x, -0)) return '-';
  return flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
}

function formatItem(r: Resolved, item: Item): string {
  if (typeof item !== 'number') {
    if (r.conv === 's' || r.conv === 'c') return textOut(item.text, r);
    // Text under a numeric conversion: written as text.
    return textOut(item.text, { ...r, precision: null });
  }
  const x = item;
  if (!Number.isFinite(x)) {
    const text = Number.isNaN(x) ? 'NaN' : `${signOf(x, r.flags)}Inf`;
    return pad(text, r, false);
  }
  const isInt = Number.isInteger(x);
  switch (r.conv) {
    case 's':
    case 'c':
      if (isInt && x >= 0) return textOut(String.fromCharCode(x), r.conv === 'c' ? { ...r, precision: null } : r);
      return floatOut(x, { ...r, conv: 'e' });
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o':
      if (!isInt) return floatOut(x, { ...r, conv: 'e' });
      return intOut(x, x < 0 && 'uxXo'.includes(r.conv) ? { ...r, conv: 'd' } : r);
    default:
      return floatOut(x, r);
  }
}

function intOut(x: number, r: Resolved): string {
  let digits: string;
  const mag = Math.abs(x);
  if (r.conv === 'x' || r.conv === 'X') {
    digits = BigInt(integerAbs(mag)).toString(16);
    if (r.conv === 'X') digits = digits.toUpperCase();
  } else if (r.conv === 'o') {
    digits = BigInt(integerAbs(mag)).toString(8);
  } else {
    digits = integerAbs(mag);
  }
  if (r.precision !== null) {
    digits = r.precision === 0 && mag === 0 ? '' : digits.padStart(r.precision, '0');
  }
  let prefix = r.conv === 'd' || r.conv === 'i' ? (x < 0 ? '-' : signOf(x, r.flags)) : '';
  if (r.flags.includes('#')) {
    if (r.conv === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
    if ((r.conv === 'x' || r.conv === 'X') && mag !== 0) prefix += r.conv === 'x' ? '0x' : '0X';
  }
  return pad(prefix + digits, r, r.precision === null, prefix.length);
}

function floatOut(x: number, r: Resolved): string {
  const prec = r.precision ?? 6;
  const alt = r.flags.includes('#');
  const upper = r.conv === 'E' || r.conv === 'G';
  let body: string;
  switch (r.conv) {
    case 'e':
    case 'E':
      body = expAbs(x, prec, upper, alt);
      break;
    case 'g':
    case 'G':
      body = generalAbs(x, prec, upper, alt);
      break;
    default:
      body = fixedAbs(x, prec) + (alt && prec === 0 ? '.' : '');
  }
  const sign = signOf(x, r.flags);
  return pad(sign + body, r, true, sign.length);
}
