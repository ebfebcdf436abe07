// Builds the demo gallery: examples/NAME.m (MATLAB with %% sections) → public/examples/NAME.ipynb,
// through the same pure converters the page and the CLI use. `--check` exits 1 when a committed
// notebook is out of date (the unit tests run that check too).
//   node --import tsx scripts/build-examples.ts [--check]

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeIpynb } from '../src/formats/ipynb.ts';
import { fromMFile } from '../src/formats/mfile.ts';
import { EXAMPLES } from '../src/ui/core/share/examples.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The .ipynb text of one example, with stable cell ids (`NAME-1`, `NAME-2`, ...). */
export function exampleNotebook(name: string, title: string): string {
  const doc = fromMFile(readFileSync(join(root, 'examples', `${name}.m`), 'utf8'), { title });
  doc.cells = doc.cells.map((cell, i) => ({ ...cell, id: `${name}-${i + 1}` }));
  return serializeIpynb(doc);
}

function main(): number {
  const check = process.argv.includes('--check');
  const out = join(root, 'public', 'examples');
  mkdirSync(out, { recursive: true });
  let stale = 0;
  for (const { name, title } of EXAMPLES) {
    const file = join(out, `${name}.ipynb`);
    const text = exampleNotebook(name, title);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (current === text) continue;
    if (check) {
      process.stderr.write(`${file} is out of date: run npm run examples\n`);
      stale += 1;
    } else {
      writeFileSync(file, text);
      process.stderr.write(`wrote ${file}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(main());
