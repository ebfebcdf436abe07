// What the Node bench needs besides code: the workload scripts (bench/workloads/*.m) and the
// jax-js version. The one-file CLI bundle carries them in a define made by scripts/build-cli.mjs
// (node_modules and the .m files do not travel to a GPU machine); run from the source tree
// (npm run bench) they are read from disk.

export interface BenchEmbed {
  /** Workload name (file name without .m) → script text. */
  workloads: Record<string, string>;
  jaxVersion: string;
}

declare const __MATBOOK_BENCH_EMBED__: BenchEmbed | undefined;

export async function benchEmbed(): Promise<BenchEmbed> {
  if (typeof __MATBOOK_BENCH_EMBED__ !== 'undefined') return __MATBOOK_BENCH_EMBED__;
  const fs = await import('node:fs');
  const { createRequire } = await import('node:module');
  const path = await import('node:path');
  const dir = new URL('../workloads/', import.meta.url);
  const workloads: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.m')) workloads[f.slice(0, -2)] = fs.readFileSync(new URL(f, dir), 'utf8');
  }
  let jaxVersion = 'unknown';
  try {
    // The package's exports map hides package.json: find it next to the resolved entry point.
    const entry = createRequire(import.meta.url).resolve('@jax-js/jax');
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version?: string };
    jaxVersion = pkg.version ?? jaxVersion;
  } catch {
    // Not installed: the peer reports itself skipped anyway.
  }
  return { workloads, jaxVersion };
}
