// GpuTensor: an array whose elements live on the GPU as f32, computed lazily. It holds a graph
// node; the node is computed at the next sync point (display, a condition, gather, the end of the
// cell). The MATLAB class is kept: a `single`, a `logical`, or a `double` computed in f32 (shown
// as gpu·f32). Builtins never see a GpuTensor: the interpreter lowers the call to a graph node or
// brings the data back to the host first.

import type { GraphNode } from '../../graph/node.ts';
import { normalizeShape, type Shape } from './shape.ts';
import type { Tensor } from './tensor.ts';

export type GpuClass = 'double' | 'single' | 'logical';

export class GpuTensor {
  readonly type = 'gpu' as const;
  readonly shape: Shape;
  /** Host copy once read back; reads after the first are free. */
  host: Tensor | null = null;

  constructor(
    readonly cls: GpuClass,
    readonly node: GraphNode,
    /** true for values made with gpuArray (isgpuarray is true), false for offloaded ones. */
    readonly explicit: boolean,
  ) {
    this.shape = normalizeShape(node.shape);
  }

  get numel(): number {
    return this.node.numel;
  }
}

/** Host-only code (indexing, display, builtins) is never handed a GpuTensor; reaching this is a bug. */
export function hostOnly(what: string): never {
  throw new Error(`internal: a GPU value reached host-only code (${what})`);
}
