// The matbook command line: run a .m script and print the JSON contract (DESIGN.md "Command
// line contract"), or check the GPU. Thin by design: parse arguments, call the engine, print.

import { readFileSync } from 'node:fs';
import { Session } from '../engine/session.ts';
import { runInSession } from '../engine/runJson.ts';
import { gpuSelfTest } from '../engine/gpuSelfTest.ts';
import { openWebGpu } from '../engine/providers/webgpu/index.ts';
import type { GpuPolicy } from '../worker/protocol.ts';
import { isNotebookFile, runNotebook } from './runNotebook.ts';

const USAGE = `usage:
  matbook run FILE.m [--json] [--gpu auto|on|off]
  matbook run NB.ipynb [--out OUT.ipynb] [--gpu auto|on|off]
                              run a notebook headless (progress on stderr; exit 1 at the first error)
  matbook tune-matmul [--json] [--quick] [--budget=S]
                              sweep GEMM tiles and schedules on this GPU (bench/tune/matmul.ts)
  matbook selftest            run one WGSL kernel and compare it with the CPU
  matbook bench [--json] [--quick] [--no-gpu] [--only=GROUP,…] [--peak-tflops=N]
                              interpreter and GPU benchmarks (bench/suite.ts); groups: copy,
                              elementwise, reduction, matmul, image, workload, peers
`;

interface Args {
  command: string;
  file: string | null;
  json: boolean;
  gpu: GpuPolicy;
  /** Notebook runs: where the executed notebook goes. */
  out: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: argv[0] ?? '', file: null, json: false, gpu: 'auto', out: null };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--gpu') {
      const v = argv[++i];
      if (v !== 'auto' && v !== 'on' && v !== 'off') fail(`--gpu takes auto, on or off (got ${v ?? 'nothing'})`);
      args.gpu = v;
    } else if (a.startsWith('--gpu=')) args.gpu = a.slice(6) as GpuPolicy;
    else if (a === '--out') {
      const v = argv[++i];
      if (!v) fail('--out takes a file name');
      args.out = v;
    } else if (a.startsWith('--out=')) args.out = a.slice(6);
    else if (!a.startsWith('-') && args.file === null) args.file = a;
    else fail(`unknown argument ${a}`);
  }
  return args;
}

function fail(message: string): never {
  process.stderr.write(`matbook: ${message}\n${USAGE}`);
  process.exit(2);
}

async function run(args: Args): Promise<number> {
  if (!args.file) fail('run needs a file');
  if (isNotebookFile(args.file) || args.out !== null) return runNotebook({ file: args.file, out: args.out, gpu: args.gpu });
  const source = readFileSync(args.file, 'utf8');
  const session = new Session({ gpu: args.gpu });
  if (args.gpu !== 'off') session.attachGpu((await openWebGpu()).provider);
  process.on('SIGINT', () => session.requestInterrupt());
  if (args.json) {
    const result = await runInSession(session, source);
    process.stdout.write(JSON.stringify(result) + '\n');
    return result.error ? 1 : 0;
  }
  let failed = false;
  await session.run(source, (event) => {
    if (event.type === 'stdout' || event.type === 'display') process.stdout.write(event.text);
    else if (event.type === 'error') {
      failed = true;
      const where = event.error.line !== null ? ` (line ${event.error.line}, column ${event.error.column})` : '';
      process.stderr.write(`Error${where}: ${event.error.message}\n`);
    }
  });
  return failed ? 1 : 0;
}

async function selftest(): Promise<number> {
  const { provider, adapter } = await openWebGpu();
  if (!provider) {
    process.stdout.write(JSON.stringify({ ok: false, adapter }) + '\n');
    return 1;
  }
  const result = await gpuSelfTest(provider);
  process.stdout.write(JSON.stringify({ ...result, adapter }) + '\n');
  provider.destroy();
  return result.ok ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'tune-matmul') return (await import('../../bench/tune/matmul.ts')).tuneMatmulMain(argv.slice(1));
  // bench has its own flags (--quick, --no-gpu, --only, --peak-tflops): bench/util.ts parses them.
  if (argv[0] === 'bench') {
    const { benchMain } = await import('../../bench/suite.ts');
    try {
      return await benchMain(argv.slice(1));
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('unknown bench argument')) fail(e.message);
      throw e;
    }
  }
  const args = parseArgs(argv);
  switch (args.command) {
    case 'run':
      return run(args);
    case 'selftest':
      return selftest();
    case '':
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
    default:
      fail(`unknown command ${args.command}`);
  }
}

/**
 * Exits once stdout has drained: process.exit right after a large write to a pipe would cut the
 * JSON at 64 KiB. (Exiting at all is needed: Dawn's device keeps the event loop alive.)
 */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

main(process.argv.slice(2)).then(
  exitAfterOutput,
  (e: unknown) => {
    process.stderr.write(`matbook: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  },
);
