// The MATLAB parser: tokens → the AST of ast.ts. parseX functions consume grammar, eat/expect
// consume one token. Binary operators are parsed by precedence climbing from `TokenType.binop`
// (tokens.ts); lexing ambiguities were already settled by lexContext.ts.
//
// Why the expression functions are shaped the way they are: MATLAB's table (low → high) is
// `||`, `&&`, `|`, `&`, comparisons, `:`, `+ -`, `* / \ .* ./ .\`, unary `+ - ~`, then power and
// transpose together. Levels 1–8 are all left-associative binary operators, so one function,
// `parseBinary(minPrec)`, climbs them (the range `a:s:b` is its one special case: a ternary at
// level 6). Unary operators sit *below* power — `-2^2` is -(2^2) — yet a unary sign may follow a
// power operator (`2^-1`), so power and the transposes are parsed in `parsePostfixChain`, whose
// right operand (`parsePowerOperand`) accepts signs. Power and transpose share one level and
// associate left, as in MATLAB and Octave: `2^3^2` is 64 and `x.^2'` is `(x.^2)'`.

import { raise } from '../errors.ts';
import type {
  AnonFn, CellLit, Expr, FuncHandle, FunctionDef, IndexLink, LValue, Matrix, Program, Span, Stmt,
} from './ast.ts';
import { PARSE_ERROR, tokenize } from './lexer.ts';
import { lineColumnAt } from './location.ts';
import { Prec, type Token, type TokenType, tt } from './tokens.ts';

/** Parses a cell or file. Throws a MatlabError (`MATLAB:parse`) with the offending span. */
export function parse(source: string): Program {
  return new Parser(source).parseProgram();
}

/** Keywords that end a statement list: block closers and the clause keywords inside blocks. */
const BLOCK_CLOSERS: ReadonlySet<TokenType> = new Set([
  tt._end, tt._else, tt._elseif, tt._case, tt._otherwise, tt._catch,
  tt._endif, tt._endfor, tt._endwhile, tt._endswitch, tt._endfunction, tt._endTryCatch,
]);

const isBlockCloser = (type: TokenType): boolean => BLOCK_CLOSERS.has(type);
const isFunctionBodyCloser = (type: TokenType): boolean => BLOCK_CLOSERS.has(type) || type === tt._function;

const isOperator = (type: TokenType): boolean =>
  type.binop > 0 || type.binaryOp !== null || type.unaryOp !== null || type.postfixOp !== null ||
  type === tt.at || type === tt.dot;

const EQUALS_MESSAGE =
  "Incorrect use of '=' operator. To assign a value to a variable, use '='. " +
  "To compare values for equality, use '=='.";
const INVALID_EXPRESSION_MESSAGE =
  'Invalid expression. Check for missing multiplication operator, missing or unbalanced ' +
  'delimiters, or other syntax error.';
const UNBALANCED_MESSAGE = 'Unbalanced or unexpected parenthesis or bracket.';

class Parser {
  private readonly src: string;
  private readonly tokens: Token[];
  /** Index of the current token in `tokens`. */
  private pos = 0;
  /** The current token (never an `error` token: reaching one throws its error). */
  private tok: Token;
  /** End offset of the last token consumed (inserted `space` tokens aside): where a node ends. */
  private lastEnd = 0;
  /** Depth of index argument lists being parsed; `end` is an End expression only inside one. */
  private indexDepth = 0;
  /** Depth of control blocks (if/for/while/switch/try); function definitions need 0. */
  private blockDepth = 0;
  /** Function definitions, hoisted out of statement lists in source order. */
  private readonly functions: FunctionDef[] = [];
  /** Some function so far was closed with `end`. */
  private sawFunctionWithEnd = false;
  /** The `function` keyword of the first function closed without `end` (by the next one or EOF). */
  private firstFunctionWithoutEnd: Token | null = null;

  constructor(source: string) {
    this.src = source;
    this.tokens = tokenize(source);
    this.tok = this.tokens[0];
    this.checkError();
  }

  // ------------------------------------------------------------ tokens

  private checkError(): void {
    if (this.tok.error !== null) throw this.tok.error;
  }

  private next(): void {
    if (this.tok.type !== tt.space) this.lastEnd = this.tok.end;
    if (this.pos < this.tokens.length - 1) this.pos++;
    this.tok = this.tokens[this.pos];
    this.checkError();
  }

