// Value classes, re-exported for the layers that work with values.
export * from './classes.ts';
export * from './shape.ts';
export * from './tensor.ts';
export * from './gpuTensor.ts';
export * from './containers.ts';
export * from './value.ts';
