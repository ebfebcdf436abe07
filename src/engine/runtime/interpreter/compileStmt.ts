// Statements → closures returning a control signal (normal, break, continue, return). Loops stay
// synchronous while their bodies are; the first body that waits switches the rest of the loop to
// an async continuation. The interrupt check runs before every statement and loop iteration.

import type * as ast from '../../lang/ast.ts';
import { MatlabError, raise, type SourceSpan } from '../../errors.ts';
import { RECURSION_LIMIT_MESSAGE } from '../../limits.ts';
import { braceAssign, braceIndex, fieldAssign, fieldGet, parenAssign, parenIndex } from '../indexing/index.ts';
import { charRow, charText, scalar, Tensor, type Value } from '../values/index.ts';
import { colonSequence } from '../../builtins/operators.ts';
import { lowerIndexWrite } from '../gpu/lowering.ts';
import { andThen, isAsync, sequence, type Async } from './async.ts';
import { ExprCompiler, fieldNameOf, withSpan, type ListFn, type Runtime } from './compileExpr.ts';
import type { Frame, Scope } from './frame.ts';

/** How a statement finished: control flow travels as a return value, not as an exception. */
export const Signal = {
  Normal: 0,
  Break: 1,
  Continue: 2,
  Return: 3,
} as const;
export type Signal = (typeof Signal)[keyof typeof Signal];

export type StmtFn = (fr: Frame) => Async<Signal>;

export interface StmtRuntime extends Runtime {
  /** Shows a value as an unsuppressed statement does (reading GPU data back first). */
  display(name: string, value: Value): Async<void>;
  /** Throws when the user asked to stop. */
  checkInterrupt(): void;
  /**
   * After a statement: computes the workspace's pending GPU values once the lazy graph has grown
   * past its bound (a Promise then, nothing otherwise), so a long loop never builds one huge kernel
   * or holds every intermediate at once.
   */
  boundPendingGpuWork(): Promise<void> | undefined;
  /** The MException value bound by `catch err`. */
  exceptionValue(err: MatlabError): Value;
  /** Calls a function in command syntax (`format long`, `hold on`). */
  command(name: string, args: string[]): Async<void>;
}

export class StmtCompiler {
  readonly exprs: ExprCompiler;

  constructor(
    readonly runtime: StmtRuntime,
    readonly scope: Scope,
    source: string,
  ) {
    this.exprs = new ExprCompiler(runtime, scope, source);
  }

  block(stmts: readonly ast.Stmt[]): StmtFn {
    const fns = stmts.filter((s) => s.kind !== 'Function').map((s) => this.guarded(s));
    if (fns.length === 1) return fns[0];
    return (fr) => runFrom(fns, 0, fr);
  }

  /** A statement with the interrupt check and its span attached to span-less errors. */
  private guarded(s: ast.Stmt): StmtFn {
    const f = this.stmt(s);
    const rt = this.runtime;
    const run = (fr: Frame): Async<Signal> => {
      try {
        const r = f(fr);
        return isAsync(r) ? r.catch((e: unknown) => withSpan(e, s)) : r;
      } catch (e) {
        return withSpan(e, s);
      }
    };
    // After the statement, so a flush refused for memory names the statement that asked for it.
    const bound = (signal: Signal): Async<Signal> => {
      const settling = rt.boundPendingGpuWork();
      return settling ? settling.then(() => signal, (e: unknown) => withSpan(e, s)) : signal;
    };
    return (fr) => {
      rt.checkInterrupt();
      const r = run(fr);
      return isAsync(r) ? r.then(bound) : bound(r);
    };
  }

  private stmt(s: ast.Stmt): StmtFn {
    switch (s.kind) {
      case 'ExprStmt':
        return this.exprStmt(s);
      case 'Assign':
        return s.multi ? this.multiAssign(s) : this.assign(s);
      case 'Command':
        return () => andThen(this.runtime.command(s.name, s.args), () => Signal.Normal);
      case 'If':
        return this.ifStmt(s);
      case 'For':
        return this.forStmt(s);
      case 'While':
        return this.whileStmt(s);
      case 'Switch':
        return this.switchStmt(s);
      case 'Try':
        return this.tryStmt(s);
      case 'Break':
        return () => Signal.Break;
      case 'Continue':
        return () => Signal.Continue;
      case 'Return':
        return () => Signal.Return;
      case 'Global':
      case 'Persistent':
        return () => raise('MATLAB:notSupported', `'${s.kind.toLowerCase()}' variables are not supported yet.`, s);
      case 'Function':
        return () => Signal.Normal;
    }
  }

