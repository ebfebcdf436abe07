// TensorFlow.js with its WebGPU backend as a peer, on the shared GPUDevice: a WebGPUBackend is
// constructed on that device and registered as tfjs's 'webgpu' backend (its kernels are
// registered under that name). Ops run eagerly, one kernel (or a few) per op. GPU time comes
// from tf.time(), which puts timestamp queries around each program when the device has
// 'timestamp-query'; sync submits tfjs's pending commands and waits for the queue to drain.

import type { PeerBackend, PeerSetup } from '../core/peers.ts';

type Tf = typeof import('@tensorflow/tfjs-core');
type Tensor = import('@tensorflow/tfjs-core').Tensor;

export async function openTfjsPeer(device: GPUDevice, adapterInfo: GPUAdapterInfo | undefined): Promise<PeerSetup> {
  const id = 'tfjs';
  try {
    const tf: Tf = await import('@tensorflow/tfjs-core');
    const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
    const label = `@tensorflow/tfjs-backend-webgpu ${tf.version_core}`;
    // Importing the package registered a 'webgpu' factory that would open its own device.
    if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
    const backend = new WebGPUBackend(device, adapterInfo);
    tf.registerBackend('webgpu', () => backend);
    if (!(await tf.setBackend('webgpu'))) return { backend: null, id, label, skipped: 'tf.setBackend("webgpu") failed on the shared device' };
    await tf.ready();
    const peer: PeerBackend<Tensor> = {
      id,
      label,
      method: {
        sync: 'WebGPUBackend ends its compute pass and submits (endComputePassEncoder, submitQueue), then device.queue.onSubmittedWorkDone()',
        gpu_time: 'tf.time(): timestamp queries around each tfjs program (kernelMs)',
      },
      upload: (data, shape) => tf.tensor(data, [...shape], 'float32'),
      dispose: (t) => t.dispose(),
      matmul: (a, b) => tf.matMul(a, b),
      chain: (x) => tf.tidy(() => tf.sub(tf.tanh(tf.add(tf.mul(x, 2), 1)), tf.mul(tf.square(x), 0.5))),
      sum: (x) => tf.sum(x),
      sync: async () => {
        // What tfjs itself does before reading a buffer back: close the open pass, submit.
        backend.ensureCommandEncoderReady();
        backend.endComputePassEncoder();
        backend.submitQueue();
        await device.queue.onSubmittedWorkDone();
      },
      timed: async (op) => {
        let out: Tensor | null = null;
        const info = await tf.time(() => {
          out = op();
        });
        (out as Tensor | null)?.dispose();
        const ms = info.kernelMs;
        if (typeof ms !== 'number') return null;
        const extra = (info as { getExtraProfileInfo?: () => string }).getExtraProfileInfo?.() ?? '';
        const kernels = extra
          .split(', ')
          .map((s) => s.split(':')[0])
          .filter((s) => s.length > 0);
        return { gpuUs: ms * 1000, kernels };
      },
      readFirst: async (t) => {
        const first = tf.tidy(() => tf.slice(tf.reshape(t, [-1]), 0, 1));
        const v = (await first.data())[0];
        first.dispose();
        return v;
      },
      close: () => {
        tf.engine().reset();
      },
    };
    return { backend: peer as PeerBackend, id, label };
  } catch (e) {
    return { backend: null, id, label: '@tensorflow/tfjs-backend-webgpu', skipped: `could not start: ${e instanceof Error ? e.message : String(e)}` };
  }
}