  /** The token `k` places ahead (the last token when past the end). */
  private peek(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }

  private eat(type: TokenType): boolean {
    if (this.tok.type !== type) return false;
    this.next();
    return true;
  }

  private expect(type: TokenType): void {
    if (!this.eat(type)) this.unexpected(`'${type.label}'`);
  }

  private expectName(what: string): string {
    const token = this.tok;
    if (token.type !== tt.name) this.fail(`Parse error: expected ${what}, found ${this.describe(token)}.`);
    this.next();
    return token.text;
  }

  // ------------------------------------------------------------ errors

  private fail(message: string, span: Span = this.tok): never {
    raise(PARSE_ERROR, message, { start: span.start, end: span.end });
  }

  private describe(token: Token): string {
    switch (token.type) {
      case tt.eof: return 'the end of the input';
      case tt.newline: return 'the end of the line';
      case tt.name: return `'${token.text}'`;
      case tt.num: return 'a number';
      case tt.char: return 'a char literal';
      case tt.string: return 'a string literal';
      default: return `'${this.src.slice(token.start, token.end) || token.type.label}'`;
    }
  }

  private line(token: Token): number {
    return lineColumnAt(this.src, token.start).line;
  }

  /** The current token cannot continue what was parsed so far. `wanted` names what could have. */
  private unexpected(wanted: string | null = null): never {
    const token = this.tok;
    const type = token.type;
    if (type === tt.assign) this.fail(EQUALS_MESSAGE);
    if (type === tt.parenR || type === tt.bracketR || type === tt.braceR) this.fail(UNBALANCED_MESSAGE);
    if (type.keyword) this.fail(`Illegal use of reserved keyword '${token.text}'.`);
    if (wanted !== null) this.fail(`Parse error: expected ${wanted}, found ${this.describe(token)}.`);
    // A value where an operator or separator should be: `x = 3 4`, `f(1 2)`.
    if (type.startsExpr && type.unaryOp === null) this.fail(INVALID_EXPRESSION_MESSAGE);
    if (isOperator(type)) this.fail(`Parse error: invalid use of operator ${this.describe(token)}.`);
    this.fail(`Parse error: unexpected ${this.describe(token)}.`);
  }

  /** An expression should start at the current token but none does. */
  private expressionExpected(): never {
    const type = this.tok.type;
    if (type.separator || type === tt.eof) {
      const prev = this.tokens[this.pos - 1] as Token | undefined;
      if (prev !== undefined && !prev.type.separator) {
        this.fail(`Parse error: expected an expression after ${this.describe(prev)}.`, prev);
      }
      this.fail('Parse error: expected an expression.');
    }
    if (isOperator(type)) this.fail(`Parse error: invalid use of operator ${this.describe(this.tok)}.`);
    this.unexpected();
  }

  // ------------------------------------------------------------ program and statements

  parseProgram(): Program {
    const body = this.parseStatements(() => false);
    return { kind: 'Program', body, functions: this.functions, start: 0, end: this.src.length };
  }

  /**
   * Statements up to the end of input or a token `isCloser` accepts (not consumed). Function
   * definitions are hoisted into `this.functions` instead of being returned.
   */
  private parseStatements(isCloser: (type: TokenType) => boolean): Stmt[] {
    const body: Stmt[] = [];
    for (;;) {
      while (this.tok.type.separator) this.next();
      if (this.tok.type === tt.eof || isCloser(this.tok.type)) return body;
      const stmt = this.parseStatement();
      if (stmt !== null) body.push(stmt);
    }
  }

  /** One statement with its terminator; null for a (hoisted) function definition. */
  private parseStatement(): Stmt | null {
    switch (this.tok.type) {
      case tt._if: return this.parseIf();
      case tt._for: return this.parseFor();
      case tt._while: return this.parseWhile();
      case tt._switch: return this.parseSwitch();
      case tt._try: return this.parseTry();
      case tt._function: this.parseFunction(); return null;
      case tt._global: return this.parseNameList('Global');
      case tt._persistent: return this.parseNameList('Persistent');
      case tt._break: return this.parseKeywordStatement('Break');
      case tt._continue: return this.parseKeywordStatement('Continue');
      case tt._return: return this.parseKeywordStatement('Return');
      case tt.command: return this.parseCommand();
      case tt.bracketL:
        if (this.bracketsAreAssigned()) return this.parseMultiAssign();
        break;
      default:
        if (this.tok.type.keyword) this.unexpected(); // `end`, `else`, … with no block open
    }
    return this.parseExprOrAssign();
  }