  private exprStmt(s: ast.ExprStmt): StmtFn {
    const rt = this.runtime;
    const ansSlot = this.scope.slot('ans');
    if (s.expr.kind === 'Ident') {
      const name = s.expr.name;
      const slot = this.scope.slot(name);
      const list = this.exprs.list(s.expr);
      return (fr) => {
        const v = fr.vars[slot];
        if (v !== undefined) return s.suppressed ? Signal.Normal : andThen(rt.display(name, v), () => Signal.Normal);
        return andThen(list(fr, 0), (vals) => this.setAns(fr, ansSlot, vals, s.suppressed));
      };
    }
    const list = this.exprs.list(s.expr);
    return (fr) => andThen(list(fr, 0), (vals) => this.setAns(fr, ansSlot, vals, s.suppressed));
  }

  private setAns(fr: Frame, ansSlot: number, vals: Value[], suppressed: boolean): Async<Signal> {
    return andThen(
      sequence(
        vals.map((v) => () => {
          fr.vars[ansSlot] = v;
          return suppressed ? undefined : this.runtime.display('ans', v);
        }),
      ),
      () => Signal.Normal,
    );
  }

  private assign(s: ast.Assign): StmtFn {
    const target = s.targets[0];
    const value = this.exprs.expr(s.value);
    const rt = this.runtime;
    if (target.kind === 'Ident') {
      const slot = this.scope.slot(target.name);
      return (fr) => {
        const v = value(fr);
        if (isAsync(v)) {
          return v.then((x) => {
            fr.vars[slot] = x;
            return s.suppressed ? Signal.Normal : andThen(rt.display(target.name, x), () => Signal.Normal);
          });
        }
        fr.vars[slot] = v;
        return s.suppressed ? Signal.Normal : andThen(rt.display(target.name, v), () => Signal.Normal);
      };
    }
    if (target.kind === 'Tilde') return () => raise('MATLAB:parse', 'Invalid use of ~ as an assignment target.', target);
    const write = this.indexedWrite(target);
    return (fr) =>
      andThen(value(fr), (rhs) =>
        andThen(write(fr, rhs), () =>
          s.suppressed ? Signal.Normal : andThen(rt.display(target.name, fr.vars[this.scope.slot(target.name)]!), () => Signal.Normal),
        ),
      );
  }

  /** `A(i).f{k} = rhs`: reads each level, writes the innermost, rebuilds outwards. */
  private indexedWrite(target: { name: string; links: ast.IndexLink[] }): (fr: Frame, rhs: Value) => Async<void> {
    const slot = this.scope.slot(target.name);
    const links = target.links.map((l) => ({
      link: l,
      args: l.type === 'paren' || l.type === 'brace' ? l.args.map((a) => this.exprs.list(a)) : [],
      name: l.type === 'dynfield' ? this.exprs.expr(l.name) : null,
    }));
    const level = (fr: Frame, base: Value | undefined, k: number, rhs: Value): Async<Value> => {
      const { link, args, name } = links[k];
      const last = k === links.length - 1;
      const endTarget = base ?? new Tensor('double', [0, 0], new Float64Array(0));
      switch (link.type) {
        case 'paren':
        case 'brace':
          return andThen(this.exprs.args(args, fr, endTarget), (subs) => {
            // Only a variable written directly may be updated in place; values inside containers may be shared.
            if (last) return link.type === 'paren' ? parenAssign(base, subs, rhs, k === 0) : braceAssign(base, subs, rhs);
            const inner = readOrUndefined(() => (link.type === 'paren' ? [parenIndex(base!, subs)] : braceIndex(base!, subs)), base);
            return andThen(level(fr, inner, k + 1, rhs), (newInner) =>
              link.type === 'paren' ? parenAssign(base, subs, newInner) : braceAssign(base, subs, newInner),
            );
          });
        case 'field':
        case 'dynfield':
          return andThen(name ? name(fr) : null, (n) => {
            const field = link.type === 'field' ? link.name : assignableFieldName(fieldNameOf(n!, link), link);
            if (last) return fieldAssign(base, field, rhs);
            const inner = readOrUndefined(() => fieldGet(base!, field), base);
            return andThen(level(fr, inner, k + 1, rhs), (newInner) => fieldAssign(base, field, newInner));
          });
      }
    };
    const rt = this.runtime;
    // `y(…) = rhs` on the device (a contiguous range) when y or rhs is a GPU value.
    const gpuWrite = links.length === 1 && links[0].link.type === 'paren' ? this.gpuParenWrite(slot, links[0].args) : null;
    // Other indexed writes work on host data: a GPU variable or right side is read back first.
    return (fr, rhs) => {
      const base = fr.vars[slot];
      if (gpuWrite && rt.gpu !== null && base !== undefined && (base.type === 'gpu' || rhs.type === 'gpu')) return gpuWrite(fr, base, rhs);
      return andThen(rt.hostValues(base === undefined ? [rhs] : [rhs, base]), ([hostRhs, hostBase]) =>
        andThen(level(fr, hostBase, 0, hostRhs), (v) => {
          fr.vars[slot] = v;
        }),
      );
    };
  }

