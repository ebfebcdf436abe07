// The interpreter: a persistent workspace, the functions cells have defined, and the services
// compiled code calls back into (function lookup, display, interrupt, exceptions). A cell is
// parsed, its functions hoisted, its body compiled to closures once and then run.

import type * as ast from '../../lang/ast.ts';
import { parse } from '../../lang/index.ts';
import { MatlabError, raise } from '../../errors.ts';
import { lookupBuiltin } from '../../builtins/index.ts';
import type { CallContext, NumberFormat } from '../../builtins/types.ts';
import { isTruthy } from '../../builtins/numeric.ts';
import { displayValue } from '../display/index.ts';
import { MersenneTwister } from '../random.ts';
import { CellArray, charRow, FunctionHandle, scalar, StructArray, type Value } from '../values/index.ts';
import { andThen, type Async } from './async.ts';
import { ExprCompiler, type ListFn } from './compileExpr.ts';
import { StmtCompiler, type StmtFn, type StmtRuntime } from './compileStmt.ts';
import { Frame, Scope } from './frame.ts';
import { BuiltinContext } from './builtinContext.ts';

/** Where a running program's output goes. */
export interface OutputSink {
  stdout(text: string): void;
  display(name: string, text: string, value: Value): void;
}

interface UserFunction {
  def: ast.FunctionDef;
  source: string;
  compiled?: { scope: Scope; body: StmtFn };
}

interface CompiledAnonymous {
  scope: Scope;
  paramSlots: number[];
  body: ListFn;
}

/** MATLAB's default recursion limit. */
const MAX_DEPTH = 500;

export class Interpreter implements StmtRuntime {
  private readonly workspaceScope = new Scope();
  readonly workspace = new Frame(this.workspaceScope, null, 0, 0);
  private readonly functions = new Map<string, UserFunction>();
  private readonly anonymousCache = new WeakMap<ast.AnonFn['body'], CompiledAnonymous>();
  private depth = 0;
  format: NumberFormat = 'short';
  readonly random = new MersenneTwister(0);
  private readonly ticOrigin = performance.now();
  /** Shared flag: element 0 set to 1 means the user asked to stop. */
  interruptFlag: Int32Array | null = null;
  /** Polled between statements when no shared flag exists (Node: a signal handler sets it). */
  interruptRequested = false;

  constructor(public sink: OutputSink) {}

  /** Parses and runs one cell (or script) in the workspace. Errors propagate as MatlabError. */
  run(source: string): Async<void> {
    const program = parse(source);
    for (const def of program.functions) this.functions.set(def.name, { def, source });
    const compiler = new StmtCompiler(this, this.workspaceScope, source);
    const body = compiler.block(program.body);
    return andThen(body(this.workspace), () => undefined);
  }

  variableNames(): string[] {
    return this.workspace.definedNames();
  }

  clearWorkspace(): void {
    this.workspace.vars.length = 0;
  }

  // ------------------------------------------------------------------ StmtRuntime

  checkInterrupt(): void {
    if (this.interruptRequested || (this.interruptFlag !== null && Atomics.load(this.interruptFlag, 0) !== 0)) {
      this.interruptRequested = false;
      if (this.interruptFlag) Atomics.store(this.interruptFlag, 0, 0);
      raise('MATLAB:interrupted', 'Operation terminated by user.');
    }
  }

  truthy(v: Value): boolean {
    return isTruthy(v);
  }

  display(name: string, value: Value): void {
    this.sink.display(name, displayValue(name, value, this.format), value);
  }

  exceptionValue(err: MatlabError): Value {
    const stack = new StructArray([0, 1], ['file', 'name', 'line'], []);
    return new StructArray([1, 1], ['message', 'identifier', 'stack'], [
      new Map<string, Value>([
        ['message', charRow(err.message)],
        ['identifier', charRow(err.identifier)],
        ['stack', stack],
      ]),
    ], 'MException');
  }

  command(name: string, args: string[]): Async<void> {
    return andThen(this.callNamed(name, args.map(charRow), 0), () => undefined);
  }

  callNamed(name: string, args: Value[], nargout: number): Async<Value[]> {
    const user = this.functions.get(name);
    if (user) return this.callUser(user, args, nargout);
    const spec = lookupBuiltin(name);
    if (spec) {
      const ctx = this.context(nargout);
      return andThen(spec.impl(args, ctx), (out) => {
        const list = out === undefined ? [] : Array.isArray(out) ? out : [out];
        if (nargout > Math.max(1, list.length)) raise('MATLAB:TooManyOutputs', 'Too many output arguments.');
        return list;
      });
    }
    raise('MATLAB:UndefinedFunction', `Unrecognized function or variable '${name}'.`);
  }

