#!/usr/bin/env node
// `npx matbook …`: runs the CLI from a built bundle when one exists, else straight from source.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist-cli/matbook.mjs', import.meta.url));
if (existsSync(bundle) && !process.env.MATBOOK_FROM_SOURCE) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
