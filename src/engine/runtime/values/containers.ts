// The non-numeric value classes: string arrays, cell arrays, struct arrays, function handles.
// Each is immutable like Tensor; elements are stored column-major.

import type { Expr } from '../../lang/ast.ts';
import { normalizeShape, type Shape } from './shape.ts';
import type { Value } from './value.ts';

/** MATLAB `string` arrays ("text"). A missing string is null. */
export class StringArray {
  readonly type = 'string' as const;
  readonly shape: Shape;
  constructor(shape: readonly number[], readonly items: readonly (string | null)[]) {
    this.shape = normalizeShape(shape);
  }
  get numel(): number {
    return this.items.length;
  }
}

export class CellArray {
  readonly type = 'cell' as const;
  readonly shape: Shape;
  constructor(shape: readonly number[], readonly items: readonly Value[]) {
    this.shape = normalizeShape(shape);
  }
  get numel(): number {
    return this.items.length;
  }
}

/**
 * A struct array: every element has the same fields, in `fields` order. `className` names the
 * class MATLAB reports for object-like values built on structs (MException); plain structs
 * leave it 'struct'.
 */
export class StructArray {
  readonly type = 'struct' as const;
  readonly shape: Shape;
  constructor(
    shape: readonly number[],
    readonly fields: readonly string[],
    readonly items: readonly ReadonlyMap<string, Value>[],
    readonly className: string = 'struct',
  ) {
    this.shape = normalizeShape(shape);
  }
  get numel(): number {
    return this.items.length;
  }
}

/**
 * A function handle: `@sin` (named: resolved at call time through cell functions, then builtins)
 * or `@(x) x + k` (anonymous: parameters, body and the values captured when it was created).
 */
export class FunctionHandle {
  readonly type = 'function_handle' as const;
  readonly shape: Shape = [1, 1];
  constructor(
    readonly name: string | null,
    readonly anonymous: {
      params: string[];
      body: Expr;
      captures: ReadonlyMap<string, Value>;
      /** `@(x)x.^2+k`, for display. */
      text: string;
      /** The cell the function was written in: the body's spans point into it. */
      source: string;
    } | null,
  ) {}
  get numel(): number {
    return 1;
  }
}
