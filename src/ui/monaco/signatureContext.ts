// Signature help's two questions, answered on plain text so they are unit-tested: which call is
// the cursor inside (and at which argument), and where the parameters sit in a registry signature
// such as `B = sum(A, dim)`. The scan runs forward from the start of the cell, so strings,
// comments and MATLAB's transpose quote are read the way the lexer reads them.

export interface CallContext {
  /** The function name written just before the call's `(`. */
  name: string;
  /** 0-based: how many top-level commas precede the cursor inside the call. */
  argIndex: number;
}

interface OpenBracket {
  bracket: '(' | '[' | '{';
  name: string | null;
  commas: number;
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;

/** The innermost named call around `offset` (0-based into `text`), or null outside any call. */
export function callContextAt(text: string, offset: number): CallContext | null {
  const stack: OpenBracket[] = [];
  const end = Math.min(offset, text.length);
  let i = 0;
  while (i < end) {
    const ch = text[i];
    if (ch === '%' || (ch === '.' && text.startsWith('...', i))) {
      // A comment or a continuation runs to the end of the line.
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? end : newline + 1;
      continue;
    }
    if (ch === '"' || (ch === "'" && !quoteIsTranspose(text, i))) {
      i = skipString(text, i, ch);
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') {
      stack.push({ bracket: ch, name: ch === '(' ? identifierBefore(text, i) : null, commas: 0 });
    } else if (ch === ')' || ch === ']' || ch === '}') {
      stack.pop();
    } else if (ch === ',' && stack.length > 0) {
      stack[stack.length - 1].commas += 1;
    } else if (ch === '\n' && stack.length > 0 && stack[stack.length - 1].bracket === '(') {
      // A newline ends a statement unless it was continued: an unclosed call is abandoned.
      stack.length = 0;
    }
    i += 1;
  }
  // Brackets and grouping parentheses inside a call are part of its current argument.
  for (let k = stack.length - 1; k >= 0; k--) {
    const open = stack[k];
    if (open.bracket === '(' && open.name) return { name: open.name, argIndex: open.commas };
  }
  return null;
}

/** `'` after a value (a name, a number, a closing bracket, another transpose) is the transpose operator. */
function quoteIsTranspose(text: string, at: number): boolean {
  const before = text[at - 1];
  if (before === undefined) return false;
  return IDENTIFIER_CHAR.test(before) || before === ')' || before === ']' || before === '}' || before === "'" || before === '.';
}

/** The index after the string that opens at `at` (a doubled quote is an escaped quote). */
function skipString(text: string, at: number, quote: string): number {
  let i = at + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else if (text[i] === '\n') {
      return i;
    } else {
      i += 1;
    }
  }
  return i;
}

function identifierBefore(text: string, at: number): string | null {
  let start = at;
  while (start > 0 && IDENTIFIER_CHAR.test(text[start - 1])) start -= 1;
  const name = text.slice(start, at);
  // A field access (`s.f(…)`) is not a call of the builtin `f`.
  if (!/^[A-Za-z]/.test(name) || text[start - 1] === '.') return null;
  return name;
}

/** Where each parameter of `signature` is, as [start, end) offsets into it (Monaco's parameter labels). */
export function signatureParameters(signature: string, name: string): [number, number][] {
  const call = signature.indexOf(`${name}(`);
  const open = call >= 0 ? call + name.length : signature.indexOf('(');
  const close = signature.lastIndexOf(')');
  if (open < 0 || close <= open) return [];
  const params: [number, number][] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = open + 1;
  const push = (endAt: number) => {
    let a = start;
    let b = endAt;
    while (a < b && signature[a] === ' ') a += 1;
    while (b > a && signature[b - 1] === ' ') b -= 1;
    if (b > a) params.push([a, b]);
  };
  for (let i = open + 1; i < close; i++) {
    const ch = signature[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      depth += 1;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth -= 1;
    } else if (ch === ',' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(close);
  return params;
}

/**
 * The signature to highlight for argument `argIndex`: the first one with that many parameters,
 * or one that takes any number (`...`); otherwise the longest.
 */
export function bestSignature(signatures: readonly string[], name: string, argIndex: number): number {
  let longest = 0;
  for (let s = 0; s < signatures.length; s++) {
    const params = signatureParameters(signatures[s], name);
    if (params.length > argIndex || signatures[s].includes('...')) return s;
    if (params.length > signatureParameters(signatures[longest], name).length) longest = s;
  }
  return longest;
}