  /**
   * After a statement: `;` (suppresses display), `,`, a line break, the end of input, or a block
   * keyword that closes the enclosing block (`if x, y = 1 end`). Returns `suppressed`.
   */
  private parseStatementEnd(): boolean {
    const type = this.tok.type;
    if (type === tt.semi) {
      this.next();
      return true;
    }
    if (type === tt.comma || type === tt.newline) {
      this.next();
      return false;
    }
    if (type === tt.eof || isBlockCloser(type)) return false;
    return this.unexpected();
  }

  /** `x`, `f(3)`, `x = e`, `A(2,:) = e`, `s.f{3} = e`. */
  private parseExprOrAssign(): Stmt {
    const start = this.tok.start;
    const expr = this.parseExpr();
    if (this.tok.type === tt.assign) {
      // `(a) = 1` is not an assignment: the target must start the statement.
      const target = expr.start === start ? this.toLValue(expr) : this.fail(EQUALS_MESSAGE);
      this.next();
      const value = this.parseExpr();
      const end = this.lastEnd;
      const suppressed = this.parseStatementEnd();
      return { kind: 'Assign', targets: [target], value, multi: false, suppressed, start, end };
    }
    const end = this.lastEnd;
    const suppressed = this.parseStatementEnd();
    return { kind: 'ExprStmt', expr, suppressed, start, end };
  }

  /** The expression before `=` as an assignment target; the current token is the `=`. */
  private toLValue(expr: Expr): LValue {
    if (expr.kind === 'Ident') return { kind: 'Ident', name: expr.name, start: expr.start, end: expr.end };
    if (expr.kind === 'Index' && expr.base.kind === 'Ident') {
      return { kind: 'IndexTarget', name: expr.base.name, links: expr.links, start: expr.start, end: expr.end };
    }
    return this.fail(EQUALS_MESSAGE);
  }

  /** A statement starting with `[` assigns when its matching `]` is followed by `=`. */
  private bracketsAreAssigned(): boolean {
    let depth = 0;
    for (let i = this.pos; i < this.tokens.length; i++) {
      const type = this.tokens[i].type;
      if (type === tt.parenL || type === tt.bracketL || type === tt.braceL) depth++;
      else if (type === tt.parenR || type === tt.bracketR || type === tt.braceR) {
        depth--;
        if (depth === 0) return i + 1 < this.tokens.length && this.tokens[i + 1].type === tt.assign;
      } else if (type === tt.eof || type === tt.error) return false;
    }
    return false;
  }

  /** `[a, ~, c] = f(x)`, `[a b] = size(x)`, `[s.f, c{2}] = deal(…)`. */
  private parseMultiAssign(): Stmt {
    const start = this.tok.start;
    this.next(); // [
    const targets: LValue[] = [];
    for (;;) {
      const type = this.tok.type;
      if (type === tt.comma || type === tt.space) {
        this.next();
        continue;
      }
      if (type === tt.bracketR) {
        this.next();
        break;
      }
      if (type === tt.tilde) {
        targets.push({ kind: 'Tilde', start: this.tok.start, end: this.tok.end });
        this.next();
      } else if (type === tt.name) {
        const expr = this.parseIndexed();
        if (expr.kind === 'Ident') targets.push({ kind: 'Ident', name: expr.name, start: expr.start, end: expr.end });
        else if (expr.kind === 'Index' && expr.base.kind === 'Ident') {
          targets.push({ kind: 'IndexTarget', name: expr.base.name, links: expr.links, start: expr.start, end: expr.end });
        } else this.invalidTarget();
      } else {
        this.invalidTarget();
      }
      const after = this.tok.type;
      if (after !== tt.comma && after !== tt.space && after !== tt.bracketR) this.invalidTarget();
    }
    if (targets.length === 0) this.fail('Parse error: a multiple assignment needs at least one target.');
    this.next(); // = (bracketsAreAssigned saw it)
    const value = this.parseExpr();
    const end = this.lastEnd;
    const suppressed = this.parseStatementEnd();
    return { kind: 'Assign', targets, value, multi: true, suppressed, start, end };
  }

