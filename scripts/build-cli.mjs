// Bundles the CLI into one ESM file, dist-cli/matbook.mjs, with only the `webgpu` package left
// external: that file plus node_modules/webgpu is all a GPU machine needs (shared/device/README.md).
// The benchmark's peers (@tensorflow/tfjs-core, tfjs-backend-webgpu, @jax-js/jax) are bundled in,
// and so are the workload scripts (bench/workloads/*.m) and the jax-js version, through a define
// that bench/node/embedded.ts reads: node_modules and the .m files do not travel with the bundle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { build } from 'esbuild';

const OUT = 'dist-cli/matbook.mjs';
/** What is sent to a GPU machine (this file plus .device/, ~35 MB) must stay under 64 MiB. */
const MAX_BUNDLE_BYTES = 24 * 1024 * 1024;

const workloads = {};
for (const f of readdirSync('bench/workloads').sort()) {
  if (f.endsWith('.m')) workloads[f.slice(0, -2)] = readFileSync(`bench/workloads/${f}`, 'utf8');
}
const jaxVersion = JSON.parse(readFileSync('node_modules/@jax-js/jax/package.json', 'utf8')).version;

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['webgpu'],
  define: { __MATBOOK_BENCH_EMBED__: JSON.stringify({ workloads, jaxVersion }) },
  banner: { js: "import { createRequire as __mbCreateRequire } from 'node:module'; const require = __mbCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
const bytes = statSync(OUT).size;
console.log(`wrote ${OUT} (${(bytes / 1024 / 1024).toFixed(1)} MiB; ${Object.keys(workloads).length} workload scripts embedded)`);
if (bytes > MAX_BUNDLE_BYTES) {
  console.error(`${OUT} is over ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB: with .device/ it would not fit the 64 MiB a GPU machine receives`);
  process.exit(1);
}
