// `npm run bench [-- --json] [--quick] [--no-gpu]`: the interpreter and GPU suites, one report
// (bench/suite.ts). `matbook bench` runs the same code from the CLI bundle.
import { benchMain } from './suite.ts';

let code: number;
try {
  code = await benchMain(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  code = 2;
}
// Dawn's GPU instance can keep the event loop alive after the report is out.
process.exit(code);
