// The kernel program: the data a kernel family hands to a provider (WGSL, bindings, geometry,
// uniforms, cost). Kernels only describe work; the provider compiles, binds, dispatches and times
// it. This file also owns the two rules every family follows: the cache key is a stable
// serialisation of the params record that produced the WGSL (never a string built by hand), and
// 1-D grids are folded into 2-D when they exceed the per-dimension workgroup limit.

export type BindingKind = 'read' | 'read_write' | 'uniform';

export interface KernelBinding {
  /** `@binding(n)` in `@group(0)`. */
  readonly binding: number;
  readonly kind: BindingKind;
}

export type Triple = readonly [number, number, number];

export interface KernelProgram {
  /** Canonical kernel family name (DESIGN.md "Command line contract"): `elementwise`, `matmul`, … */
  readonly name: string;
  /** Which variant of the family, e.g. the op (`add`) or the routing choice (`tiled`). */
  readonly variant: string;
  /** Complete shader source, preamble included. */
  readonly wgsl: string;
  /** Stable serialisation of the code-generation params: equal keys mean equal WGSL. */
  readonly cacheKey: string;
  /**
   * Binding convention the provider follows: `read` bindings receive the input handles in
   * order, `read_write` bindings the output handles in order, the `uniform` binding (at most
   * one) receives `uniforms`.
   */
  readonly bindings: readonly KernelBinding[];
  readonly workgroupSize: Triple;
  /** Workgroup counts to dispatch; any zero means there is no work (empty output). */
  readonly workgroups: Triple;
  /** Uniform buffer contents (shapes, strides, counts): shape-dependent data that is not in the key. */
  readonly uniforms: ArrayBuffer;
  /** Useful floating-point operations, for GFLOP/s. */
  readonly flops: number;
  /** Bytes the kernel must move at least (inputs read once + outputs written), for GB/s. */
  readonly bytes: number;
  /** Which of flops/bytes bounds this kernel: the kernel event reports GFLOP/s or GB/s accordingly. */
  readonly boundBy: 'flops' | 'bytes';
  /** Input shapes then output shape, as reported in kernel events. */
  readonly shapes: readonly (readonly number[])[];
}

/** The WebGPU default (and common) limit on workgroups along one dispatch dimension. */
export const DEFAULT_MAX_WORKGROUPS_PER_DIMENSION = 65535;

/**
 * JSON with object keys sorted, so two equal records always serialise identically whatever order
 * their fields were written in. Only plain data belongs in a params record.
 */
export function stableSerialize(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(stableSerialize).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableSerialize(record[k])}`);
  return `{${fields.join(',')}}`;
}

/** The cache key of a program: its family name plus the serialised params that generated it. */
export function programCacheKey(name: string, codeParams: object): string {
  return `${name}:${stableSerialize(codeParams)}`;
}

/**
 * A 53-bit string hash (cyrb53) as hex: used to key compiled pipelines by shader text without
 * keeping the text itself as a Map key. Collisions at 53 bits are not a practical concern here.
 */
export function hashText(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * Workgroup counts for `threads` invocations in 1-D workgroups of `groupSize`. When more than
 * `maxPerDimension` workgroups are needed the grid is folded into rows (y), balanced so the last
 * row wastes less than one row; the shader rebuilds the linear index as
 * `gid.x + gid.y * num_workgroups.x * groupSize` and masks the overhang.
 */
export function foldedGrid(threads: number, groupSize: number, maxPerDimension = DEFAULT_MAX_WORKGROUPS_PER_DIMENSION): Triple {
  const groups = Math.ceil(threads / groupSize);
  if (groups <= maxPerDimension) return [groups, 1, 1];
  const rows = Math.ceil(groups / maxPerDimension);
  if (rows > maxPerDimension) throw new Error(`${threads} threads exceed a ${maxPerDimension}² workgroup grid`);
  return [Math.ceil(groups / rows), rows, 1];
}

/** Packs u32 fields into a uniform buffer image, padding each vec4 group as WGSL's layout requires. */
export class UniformWriter {
  private readonly words: number[] = [];

  u32(value: number): this {
    this.words.push(value >>> 0);
    return this;
  }

  /** Writes `values` as `array<vec4<u32>, vec4Count>`, zero-padded; starts on a 16-byte boundary. */
  vec4Array(values: readonly number[], vec4Count: number): this {
    this.alignTo16();
    for (let i = 0; i < vec4Count * 4; i++) this.words.push((values[i] ?? 0) >>> 0);
    return this;
  }

  finish(): ArrayBuffer {
    this.alignTo16();
    return new Uint32Array(this.words).buffer;
  }

  private alignTo16(): void {
    while (this.words.length % 4 !== 0) this.words.push(0);
  }
}
