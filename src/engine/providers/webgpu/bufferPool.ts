// Pooled GPU buffers of one usage, by power-of-two size classes. Creating and destroying GPU
// buffers is slow, and arrays of similar sizes come and go all the time in a notebook, so a
// released buffer goes back to its class and the next request of that class reuses it. The pool
// does not know what a buffer holds or when the GPU is done with it: the provider releases a
// buffer only once no submitted or pending work can still touch it.

/** Smallest class: also keeps zero-length arrays bindable (a binding must not be empty). */
const MIN_CLASS_BYTES = 256;

export interface BufferPoolStats {
  /** Buffers created since the pool was made. */
  created: number;
  /** Requests served by a previously released buffer. */
  reused: number;
  /** Bytes of buffers currently handed out (class sizes, not requested sizes). */
  bytesInUse: number;
  /** Bytes of released buffers kept for reuse. */
  bytesPooled: number;
}

export class BufferPool {
  private readonly free = new Map<number, GPUBuffer[]>();
  private readonly inUse = new Set<GPUBuffer>();
  private readonly stats: BufferPoolStats = { created: 0, reused: 0, bytesInUse: 0, bytesPooled: 0 };

  constructor(
    private readonly device: GPUDevice,
    private readonly usage: GPUBufferUsageFlags,
    private readonly label: string,
    /** The device's maxBufferSize: a class may not exceed it. */
    private readonly maxBufferSize = device.limits.maxBufferSize,
  ) {}

  /** A buffer of at least `byteLength` bytes. Its contents are unspecified unless `zeroWith` is given. */
  acquire(byteLength: number, zeroWith?: GPUCommandEncoder): GPUBuffer {
    const size = this.classOf(byteLength);
    const pooled = this.free.get(size)?.pop();
    let buffer: GPUBuffer;
    if (pooled) {
      buffer = pooled;
      this.stats.reused++;
      this.stats.bytesPooled -= size;
    } else {
      buffer = this.device.createBuffer({ size, usage: this.usage, label: `${this.label}/${size}` });
      this.stats.created++;
    }
    this.inUse.add(buffer);
    this.stats.bytesInUse += size;
    zeroWith?.clearBuffer(buffer);
    return buffer;
  }

  /** Returns a buffer to its class. The caller guarantees the GPU no longer uses it. */
  release(buffer: GPUBuffer): void {
    if (!this.inUse.delete(buffer)) throw new Error(`${this.label}: released a buffer the pool did not hand out (or twice)`);
    this.stats.bytesInUse -= buffer.size;
    this.stats.bytesPooled += buffer.size;
    const list = this.free.get(buffer.size);
    if (list) list.push(buffer);
    else this.free.set(buffer.size, [buffer]);
  }

  snapshot(): BufferPoolStats {
    return { ...this.stats };
  }

  /** Destroys the pooled (free) buffers; buffers in use are left to their holders. */
  trim(): void {
    for (const list of this.free.values()) for (const buffer of list) buffer.destroy();
    this.free.clear();
    this.stats.bytesPooled = 0;
  }

  /** Destroys every buffer, in use or not. */
  destroy(): void {
    this.trim();
    for (const buffer of this.inUse) buffer.destroy();
    this.inUse.clear();
    this.stats.bytesInUse = 0;
  }

  /**
   * The class of a request: the next power of two, so reuse is likely and waste is under half.
   * A request whose power of two would pass maxBufferSize gets its own size (rounded to 256).
   */
  private classOf(byteLength: number): number {
    const atLeast = Math.max(MIN_CLASS_BYTES, byteLength);
    const powerOfTwo = 2 ** Math.ceil(Math.log2(atLeast));
    if (powerOfTwo <= this.maxBufferSize) return powerOfTwo;
    const exact = Math.ceil(atLeast / 256) * 256;
    if (exact > this.maxBufferSize) throw new Error(`${this.label}: ${byteLength} bytes exceed maxBufferSize ${this.maxBufferSize}`);
    return exact;
  }
}
