// The interpreter: a persistent workspace, the functions cells have defined, and the services
// compiled code calls back into (function lookup, display, interrupt, exceptions). A cell is
// parsed, its functions hoisted, its body compiled to closures once and then run.

import type * as ast from '../../lang/ast.ts';
import { parse } from '../../lang/index.ts';
import { MatlabError, raise } from '../../errors.ts';
import { lookupBuiltin } from '../../builtins/index.ts';
import type { BuiltinSpec, CallContext, NumberFormat } from '../../builtins/types.ts';
import type { GraphNode } from '../../graph/node.ts';
import type { GpuRuntime } from '../gpu/gpuRuntime.ts';
import { isTruthy } from '../../builtins/numeric.ts';
import { displayValue } from '../display/index.ts';
import { boundedDisplay, type DisplayBounds } from '../display/bounded.ts';
import { MAX_RECURSION_DEPTH, RECURSION_LIMIT_MESSAGE } from '../../limits.ts';
import { MersenneTwister } from '../random.ts';
import { CellArray, charRow, FunctionHandle, scalar, StructArray, type Value } from '../values/index.ts';
import { andThen, sequence, type Async } from './async.ts';
import { ExprCompiler, type ListFn } from './compileExpr.ts';
import { StmtCompiler, type StmtFn, type StmtRuntime } from './compileStmt.ts';
import { Frame, Scope } from './frame.ts';
import { BuiltinContext } from './builtinContext.ts';
import { FigureState } from '../figures/state.ts';

/** Where a running program's output goes. */
/**
 * Appends the GPU nodes a value holds (directly or inside cells, structs, captures): all of them,
 * or only the ones not computed yet.
 */
function collectGpuNodes(v: Value | undefined, seen: Set<Value>, out: GraphNode[], pendingOnly: boolean): void {
  if (v === undefined || seen.has(v)) return;
  seen.add(v);
  const inner = (item: Value) => collectGpuNodes(item, seen, out, pendingOnly);
  if (v.type === 'gpu') {
    if (!pendingOnly || v.node.buffer === null) out.push(v.node);
  } else if (v.type === 'cell') v.items.forEach(inner);
  else if (v.type === 'struct') for (const m of v.items) m.forEach(inner);
  else if (v.type === 'function_handle' && v.anonymous) v.anonymous.captures.forEach(inner);
}

export interface OutputSink {
  stdout(text: string): void;
  /** `truncated`: the text is a bounded part of the display, ending with a note (see displayBounds). */
  display(name: string, text: string, value: Value, truncated?: boolean): void;
  /** Called between statements: a sink that batches output may send what it holds. */
  poll?(): void;
  /** Sends held output now (before the interpreter waits, as in `pause`). */
  flush?(): void;
}

/** How often a waiting `pause` looks at the interrupt flag. */
const SLEEP_SLICE_MS = 25;

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

const minArities = new WeakMap<BuiltinSpec, number>();

/** The fewest arguments any of a builtin's signatures takes (`isa(A, classname)`: 2). */
function minArity(spec: BuiltinSpec): number {
  let n = minArities.get(spec);
  if (n === undefined) {
    n = Math.min(
      Infinity,
      ...spec.signatures.map((sig) => {
        const params = /\w\s*\(([^)]*)\)\s*$/.exec(sig)?.[1] ?? '';
        return params.split(',').filter((p) => p.trim() !== '' && !p.includes('...')).length;
      }),
    );
    if (n === Infinity) n = 0;
    minArities.set(spec, n);
  }
  return n;
}

/** true when a value is, or contains, a GPU array. */
export function holdsGpu(v: Value): boolean {
  switch (v.type) {
    case 'gpu':
      return true;
    case 'cell':
      return v.items.some(holdsGpu);
    case 'struct':
      return v.items.some((m) => [...m.values()].some(holdsGpu));
    default:
      return false;
  }
}

