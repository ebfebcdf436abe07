// Token kinds as one data table (after acorn's tokentype.js). Each kind carries the flags the lexer
// and parser ask about — starts an expression, binary precedence, may come before a transpose —
// so neither keeps its own lists of operators. The Token record itself is defined here too.

import type { MatlabError } from '../errors.ts';
import type { BinaryOp, PostfixOp, ShortCircuitOp, UnaryOp } from './ast.ts';

/**
 * Binary precedence, low to high, as MATLAB documents it. Precedence climbing (`parseBinary`)
 * handles levels 1–8 from `TokenType.binop`; unary operators, power and postfix transposes are
 * parsed by dedicated functions because MATLAB interleaves them (`-2^2` is -4, `2^-1` is 0.5).
 */
export const Prec = {
  OrOr: 1,
  AndAnd: 2,
  Or: 3,
  And: 4,
  Compare: 5,
  Range: 6,
  Additive: 7,
  Multiplicative: 8,
  Unary: 9,
  Power: 10,
} as const;

interface TokenTypeOptions {
  startsExpr?: boolean;
  binop?: number;
  binaryOp?: BinaryOp | ShortCircuitOp;
  unaryOp?: UnaryOp;
  postfixOp?: PostfixOp;
  beforeTranspose?: boolean;
  keyword?: boolean;
  separator?: boolean;
}

export class TokenType {
  /** What the token looks like in messages: `'+'`, `'if'`, `number`. */
  readonly label: string;
  /** The token can begin an expression (a value, a prefix operator, an opening bracket, `@`). */
  readonly startsExpr: boolean;
  /** Binary precedence (see `Prec`); 0 when the token is not a binary operator. */
  readonly binop: number;
  /** The AST operator a binary use of this token produces. */
  readonly binaryOp: BinaryOp | ShortCircuitOp | null;
  /** The AST operator a prefix use produces (`-`, `+`, `~`/`!`); null when not a prefix operator. */
  readonly unaryOp: UnaryOp | null;
  /** The AST operator of a postfix transpose token. */
  readonly postfixOp: PostfixOp | null;
  /**
   * A `'` directly after this token is a transpose, not the start of a char literal; equally,
   * the token can end an element of a matrix row. (`end` qualifies only inside brackets, and a
   * `)` closing an anonymous function's parameters never does: lexContext.ts applies both.)
   */
  readonly beforeTranspose: boolean;
  /** A reserved word. */
  readonly keyword: boolean;
  /** `,` `;` or a newline: ends a statement at top level, separates elements/rows in brackets. */
  readonly separator: boolean;

  constructor(label: string, options: TokenTypeOptions = {}) {
    this.label = label;
    this.startsExpr = options.startsExpr ?? false;
    this.binop = options.binop ?? 0;
    this.binaryOp = options.binaryOp ?? null;
    this.unaryOp = options.unaryOp ?? null;
    this.postfixOp = options.postfixOp ?? null;
    this.beforeTranspose = options.beforeTranspose ?? false;
    this.keyword = options.keyword ?? false;
    this.separator = options.separator ?? false;
  }
}

const binary = (label: string, prec: number, op: BinaryOp | ShortCircuitOp): TokenType =>
  new TokenType(label, { binop: prec, binaryOp: op });
const keyword = (name: string, options: TokenTypeOptions = {}): TokenType =>
  new TokenType(name, { ...options, keyword: true });

