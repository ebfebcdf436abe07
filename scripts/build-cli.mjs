// Bundles the CLI into one ESM file, dist-cli/matbook.mjs, with only the `webgpu` package left
// external: that file plus node_modules/webgpu is all a GPU machine needs (shared/device/README.md).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist-cli/matbook.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['webgpu'],
  banner: { js: "import { createRequire as __mbCreateRequire } from 'node:module'; const require = __mbCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log('wrote dist-cli/matbook.mjs');
