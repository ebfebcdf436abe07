// THE builtin registry: every function a MATLAB program can call by name, with its signatures,
// doc, CPU implementation and GPU lowering. The interpreter dispatches through it, Monaco
// completion and hover read it, the planner asks it how a call lowers. A builtin's name is
// written nowhere else.

import { ELEMENTWISE_OPS, type ElementwiseOpName } from '../graph/elementwiseOps.ts';
import { applyUnary, tensorArg } from './numeric.ts';
import type { BuiltinSpec, Family } from './types.ts';

export type BuiltinTable = Readonly<Record<string, BuiltinSpec>>;

/** A plain one-argument elementwise math builtin in one line: name → op, doc, example. */
export function unaryMath(op: ElementwiseOpName, doc: string, family: Family = 'elementwise'): BuiltinSpec {
  const spec = ELEMENTWISE_OPS[op];
  return {
    family,
    signatures: [`Y = ${op}(X)`],
    doc,
    impl: (args, ctx) => applyUnary(ctx, spec, tensorArg(args[0], op)),
    lowering: { elementwise: op },
  };
}

const families: BuiltinTable[] = [];

/** Each family file registers its table once, at import. */
export function registerFamily(table: BuiltinTable): void {
  families.push(table);
}

let merged: Map<string, BuiltinSpec> | null = null;

function table(): Map<string, BuiltinSpec> {
  if (!merged) {
    merged = new Map();
    for (const t of families) {
      for (const [name, spec] of Object.entries(t)) {
        if (merged.has(name)) throw new Error(`builtin '${name}' registered twice`);
        merged.set(name, spec);
      }
    }
  }
  return merged;
}

export function lookupBuiltin(name: string): BuiltinSpec | undefined {
  return table().get(name);
}

export function builtinNames(): string[] {
  return [...table().keys()].sort();
}

export function allBuiltins(): [string, BuiltinSpec][] {
  return [...table().entries()];
}
