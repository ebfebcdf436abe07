// Regular expressions: regexp, regexpi, regexprep. MATLAB's pattern syntax is translated to a
// JavaScript RegExp once per call (`translatePattern`): `\<` and `\>` word boundaries, inline
// `(?i)` / `(?-i)`, `(?#comments)`; MATLAB's defaults are kept: `.` matches newlines, `^`/`$`
// anchor the whole text, and zero-length matches are skipped unless 'emptymatch' is given.

import { raise } from '../errors.ts';
import { CellArray, charText, StringArray, StructArray, Tensor, type Value } from '../runtime/values/index.ts';
import { textArg } from './args.ts';
import { registerFamily } from './registry.ts';
import { rowChar, strictTextList, type TextList } from './strings.ts';
import type { BuiltinSpec } from './types.ts';

interface Flags {
  ignoreCase: boolean;
  once: boolean;
  emptyMatch: boolean;
  lineAnchors: boolean;
  dotAll: boolean;
}

/** MATLAB pattern → JS source; may flip the case flag for a leading `(?i)`. */
function translatePattern(p: string, flags: Flags): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[i + 1];
      if (!inClass && n === '<') out += '\\b(?=\\w)';
      else if (!inClass && n === '>') out += '\\b(?<=\\w)';
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (p[i + 1] === '^') out += p[++i];
      if (p[i + 1] === ']') out += '\\' + p[++i];
      continue;
    }
    if (p.startsWith('(?#', i)) {
      const end = p.indexOf(')', i);
      i = end < 0 ? p.length : end;
      continue;
    }
    if (p.startsWith('(?i)', i) || p.startsWith('(?-i)', i)) {
      flags.ignoreCase = p[i + 2] === 'i';
      i += p[i + 2] === 'i' ? 3 : 4;
      continue;
    }
    out += c;
  }
  return out;
}

function compile(pattern: string, flags: Flags): RegExp {
  const source = translatePattern(pattern, flags);
  const f = `gd${flags.ignoreCase ? 'i' : ''}${flags.lineAnchors ? 'm' : ''}${flags.dotAll ? 's' : ''}`;
  try {
    return new RegExp(source, f);
  } catch (e) {
    raise('MATLAB:regexp:invalidPattern', `Invalid regular expression '${pattern}': ${(e as Error).message}`);
  }
}

function findMatches(s: string, re: RegExp, flags: Flags): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m[0].length === 0) {
      re.lastIndex = m.index + 1;
      if (!flags.emptyMatch) {
        if (m.index >= s.length) break;
        continue;
      }
    }
    out.push(m);
    if (flags.once || m.index >= s.length) break;
  }
  return out;
}

const OUTPUT_WORDS = ['match', 'tokens', 'names', 'start', 'end', 'split', 'tokenextents'] as const;
type OutputWord = (typeof OUTPUT_WORDS)[number];
const DEFAULT_ORDER: OutputWord[] = ['start', 'end', 'tokenextents', 'match', 'tokens', 'names', 'split'];

