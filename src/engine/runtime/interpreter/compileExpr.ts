// Expressions → closures. Each AST expression becomes `(frame) => value` once, at compile time;
// running a loop body then costs only closure calls. Operators call the builtin registry by
// MATLAB name (plus, mtimes, …), with an inline fast path for real double scalars.

import type * as ast from '../../lang/ast.ts';
import { MatlabError, raise, type SourceSpan } from '../../errors.ts';
import { braceIndex, fieldGet, numelOfValue, parenIndex } from '../indexing/index.ts';
import {
  CellArray,
  charRow,
  complexScalar,
  FunctionHandle,
  logicalScalar,
  scalar,
  StringArray,
  Tensor,
  type GpuTensor,
  type Value,
} from '../values/index.ts';
import { andThen, isAsync, sequence, type Async } from './async.ts';
import { colonView, lowerIndexRead, type LoweringHost } from '../gpu/lowering.ts';
import type { Frame, Scope } from './frame.ts';

export type ExprFn = (fr: Frame) => Async<Value>;
/** A comma-separated list: `c{:}`, `s.f` on a struct array, or a call's outputs. */
export type ListFn = (fr: Frame, nargout: number) => Async<Value[]>;

/** What compiled code needs from the running interpreter. */
export interface Runtime {
  /** Calls a cell function or builtin by name; raises MATLAB:UndefinedFunction when neither. */
  callNamed(name: string, args: Value[], nargout: number): Async<Value[]>;
  /** Calls a function handle value. */
  callHandle(fn: FunctionHandle, args: Value[], nargout: number): Async<Value[]>;
  /** Truthiness for if/while/&&/||, with MATLAB's errors (on a host value). */
  truthy(v: Value): boolean;
  /** The host form of a value: GPU arrays are read back (a sync point). */
  hostValue(v: Value): Async<Value>;
  hostValues(vs: Value[]): Async<Value[]>;
  /** The GPU side when a device is in use: indexing GPU values lowers through it. */
  readonly gpu: LoweringHost | null;
}

const BINARY_BUILTIN: Record<ast.BinaryOp, string> = {
  '+': 'plus',
  '-': 'minus',
  '*': 'mtimes',
  '/': 'mrdivide',
  '\\': 'mldivide',
  '^': 'mpower',
  '.*': 'times',
  './': 'rdivide',
  '.\\': 'ldivide',
  '.^': 'power',
  '==': 'eq',
  '~=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '&': 'and',
  '|': 'or',
};

/** Real double scalar arithmetic, the interpreter's hot path (loop counters, accumulators). */
const SCALAR_FAST: Partial<Record<ast.BinaryOp, (a: number, b: number) => Value>> = {
  '+': (a, b) => scalar(a + b),
  '-': (a, b) => scalar(a - b),
  '*': (a, b) => scalar(a * b),
  '.*': (a, b) => scalar(a * b),
  '/': (a, b) => scalar(a / b),
  './': (a, b) => scalar(a / b),
  '<': (a, b) => logicalScalar(a < b),
  '<=': (a, b) => logicalScalar(a <= b),
  '>': (a, b) => logicalScalar(a > b),
  '>=': (a, b) => logicalScalar(a >= b),
  '==': (a, b) => logicalScalar(a === b),
  '~=': (a, b) => logicalScalar(a !== b),
};

/** A variable read as a value may now be held twice: in-place updates must copy again. */
function shared(v: Value): Value {
  if (v.type === 'tensor') v.exclusive = false;
  return v;
}

function isRealDoubleScalar(v: Value): v is Tensor {
  return v.type === 'tensor' && v.cls === 'double' && v.re.length === 1 && v.im === null;
}

/** Attaches a source span to an error raised without one. */
export function withSpan(e: unknown, span: SourceSpan): never {
  if (e instanceof MatlabError && e.span === null) e.span = { start: span.start, end: span.end };
  throw e;
}

function spanned<T>(x: Async<T>, span: SourceSpan): Async<T> {
  return isAsync(x) ? x.catch((e: unknown) => withSpan(e, span)) : x;
}

