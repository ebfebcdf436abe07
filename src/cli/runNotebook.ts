// `matbook run NB.ipynb --out OUT.ipynb [--gpu auto|on|off]`: executes a notebook headless, cell
// by cell, in one Session (one workspace, as on the page). A progress line per code cell goes to
// stderr; the notebook with outputs and execution counts is written to --out (stdout when there
// is none). The first error stops the run: the notebook is still written, up to and including
// the failed cell, and the exit status is 1.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Session } from '../engine/session.ts';
import { openWebGpu } from '../engine/providers/webgpu/index.ts';
import { appendEventOutput } from '../formats/outputs.ts';
import { errorHeader, fromIpynb, serializeIpynb } from '../formats/ipynb.ts';
import { fromMFile } from '../formats/mfile.ts';
import { NotebookFormatError, type DocCell, type DocOutput, type NotebookDoc } from '../formats/notebookDoc.ts';
import type { GpuPolicy } from '../worker/protocol.ts';

export interface RunNotebookOptions {
  file: string;
  out: string | null;
  gpu: GpuPolicy;
  /** Where progress goes; stderr by default. */
  progress?: (line: string) => void;
  /** Write the result here instead of the file system / stdout (tests). */
  write?: (text: string) => void;
  /** A session to run in (tests); otherwise a new one, with WebGPU unless --gpu off. */
  session?: Session;
}

export function isNotebookFile(file: string): boolean {
  return /\.ipynb$/i.test(file);
}

export function readNotebook(file: string): NotebookDoc {
  const text = readFileSync(file, 'utf8');
  if (/\.m$/i.test(file)) return fromMFile(text, { title: basename(file, '.m') });
  return fromIpynb(text);
}

function bar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function firstLine(source: string): string {
  const line = source.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

export async function runNotebook(options: RunNotebookOptions): Promise<number> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  let doc: NotebookDoc;
  try {
    doc = readNotebook(options.file);
  } catch (error) {
    if (error instanceof NotebookFormatError) {
      progress(`matbook: ${options.file}: ${error.message}`);
      return 2;
    }
    throw error;
  }
  let session = options.session;
  if (!session) {
    session = new Session({ gpu: options.gpu });
    if (options.gpu !== 'off') session.attachGpu((await openWebGpu()).provider);
  }
  const live = session;
  const onSigint = () => live.requestInterrupt();
  process.on('SIGINT', onSigint);

  const codeCells = doc.cells.filter((c) => c.kind === 'code' && c.source.trim() !== '');
  const total = codeCells.length;
  let count = 0;
  let failedAt: DocCell | null = null;
  const cells: DocCell[] = doc.cells.map((c) => (c.kind === 'code' ? { ...c, executionCount: null, outputs: [] } : c));
  const started = performance.now();
  try {
    for (const cell of cells) {
      if (cell.kind !== 'code' || cell.source.trim() === '') continue;
      if (failedAt) continue;
      count += 1;
      let outputs: DocOutput[] = [];
      let wallMs = 0;
      let errorText = '';
      const ok = await live.run(cell.source, (event) => {
        outputs = appendEventOutput(outputs, event);
        if (event.type === 'done') wallMs = event.wallMs;
        if (event.type === 'error') errorText = errorHeader(event.error);
      });
      cell.executionCount = count;
      cell.outputs = outputs;
      const head = `[${String(count).padStart(String(total).length)}/${total}] ${bar(count, total)}`;
      if (ok) {
        progress(`${head} ✓ cell ${count}  ${firstLine(cell.source)}  (${wallMs.toFixed(0)} ms)`);
      } else {
        progress(`${head} ✗ cell ${count}  ${firstLine(cell.source)}\n  ${errorText || 'failed'}`);
        failedAt = cell;
      }
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  const text = serializeIpynb({ ...doc, cells });
  if (options.write) options.write(text);
  else if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failedAt) {
    progress(`stopped at the first error (cell ${count} of ${total}); ${options.out ? `wrote ${options.out}` : 'notebook written'} up to that cell`);
    return 1;
  }
  progress(`ran ${total} cell${total === 1 ? '' : 's'} in ${seconds} s${options.out ? `; wrote ${options.out}` : ''}`);
  return 0;
}
