// Reading GPU buffers back to the host through map-read staging buffers (a storage buffer can't
// be mapped directly). Staging buffers are pooled like storage buffers, since a notebook reads
// back results of similar sizes over and over.

import { BufferPool } from './bufferPool.ts';

export class Readback {
  private readonly staging: BufferPool;

  constructor(private readonly device: GPUDevice) {
    this.staging = new BufferPool(device, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'staging');
  }

  /**
   * Copies the first `byteLength` bytes of `source` to the host. Work submitted before this call
   * is complete when the promise resolves (queue order), so callers submit pending work first.
   */
  async read(source: GPUBuffer, byteLength: number): Promise<ArrayBuffer> {
    if (byteLength === 0) return new ArrayBuffer(0);
    // copyBufferToBuffer and mapAsync need multiples of 4; f32 data always is.
    const size = Math.ceil(byteLength / 4) * 4;
    const staging = this.staging.acquire(size);
    try {
      const encoder = this.device.createCommandEncoder({ label: 'readback' });
      encoder.copyBufferToBuffer(source, 0, staging, 0, size);
      this.device.queue.submit([encoder.finish()]);
      await staging.mapAsync(GPUMapMode.READ, 0, size);
      // Copy out before unmap: the mapped range is detached by unmap().
      const copy = staging.getMappedRange(0, size).slice(0, byteLength);
      staging.unmap();
      return copy;
    } finally {
      this.staging.release(staging);
    }
  }

  destroy(): void {
    this.staging.destroy();
  }
}
