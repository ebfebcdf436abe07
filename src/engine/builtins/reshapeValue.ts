// The same elements of any value class, in column-major order, under a new shape.

import { hostOnly } from '../runtime/values/index.ts';
import { CellArray, StringArray, StructArray, Tensor, type Value } from '../runtime/values/index.ts';

export function gatherAll(v: Value, shape: readonly number[]): Value {
  switch (v.type) {
    case 'gpu':
      return hostOnly('reshape');
    case 'tensor':
      return new Tensor(v.cls, shape, v.re, v.im);
    case 'cell':
      return new CellArray(shape, v.items);
    case 'string':
      return new StringArray(shape, v.items);
    case 'struct':
      return new StructArray(shape, v.fields, v.items);
    case 'function_handle':
      return v;
  }
}