export function single(list: Value[], span: SourceSpan): Value {
  if (list.length === 0) {
    raise('MATLAB:index:expected_one_output_from_expression', 'Insufficient number of outputs from right hand side of equal sign to satisfy assignment.', span);
  }
  return list[0];
}

export class ExprCompiler {
  constructor(
    readonly runtime: Runtime,
    readonly scope: Scope,
    readonly source: string,
  ) {}

  expr(e: ast.Expr): ExprFn {
    switch (e.kind) {
      case 'Number': {
        const v = e.imaginary ? complexScalar(0, e.value) : scalar(e.value);
        return () => v;
      }
      case 'Char': {
        const v = charRow(e.value);
        return () => v;
      }
      case 'String': {
        const v = new StringArray([1, 1], [e.value]);
        return () => v;
      }
      case 'Ident':
        return this.ident(e);
      case 'End':
        return (fr) => endValue(fr, e);
      case 'Colon': {
        const v = charRow(':');
        return () => v;
      }
      case 'Binary':
        return this.binary(e);
      case 'ShortCircuit':
        return this.shortCircuit(e);
      case 'Unary': {
        const name = e.op === '-' ? 'uminus' : e.op === '+' ? 'uplus' : 'not';
        const operand = this.expr(e.operand);
        return (fr) => andThen(operand(fr), (v) => (e.op === '-' && isRealDoubleScalar(v) ? scalar(-v.re[0]) : this.call1(name, [v], e)));
      }
      case 'Postfix': {
        const name = e.op === "'" ? 'ctranspose' : 'transpose';
        const operand = this.expr(e.operand);
        return (fr) => andThen(operand(fr), (v) => (isRealDoubleScalar(v) ? v : this.call1(name, [v], e)));
      }
      case 'Range': {
        const parts = [e.from, ...(e.step ? [e.step] : []), e.to].map((p) => this.expr(p));
        return (fr) => andThen(sequence(parts.map((p) => () => p(fr))), (vals) => this.call1('colon', vals, e));
      }
      case 'Matrix':
        return this.matrix(e);
      case 'CellLit':
        return this.cellLiteral(e);
      case 'AnonFn':
        return this.anonymous(e);
      case 'FuncHandle': {
        const v = new FunctionHandle(e.name, null);
        return () => v;
      }
      case 'Index': {
        const list = this.index(e);
        return (fr) => andThen(list(fr, 1), (vals) => single(vals, e));
      }
    }
  }

  /** An expression that may produce a comma-separated list (used for arguments and literals). */
  list(e: ast.Expr): ListFn {
    if (e.kind === 'Index') return this.index(e);
    if (e.kind === 'Ident') {
      const slot = this.scope.slot(e.name);
      return (fr, nargout) => {
        const v = fr.vars[slot];
        if (v !== undefined) return [shared(v)];
        return spanned(this.tryCall(() => this.runtime.callNamed(e.name, [], nargout), e), e);
      };
    }
    const f = this.expr(e);
    return (fr) => andThen(f(fr), (v) => [v]);
  }

  private tryCall<T>(f: () => Async<T>, span: SourceSpan): Async<T> {
    try {
      return spanned(f(), span);
    } catch (err) {
      return withSpan(err, span);
    }
  }

  call1(name: string, args: Value[], span: SourceSpan): Async<Value> {
    return andThen(this.tryCall(() => this.runtime.callNamed(name, args, 1), span), (out) => {
      if (out.length === 0) raise('MATLAB:TooManyOutputs', `Too many output arguments.`, span);
      return out[0];
    });
  }

  private ident(e: ast.Ident): ExprFn {
    const slot = this.scope.slot(e.name);
    return (fr) => {
      const v = fr.vars[slot];
      if (v !== undefined) return shared(v);
      return andThen(this.tryCall(() => this.runtime.callNamed(e.name, [], 1), e), (out) => single(out, e));
    };
  }