  callHandle(fn: FunctionHandle, args: Value[], nargout: number): Async<Value[]> {
    if (fn.name !== null) return this.callNamed(fn.name, args, nargout);
    const anon = fn.anonymous!;
    let compiled = this.anonymousCache.get(anon.body);
    if (!compiled) {
      const scope = new Scope();
      const paramSlots = anon.params.map((p) => scope.slot(p));
      const exprs = new ExprCompiler(this, scope, anon.source);
      compiled = { scope, paramSlots, body: exprs.list(anon.body) };
      this.anonymousCache.set(anon.body, compiled);
    }
    if (args.length > anon.params.length && anon.params[anon.params.length - 1] !== 'varargin') {
      raise('MATLAB:TooManyInputs', 'Too many input arguments.');
    }
    const fr = new Frame(compiled.scope, null, args.length, nargout);
    for (const [name, v] of anon.captures) fr.set(name, v);
    anon.params.forEach((p, i) => {
      if (p === 'varargin') fr.vars[compiled!.paramSlots[i]] = new CellArray([1, Math.max(0, args.length - i)], args.slice(i));
      else if (i < args.length) fr.vars[compiled!.paramSlots[i]] = args[i];
    });
    return this.enter(() => compiled!.body(fr, Math.max(nargout, 1)));
  }

  private enter<T>(f: () => Async<T>): Async<T> {
    if (this.depth >= MAX_DEPTH) {
      raise('MATLAB:recursionLimit', `Maximum recursion limit of ${MAX_DEPTH} reached.`);
    }
    this.depth++;
    let r: Async<T>;
    try {
      r = f();
    } catch (e) {
      this.depth--;
      throw e;
    }
    if (r instanceof Promise) return r.finally(() => this.depth--);
    this.depth--;
    return r;
  }

  private callUser(fn: UserFunction, args: Value[], nargout: number): Async<Value[]> {
    const { def } = fn;
    if (!fn.compiled) {
      const scope = new Scope();
      for (const p of def.params) scope.slot(p);
      const body = new StmtCompiler(this, scope, fn.source).block(def.body);
      fn.compiled = { scope, body };
    }
    const { scope, body } = fn.compiled;
    const hasVarargin = def.params[def.params.length - 1] === 'varargin';
    const fixed = hasVarargin ? def.params.length - 1 : def.params.length;
    if (args.length > fixed && !hasVarargin) raise('MATLAB:TooManyInputs', 'Too many input arguments.');
    const hasVarargout = def.outputs[def.outputs.length - 1] === 'varargout';
    if (nargout > def.outputs.length && !hasVarargout) raise('MATLAB:TooManyOutputs', 'Too many output arguments.');
    const fr = new Frame(scope, def.name, args.length, nargout);
    for (let i = 0; i < Math.min(fixed, args.length); i++) fr.set(def.params[i], args[i]);
    if (hasVarargin) fr.set('varargin', new CellArray([1, Math.max(0, args.length - fixed)], args.slice(fixed)));
    if (scope.has('nargin')) fr.set('nargin', scalar(args.length));
    if (scope.has('nargout')) fr.set('nargout', scalar(nargout));
    return this.enter(() =>
      andThen(body(fr), () => {
        const out: Value[] = [];
        const wanted = Math.max(1, nargout);
        for (let i = 0; i < def.outputs.length && out.length < wanted; i++) {
          const name = def.outputs[i];
          const v = fr.get(name);
          if (name === 'varargout' && i === def.outputs.length - 1) {
            if (v && v.type === 'cell') out.push(...v.items.slice(0, wanted - out.length));
            continue;
          }
          if (v === undefined) {
            if (i === 0 && nargout === 0) return [];
            raise('MATLAB:unassignedOutputs', `Output argument "${name}" (and possibly others) not assigned a value in the execution with "${def.name}" function.`);
          }
          out.push(v);
        }
        return out;
      }),
    );
  }

  /** The context a builtin call runs in: contexts hold no per-call state but nargout, so they are reused. */
  private context(nargout: number): CallContext {
    return this.contexts[nargout] ?? new BuiltinContext(this, nargout);
  }

  private readonly contexts: CallContext[] = [0, 1, 2, 3, 4].map((n) => new BuiltinContext(this, n));

  /** Function lookup for `exist`: a cell function, a builtin, or neither. */
  functionKind(name: string): 'builtin' | 'user' | null {
    return this.functions.has(name) ? 'user' : lookupBuiltin(name) ? 'builtin' : null;
  }

  /** Seconds since the session started, for tic/toc. */
  elapsedSeconds(): number {
    return (performance.now() - this.ticOrigin) / 1000;
  }

}