export class Interpreter implements StmtRuntime {
  private readonly workspaceScope = new Scope();
  readonly workspace = new Frame(this.workspaceScope, null, 0, 0);
  /** The workspace and every active function frame: where live values are held. */
  private readonly frames: Frame[] = [this.workspace];
  /** The GPU side, when a device is in use (policy auto/on and an adapter). */
  gpu: GpuRuntime | null = null;
  private readonly functions = new Map<string, UserFunction>();
  private readonly anonymousCache = new WeakMap<ast.AnonFn['body'], CompiledAnonymous>();
  private depth = 0;
  format: NumberFormat = 'short';
  readonly random = new MersenneTwister(0);
  /** The session's figures: plot, subplot, hold and friends draw into them. */
  readonly figures = new FigureState();
  private readonly ticOrigin = performance.now();
  /** Shared flag: element 0 set to 1 means the user asked to stop. */
  interruptFlag: Int32Array | null = null;
  private statementsSincePoll = 0;
  /** Polled between statements when no shared flag exists (Node: a signal handler sets it). */
  interruptRequested = false;
  /** When set, an unsuppressed display longer than this is cut with a note (the notebook sets it). */
  displayBounds: DisplayBounds | null = null;

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
    // Output batching needs a look now and then, not per statement: every 1024th is plenty
    // (statements take ~100 ns) and keeps scalar loops fast.
    if ((++this.statementsSincePoll & 1023) === 0) this.sink.poll?.();
    if (this.interruptRequested || (this.interruptFlag !== null && Atomics.load(this.interruptFlag, 0) !== 0)) {
      this.interruptRequested = false;
      if (this.interruptFlag) Atomics.store(this.interruptFlag, 0, 0);
      raise('MATLAB:interrupted', 'Operation terminated by user.');
    }
  }

  /** `pause(n)`: waits in short slices so an interrupt stops it at once; the worker stays responsive. */
  async sleep(seconds: number): Promise<void> {
    this.sink.flush?.();
    const deadline = performance.now() + seconds * 1000;
    for (;;) {
      this.checkInterrupt();
      const left = deadline - performance.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => setTimeout(resolve, Math.min(SLEEP_SLICE_MS, left)));
    }
  }

  truthy(v: Value): boolean {
    return isTruthy(v);
  }

  display(name: string, value: Value): Async<void> {
    if (holdsGpu(value)) return andThen(this.hostValue(value), (host) => this.show(name, host, value));
    this.show(name, value, value);
  }

  private show(name: string, host: Value, value: Value): void {
    if (this.displayBounds === null) return this.sink.display(name, displayValue(name, host, this.format), value);
    const { text, truncated } = boundedDisplay(name, host, this.format, this.displayBounds);
    this.sink.display(name, text, value, truncated);
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
      if (this.gpu) {
        const lowered = this.gpu.tryLower(spec, args, nargout);
        if (lowered) return lowered;
      }
      // Builtins run on host data: GPU arguments are read back first (a sync point).
      if (args.some(holdsGpu)) return andThen(this.hostValues(args), (host) => this.invoke(spec, host, nargout));
      return this.invoke(spec, args, nargout);
    }
    raise('MATLAB:UndefinedFunction', `Unrecognized function or variable '${name}'.`);
  }

  private invoke(spec: BuiltinSpec, args: Value[], nargout: number): Async<Value[]> {
    let result: ReturnType<BuiltinSpec['impl']>;
    try {
      result = spec.impl(args, this.context(nargout));
    } catch (e) {
      // A builtin that reads an argument it was not given fails in JS (`args[1].type`): with fewer
      // arguments than any of its signatures takes, that is MATLAB's "Not enough input arguments."
      if (e instanceof TypeError && args.length < minArity(spec)) raise('MATLAB:minrhs', 'Not enough input arguments.');
      throw e;
    }
    return andThen(result, (out) => {
      const list = out === undefined ? [] : Array.isArray(out) ? out : [out];
      if (nargout > Math.max(1, list.length)) raise('MATLAB:TooManyOutputs', 'Too many output arguments.');
      return list;
    });
  }

  // ------------------------------------------------------------------ GPU values

  /** The host form of a value: GPU arrays (also inside cells and structs) are read back. */
  hostValue(v: Value): Async<Value> {
    if (!holdsGpu(v)) return v;
    if (v.type === 'gpu') return this.gpu!.toHost(v, this.liveGpuRoots());
    if (v.type === 'cell') return andThen(this.hostValues([...v.items]), (items) => new CellArray(v.shape, items));
    if (v.type === 'struct') {
      const fields = v.fields;
      return andThen(
        sequence(v.items.map((m) => () => andThen(this.hostValues(fields.map((f) => m.get(f)!)), (vals) => new Map(fields.map((f, i) => [f, vals[i]] as const))))),
        (items) => new StructArray(v.shape, fields, items, v.className),
      );
    }
    return v;
  }

  hostValues(vs: Value[]): Async<Value[]> {
    return sequence(vs.map((v) => () => this.hostValue(v)));
  }

  /** Nodes of GPU values still held by variables: a flush computes them too (they are live). */
  liveGpuRoots(): GraphNode[] {
    const out: GraphNode[] = [];
    const seen = new Set<Value>();
    for (const fr of this.frames) fr.vars.forEach((v) => collectGpuNodes(v, seen, out, true));
    return out;
  }

  /**
   * After a flush was refused (the GPU budget): variables whose GPU values were never computed
   * would fail again at every later use, so they go, as if their assignments had not run (MATLAB
   * would have stopped at the allocation). Returns their names.
   */
  dropPendingGpuValues(): string[] {
    const dropped: string[] = [];
    for (const name of this.variableNames()) {
      const pending: GraphNode[] = [];
      collectGpuNodes(this.workspace.get(name), new Set(), pending, true);
      if (pending.length === 0) continue;
      this.workspace.set(name, undefined);
      dropped.push(name);
    }
    return dropped;
  }

  /**
   * After the GPU device is lost: values already read back keep their host copy, the others are
   * gone. Returns the names of the variables that were lost; the session continues on the CPU.
   */
  dropGpuValues(): string[] {
    this.gpu = null;
    const lost: string[] = [];
    for (const name of this.variableNames()) {
      const v = this.workspace.get(name)!;
      if (v.type === 'gpu') {
        if (v.host) this.workspace.set(name, v.host);
        else {
          this.workspace.set(name, undefined);
          lost.push(name);
        }
      } else if (holdsGpu(v)) {
        this.workspace.set(name, undefined);
        lost.push(name);
      }
    }
    return lost;
  }

  boundPendingGpuWork(): Promise<void> | undefined {
    // Inside a function call the caller may hold half-evaluated temporaries that read GPU
    // buffers; at the top level, between statements, only variables can.
    return this.gpu?.boundPendingWork(() => this.liveGpuRoots(), this.frames.length === 1 ? () => this.heldGpuNodes() : null);
  }

  /**
   * Computes every pending GPU value still held by a variable, then gives back the buffers no
   * variable can reach (end of a cell: nothing else can read them).
   */
  async settleGpu(): Promise<void> {
    if (!this.gpu) return;
    await this.gpu.flush(this.liveGpuRoots());
    this.gpu.releaseUnheld(this.heldGpuNodes());
  }

  /** The GPU nodes variables hold, computed or not, and every node their pending values read. */
  heldGpuNodes(): Set<GraphNode> {
    const held = new Set<GraphNode>();
    const seen = new Set<Value>();
    const stack: GraphNode[] = [];
    for (const fr of this.frames) fr.vars.forEach((v) => collectGpuNodes(v, seen, stack, false));
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (held.has(n)) continue;
      held.add(n);
      stack.push(...n.args);
    }
    return held;
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
    this.frames.push(fr);
    for (const [name, v] of anon.captures) fr.set(name, v);
    anon.params.forEach((p, i) => {
      if (p === 'varargin') fr.vars[compiled!.paramSlots[i]] = new CellArray([1, Math.max(0, args.length - i)], args.slice(i));
      else if (i < args.length) fr.vars[compiled!.paramSlots[i]] = args[i];
    });
    return this.enter(() => compiled!.body(fr, Math.max(nargout, 1)), fr);
  }

  /** Runs a function body in `fr`, which stays on the frame stack until the body is done. */
  private enter<T>(f: () => Async<T>, fr: Frame): Async<T> {
    const leave = () => {
      this.depth--;
      const i = this.frames.lastIndexOf(fr);
      if (i >= 0) this.frames.splice(i, 1);
    };
    this.depth++;
    if (this.depth > MAX_RECURSION_DEPTH) {
      leave();
      raise('MATLAB:recursionLimit', RECURSION_LIMIT_MESSAGE);
    }
    let r: Async<T>;
    try {
      r = f();
    } catch (e) {
      leave();
      throw e;
    }
    if (r instanceof Promise) return r.finally(leave);
    leave();
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
    this.frames.push(fr);
    for (let i = 0; i < Math.min(fixed, args.length); i++) fr.set(def.params[i], args[i]);
    if (hasVarargin) fr.set('varargin', new CellArray([1, Math.max(0, args.length - fixed)], args.slice(fixed)));
    if (scope.has('nargin')) fr.set('nargin', scalar(args.length));
    if (scope.has('nargout')) fr.set('nargout', scalar(nargout));
    return this.enter(
      () =>
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
      fr,
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

