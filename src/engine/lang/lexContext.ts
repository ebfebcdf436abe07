// The lexer's context, and the only place that decides MATLAB's ambiguous lexing rules: whether
// `'` is a transpose or opens a char literal, when whitespace inside `[ ]`/`{ }` separates two
// elements, when `end` is an index expression, and when a statement is in command syntax.
//
// MATLAB has acorn's regexp-vs-divide problem in three forms. All three are settled by the token
// just before the current one (`prev`), whether whitespace came between them, and the innermost
// open bracket. That is all this file keeps:
//
// 1. `'` is a transpose directly after something that ends a value (a name, number, literal,
//    `)` `]` `}`, another transpose, `end` inside an index). Outside brackets whitespace between
//    does not matter (`a '` is still a transpose), but inside `[ ]`/`{ }` it does: `[a 'x']` is
//    two elements, `[a' b']` two transposes. Anywhere else `'` starts a char literal.
// 2. Inside `[ ]`/`{ }`, whitespace after a complete element followed by something that can
//    start a new one is an element separator: `[1 -2]` is two elements, `[1 - 2]` one (a sign
//    only starts an element when it is glued to its operand), `[a (1)]` two, `[f(1) 2]` two.
//    The lexer then emits a `space` token, which the parser treats like a comma.
// 3. Command syntax (`hold on`, `format long`): a word from COMMAND_WORDS at the start of a
//    statement, followed by whitespace and something that does not read as an operator, an
//    assignment or a call. Any other name is a command only when what follows could not continue
//    an expression anyway: a quote (`disp 'hello'`), or a plain word or number that is not a
//    keyword (`disp hello`, `pause 1`; `a b` is otherwise a syntax error, `if x, y end` is not).

import { keywords, type Token, type TokenType, tt } from './tokens.ts';

/**
 * Names that take command syntax even before an operator-like argument (`clear -regexp ^t`,
 * `format +x`). Fixed on purpose: MATLAB decides from the workspace (`x -1` is a command only
 * when `x` is not a variable), which a parser cannot see. Other names get command syntax only
 * in the unambiguous cases of rule 3.
 */
export const COMMAND_WORDS: ReadonlySet<string> = new Set([
  'format', 'hold', 'close', 'clc', 'clear', 'clearvars', 'clf', 'figure', 'grid', 'axis', 'more',
  'rng', 'tic', 'toc', 'who', 'whos', 'echo', 'pkg', 'drawnow', 'colormap', 'colorbar', 'legend',
  'warning',
]);

/** What an open bracket is, which decides how whitespace and newlines inside it are read. */
export type BracketKind =
  | 'paren' // ( … ): grouping, call or index; whitespace is insignificant, newline is an error
  | 'anonParams' // the ( … ) right after `@`; its `)` does not end a value
  | 'matrix' // [ … ]: whitespace separates elements, newline separates rows
  | 'cell' // { … } literal: like a matrix
  | 'brace'; // x{ … } index: like a paren

export interface OpenBracket {
  kind: BracketKind;
  /** The opening token, for "never closed" errors. */
  token: Token;
}

const CH_SPACE = 32;
const CH_TAB = 9;

export const isSpaceChar = (c: number): boolean =>
  c === CH_SPACE || c === CH_TAB || c === 11 /* \v */ || c === 12; /* \f */
