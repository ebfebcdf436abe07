// GPU residency builtins: gpuArray, gather, isgpuarray, existsOnGPU. Their CPU implementations
// are what runs when no GPU is in use (values are already on the host); with a GPU, the
// interpreter's GPU path performs the `residency` lowering instead.

import { logicalScalar } from '../runtime/values/index.ts';
import { raise } from '../errors.ts';
import { registerFamily } from './registry.ts';

registerFamily({
  gpuArray: {
    family: 'session',
    signatures: ['G = gpuArray(X)'],
    doc: 'Moves an array to the GPU (as f32 there; the class is kept). Later operations on it run as fused GPU kernels, and each kernel\'s time shows under the cell. Without a GPU the value stays on the CPU. Example: G = gpuArray(rand(1000, \'single\')); s = sum(G(:)).',
    lowering: { residency: 'toDevice' },
    impl: (args) => args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.'),
  },
  gather: {
    family: 'session',
    signatures: ['X = gather(G)'],
    doc: 'Brings a GPU array back to host memory (a sync point: pending GPU work runs first). On a host value it returns the value. Example: x = gather(gpuArray(1:3)) is [1 2 3].',
    lowering: { residency: 'toHost' },
    impl: (args) => args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.'),
  },
  isgpuarray: {
    family: 'session',
    signatures: ['tf = isgpuarray(X)'],
    doc: 'True when X lives on the GPU. Example: isgpuarray(gpuArray(1)) is true when a GPU is present.',
    lowering: { residency: 'isOnDevice' },
    impl: () => logicalScalar(false),
  },
  existsOnGPU: {
    family: 'session',
    signatures: ['tf = existsOnGPU(X)'],
    doc: 'True when X is a GPU array whose data is still available on the device. Example: existsOnGPU(gpuArray(1)).',
    lowering: { residency: 'isOnDevice' },
    impl: () => logicalScalar(false),
  },
});