function groupNames(re: RegExp): string[] {
  const names: string[] = [];
  for (const m of re.source.matchAll(/\(\?<([A-Za-z]\w*)>/g)) names.push(m[1]);
  return names;
}

/** A split piece: an empty one is '' (0×0), as Octave and MATLAB's strsplit give. */
function piece(text: string): Tensor {
  return text.length === 0 ? new Tensor('char', [0, 0], new Float64Array(0)) : rowChar(text);
}

function row(xs: number[]): Tensor {
  return new Tensor('double', [1, xs.length], Float64Array.from(xs));
}

function cellRow(xs: Value[]): CellArray {
  return new CellArray([1, xs.length], xs);
}

/** The groups of one match (the whole match when the pattern has none). */
function tokensOf(m: RegExpExecArray): string[] {
  return m.length > 1 ? m.slice(1).map((t) => t ?? '') : [m[0]];
}

function extentsOf(m: RegExpExecArray): Tensor {
  const idx = m.indices ?? [];
  const spans = m.length > 1 ? idx.slice(1) : [idx[0]];
  const n = spans.length;
  const re = new Float64Array(n * 2);
  spans.forEach((sp, k) => {
    re[k] = sp ? sp[0] + 1 : 0;
    re[k + n] = sp ? sp[1] : -1;
  });
  return new Tensor('double', [n, 2], re);
}

/** All requested outputs of regexp on one text. */
function regexpOne(s: string, re: RegExp, flags: Flags, order: OutputWord[]): Value[] {
  const ms = findMatches(s, re, flags);
  const names = groupNames(re);
  const once = flags.once;
  return order.map((word): Value => {
    switch (word) {
      case 'match':
        if (once) return ms.length ? rowChar(ms[0][0]) : new Tensor('char', [0, 0], new Float64Array(0));
        return cellRow(ms.map((m) => rowChar(m[0])));
      case 'tokens': {
        const toks = ms.map((m) => cellRow(tokensOf(m).map(rowChar)));
        if (once) return toks[0] ?? new CellArray([0, 0], []);
        return cellRow(toks);
      }
      case 'tokenextents': {
        const ext = ms.map(extentsOf);
        if (once) return ext[0] ?? new Tensor('double', [0, 0], new Float64Array(0));
        return cellRow(ext);
      }
      case 'start':
      case 'end': {
        const xs = ms.map((m) => (word === 'start' ? m.index + 1 : m.index + m[0].length));
        if (once) return xs.length ? row(xs) : new Tensor('double', [0, 0], new Float64Array(0));
        return row(xs);
      }
      case 'names': {
        const items = ms.map((m) => new Map<string, Value>(names.map((n) => [n, rowChar(m.groups?.[n] ?? '')])));
        if (names.length === 0) return new StructArray([1, 1], [], [new Map()]);
        if (once || ms.length === 1) return items.length ? new StructArray([1, 1], names, [items[0]]) : new StructArray([0, 0], names, []);
        return new StructArray(items.length ? [1, items.length] : [0, 0], names, items);
      }
      case 'split': {
        const pieces: Value[] = [];
        let last = 0;
        for (const m of ms) {
          pieces.push(piece(s.slice(last, m.index)));
          last = m.index + m[0].length;
        }
        pieces.push(piece(s.slice(last)));
        return cellRow(pieces);
      }
    }
  });
}

function readFlags(args: Value[], from: number, fname: string, ignoreCase: boolean): { flags: Flags; order: OutputWord[] } {
  const flags: Flags = { ignoreCase, once: false, emptyMatch: false, lineAnchors: false, dotAll: true };
  const order: OutputWord[] = [];
  for (let i = from; i < args.length; i++) {
    const word = textArg(args[i], fname, i + 1).toLowerCase();
    if ((OUTPUT_WORDS as readonly string[]).includes(word)) order.push(word as OutputWord);
    else if (word === 'once') flags.once = true;
    else if (word === 'ignorecase') flags.ignoreCase = true;
    else if (word === 'matchcase') flags.ignoreCase = false;
    else if (word === 'emptymatch') flags.emptyMatch = true;
    else if (word === 'noemptymatch') flags.emptyMatch = false;
    else if (word === 'lineanchors') flags.lineAnchors = true;
    else if (word === 'stringanchors') flags.lineAnchors = false;
    else if (word === 'dotexceptnewline') flags.dotAll = false;
    else if (word === 'dotall') flags.dotAll = true;
    else if (word === 'freespacing' || word === 'literalspacing' || word === 'warnings') continue;
    else raise('MATLAB:regexp:badOption', `Invalid option for ${fname}: '${word}'.`);
  }
  return { flags, order: order.length ? order : DEFAULT_ORDER };
}

function regexpSpec(name: 'regexp' | 'regexpi'): BuiltinSpec {
  const ignore = name === 'regexpi';
  return {
    family: 'strings',
    signatures: [
      `[startIndex, endIndex, tokenExtents, match, tokens, names, splitStr] = ${name}(str, expression)`,
      `out = ${name}(str, expression, outkey)`,
      `out = ${name}(str, expression, outkey, 'once')`,
    ],
    doc: `Matches a regular expression${ignore ? ', ignoring case' : ''}. Output keys 'match', 'tokens', 'names', 'start', 'end', 'split', 'tokenExtents' choose the outputs and their order; 'once' returns the first match only (a char instead of a cell). \\< and \\> are word boundaries, (?<name>…) names a token. A cell array of texts gives cell outputs. Example: ${name}('ab12cd345', '\\d+', 'match') is {'12', '345'}.`,
    impl: (args, ctx) => {
      if (args.length < 2) raise('MATLAB:minrhs', 'Not enough input arguments.');
      const { flags, order } = readFlags(args, 2, name, ignore);
      const re = compile(textArg(args[1], name, 2), flags);
      const n = Math.max(1, ctx.nargout);
      const want = order === DEFAULT_ORDER ? order.slice(0, n) : order;
      const list = strictTextList(args[0], name);
      if (list.kind === 'char' || (list.kind === 'string' && list.items.length === 1)) {
        const outs = regexpOne(list.items[0] ?? '', re, flags, want);
        return list.kind === 'string' ? outs.map(asStrings) : outs;
      }
      const per = list.items.map((s) => regexpOne(s ?? '', re, flags, want));
      return want.map((_, k) => new CellArray(list.shape, per.map((o) => (list.kind === 'string' ? asStrings(o[k]) : o[k]))));
    },
  };
}

/** A string input gives string outputs where regexp would give char text. */
function asStrings(v: Value): Value {
  if (v.type === 'tensor' && v.cls === 'char') return new StringArray([1, 1], [charText(v)]);
  if (v.type === 'cell' && v.items.every((x) => x.type === 'tensor' && x.cls === 'char')) {
    return new StringArray(v.shape, v.items.map((x) => charText(x as Tensor)));
  }
  if (v.type === 'cell') return new CellArray(v.shape, v.items.map(asStrings));
  return v;
}

/** MATLAB replacement text → JS: $0 is the match, $N a token, $<name> a named token; \n, \t escapes. */
function translateReplacement(r: string): string {
  let out = '';
  for (let i = 0; i < r.length; i++) {
    const c = r[i];
    if (c === '\\' && i + 1 < r.length) {
      const n = r[++i];
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', $: '$$', '\\': '\\' };
      out += escapes[n] ?? n;
    } else if (c === '$' && r[i + 1] === '0') {
      out += '$&';
      i++;
    } else if (c === '$' && !/[\d<]/.test(r[i + 1] ?? '')) out += '$$';
    else out += c;
  }
  return out;
}

function regexprepOne(s: string, re: RegExp, replacement: string, flags: Flags): string {
  const ms = findMatches(s, re, flags);
  let out = '';
  let last = 0;
  for (const m of ms) {
    out += s.slice(last, m.index) + expand(m, replacement);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

/** `$1`, `$&`, `$<name>`, `$$` expanded for one match. */
function expand(m: RegExpExecArray, replacement: string): string {
  return replacement.replace(/\$(\$|&|<(\w+)>|(\d+))/g, (whole, what: string, name: string | undefined, digits: string | undefined) => {
    if (what === '$') return '$';
    if (what === '&') return m[0];
    if (name !== undefined) return m.groups?.[name] ?? '';
    const k = Number(digits);
    return k < m.length ? (m[k] ?? '') : whole;
  });
}

registerFamily({
  regexp: regexpSpec('regexp'),
  regexpi: regexpSpec('regexpi'),
  regexprep: {
    family: 'strings',
    signatures: ['newStr = regexprep(str, expression, replace)', "newStr = regexprep(str, expression, replace, 'once', 'ignorecase')"],
    doc: "Replaces matches of a regular expression; $1…$N insert tokens, $0 the whole match, \\n a newline. Cell arrays and string arrays are replaced element by element. Example: regexprep('abc123', '(\\d)', '<$1>') is 'abc<1><2><3>'.",
    impl: (args) => {
      if (args.length < 3) raise('MATLAB:minrhs', 'Not enough input arguments.');
      const { flags } = readFlags(args, 3, 'regexprep', false);
      const list: TextList = strictTextList(args[0], 'regexprep');
      const pats = strictTextList(args[1], 'regexprep', 2).items.map((p) => p ?? '');
      const reps = strictTextList(args[2], 'regexprep', 3).items.map((p) => translateReplacement(p ?? ''));
      if (reps.length !== 1 && reps.length !== pats.length) raise('MATLAB:regexprep:badReplace', 'The replacement must be one text or one per expression.');
      const compiled = pats.map((p) => compile(p, { ...flags }));
      const apply = (s: string): string => compiled.reduce((acc, re, k) => regexprepOne(acc, re, reps[reps.length === 1 ? 0 : k], flags), s);
      const items = list.items.map((s) => (s === null ? null : apply(s)));
      if (list.kind === 'string') return new StringArray(list.shape, items);
      if (list.kind === 'cell') return new CellArray(list.shape, items.map((s) => rowChar(s ?? '')));
      const src = args[0] as Tensor;
      const out = items[0] ?? '';
      return out.length === 0 && src.re.length === 0 ? src : rowChar(out);
    },
  },
});