export const isNewlineChar = (c: number): boolean => c === 10 || c === 13;
export const isIdentStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
export const isIdentChar = (c: number): boolean =>
  isIdentStart(c) || (c >= 48 && c <= 57) || c === 95;
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export class LexContext {
  /** Open brackets, innermost last. */
  readonly stack: OpenBracket[] = [];
  /** The last token read from the source (inserted `space` tokens are not counted). */
  prev: Token | null = null;
  /** `prev` ends a value: a `'` after it may transpose, whitespace after it may separate. */
  prevEndsValue = false;

  /** Records a token the lexer has read; a closing bracket pops the stack (the lexer checked it matches). */
  record(token: Token): void {
    const type = token.type;
    let endsValue = type.beforeTranspose;
    if (type === tt._end) endsValue = this.endIsIndex();
    if (type === tt.parenR || type === tt.bracketR || type === tt.braceR) {
      const closed = this.stack.pop();
      if (closed !== undefined && closed.kind === 'anonParams') endsValue = false;
    }
    this.prev = token;
    this.prevEndsValue = endsValue;
  }

  /** The kind of bracket an opening token starts here (call this before `record`). */
  bracketKindFor(type: TokenType, spaceBefore: boolean): BracketKind {
    if (type === tt.bracketL) return 'matrix';
    if (type === tt.braceL) return this.indexes(spaceBefore) ? 'brace' : 'cell';
    return this.prev !== null && this.prev.type === tt.at ? 'anonParams' : 'paren';
  }

  open(kind: BracketKind, token: Token): void {
    this.stack.push({ kind, token });
  }

  /** The innermost open bracket, or null at top level. */
  top(): OpenBracket | null {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1] : null;
  }

  /** Whitespace is significant here: the innermost bracket is a matrix or cell literal. */
  inMatrix(): boolean {
    const top = this.top();
    return top !== null && (top.kind === 'matrix' || top.kind === 'cell');
  }

  /**
   * The next token applies to the value just read (transpose, index, call): `prev` ends a value
   * and no whitespace inside a matrix separates them. Rule 1 in the header.
   */
  indexes(spaceBefore: boolean): boolean {
    return this.prevEndsValue && !(spaceBefore && this.inMatrix());
  }

  /** Rule 1: a `'` at this point is a transpose (otherwise it opens a char literal). */
  quoteIsTranspose(spaceBefore: boolean): boolean {
    return this.indexes(spaceBefore);
  }

  /** `end` here is the End expression of an index, not a block closer. */
  endIsIndex(): boolean {
    return this.stack.length > 0;
  }

  /** A word read now is a field name (`s.end`), never a keyword or a command. */
  wordIsFieldName(): boolean {
    return this.prev !== null && this.prev.type === tt.dot;
  }

  /**
   * Rule 2: whitespace at `pos` (already skipped) separates a new element from the previous
   * one, so the lexer inserts a `space` token before the token starting at `pos`.
   */
  separatesElements(src: string, pos: number, spaceBefore: boolean): boolean {
    if (!spaceBefore || !this.prevEndsValue || !this.inMatrix()) return false;
    const c = src.charCodeAt(pos);
    const next = src.charCodeAt(pos + 1);
    if (isIdentStart(c) || isDigit(c)) return true;
    switch (src[pos]) {
      case "'": case '"': case '(': case '[': case '{': case '@':
        return true;
      case '.': // `[a .5]`
        return isDigit(next);
      case '~': case '!': // `[a ~b]`, but `[a ~= b]` compares
        return next !== 61; /* = */
      case '+': case '-': // `[1 -2]` is two elements, `[1 - 2]` and `[1 -= …]` are not
        return !(isSpaceChar(next) || isNewlineChar(next) || Number.isNaN(next) || next === 61);
      default:
        return false;
    }
  }

  /** A statement may begin at the next token: nothing is open and `prev` ended the last one. */
  atStatementStart(): boolean {
    if (this.stack.length > 0) return false;
    const prev = this.prev;
    if (prev === null || prev.type.separator) return true;
    return prev.type === tt._else || prev.type === tt._try || prev.type === tt._otherwise;
  }

  /**
   * Rule 3: the name just read (ending at `nameEnd`) starts a command-syntax statement. Call
   * only at statement start. `hold on`, `disp hello` yes; `hold`, `hold(1)`, `hold = 1`,
   * `hold - 1`, `y end` no.
   */
  isCommandSyntax(src: string, name: string, nameEnd: number): boolean {
    if (!isSpaceChar(src.charCodeAt(nameEnd))) return false;
    let q = nameEnd;
    while (isSpaceChar(src.charCodeAt(q))) q++;
    if (src[q] === "'") return true; // `disp 'hello'`, for any name
    const c = src.charCodeAt(q);
    if (isIdentStart(c) || isDigit(c)) {
      // `disp hello`, `pause 1`: a word after a name never continues an expression. A keyword
      // does close a block, though: `if x, y end`.
      let wordEnd = q;
      while (isIdentChar(src.charCodeAt(wordEnd))) wordEnd++;
      return !keywords.has(src.slice(q, wordEnd));
    }
    if (!COMMAND_WORDS.has(name)) return false;
    return this.commandWordTakesArgument(src, q);
  }

  /** After a COMMAND_WORDS name and blanks, the text at `q` is an argument, not an expression. */
  private commandWordTakesArgument(src: string, q: number): boolean {
    const c = src[q];
    if (q >= src.length || c === '\n' || c === '\r' || c === ';' || c === ',' || c === '%') {
      return false; // no arguments: an ordinary expression statement
    }
    if (c === '(') return false; // `axis ([0 1 0 1])` is a call
    if (src.startsWith('...', q)) return false;
    const op = operatorAt(src, q);
    if (op === '') return true;
    if (op === '=') return false; // `figure = 3` assigns
    // An operator followed by whitespace reads as an expression (`tic - 1`); glued to its
    // operand it is a command argument (`clear -regexp`, `format +`).
    const after = src.charCodeAt(q + op.length);
    return !(isSpaceChar(after) || isNewlineChar(after) || Number.isNaN(after));
  }
}

const OPERATORS = [
  '==', '~=', '!=', '<=', '>=', '&&', '||', '.*', './', '.\\', '.^',
  '+', '-', '*', '/', '\\', '^', '<', '>', '&', '|', '~', '!', '=', ':',
];

/** The operator starting at `pos` (longest match), or ''. */
function operatorAt(src: string, pos: number): string {
  for (const op of OPERATORS) if (src.startsWith(op, pos)) return op;
  return '';
}
