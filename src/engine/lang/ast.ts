// The MATLAB abstract syntax tree. Every node carries `start`/`end` character offsets into the
// cell's source (end exclusive); line/column are derived on demand by `location.ts`, so nodes stay
// small. The interpreter compiles this tree to closures; nothing else depends on its shape.

export interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------- expressions

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '\\' | '^'
  | '.*' | './' | '.\\' | '.^'
  | '==' | '~=' | '<' | '<=' | '>' | '>='
  | '&' | '|';

export type ShortCircuitOp = '&&' | '||';
export type UnaryOp = '-' | '+' | '~';
export type PostfixOp = "'" | ".'";

export interface NumberLit extends Span {
  kind: 'Number';
  value: number;
  /** `3i`, `2.5j`: the literal is purely imaginary. */
  imaginary: boolean;
}
/** Single-quoted char array literal, already unescaped (`''` → `'`). */
export interface CharLit extends Span { kind: 'Char'; value: string }
/** Double-quoted string scalar literal, already unescaped (`""` → `"`). */
export interface StringLit extends Span { kind: 'String'; value: string }
export interface Ident extends Span { kind: 'Ident'; name: string }
/** `end` used inside an index expression; resolved against the innermost indexed value. */
export interface EndKw extends Span { kind: 'End' }
/** A bare `:` used as an index (all elements along that dimension). */
export interface Colon extends Span { kind: 'Colon' }

export interface Binary extends Span { kind: 'Binary'; op: BinaryOp; left: Expr; right: Expr }
export interface ShortCircuit extends Span { kind: 'ShortCircuit'; op: ShortCircuitOp; left: Expr; right: Expr }
export interface Unary extends Span { kind: 'Unary'; op: UnaryOp; operand: Expr }
export interface Postfix extends Span { kind: 'Postfix'; op: PostfixOp; operand: Expr }
/** `a:b` or `a:step:b` (step null for the two-part form). */
export interface Range extends Span { kind: 'Range'; from: Expr; step: Expr | null; to: Expr }

/**
 * `[ ... ]` or `{ ... }`: rows of elements. `[1 2; 3 4]` is rows [[1,2],[3,4]]; `[]` is no rows.
 */
export interface Matrix extends Span { kind: 'Matrix'; rows: Expr[][] }
export interface CellLit extends Span { kind: 'CellLit'; rows: Expr[][] }

/** `@(x, y) body`; captures are computed by the interpreter at creation time. */
export interface AnonFn extends Span { kind: 'AnonFn'; params: string[]; body: Expr }
/** `@name` */
export interface FuncHandle extends Span { kind: 'FuncHandle'; name: string }

/**
 * Postfix chains: `a(1,2)`, `c{3}`, `s.f`, `s.(name)`, `s.a(3).b{2}`.
 * `base` is the head expression (usually an Ident); each link applies to the previous result.
 */
export interface Index extends Span { kind: 'Index'; base: Expr; links: IndexLink[] }

export type IndexLink =
  | ({ type: 'paren'; args: Expr[] } & Span)
  | ({ type: 'brace'; args: Expr[] } & Span)
  | ({ type: 'field'; name: string } & Span)
  | ({ type: 'dynfield'; name: Expr } & Span);

export type Expr =
  | NumberLit | CharLit | StringLit | Ident | EndKw | Colon
  | Binary | ShortCircuit | Unary | Postfix | Range
  | Matrix | CellLit | AnonFn | FuncHandle | Index;

// ---------------------------------------------------------------- statements

/**
 * Where an assignment writes: a plain variable, or a variable followed by index links
 * (`A(2,:) = …`, `s.f{3} = …`). `~` in a multiple assignment is a Tilde target.
 */
export type LValue =
  | ({ kind: 'Ident'; name: string } & Span)
  | ({ kind: 'IndexTarget'; name: string; links: IndexLink[] } & Span)
  | ({ kind: 'Tilde' } & Span);

interface StmtBase extends Span {
  /** true when the statement ended with `;` (display suppressed). */
  suppressed: boolean;
}

/** An expression evaluated for its value (`x`, `f(3)`, `3 + 4` → `ans`). */
export interface ExprStmt extends StmtBase { kind: 'ExprStmt'; expr: Expr }
/** `x = e`, `A(i) = e`, `[a, ~, c] = f(x)` (targets.length > 1 or bracketed). */
export interface Assign extends StmtBase { kind: 'Assign'; targets: LValue[]; value: Expr; multi: boolean }
/** `format long`, `hold on`, `close all`: a function called with char arguments. */
export interface Command extends StmtBase { kind: 'Command'; name: string; args: string[] }

export interface If extends StmtBase {
  kind: 'If';
  clauses: { cond: Expr; body: Stmt[] }[];
  elseBody: Stmt[] | null;
}
export interface For extends StmtBase { kind: 'For'; variable: string; iter: Expr; body: Stmt[] }
export interface While extends StmtBase { kind: 'While'; cond: Expr; body: Stmt[] }
export interface Switch extends StmtBase {
  kind: 'Switch';
  subject: Expr;
  cases: { match: Expr; body: Stmt[] }[];
  otherwise: Stmt[] | null;
}
export interface Try extends StmtBase {
  kind: 'Try';
  body: Stmt[];
  /** `catch err` names the MException variable; null when omitted. */
  catchVar: string | null;
  catchBody: Stmt[];
}
export interface Break extends StmtBase { kind: 'Break' }
export interface Continue extends StmtBase { kind: 'Continue' }
export interface Return extends StmtBase { kind: 'Return' }
export interface Global extends StmtBase { kind: 'Global'; names: string[] }
export interface Persistent extends StmtBase { kind: 'Persistent'; names: string[] }

/** `function [a, b] = name(x, y) ... end` defined inside a cell. */
export interface FunctionDef extends StmtBase {
  kind: 'Function';
  name: string;
  params: string[];
  outputs: string[];
  body: Stmt[];
}

export type Stmt =
  | ExprStmt | Assign | Command
  | If | For | While | Switch | Try
  | Break | Continue | Return | Global | Persistent
  | FunctionDef;

/** A whole cell or file. Function definitions are hoisted into `functions`. */
export interface Program extends Span {
  kind: 'Program';
  body: Stmt[];
  functions: FunctionDef[];
}
