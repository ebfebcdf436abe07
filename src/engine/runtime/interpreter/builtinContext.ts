// The CallContext a builtin sees: a thin view of the interpreter plus the caller's nargout.
// Methods live on the prototype so a call allocates nothing (hot loops call builtins millions
// of times).

import { raise } from '../../errors.ts';
import type { CallContext, NumberFormat } from '../../builtins/types.ts';
import { cpuProvider } from '../../providers/cpu/index.ts';
import type { Value } from '../values/index.ts';
import type { Async } from './async.ts';
import type { Interpreter } from './interpreter.ts';

export class BuiltinContext implements CallContext {
  readonly cpu = cpuProvider;
  readonly workspace: CallContext['workspace'];

  constructor(
    private readonly interp: Interpreter,
    readonly nargout: number,
  ) {
    this.workspace = {
      names: () => interp.variableNames(),
      get: (name) => interp.workspace.get(name),
      clear: (names) => {
        if (names === null) interp.clearWorkspace();
        else for (const n of names) interp.workspace.set(n, undefined);
      },
      functionExists: (name) => interp.functionKind(name),
    };
  }

  get random() {
    return this.interp.random;
  }

  get format(): NumberFormat {
    return this.interp.format;
  }

  set format(f: NumberFormat) {
    this.interp.format = f;
  }

  print(text: string): void {
    this.interp.sink.stdout(text);
  }

  display(name: string, value: Value): void {
    this.interp.display(name, value);
  }

  warning(_identifier: string, message: string): void {
    this.interp.sink.stdout(`Warning: ${message}\n`);
  }

  call(fn: Value | string, args: Value[], nargout: number): Async<Value[]> {
    if (typeof fn === 'string') return this.interp.callNamed(fn, args, nargout);
    if (fn.type === 'function_handle') return this.interp.callHandle(fn, args, nargout);
    if (fn.type === 'tensor' && fn.cls === 'char') return this.interp.callNamed(String.fromCharCode(...fn.re), args, nargout);
    raise('MATLAB:feval:argMustBeFunctionHandle', 'Argument must contain a character vector or function handle.');
  }

  now(): number {
    return this.interp.elapsedSeconds();
  }

  get figures() {
    return this.interp.figures;
  }

  checkInterrupt(): void {
    this.interp.checkInterrupt();
  }

  sleep(seconds: number): Async<void> {
    return this.interp.sleep(seconds);
  }
}
