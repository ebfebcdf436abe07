// A provider's buffers outlive its users: values collected after destroy() still reach the
// finalizer, which hands their handles back. That must be quiet, not an uncaught exception in the
// worker (it was, whenever GC ran after a test closed its provider).
import { describe, expect, it } from 'vitest';
import { openWebGpu } from '../../src/engine/providers/webgpu/index.ts';

const opened = await openWebGpu();

describe.skipIf(!opened.provider)('GPU provider lifetime', () => {
  it('ignores releases that arrive after destroy()', () => {
    const provider = opened.provider!;
    const kept = provider.upload(new Float32Array([1, 2, 3]));
    const released = provider.upload(new Float32Array([4]));
    provider.release(released);
    expect(() => provider.release(released)).toThrow(/not live/);
    provider.destroy();
    expect(() => provider.release(kept)).not.toThrow();
    expect(() => provider.release(released)).not.toThrow();
  });
});