  /**
   * `y(args…) = rhs` where y or rhs is a GPU value: subscripts are evaluated once, with `end` from
   * y's size; the lowering splices a contiguous range on the device, otherwise y and rhs are read
   * back and written on the host (which raises MATLAB's errors), as for any indexed write.
   */
  private gpuParenWrite(slot: number, args: ListFn[]): (fr: Frame, base: Value, rhs: Value) => Async<void> {
    const rt = this.runtime;
    return (fr, base, rhs) =>
      andThen(andThen(this.exprs.args(args, fr, base), (a) => rt.hostValues(a)), (subs) => {
        const spliced = rt.gpu === null ? null : lowerIndexWrite(base, subs, rhs, rt.gpu);
        if (spliced) {
          fr.vars[slot] = spliced;
          return;
        }
        return andThen(rt.hostValues([rhs, base]), ([hostRhs, hostBase]) => {
          fr.vars[slot] = parenAssign(hostBase, subs, hostRhs, true);
        });
      });
  }

  private multiAssign(s: ast.Assign): StmtFn {
    const list: ListFn = this.exprs.list(s.value);
    const writers = s.targets.map((t) => {
      if (t.kind === 'Tilde') return null;
      if (t.kind === 'Ident') {
        const slot = this.scope.slot(t.name);
        return { name: t.name, write: (fr: Frame, v: Value): Async<void> => void (fr.vars[slot] = v) };
      }
      return { name: t.name, write: this.indexedWrite(t) };
    });
    const n = s.targets.length;
    return (fr) =>
      andThen(list(fr, n), (vals) => {
        const needed = writers.reduce((m, w, i) => (w ? i + 1 : m), 0);
        if (vals.length < needed) {
          raise(vals.length === 0 ? 'MATLAB:TooManyOutputs' : 'MATLAB:maxlhs', vals.length === 0 ? 'Too many output arguments.' : 'Insufficient number of outputs from right hand side of equal sign to satisfy assignment.', s);
        }
        return andThen(
          sequence(writers.map((w, i) => () => (w ? w.write(fr, vals[i]) : undefined))),
          () =>
            s.suppressed
              ? Signal.Normal
              : andThen(sequence(writers.map((w) => () => (w ? this.runtime.display(w.name, fr.get(w.name)!) : undefined))), () => Signal.Normal),
        );
      });
  }

  private condition(e: ast.Expr): (fr: Frame) => Async<boolean> {
    const f = this.exprs.expr(e);
    const rt = this.runtime;
    return (fr) =>
      andThen(f(fr), (v) => (v.type === 'gpu' ? andThen(rt.hostValue(v), (h) => rt.truthy(h)) : rt.truthy(v)));
  }

  private ifStmt(s: ast.If): StmtFn {
    const clauses = s.clauses.map((c) => ({ cond: this.condition(c.cond), body: this.block(c.body) }));
    const elseBody = s.elseBody ? this.block(s.elseBody) : null;
    const from = (fr: Frame, i: number): Async<Signal> => {
      for (; i < clauses.length; i++) {
        const c = clauses[i].cond(fr);
        if (isAsync(c)) {
          const at = i;
          return c.then((ok) => (ok ? clauses[at].body(fr) : from(fr, at + 1)));
        }
        if (c) return clauses[i].body(fr);
      }
      return elseBody ? elseBody(fr) : Signal.Normal;
    };
    return (fr) => from(fr, 0);
  }