  private invalidTarget(): never {
    this.fail(
      `Parse error: invalid assignment target ${this.describe(this.tok)}. The left side of a multiple ` +
        "assignment lists variables, indexed variables or '~'.",
    );
  }

  private parseCommand(): Stmt {
    const token = this.tok;
    this.next();
    const suppressed = this.parseStatementEnd();
    return { kind: 'Command', name: token.text, args: token.args ?? [], suppressed, start: token.start, end: token.end };
  }

  private parseKeywordStatement(kind: 'Break' | 'Continue' | 'Return'): Stmt {
    const { start, end } = this.tok;
    this.next();
    const suppressed = this.parseStatementEnd();
    return { kind, suppressed, start, end };
  }

  /** `global a b c`, `persistent n`. */
  private parseNameList(kind: 'Global' | 'Persistent'): Stmt {
    const keyword = this.tok;
    this.next();
    const names: string[] = [];
    while (this.tok.type === tt.name) {
      names.push(this.tok.text);
      this.next();
    }
    if (names.length === 0) this.fail(`Parse error: expected a variable name after '${keyword.text}'.`);
    const end = this.lastEnd;
    const suppressed = this.parseStatementEnd();
    return { kind, names, suppressed, start: keyword.start, end };
  }

  // ------------------------------------------------------------ blocks

  /**
   * The statements of a block opened by `opener`, up to one of `closers`. Reaching the end of
   * input reports the opener; any other block keyword is misplaced.
   */
  private parseBlockBody(opener: Token, closers: readonly TokenType[]): Stmt[] {
    this.blockDepth++;
    const body = this.parseStatements(isBlockCloser);
    this.blockDepth--;
    const type = this.tok.type;
    if (type === tt.eof) {
      this.fail(`'end' expected, '${opener.text}' at line ${this.line(opener)} never closed.`, opener);
    }
    if (!closers.includes(type)) {
      if (type !== tt._end && type.label.startsWith('end')) {
        this.fail(`'${this.tok.text}' does not close '${opener.text}' (line ${this.line(opener)}).`);
      }
      this.unexpected();
    }
    return body;
  }

  /** Consumes a block's closing `end` and its terminator; returns [end, suppressed]. */
  private finishBlock(): [number, boolean] {
    this.next();
    const end = this.lastEnd;
    return [end, this.parseStatementEnd()];
  }

  private parseIf(): Stmt {
    const keyword = this.tok;
    this.next();
    const closers = [tt._elseif, tt._else, tt._end, tt._endif];
    const clauses: { cond: Expr; body: Stmt[] }[] = [];
    const cond = this.parseExpr();
    clauses.push({ cond, body: this.parseBlockBody(keyword, closers) });
    while (this.tok.type === tt._elseif) {
      this.next();
      const elseifCond = this.parseExpr();
      clauses.push({ cond: elseifCond, body: this.parseBlockBody(keyword, closers) });
    }
    let elseBody: Stmt[] | null = null;
    if (this.eat(tt._else)) elseBody = this.parseBlockBody(keyword, [tt._end, tt._endif]);
    const [end, suppressed] = this.finishBlock();
    return { kind: 'If', clauses, elseBody, suppressed, start: keyword.start, end };
  }

  /** `for v = expr … end`, also `for (v = expr) … end`. */
  private parseFor(): Stmt {
    const keyword = this.tok;
    this.next();
    const parenthesized = this.eat(tt.parenL);
    const variable = this.expectName("a loop variable after 'for'");
    this.expect(tt.assign);
    const iter = this.parseExpr();
    if (parenthesized) this.expect(tt.parenR);
    const body = this.parseBlockBody(keyword, [tt._end, tt._endfor]);
    const [end, suppressed] = this.finishBlock();
    return { kind: 'For', variable, iter, body, suppressed, start: keyword.start, end };
  }

  private parseWhile(): Stmt {
    const keyword = this.tok;
    this.next();
    const cond = this.parseExpr();
    const body = this.parseBlockBody(keyword, [tt._end, tt._endwhile]);
    const [end, suppressed] = this.finishBlock();
    return { kind: 'While', cond, body, suppressed, start: keyword.start, end };
  }

