// Table helpers for the lang tests (after acorn's test/driver.js): `parses(src, shape)` compares
// the AST with spans stripped, `fails(src, fragment)` checks a parse error, and small builders
// keep the expected shapes short.

import { expect } from 'vitest';
import { MatlabError } from '../../../src/engine/errors.ts';
import type {
  BinaryOp, Expr, FunctionDef, IndexLink, PostfixOp, Program, ShortCircuitOp, Span, Stmt, UnaryOp,
} from '../../../src/engine/lang/index.ts';
import { parse } from '../../../src/engine/lang/index.ts';

/** Spans removed, recursively. */
export type Stripped<T> = T extends (infer E)[]
  ? Stripped<E>[]
  : T extends object ? { [K in keyof T as K extends keyof Span ? never : K]: Stripped<T[K]> } : T;

export function strip<T>(node: T): Stripped<T> {
  if (Array.isArray(node)) return node.map((item: unknown) => strip(item)) as Stripped<T>;
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'start' && key !== 'end') out[key] = strip(value);
    }
    return out as Stripped<T>;
  }
  return node as Stripped<T>;
}

type SExpr = Stripped<Expr>;
type SLink = Stripped<IndexLink>;

// ---------------------------------------------------------------- expression builders

export const num = (value: number): SExpr => ({ kind: 'Number', value, imaginary: false });
export const imag = (value: number): SExpr => ({ kind: 'Number', value, imaginary: true });
export const ch = (value: string): SExpr => ({ kind: 'Char', value });
export const str = (value: string): SExpr => ({ kind: 'String', value });
export const id = (name: string): SExpr => ({ kind: 'Ident', name });
export const END: SExpr = { kind: 'End' };
export const COLON: SExpr = { kind: 'Colon' };
export const bin = (op: BinaryOp, left: SExpr, right: SExpr): SExpr => ({ kind: 'Binary', op, left, right });
export const sc = (op: ShortCircuitOp, left: SExpr, right: SExpr): SExpr => ({ kind: 'ShortCircuit', op, left, right });
export const un = (op: UnaryOp, operand: SExpr): SExpr => ({ kind: 'Unary', op, operand });
export const post = (op: PostfixOp, operand: SExpr): SExpr => ({ kind: 'Postfix', op, operand });
export const tr = (operand: SExpr): SExpr => post("'", operand);
export const range = (from: SExpr, to: SExpr, step: SExpr | null = null): SExpr => ({ kind: 'Range', from, step, to });
export const mat = (...rows: SExpr[][]): SExpr => ({ kind: 'Matrix', rows });
export const cell = (...rows: SExpr[][]): SExpr => ({ kind: 'CellLit', rows });
export const anon = (params: string[], body: SExpr): SExpr => ({ kind: 'AnonFn', params, body });
export const handle = (name: string): SExpr => ({ kind: 'FuncHandle', name });
export const paren = (...args: SExpr[]): SLink => ({ type: 'paren', args });
export const brace = (...args: SExpr[]): SLink => ({ type: 'brace', args });
export const field = (name: string): SLink => ({ type: 'field', name });
export const dyn = (name: SExpr): SLink => ({ type: 'dynfield', name });
export const idx = (base: string, ...links: SLink[]): SExpr => ({ kind: 'Index', base: id(base), links });
/** `f(a, b)`: a call or an index with one paren link. */
export const call = (name: string, ...args: SExpr[]): SExpr => idx(name, paren(...args));

// ---------------------------------------------------------------- assertions

/** The source parses to one expression statement whose expression is `expected`. */
export function parsesExpr(src: string, expected: SExpr): void {
  const program = parse(src);
  expect(program.body).toHaveLength(1);
  const stmt = program.body[0];
  if (stmt.kind !== 'ExprStmt') throw new Error(`expected an expression statement, got ${stmt.kind}`);
  expect(strip(stmt.expr)).toEqual(expected);
}

/** Loose match: the body has exactly these statements, each matching the given fields. */
export function parses(src: string, expected: object[]): Program {
  const program = parse(src);
  expect(strip(program.body)).toMatchObject(expected);
  expect(program.body).toHaveLength(expected.length);
  return program;
}

/** Loose match on the hoisted function definitions (and, optionally, the remaining body). */
export function parsesFunctions(src: string, expected: Partial<Stripped<FunctionDef>>[], body: Partial<Stripped<Stmt>>[] = []): void {
  const program = parse(src);
  expect(strip(program.functions)).toMatchObject(expected);
  expect(program.functions).toHaveLength(expected.length);
  expect(strip(program.body)).toMatchObject(body);
  expect(program.body).toHaveLength(body.length);
}

/** The source fails to parse with a MATLAB:parse error whose message contains `fragment`. */
export function fails(src: string, fragment: string, span?: Span): MatlabError {
  let caught: unknown = null;
  try {
    parse(src);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(MatlabError);
  const error = caught as MatlabError;
  expect(error.identifier).toBe('MATLAB:parse');
  expect(error.message).toContain(fragment);
  if (span !== undefined) expect(error.span).toEqual(span);
  return error;
}