  private binary(e: ast.Binary): ExprFn {
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    const name = BINARY_BUILTIN[e.op];
    const fast = SCALAR_FAST[e.op];
    const apply = (a: Value, b: Value): Async<Value> => {
      if (fast && isRealDoubleScalar(a) && isRealDoubleScalar(b)) return fast(a.re[0], b.re[0]);
      return this.call1(name, [a, b], e);
    };
    return (fr) => {
      const a = l(fr);
      const b = isAsync(a) ? null : r(fr);
      if (isAsync(a) || b === null || isAsync(b)) return (async () => apply(await a, await (b ?? r(fr))))();
      return apply(a, b);
    };
  }

  private shortCircuit(e: ast.ShortCircuit): ExprFn {
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    const check = (v: Value): boolean => {
      if (v.type === 'gpu' && v.numel === 1) v = v.host ?? v;
      if (v.type !== 'tensor' || v.re.length !== 1) {
        raise('MATLAB:nonLogicalConditional', `Operands to the ${e.op} operator must be convertible to logical scalar values. Use the ${e.op === '&&' ? 'ANY or ALL' : 'ANY or ALL'} functions to reduce operands to logical scalar values.`, e);
      }
      return this.runtime.truthy(v);
    };
    const isAnd = e.op === '&&';
    const rt = this.runtime;
    return (fr) =>
      andThen(andThen(l(fr), (x) => rt.hostValue(x)), (a) => {
        const av = check(a);
        if (isAnd ? !av : av) return logicalScalar(av);
        return andThen(andThen(r(fr), (x) => rt.hostValue(x)), (b) => logicalScalar(check(b)));
      });
  }

  /** `[a b; c d]`: horzcat each row, then vertcat the rows. */
  private matrix(e: ast.Matrix): ExprFn {
    if (e.rows.length === 0) {
      return () => new Tensor('double', [0, 0], new Float64Array(0));
    }
    const rows = e.rows.map((row) => row.map((el) => this.list(el)));
    const single1 = rows.length === 1 && rows[0].length === 1;
    return (fr) => {
      const evalRow = (row: ListFn[]) => andThen(sequence(row.map((el) => () => el(fr, 1))), (lists) => lists.flat());
      return andThen(sequence(rows.map((row) => () => evalRow(row))), (rowVals) => {
        if (single1 && rowVals[0].length === 1) return rowVals[0][0];
        const joined = rowVals.map((vals) => (vals.length === 1 ? vals[0] : this.call1('horzcat', vals, e)));
        return andThen(sequence(joined.map((j) => () => j)), (rs) => (rs.length === 1 ? rs[0] : this.call1('vertcat', rs, e)));
      });
    };
  }

  private cellLiteral(e: ast.CellLit): ExprFn {
    const rows = e.rows.map((row) => row.map((el) => this.list(el)));
    return (fr) =>
      andThen(
        sequence(rows.map((row) => () => andThen(sequence(row.map((el) => () => el(fr, 1))), (lists) => lists.flat()))),
        (rowVals) => {
          // Each element becomes a 1×1 cell (a cell inside braces nests), then rows join.
          const rowCells = rowVals.map((vals) =>
            vals.length === 0 ? new CellArray([0, 0], []) : this.call1('horzcat', vals.map((v) => new CellArray([1, 1], [v])), e),
          );
          return andThen(sequence(rowCells.map((c) => () => c)), (rs) => {
            const nonEmpty = rs.filter((r) => numelOfValue(r) > 0);
            if (nonEmpty.length === 0) return new CellArray([0, 0], []);
            return nonEmpty.length === 1 ? nonEmpty[0] : this.call1('vertcat', nonEmpty, e);
          });
        },
      );
  }

  private anonymous(e: ast.AnonFn): ExprFn {
    const free = freeIdentifiers(e.body, new Set(e.params));
    const slots = free.map((n) => [n, this.scope.slot(n)] as const);
    const bodyText = this.source.slice(e.body.start, e.body.end);
    const text = `@(${e.params.join(',')})${bodyText}`;
    return (fr) => {
      const captures = new Map<string, Value>();
      for (const [name, slot] of slots) {
        const v = fr.vars[slot];
        if (v !== undefined) captures.set(name, shared(v));
      }
      return new FunctionHandle(null, { params: e.params, body: e.body, captures, text, source: this.source });
    };
  }