  /** `switch x, case 1 …, case {2, 3} …, otherwise …, end`. */
  private parseSwitch(): Stmt {
    const keyword = this.tok;
    this.next();
    const subject = this.parseExpr();
    const cases: { match: Expr; body: Stmt[] }[] = [];
    let otherwise: Stmt[] | null = null;
    for (;;) {
      while (this.tok.type.separator) this.next();
      const type = this.tok.type;
      if (type === tt._case && otherwise === null) {
        this.next();
        const match = this.parseExpr();
        cases.push({ match, body: this.parseBlockBody(keyword, [tt._case, tt._otherwise, tt._end, tt._endswitch]) });
      } else if (type === tt._otherwise && otherwise === null) {
        this.next();
        otherwise = this.parseBlockBody(keyword, [tt._end, tt._endswitch]);
      } else if (type === tt._end || type === tt._endswitch) {
        break;
      } else if (type === tt.eof) {
        this.fail(`'end' expected, '${keyword.text}' at line ${this.line(keyword)} never closed.`, keyword);
      } else {
        this.unexpected("'case', 'otherwise' or 'end'");
      }
    }
    const [end, suppressed] = this.finishBlock();
    return { kind: 'Switch', subject, cases, otherwise, suppressed, start: keyword.start, end };
  }

  /** `try … catch err … end`; `catch` may stand alone, and `catch err, stmt` shares a line. */
  private parseTry(): Stmt {
    const keyword = this.tok;
    this.next();
    const body = this.parseBlockBody(keyword, [tt._catch, tt._end, tt._endTryCatch]);
    let catchVar: string | null = null;
    let catchBody: Stmt[] = [];
    if (this.eat(tt._catch)) {
      const after = this.peek().type;
      if (this.tok.type === tt.name && (after.separator || after === tt.eof || isBlockCloser(after))) {
        catchVar = this.tok.text;
        this.next();
      }
      catchBody = this.parseBlockBody(keyword, [tt._end, tt._endTryCatch]);
    }
    const [end, suppressed] = this.finishBlock();
    return { kind: 'Try', body, catchVar, catchBody, suppressed, start: keyword.start, end };
  }

  /**
   * `function [a, b] = name(x, y) … end`, `function r = name`, `function name(x)`. A function may
   * also be closed by the next `function` or the end of input (function-file style), but not
   * both styles in one cell. The definition is hoisted into Program.functions.
   */
  private parseFunction(): void {
    const keyword = this.tok;
    if (this.blockDepth > 0) this.fail('Function definitions are not permitted in this context.');
    this.next();
    let outputs: string[] = [];
    let name: string;
    if (this.eat(tt.bracketL)) {
      for (;;) {
        if (this.eat(tt.comma) || this.eat(tt.space)) continue;
        if (this.eat(tt.bracketR)) break;
        outputs.push(this.expectName('an output name'));
      }
      this.expect(tt.assign);
      name = this.expectName('a function name');
    } else {
      const first = this.expectName("a function name after 'function'");
      if (this.eat(tt.assign)) {
        outputs = [first];
        name = this.expectName('a function name');
      } else {
        name = first;
      }
    }
    const params: string[] = [];
    if (this.eat(tt.parenL)) {
      if (this.tok.type !== tt.parenR) {
        for (;;) {
          if (this.eat(tt.tilde)) params.push('~');
          else params.push(this.expectName('a parameter name'));
          if (!this.eat(tt.comma)) break;
        }
      }
      this.expect(tt.parenR);
    }
    const headerEnd = this.lastEnd;
    const body = this.parseStatements(isFunctionBodyCloser);
    let end: number;
    let suppressed = false;
    if (this.tok.type === tt._end || this.tok.type === tt._endfunction) {
      [end, suppressed] = this.finishBlock();
      this.sawFunctionWithEnd = true;
    } else if (this.tok.type === tt._function || this.tok.type === tt.eof) {
      end = body.length > 0 ? body[body.length - 1].end : headerEnd;
      this.firstFunctionWithoutEnd ??= keyword;
    } else {
      this.unexpected();
    }
    this.checkFunctionEnds();
    this.functions.push({ kind: 'Function', name, params, outputs, body, suppressed, start: keyword.start, end });
  }

  /**
   * Functions in one cell are all closed with `end` or none is (MATLAB's rule). A mix usually
   * means a nested function, which cut its parent short: report the parent.
   */
  private checkFunctionEnds(): void {
    const unclosed = this.firstFunctionWithoutEnd;
    if (!this.sawFunctionWithEnd || unclosed === null) return;
    this.fail(
      `'end' expected, 'function' at line ${this.line(unclosed)} never closed. Either every function ` +
        "in a cell ends with 'end' or none does; nested functions are not supported.",
      unclosed,
    );
  }