  private forStmt(s: ast.For): StmtFn {
    const slot = this.scope.slot(s.variable);
    const body = this.block(s.body);
    const rt = this.runtime;
    const range = s.iter.kind === 'Range' ? s.iter : null;
    const iter: (fr: Frame) => Async<Value | LazyRange> = range ? this.lazyRange(range) : this.exprs.expr(s.iter);
    // Statements check for interrupts themselves; only an empty body needs the loop to.
    const checkEachIteration = s.body.length === 0;
    const loop = (fr: Frame, count: number, item: (k: number) => Value, k: number): Async<Signal> => {
      for (; k < count; k++) {
        if (checkEachIteration) rt.checkInterrupt();
        fr.vars[slot] = item(k);
        const r = body(fr);
        if (isAsync(r)) {
          const at = k;
          return r.then((sig) => (sig === Signal.Break ? Signal.Normal : sig === Signal.Return ? sig : loop(fr, count, item, at + 1)));
        }
        if (r === Signal.Break) break;
        if (r === Signal.Return) return r;
      }
      return Signal.Normal;
    };
    return (fr) =>
      andThen(andThen(iter(fr), (x) => (x instanceof LazyRange ? x : rt.hostValue(x))), (v) => {
        if (v instanceof LazyRange) {
          if (v.n === 0) {
            fr.vars[slot] = new Tensor('double', [0, 0], new Float64Array(0));
            return Signal.Normal;
          }
          return loop(fr, v.n, (k) => scalar(v.at(k)), 0);
        }
        const cols = v.shape.slice(1).reduce((a, b) => a * b, 1);
        const rows = v.shape[0];
        if (rows === 0 || cols === 0) {
          fr.vars[slot] = new Tensor('double', [0, 0], new Float64Array(0));
          return Signal.Normal;
        }
        if (v.type === 'tensor' && rows === 1 && v.cls === 'double' && !v.im) {
          const data = v.re;
          return loop(fr, cols, (k) => scalar(data[k]), 0);
        }
        const colon = charRow(':');
        return loop(fr, cols, (k) => parenIndex(v, [colon, scalar(k + 1)]), 0);
      });
  }

  /**
   * `for k = a:s:b` with real double scalar ends iterates without building the range (MATLAB
   * does the same: `for k = 1:1e12` is fine). Any other operands go through `colon`.
   */
  private lazyRange(e: ast.Range): (fr: Frame) => Async<Value | LazyRange> {
    const parts = [e.from, ...(e.step ? [e.step] : []), e.to].map((p) => this.exprs.expr(p));
    const rt = this.runtime;
    return (fr) =>
      andThen(
        andThen(sequence(parts.map((p) => () => p(fr))), (vals) => rt.hostValues(vals)),
        (vals): Async<Value | LazyRange> => {
          const nums = vals.map((v) => (v.type === 'tensor' && v.cls === 'double' && v.im === null && v.re.length === 1 ? v.re[0] : NaN));
          if (nums.every((x) => !Number.isNaN(x))) {
            const [a, step, b] = nums.length === 3 ? nums : [nums[0], 1, nums[1]];
            const { n, at } = colonSequence(a, step, b);
            if (n < Infinity) return new LazyRange(n, at);
          }
          return andThen(rt.callNamed('colon', vals, 1), (out) => out[0]);
        },
      );
  }

  private whileStmt(s: ast.While): StmtFn {
    const cond = this.condition(s.cond);
    const body = this.block(s.body);
    const rt = this.runtime;
    const loop = (fr: Frame): Async<Signal> => {
      for (;;) {
        rt.checkInterrupt();
        const c = cond(fr);
        if (isAsync(c)) return c.then((ok) => (ok ? andThen(body(fr), (sig) => after(fr, sig)) : Signal.Normal));
        if (!c) return Signal.Normal;
        const r = body(fr);
        if (isAsync(r)) return r.then((sig) => after(fr, sig));
        if (r === Signal.Break) return Signal.Normal;
        if (r === Signal.Return) return r;
      }
    };
    const after = (fr: Frame, sig: Signal): Async<Signal> => (sig === Signal.Break ? Signal.Normal : sig === Signal.Return ? sig : loop(fr));
    return loop;
  }

