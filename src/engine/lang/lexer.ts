// The MATLAB lexer: source text → an array of tokens, made of readX functions that consume
// characters. Every ambiguous choice (transpose or char literal, whitespace inside brackets,
// `end`, command syntax) is asked of lexContext.ts; this file only reads what it is told to.

import { MatlabError, raise } from '../errors.ts';
import {
  type BracketKind, isDigit, isIdentChar, isIdentStart, isNewlineChar, isSpaceChar, LexContext,
} from './lexContext.ts';
import { keywords, type Token, type TokenType, tt } from './tokens.ts';

/** The identifier of every syntax error the lexer and parser raise. */
export const PARSE_ERROR = 'MATLAB:parse';

const CH_NEWLINE = 10;
const CH_RETURN = 13;
const CH_QUOTE = 39; // '
const CH_DQUOTE = 34; // "
const CH_DOT = 46;
const CH_PERCENT = 37;

function makeToken(type: TokenType, start: number, end: number, spaceBefore: boolean, text = ''): Token {
  return { type, start, end, text, value: 0, imaginary: false, spaceBefore, args: null, error: null };
}

/**
 * Tokenizes a whole cell. Never throws a MatlabError: a lexing error becomes a final `error`
 * token, which the parser throws only when it gets there, so errors are reported in source order.
 */
export function tokenize(source: string): Token[] {
  return new Lexer(source).tokenize();
}

class Lexer {
  /** The text being read. */
  private readonly src: string;
  /** Offset of the next unread character. */
  private pos = 0;
  /** Tokens read so far, including inserted `space` separators. */
  private readonly tokens: Token[] = [];
  /** The previous token and the bracket stack; decides the ambiguous cases. */
  private readonly ctx = new LexContext();

  constructor(source: string) {
    this.src = source;
    if (source.charCodeAt(0) === 0xfeff) this.pos = 1; // byte-order mark
  }

  tokenize(): Token[] {
    try {
      while (this.readToken()) {
        // each call reads one token
      }
    } catch (err) {
      if (!(err instanceof MatlabError)) throw err;
      const span = err.span ?? { start: this.pos, end: this.pos };
      const token = makeToken(tt.error, span.start, span.end, false);
      token.error = err;
      this.tokens.push(token);
    }
    return this.tokens;
  }

  private fail(message: string, start: number, end: number): never {
    raise(PARSE_ERROR, message, { start, end });
  }

  /** Appends a token read from the source and lets the context see it. */
  private emit(token: Token): Token {
    this.tokens.push(token);
    this.ctx.record(token);
    return token;
  }

  /** Reads the next token (after an inserted separator, if one is due). False at the end. */
  private readToken(): boolean {
    const spaceStart = this.pos;
    const spaceBefore = this.skipSpace();
    const src = this.src;
    if (this.pos >= src.length) {
      this.readEnd();
      return false;
    }
    const c = src.charCodeAt(this.pos);
    if (isNewlineChar(c)) {
      this.readNewline();
      return true;
    }
    if (this.ctx.separatesElements(src, this.pos, spaceBefore)) {
      this.tokens.push(makeToken(tt.space, spaceStart, this.pos, false));
    }
    if (isIdentStart(c)) this.readWord(spaceBefore);
    else if (isDigit(c) || (c === CH_DOT && isDigit(src.charCodeAt(this.pos + 1)))) this.readNumber(spaceBefore);
    else if (c === CH_QUOTE) {
      if (this.ctx.quoteIsTranspose(spaceBefore)) this.readPunct(tt.transpose, 1, spaceBefore);
      else this.readQuoted(tt.char, spaceBefore);
    } else if (c === CH_DQUOTE) this.readQuoted(tt.string, spaceBefore);
    else this.readOperator(spaceBefore);
    return true;
  }

