// Variable storage. A Scope maps names to slot numbers at compile time; a Frame holds one
// activation's values by slot, so a variable read is an array load. The workspace is the
// top-level frame, kept across cells; its scope grows as new cells name new variables.

import type { Value } from '../values/index.ts';

export class Scope {
  private readonly index = new Map<string, number>();
  readonly names: string[] = [];

  slot(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(name, i);
      this.names.push(name);
    }
    return i;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }
}

/** What `end` means inside the subscripts currently being evaluated. */
export interface EndContext {
  value: Value;
  position: number;
  count: number;
}

export class Frame {
  readonly vars: (Value | undefined)[] = [];
  readonly ends: EndContext[] = [];

  constructor(
    readonly scope: Scope,
    /** The running function's name, or null for the workspace. */
    readonly functionName: string | null,
    readonly nargin: number,
    readonly nargout: number,
  ) {}

  get(name: string): Value | undefined {
    return this.scope.has(name) ? this.vars[this.scope.slot(name)] : undefined;
  }

  set(name: string, v: Value | undefined): void {
    this.vars[this.scope.slot(name)] = v;
  }

  /** Names of the variables that currently hold a value, in creation order. */
  definedNames(): string[] {
    return this.scope.names.filter((n, i) => this.vars[i] !== undefined);
  }
}