  private switchStmt(s: ast.Switch): StmtFn {
    const subject = this.exprs.expr(s.subject);
    const cases = s.cases.map((c) => ({ match: this.exprs.expr(c.match), body: this.block(c.body) }));
    const otherwise = s.otherwise ? this.block(s.otherwise) : null;
    const rt = this.runtime;
    return (fr) =>
      andThen(andThen(subject(fr), (x) => rt.hostValue(x)), (subj) => {
        const from = (i: number): Async<Signal> => {
          for (; i < cases.length; i++) {
            const m = andThen(cases[i].match(fr), (x) => rt.hostValue(x));
            if (isAsync(m)) {
              const at = i;
              return m.then((mv) => (switchMatches(subj, mv) ? cases[at].body(fr) : from(at + 1)));
            }
            if (switchMatches(subj, m)) return cases[i].body(fr);
          }
          return otherwise ? otherwise(fr) : Signal.Normal;
        };
        return from(0);
      });
  }

  private tryStmt(s: ast.Try): StmtFn {
    const body = this.block(s.body);
    const handler = this.block(s.catchBody);
    const slot = s.catchVar ? this.scope.slot(s.catchVar) : -1;
    const onError = (fr: Frame, e: unknown): Async<Signal> => {
      const err = asMatlabError(e);
      if (err.identifier === 'MATLAB:interrupted') throw err;
      if (slot >= 0) fr.vars[slot] = this.runtime.exceptionValue(err);
      return handler(fr);
    };
    return (fr) => {
      try {
        const r = body(fr);
        return isAsync(r) ? r.catch((e: unknown) => onError(fr, e)) : r;
      } catch (e) {
        return onError(fr, e);
      }
    };
  }
}

/** The elements of a `for` loop's range, computed one at a time. */
class LazyRange {
  constructor(
    readonly n: number,
    readonly at: (k: number) => number,
  ) {}
}

function runFrom(fns: StmtFn[], i: number, fr: Frame): Async<Signal> {
  for (; i < fns.length; i++) {
    const r = fns[i](fr);
    if (isAsync(r)) {
      const at = i;
      return r.then((sig) => (sig !== Signal.Normal ? sig : runFrom(fns, at + 1, fr)));
    }
    if (r !== Signal.Normal) return r;
  }
  return Signal.Normal;
}

/** Reading the current value at one level of an assignment chain; missing parts read as undefined. */
function readOrUndefined(read: () => Value[], base: Value | undefined): Value | undefined {
  if (base === undefined) return undefined;
  try {
    const vals = read();
    return vals.length === 1 ? vals[0] : undefined;
  } catch (e) {
    if (e instanceof MatlabError) return undefined;
    throw e;
  }
}

/** Anything thrown while running user code becomes a MatlabError (a JS bug shows as an internal error). */
export function asMatlabError(e: unknown): MatlabError {
  if (e instanceof MatlabError) return e;
  // The JS stack ran out before MAX_RECURSION_DEPTH MATLAB frames (deep nesting, deep recursion
  // through builtins such as cellfun): the same error as the recursion limit.
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new MatlabError('MATLAB:recursionLimit', RECURSION_LIMIT_MESSAGE);
  }
  // An allocation the engine did not size-check first (see limits.ts) failed in the JS engine.
  if (e instanceof RangeError && /array length|allocation failed|string length|Array buffer/i.test(e.message)) {
    return new MatlabError('MATLAB:nomem', 'Out of memory. The requested array or text is too large.');
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new MatlabError('Matbook:internal', `Internal error: ${msg}`);
}

function textOf(v: Value): string | null {
  if (v.type === 'tensor' && v.cls === 'char') return charText(v);
  if (v.type === 'string' && v.items.length === 1) return v.items[0];
  return null;
}

/** MATLAB's case matching: numbers by ==, text by strcmp, a cell case matches any of its items. */
export function switchMatches(subject: Value, c: Value): boolean {
  if (c.type === 'cell') return c.items.some((item) => switchMatches(subject, item));
  const st = textOf(subject);
  const ct = textOf(c);
  if (st !== null || ct !== null) return st !== null && ct !== null && st === ct;
  if (subject.type === 'tensor' && c.type === 'tensor') {
    if (c.re.length !== 1 || subject.re.length !== 1) return false;
    return subject.re[0] === c.re[0];
  }
  return false;
}

/** `s.(name) = v` creates a field only under a valid MATLAB name (letter, then letters, digits, _). */
function assignableFieldName(name: string, span: SourceSpan): string {
  if (!/^[A-Za-z]\w{0,62}$/.test(name)) raise('MATLAB:AddField:InvalidFieldName', `Invalid field name: '${name}'.`, span);
  return name;
}
