// The union of everything a MATLAB variable can hold, and the class name MATLAB reports for it.

import type { CellArray, FunctionHandle, StringArray, StructArray } from './containers.ts';
import type { GpuTensor } from './gpuTensor.ts';
import type { Tensor } from './tensor.ts';

export type Value = Tensor | GpuTensor | StringArray | CellArray | StructArray | FunctionHandle;

/** Values with no GPU part: what builtins and indexing work on. */
export type HostValue = Exclude<Value, GpuTensor>;

export function classOf(v: Value): string {
  switch (v.type) {
    case 'tensor':
    case 'gpu':
      return v.cls;
    case 'string':
      return 'string';
    case 'cell':
      return 'cell';
    case 'struct':
      return v.className;
    case 'function_handle':
      return 'function_handle';
  }
}