  // ------------------------------------------------------------ expressions

  parseExpr(): Expr {
    return this.parseBinary(0);
  }

  /** Precedence climbing over the binary operators with `binop > minPrec` (levels 1–8). */
  private parseBinary(minPrec: number): Expr {
    const start = this.tok.start;
    let left = this.parseUnary();
    for (;;) {
      const type = this.tok.type;
      const prec = type.binop;
      if (prec <= minPrec) return left;
      this.next();
      if (type === tt.colon) {
        const second = this.parseBinary(Prec.Range);
        if (this.eat(tt.colon)) {
          const to = this.parseBinary(Prec.Range);
          left = { kind: 'Range', from: left, step: second, to, start, end: this.lastEnd };
        } else {
          left = { kind: 'Range', from: left, step: null, to: second, start, end: this.lastEnd };
        }
        continue;
      }
      const op = type.binaryOp;
      if (op === null) return this.unexpected(); // every climbing token but `:` names its operator
      const right = this.parseBinary(prec);
      left = op === '&&' || op === '||'
        ? { kind: 'ShortCircuit', op, left, right, start, end: this.lastEnd }
        : { kind: 'Binary', op, left, right, start, end: this.lastEnd };
    }
  }

  /** Prefix `+ - ~ !`: below power, above every binary level. */
  private parseUnary(): Expr {
    const op = this.tok.type.unaryOp;
    if (op === null) return this.parsePostfixChain();
    const start = this.tok.start;
    this.next();
    const operand = this.parseUnary();
    return { kind: 'Unary', op, operand, start, end: this.lastEnd };
  }

  /** An indexed operand followed by any mix of `^ .^` (right operand) and `' .'`, left to right. */
  private parsePostfixChain(): Expr {
    const start = this.tok.start;
    let left = this.parseIndexed();
    for (;;) {
      const type = this.tok.type;
      if (type.postfixOp !== null) {
        this.next();
        left = { kind: 'Postfix', op: type.postfixOp, operand: left, start, end: this.lastEnd };
      } else if (type === tt.caret || type === tt.dotCaret) {
        this.next();
        const right = this.parsePowerOperand();
        left = { kind: 'Binary', op: type === tt.caret ? '^' : '.^', left, right, start, end: this.lastEnd };
      } else {
        return left;
      }
    }
  }

  /** The right side of `^`: signs are allowed here (`2^-1`, `a.^~b`). */
  private parsePowerOperand(): Expr {
    const op = this.tok.type.unaryOp;
    if (op === null) return this.parseIndexed();
    const start = this.tok.start;
    this.next();
    const operand = this.parsePowerOperand();
    return { kind: 'Unary', op, operand, start, end: this.lastEnd };
  }

  /** A primary, and when it is a name, its chain of `(…)`, `{…}`, `.name`, `.(expr)` links. */
  private parseIndexed(): Expr {
    const start = this.tok.start;
    const isName = this.tok.type === tt.name; // `(x)(1)` is not indexing
    const base = this.parsePrimary();
    if (!isName || base.kind !== 'Ident') return base;
    const links = this.parseIndexLinks();
    if (links.length === 0) return base;
    return { kind: 'Index', base, links, start, end: this.lastEnd };
  }

  private parseIndexLinks(): IndexLink[] {
    const links: IndexLink[] = [];
    for (;;) {
      const start = this.tok.start;
      const type = this.tok.type;
      if (type === tt.parenL) {
        this.next();
        const args = this.parseIndexArgs(tt.parenR);
        links.push({ type: 'paren', args, start, end: this.lastEnd });
      } else if (type === tt.braceL) {
        this.next();
        const args = this.parseIndexArgs(tt.braceR);
        links.push({ type: 'brace', args, start, end: this.lastEnd });
      } else if (type === tt.dot) {
        this.next();
        if (this.tok.type === tt.name) {
          const name = this.tok.text;
          this.next();
          links.push({ type: 'field', name, start, end: this.lastEnd });
        } else if (this.eat(tt.parenL)) {
          const name = this.parseExpr();
          this.expect(tt.parenR);
          links.push({ type: 'dynfield', name, start, end: this.lastEnd });
        } else {
          this.unexpected("a field name or '(' after '.'");
        }
      } else {
        return links;
      }
    }
  }

