// The demo gallery: notebooks under public/examples/NAME.ipynb (built from examples/NAME.m by
// `npm run examples`), reachable as `?example=NAME` and from the Examples menu and start screen.

export interface ExampleInfo {
  name: string;
  title: string;
  summary: string;
}

export const EXAMPLES: readonly ExampleInfo[] = [
  { name: 'image-pipeline', title: '4K image pipeline', summary: 'Per-image mean/std normalisation, gain, bias, clamp and gamma: one ImageNormalize kernel.' },
  { name: 'pca', title: "PCA with A'*A", summary: 'Covariance as a SYRK product, then principal components by power iteration.' },
  { name: 'matmul', title: 'Small-k and epilogue matmul', summary: 'An outer product with k = 4, and a dense layer with scale, bias, clamp and square fused into the product.' },
  { name: 'monte-carlo', title: 'Monte Carlo option pricing', summary: 'A million random paths, max(S - K, 0), discounted mean, against the closed form.' },
  { name: 'elementwise', title: 'Elementwise math', summary: 'Long chains of elementwise functions on a million points, fused into one kernel.' },
];

export function findExample(name: string): ExampleInfo | undefined {
  return EXAMPLES.find((example) => example.name === name);
}