/** Every token kind. Keywords are prefixed with `_` so they cannot clash with other names. */
export const tt = {
  // values
  num: new TokenType('number', { startsExpr: true, beforeTranspose: true }),
  char: new TokenType('char literal', { startsExpr: true, beforeTranspose: true }),
  string: new TokenType('string literal', { startsExpr: true, beforeTranspose: true }),
  name: new TokenType('name', { startsExpr: true, beforeTranspose: true }),
  /** A whole command-syntax statement (`hold on`): `text` is the name, `args` the words. */
  command: new TokenType('command'),

  // separators
  comma: new TokenType(',', { separator: true }),
  semi: new TokenType(';', { separator: true }),
  newline: new TokenType('newline', { separator: true }),
  /** Whitespace that separates two elements inside `[ ]` or `{ }`; inserted by the lexer. */
  space: new TokenType('whitespace'),

  // brackets
  parenL: new TokenType('(', { startsExpr: true }),
  parenR: new TokenType(')', { beforeTranspose: true }),
  bracketL: new TokenType('[', { startsExpr: true }),
  bracketR: new TokenType(']', { beforeTranspose: true }),
  braceL: new TokenType('{', { startsExpr: true }),
  braceR: new TokenType('}', { beforeTranspose: true }),

  // binary operators, lowest precedence first
  pipePipe: binary('||', Prec.OrOr, '||'),
  ampAmp: binary('&&', Prec.AndAnd, '&&'),
  pipe: binary('|', Prec.Or, '|'),
  amp: binary('&', Prec.And, '&'),
  eq: binary('==', Prec.Compare, '=='),
  ne: binary('~=', Prec.Compare, '~='),
  lt: binary('<', Prec.Compare, '<'),
  le: binary('<=', Prec.Compare, '<='),
  gt: binary('>', Prec.Compare, '>'),
  ge: binary('>=', Prec.Compare, '>='),
  /** `:` builds a Range rather than a Binary; the parser special-cases it at `Prec.Range`. */
  colon: new TokenType(':', { binop: Prec.Range }),
  plus: new TokenType('+', { startsExpr: true, binop: Prec.Additive, binaryOp: '+', unaryOp: '+' }),
  minus: new TokenType('-', { startsExpr: true, binop: Prec.Additive, binaryOp: '-', unaryOp: '-' }),
  star: binary('*', Prec.Multiplicative, '*'),
  slash: binary('/', Prec.Multiplicative, '/'),
  backslash: binary('\\', Prec.Multiplicative, '\\'),
  dotStar: binary('.*', Prec.Multiplicative, '.*'),
  dotSlash: binary('./', Prec.Multiplicative, './'),
  dotBackslash: binary('.\\', Prec.Multiplicative, '.\\'),
  /** Power binds tighter than unary minus; parsed by `parsePostfixChain`, not by climbing. */
  caret: new TokenType('^', { binaryOp: '^' }),
  dotCaret: new TokenType('.^', { binaryOp: '.^' }),

  // prefix and postfix operators
  /** `~` and Octave's `!`. */
  tilde: new TokenType('~', { startsExpr: true, unaryOp: '~' }),
  transpose: new TokenType("'", { beforeTranspose: true, postfixOp: "'" }),
  dotTranspose: new TokenType(".'", { beforeTranspose: true, postfixOp: ".'" }),

  // other punctuation
  assign: new TokenType('='),
  at: new TokenType('@', { startsExpr: true }),
  dot: new TokenType('.'),

  // keywords
  _if: keyword('if'),
  _elseif: keyword('elseif'),
  _else: keyword('else'),
  /** Closes a block at top level; inside an index it is the `End` expression. */
  _end: keyword('end', { startsExpr: true, beforeTranspose: true }),
  _for: keyword('for'),
  _while: keyword('while'),
  _switch: keyword('switch'),
  _case: keyword('case'),
  _otherwise: keyword('otherwise'),
  _try: keyword('try'),
  _catch: keyword('catch'),
  _break: keyword('break'),
  _continue: keyword('continue'),
  _return: keyword('return'),
  _function: keyword('function'),
  _global: keyword('global'),
  _persistent: keyword('persistent'),
  // Octave's block-specific closers, accepted as synonyms of `end` for the matching block.
  _endif: keyword('endif'),
  _endfor: keyword('endfor'),
  _endwhile: keyword('endwhile'),
  _endswitch: keyword('endswitch'),
  _endfunction: keyword('endfunction'),
  _endTryCatch: keyword('end_try_catch'),

  /** End of input. */
  eof: new TokenType('end of input'),
  /** A lexing error: the parser throws `token.error` when it reaches this token. */
  error: new TokenType('error'),
} as const;

/** Reserved words → their token kinds. */
export const keywords: ReadonlyMap<string, TokenType> = new Map(
  Object.values(tt).filter((type) => type.keyword).map((type) => [type.label, type]),
);

export interface Token {
  type: TokenType;
  /** Offset of the first character (for inserted `space` tokens: the whitespace). */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** Name or keyword text, unescaped char/string contents, command name; '' otherwise. */
  text: string;
  /** Value of a number token (the magnitude of an imaginary literal); 0 otherwise. */
  value: number;
  /** A number token with an `i`/`j` suffix. */
  imaginary: boolean;
  /** Whitespace, a comment or a `...` continuation came directly before this token. */
  spaceBefore: boolean;
  /** Command-syntax arguments (`command` tokens only). */
  args: string[] | null;
  /** The error an `error` token stands for. */
  error: MatlabError | null;
}