  /** Evaluates subscripts with `end` bound to `target`; arguments may expand (c{:}). */
  args(argFns: ListFn[], fr: Frame, target: Value | null): Async<Value[]> {
    if (target) fr.ends.push({ value: target, position: 0, count: argFns.length });
    const thunks = argFns.map((a, k) => () => {
      if (target) fr.ends[fr.ends.length - 1].position = k;
      return a(fr, 1);
    });
    const done = (lists: Value[][]) => {
      if (target) fr.ends.pop();
      return lists.length === 1 ? lists[0] : lists.flat();
    };
    try {
      const r = sequence(thunks);
      return isAsync(r)
        ? r.then(done, (err: unknown) => {
            if (target) fr.ends.pop();
            throw err;
          })
        : done(r);
    } catch (err) {
      if (target) fr.ends.pop();
      throw err;
    }
  }

  /** Index chains and calls: `a(…)`, `f(…)`, `c{…}`, `s.f`, `h(…)` for handles, chained. */
  private index(e: ast.Index): ListFn {
    const links = e.links.map((link) => this.link(link));
    const headIsName = e.base.kind === 'Ident';
    const headSlot = headIsName ? this.scope.slot((e.base as ast.Ident).name) : -1;
    const headName = headIsName ? (e.base as ast.Ident).name : '';
    const base = headIsName ? null : this.expr(e.base);
    return (fr, nargout) => {
      const applyFrom = (start: Value[], from: number): Async<Value[]> => this.applyLinks(links, from, start, fr, nargout, e);
      if (base) return andThen(base(fr), (v) => applyFrom([v], 0));
      const v = fr.vars[headSlot];
      if (v !== undefined) return applyFrom([v], 0);
      // Not a variable: a function call, its arguments from the first paren link.
      const first = e.links[0];
      if (first.type === 'paren') {
        const argFns = links[0].args;
        return andThen(this.args(argFns, fr, null), (args) =>
          andThen(this.tryCall(() => this.runtime.callNamed(headName, args, links.length === 1 ? nargout : 1), first), (out) =>
            links.length === 1 ? out : applyFrom([single(out, e)], 1),
          ),
        );
      }
      return andThen(this.tryCall(() => this.runtime.callNamed(headName, [], 1), e.base), (out) => applyFrom([single(out, e.base)], 0));
    };
  }

  private link(link: ast.IndexLink): CompiledLink {
    switch (link.type) {
      case 'paren':
      case 'brace':
        return { link, args: link.args.map((a) => this.list(a)), name: null };
      case 'field':
        return { link, args: [], name: null };
      case 'dynfield':
        return { link, args: [], name: this.expr(link.name) };
    }
  }

  private applyLinks(links: CompiledLink[], from: number, current: Value[], fr: Frame, nargout: number, e: ast.Index): Async<Value[]> {
    let cur = current;
    for (let i = from; i < links.length; i++) {
      const { link } = links[i];
      if (cur.length !== 1) {
        raise('MATLAB:index:expected_one_output_from_expression', `Expected one output from a curly brace or dot indexing expression, but there were ${cur.length} results.`, link);
      }
      const v = cur[0];
      const last = i === links.length - 1;
      const step = this.applyLink(links[i], v, fr, last ? nargout : 1);
      if (isAsync(step)) {
        return step.then((next) => this.applyLinks(links, i + 1, next, fr, nargout, e));
      }
      cur = step;
    }
    return cur;
  }

  /**
   * `v(args…)` of a GPU value: subscripts are evaluated once, with `end` from v's size; the
   * lowering slices a contiguous range on the device, otherwise v is read back and indexed.
   */
  private gpuParenIndex(compiled: CompiledLink, v: GpuTensor, fr: Frame): Async<Value[]> {
    const { link } = compiled;
    try {
      const indexed = andThen(andThen(this.args(compiled.args, fr, v), (a) => this.runtime.hostValues(a)), (args) => {
        const sliced = lowerIndexRead(v, args);
        return sliced ? [sliced] : andThen(this.runtime.hostValue(v), (host) => [parenIndex(host, args)]);
      });
      return spanned(indexed, link);
    } catch (err) {
      return withSpan(err, link);
    }
  }