  /** Arguments of an index or call, up to `closer`; a lone `:` is Colon, `end` is End. */
  private parseIndexArgs(closer: TokenType): Expr[] {
    const args: Expr[] = [];
    this.indexDepth++;
    if (this.tok.type !== closer) {
      for (;;) {
        const after = this.peek().type;
        if (this.tok.type === tt.colon && (after === tt.comma || after === closer)) {
          args.push({ kind: 'Colon', start: this.tok.start, end: this.tok.end });
          this.next();
        } else {
          args.push(this.parseExpr());
        }
        if (!this.eat(tt.comma)) break;
      }
    }
    this.indexDepth--;
    if (this.tok.type !== closer) this.unexpected();
    this.next();
    return args;
  }

  private parsePrimary(): Expr {
    const token = this.tok;
    const { start, end } = token;
    switch (token.type) {
      case tt.num:
        this.next();
        return { kind: 'Number', value: token.value, imaginary: token.imaginary, start, end };
      case tt.char:
        this.next();
        return { kind: 'Char', value: token.text, start, end };
      case tt.string:
        this.next();
        return { kind: 'String', value: token.text, start, end };
      case tt.name:
        this.next();
        return { kind: 'Ident', name: token.text, start, end };
      case tt._end:
        if (this.indexDepth === 0) this.unexpected();
        this.next();
        return { kind: 'End', start, end };
      case tt.parenL: {
        this.next();
        const inner = this.parseExpr();
        this.expect(tt.parenR);
        return inner;
      }
      case tt.bracketL:
        return this.parseMatrix();
      case tt.braceL:
        return this.parseCellLit();
      case tt.at:
        return this.parseFunctionHandle();
      default:
        return this.expressionExpected();
    }
  }

  private parseMatrix(): Matrix {
    const start = this.tok.start;
    const rows = this.parseRows(tt.bracketR);
    return { kind: 'Matrix', rows, start, end: this.lastEnd };
  }

  private parseCellLit(): CellLit {
    const start = this.tok.start;
    const rows = this.parseRows(tt.braceR);
    return { kind: 'CellLit', rows, start, end: this.lastEnd };
  }

  /**
   * The rows of `[ … ]` or `{ … }`: elements separated by `,` or (inserted) whitespace, rows by
   * `;` or line breaks. Empty rows are dropped (`[1 2;]`, a trailing line break).
   */
  private parseRows(closer: TokenType): Expr[][] {
    this.next(); // [ or {
    const rows: Expr[][] = [];
    let row: Expr[] = [];
    for (;;) {
      const type = this.tok.type;
      if (type === closer) {
        if (row.length > 0) rows.push(row);
        this.next();
        return rows;
      }
      if (type === tt.comma || type === tt.space) {
        this.next();
      } else if (type === tt.semi || type === tt.newline) {
        if (row.length > 0) rows.push(row);
        row = [];
        this.next();
      } else {
        row.push(this.parseExpr());
        const after = this.tok.type;
        if (after !== closer && after !== tt.comma && after !== tt.space && after !== tt.semi && after !== tt.newline) {
          this.unexpected();
        }
      }
    }
  }

  /** `@name`, `@pkg.name`, or `@(x, y) body`. */
  private parseFunctionHandle(): AnonFn | FuncHandle {
    const start = this.tok.start;
    this.next(); // @
    if (this.eat(tt.parenL)) {
      const params: string[] = [];
      if (this.tok.type !== tt.parenR) {
        for (;;) {
          if (this.eat(tt.tilde)) params.push('~');
          else params.push(this.expectName('a parameter name'));
          if (!this.eat(tt.comma)) break;
        }
      }
      this.expect(tt.parenR);
      const savedDepth = this.indexDepth;
      this.indexDepth = 0; // `end` in the body refers to the body's own indexing
      const body = this.parseExpr();
      this.indexDepth = savedDepth;
      return { kind: 'AnonFn', params, body, start, end: this.lastEnd };
    }
    let name = this.expectName("a function name or '(' after '@'");
    while (this.tok.type === tt.dot && this.peek().type === tt.name) {
      this.next();
      name += `.${this.tok.text}`;
      this.next();
    }
    return { kind: 'FuncHandle', name, start, end: this.lastEnd };
  }
}