  /**
   * Skips blanks, `%` comments, `%{ … %}` block comments and `...` continuations (with the rest
   * of their line and the line break). Newlines are tokens and are not skipped. Returns whether
   * anything was skipped.
   */
  private skipSpace(): boolean {
    const src = this.src;
    const start = this.pos;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (isSpaceChar(c)) {
        this.pos++;
      } else if (c === CH_PERCENT) {
        if (this.atBlockCommentOpener()) this.skipBlockComment();
        else this.skipToLineEnd();
      } else if (c === CH_DOT && src.startsWith('...', this.pos)) {
        this.skipToLineEnd();
        this.skipLineBreak();
      } else {
        return this.pos > start;
      }
    }
  }

  private skipToLineEnd(): void {
    const src = this.src;
    while (this.pos < src.length && !isNewlineChar(src.charCodeAt(this.pos))) this.pos++;
  }

  private skipLineBreak(): void {
    const src = this.src;
    if (src.charCodeAt(this.pos) === CH_RETURN) this.pos++;
    if (src.charCodeAt(this.pos) === CH_NEWLINE) this.pos++;
  }

  /** `%{` alone on its line (blanks around it allowed) opens a block comment. */
  private atBlockCommentOpener(): boolean {
    return this.src.charCodeAt(this.pos + 1) === 123 /* { */ && this.lineIsOnly(this.pos, '%{');
  }

  /** The line holding offset `at` consists of `marker` and blanks only. */
  private lineIsOnly(at: number, marker: string): boolean {
    const src = this.src;
    let lineStart = at;
    while (lineStart > 0 && !isNewlineChar(src.charCodeAt(lineStart - 1))) lineStart--;
    let lineEnd = at;
    while (lineEnd < src.length && !isNewlineChar(src.charCodeAt(lineEnd))) lineEnd++;
    return src.slice(lineStart, lineEnd).trim() === marker;
  }

  /**
   * Skips from a `%{` line through the line with its matching `%}` (block comments nest), leaving
   * the position at that line's break. An unclosed block comment runs to the end, as in MATLAB.
   */
  private skipBlockComment(): void {
    const src = this.src;
    let depth = 0;
    for (;;) {
      let lineEnd = this.pos;
      while (lineEnd < src.length && !isNewlineChar(src.charCodeAt(lineEnd))) lineEnd++;
      const line = src.slice(this.pos, lineEnd).trim();
      if (line === '%{') depth++;
      else if (line === '%}') depth--;
      this.pos = lineEnd;
      if (depth === 0 || this.pos >= src.length) return;
      this.skipLineBreak();
    }
  }

  /** End of input: every bracket must be closed. */
  private readEnd(): void {
    const open = this.ctx.top();
    if (open !== null) {
      this.fail(
        `Unbalanced or unexpected parenthesis or bracket: '${open.token.text}' is never closed.`,
        open.token.start, open.token.end,
      );
    }
    const length = this.src.length;
    this.emit(makeToken(tt.eof, length, length, false));
  }

  /**
   * A line break separates statements at top level and rows inside `[ ]`/`{ }`. Inside `( )` or
   * an index `x{ }` MATLAB needs `...` to continue the line, so a break there is an error.
   */
  private readNewline(): void {
    const open = this.ctx.top();
    if (open !== null && !this.ctx.inMatrix()) {
      this.fail(
        `Unbalanced or unexpected parenthesis or bracket: '${open.token.text}' is not closed on its line. ` +
          "To continue a statement on the next line, end the line with '...'.",
        open.token.start, open.token.end,
      );
    }
    const start = this.pos;
    this.skipLineBreak();
    const prev = this.ctx.prev;
    if (prev === null || prev.type === tt.newline) return; // blank lines make one separator
    this.emit(makeToken(tt.newline, start, this.pos, false));
  }

  /** A name, a keyword, or a whole command-syntax statement. */
  private readWord(spaceBefore: boolean): void {
    const src = this.src;
    const start = this.pos;
    while (isIdentChar(src.charCodeAt(this.pos))) this.pos++;
    const text = src.slice(start, this.pos);
    if (!this.ctx.wordIsFieldName()) {
      const keyword = keywords.get(text);
      if (keyword !== undefined) {
        this.emit(makeToken(keyword, start, this.pos, spaceBefore, text));
        return;
      }
      if (this.ctx.atStatementStart() && this.ctx.isCommandSyntax(src, text, this.pos)) {
        this.readCommandArgs(start, text, spaceBefore);
        return;
      }
    }
    this.emit(makeToken(tt.name, start, this.pos, spaceBefore, text));
  }

  /**
   * The words after a command name, up to `,` `;` a line break or a `%` comment. A quoted part
   * (`legend 'a b'`) may hold blanks and `''` escapes; its quotes are dropped.
   */
  private readCommandArgs(start: number, name: string, spaceBefore: boolean): void {
    const src = this.src;
    const args: string[] = [];
    let end = this.pos;
    for (;;) {
      while (isSpaceChar(src.charCodeAt(this.pos))) this.pos++;
      if (src.startsWith('...', this.pos)) {
        this.skipToLineEnd();
        this.skipLineBreak();
        continue;
      }
      if (this.atCommandArgEnd()) break;
      let word = '';
      while (!this.atCommandArgEnd() && !isSpaceChar(src.charCodeAt(this.pos))) {
        if (src.charCodeAt(this.pos) === CH_QUOTE) {
          word += this.readQuotedText(CH_QUOTE, 'Character vector is not terminated properly.');
        } else {
          word += src[this.pos];
          this.pos++;
        }
      }
      args.push(word);
      end = this.pos;
    }
    this.pos = end;
    const token = makeToken(tt.command, start, end, spaceBefore, name);
    token.args = args;
    this.emit(token);
  }

  private atCommandArgEnd(): boolean {
    const c = this.src.charCodeAt(this.pos);
    return Number.isNaN(c) || isNewlineChar(c) || c === 44 /* , */ || c === 59 /* ; */ || c === CH_PERCENT;
  }

  /**
   * A number: `3`, `1e-3`, `.5`, `1.`, `2.5e+3`, with an optional `i`/`j` suffix for an imaginary
   * literal (`3i`, `1e3j`). A `.` after the digits belongs to an operator when one follows
   * (`1./x`, `1.^2`, `3.'`) or to a continuation (`1...`).
   */
  private readNumber(spaceBefore: boolean): void {
    const src = this.src;
    const start = this.pos;
    while (isDigit(src.charCodeAt(this.pos))) this.pos++;
    if (src.charCodeAt(this.pos) === CH_DOT && this.dotBelongsToNumber(this.pos)) {
      this.pos++;
      while (isDigit(src.charCodeAt(this.pos))) this.pos++;
    }
    const e = src[this.pos];
    if (e === 'e' || e === 'E' || e === 'd' || e === 'D') {
      let q = this.pos + 1;
      if (src[q] === '+' || src[q] === '-') q++;
      if (isDigit(src.charCodeAt(q))) {
        this.pos = q;
        while (isDigit(src.charCodeAt(this.pos))) this.pos++;
      }
    }
    const text = src.slice(start, this.pos).replace(/[dD]/, 'e');
    let imaginary = false;
    const suffix = src[this.pos];
    if ((suffix === 'i' || suffix === 'j' || suffix === 'I' || suffix === 'J') &&
        !isIdentChar(src.charCodeAt(this.pos + 1))) {
      imaginary = true;
      this.pos++;
    }
    if (isIdentChar(src.charCodeAt(this.pos))) {
      let wordEnd = this.pos;
      while (isIdentChar(src.charCodeAt(wordEnd))) wordEnd++;
      this.fail(
        'Invalid expression. Check for a missing multiplication operator between a number and a name.',
        start, wordEnd,
      );
    }
    const token = makeToken(tt.num, start, this.pos, spaceBefore);
    token.value = Number(text);
    token.imaginary = imaginary;
    this.emit(token);
  }

  private dotBelongsToNumber(dot: number): boolean {
    const next = this.src[dot + 1];
    if (next === '*' || next === '/' || next === '\\' || next === '^' || next === "'") return false;
    return !(next === '.' && this.src[dot + 2] === '.');
  }

  /** `'char'` (`''` escapes a quote) or `"string"` (`""` escapes a double quote). */
  private readQuoted(type: TokenType, spaceBefore: boolean): void {
    const start = this.pos;
    const text = type === tt.char
      ? this.readQuotedText(CH_QUOTE, 'Character vector is not terminated properly.')
      : this.readQuotedText(CH_DQUOTE, 'String is not terminated properly.');
    this.emit(makeToken(type, start, this.pos, spaceBefore, text));
  }

  /** Reads from an opening quote through its closing quote; returns the unescaped contents. */
  private readQuotedText(quote: number, unterminated: string): string {
    const src = this.src;
    const open = this.pos;
    this.pos++;
    let text = '';
    let chunk = this.pos;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (Number.isNaN(c) || isNewlineChar(c)) this.fail(unterminated, open, open + 1);
      if (c === quote) {
        if (src.charCodeAt(this.pos + 1) === quote) {
          text += src.slice(chunk, this.pos + 1);
          this.pos += 2;
          chunk = this.pos;
          continue;
        }
        text += src.slice(chunk, this.pos);
        this.pos++;
        return text;
      }
      this.pos++;
    }
  }

  /** Operators, brackets and separators. */
  private readOperator(spaceBefore: boolean): void {
    const src = this.src;
    const c = src[this.pos];
    const next = src[this.pos + 1];
    switch (c) {
      case '(': return this.readOpener(tt.parenL, spaceBefore);
      case '[': return this.readOpener(tt.bracketL, spaceBefore);
      case '{': return this.readOpener(tt.braceL, spaceBefore);
      case ')': return this.readCloser(tt.parenR, spaceBefore);
      case ']': return this.readCloser(tt.bracketR, spaceBefore);
      case '}': return this.readCloser(tt.braceR, spaceBefore);
      case '.':
        switch (next) {
          case '*': return this.readPunct(tt.dotStar, 2, spaceBefore);
          case '/': return this.readPunct(tt.dotSlash, 2, spaceBefore);
          case '\\': return this.readPunct(tt.dotBackslash, 2, spaceBefore);
          case '^': return this.readPunct(tt.dotCaret, 2, spaceBefore);
          case "'": return this.readPunct(tt.dotTranspose, 2, spaceBefore);
          default: return this.readPunct(tt.dot, 1, spaceBefore);
        }
      case '=': return next === '=' ? this.readPunct(tt.eq, 2, spaceBefore) : this.readPunct(tt.assign, 1, spaceBefore);
      case '~':
      case '!': return next === '=' ? this.readPunct(tt.ne, 2, spaceBefore) : this.readPunct(tt.tilde, 1, spaceBefore);
      case '<': return next === '=' ? this.readPunct(tt.le, 2, spaceBefore) : this.readPunct(tt.lt, 1, spaceBefore);
      case '>': return next === '=' ? this.readPunct(tt.ge, 2, spaceBefore) : this.readPunct(tt.gt, 1, spaceBefore);
      case '&': return next === '&' ? this.readPunct(tt.ampAmp, 2, spaceBefore) : this.readPunct(tt.amp, 1, spaceBefore);
      case '|': return next === '|' ? this.readPunct(tt.pipePipe, 2, spaceBefore) : this.readPunct(tt.pipe, 1, spaceBefore);
      case '+': return this.readPunct(tt.plus, 1, spaceBefore);
      case '-': return this.readPunct(tt.minus, 1, spaceBefore);
      case '*': return this.readPunct(tt.star, 1, spaceBefore);
      case '/': return this.readPunct(tt.slash, 1, spaceBefore);
      case '\\': return this.readPunct(tt.backslash, 1, spaceBefore);
      case '^': return this.readPunct(tt.caret, 1, spaceBefore);
      case ':': return this.readPunct(tt.colon, 1, spaceBefore);
      case '@': return this.readPunct(tt.at, 1, spaceBefore);
      case ',': return this.readPunct(tt.comma, 1, spaceBefore);
      case ';': return this.readPunct(tt.semi, 1, spaceBefore);
      default: {
        const width = (src.codePointAt(this.pos) ?? 0) > 0xffff ? 2 : 1;
        this.fail(
          'Invalid text character. Check for unsupported symbol, invisible character, or pasting of non-ASCII characters.',
          this.pos, this.pos + width,
        );
      }
    }
  }

  private readPunct(type: TokenType, length: number, spaceBefore: boolean): void {
    const start = this.pos;
    this.pos += length;
    this.emit(makeToken(type, start, this.pos, spaceBefore, this.src.slice(start, this.pos)));
  }

  private readOpener(type: TokenType, spaceBefore: boolean): void {
    const kind: BracketKind = this.ctx.bracketKindFor(type, spaceBefore);
    const start = this.pos;
    this.pos++;
    const token = this.emit(makeToken(type, start, this.pos, spaceBefore, this.src[start]));
    this.ctx.open(kind, token);
  }

  private readCloser(type: TokenType, spaceBefore: boolean): void {
    const open = this.ctx.top();
    const expected = open === null ? null
      : open.kind === 'matrix' ? tt.bracketR
      : open.kind === 'cell' || open.kind === 'brace' ? tt.braceR
      : tt.parenR;
    if (type !== expected) {
      this.fail('Unbalanced or unexpected parenthesis or bracket.', this.pos, this.pos + 1);
    }
    this.readPunct(type, 1, spaceBefore);
  }
}