  private applyLink(compiled: CompiledLink, v: Value, fr: Frame, nargout: number): Async<Value[]> {
    const { link } = compiled;
    if (v.type === 'gpu') {
      // `x(:)` stays on the GPU as a free view, and a contiguous range (`x(:, j)`) as a slice;
      // other indexing reads the array back.
      if (link.type === 'paren' && link.args.length === 1 && link.args[0].kind === 'Colon') return [colonView(v)];
      if (link.type === 'paren' && this.runtime.gpu !== null) return this.gpuParenIndex(compiled, v, fr);
      return andThen(this.runtime.hostValue(v), (host) => this.applyLink(compiled, host, fr, nargout));
    }
    try {
      switch (link.type) {
        case 'paren':
          if (v.type === 'function_handle') {
            return andThen(this.args(compiled.args, fr, null), (args) => spanned(this.runtime.callHandle(v, args, nargout), link));
          }
          return andThen(andThen(this.args(compiled.args, fr, v), (a) => this.runtime.hostValues(a)), (args) => [parenIndex(v, args)]);
        case 'brace':
          return andThen(andThen(this.args(compiled.args, fr, v), (a) => this.runtime.hostValues(a)), (args) => braceIndex(v, args));
        case 'field':
          return fieldGet(v, link.name);
        case 'dynfield':
          return andThen(compiled.name!(fr), (n) => fieldGet(v, fieldNameOf(n, link)));
      }
    } catch (err) {
      return withSpan(err, link);
    }
  }
}

interface CompiledLink {
  link: ast.IndexLink;
  args: ListFn[];
  name: ExprFn | null;
}

export function fieldNameOf(n: Value, span: SourceSpan): string {
  if (n.type === 'tensor' && n.cls === 'char') return String.fromCharCode(...n.re);
  if (n.type === 'string' && n.items.length === 1 && n.items[0] !== null) return n.items[0];
  raise('MATLAB:dynamicFieldName', 'Dynamic structure field names must be character vectors or strings.', span);
}

function endValue(fr: Frame, span: SourceSpan): Value {
  const ctx = fr.ends[fr.ends.length - 1];
  if (!ctx) raise('MATLAB:badEnd', "The end operator must be used within an array index expression.", span);
  const shape = ctx.value.shape;
  if (ctx.count === 1) return scalar(numelOfValue(ctx.value));
  if (ctx.position < ctx.count - 1) return scalar(shape[ctx.position] ?? 1);
  let p = 1;
  for (let d = ctx.position; d < shape.length; d++) p *= shape[d];
  return scalar(ctx.position < shape.length ? p : 1);
}

/** Identifiers an anonymous function body reads that are not its parameters (its captures). */
export function freeIdentifiers(e: ast.Expr, bound: Set<string>): string[] {
  const out = new Set<string>();
  const visit = (x: ast.Expr, b: Set<string>): void => {
    switch (x.kind) {
      case 'Ident':
        if (!b.has(x.name)) out.add(x.name);
        return;
      case 'Binary':
      case 'ShortCircuit':
        visit(x.left, b);
        visit(x.right, b);
        return;
      case 'Unary':
      case 'Postfix':
        visit(x.operand, b);
        return;
      case 'Range':
        visit(x.from, b);
        if (x.step) visit(x.step, b);
        visit(x.to, b);
        return;
      case 'Matrix':
      case 'CellLit':
        for (const row of x.rows) for (const el of row) visit(el, b);
        return;
      case 'AnonFn':
        visit(x.body, new Set([...b, ...x.params]));
        return;
      case 'Index':
        visit(x.base, b);
        for (const l of x.links) {
          if (l.type === 'paren' || l.type === 'brace') for (const a of l.args) visit(a, b);
          else if (l.type === 'dynfield') visit(l.name, b);
        }
        return;
      default:
        return;
    }
  };
  visit(e, bound);
  return [...out];
}
