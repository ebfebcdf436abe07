// Session builtins: the workspace (clear, who, exist), format, clc, tic/toc, rng, feval, deal.

import { raise } from '../errors.ts';
import { andThen } from '../runtime/interpreter/async.ts';
import { castScalar, CellArray, charRow, scalar, StructArray, Tensor, type Value } from '../runtime/values/index.ts';
import { isText, textArg } from './args.ts';
import { scalarArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

let ticStart: number | null = null;
/** pause('off') makes later pauses return at once (scripts written for a desk, run as a batch). */
let pauseEnabled = true;

/** MATLAB's reserved words, as iskeyword lists them: none is a valid variable name. */
const MATLAB_KEYWORDS = [
  'break', 'case', 'catch', 'classdef', 'continue', 'else', 'elseif', 'end', 'for', 'function',
  'global', 'if', 'otherwise', 'parfor', 'persistent', 'return', 'spmd', 'switch', 'try', 'while',
];
const KEYWORD_SET = new Set(MATLAB_KEYWORDS);

function logicalScalar(b: boolean): Tensor {
  return new Tensor('logical', [1, 1], Float64Array.of(b ? 1 : 0));
}

function isValidName(v: Value | undefined): boolean {
  if (!isText(v)) return false;
  const s = textArg(v, 'isvarname');
  return /^[A-Za-z]\w{0,62}$/.test(s) && !KEYWORD_SET.has(s);
}

/**
 * nargin(f)/nargout(f) for a function handle. Inside a function body `nargin` is a variable the
 * interpreter binds, so these builtins are only reached with an argument (or at top level).
 */
function handleArity(name: string, count: (anon: { params: string[] }) => number, what: string): BuiltinSpec {
  return {
    family: 'session',
    signatures: [`n = ${name}(fun)`],
    doc: `The number of ${what} a function handle declares (-1 when it takes a variable number). Example: ${name}(@(x, y) x + y) is ${name === 'nargin' ? 2 : 1}.`,
    impl: (args) => {
      const f = args[0];
      if (!f) raise('MATLAB:nargin:notInFunction', `You can only call ${name} from within a MATLAB function.`);
      if (f.type !== 'function_handle' || !f.anonymous) raise('MATLAB:narginout:functionDoesnotExist', `${name} needs an anonymous function handle here.`);
      const anon = f.anonymous;
      if (name === 'nargin' && anon.params[anon.params.length - 1] === 'varargin') return scalar(-anon.params.length);
      return scalar(count(anon));
    },
  };
}

registerFamily({
  format: {
    family: 'session',
    signatures: ['format short', 'format long', 'format'],
    doc: 'Sets how numbers display: short (4 digits after the point) or long (15). Example: format long; pi.',
    impl: (args, ctx) => {
      const mode = args.length === 0 ? 'short' : textArg(args[0], 'format').toLowerCase();
      if (mode === 'short' || mode === 'long') ctx.format = mode;
      else if (mode !== 'compact' && mode !== 'loose') raise('MATLAB:format:UnknownFormat', `Unknown format '${mode}'.`);
    },
  },
  clc: {
    family: 'session',
    signatures: ['clc'],
    doc: 'Clears the command window; in a notebook the cell output is already fresh, so it does nothing.',
    impl: () => undefined,
  },
  clear: {
    family: 'session',
    signatures: ['clear', 'clear name1 name2', 'clear all', 'clear variables'],
    doc: 'Removes variables from the workspace. Example: clear x y.',
    impl: (args, ctx) => {
      const names = args.map((a, i) => textArg(a, 'clear', i + 1));
      if (names.length === 0 || names.some((n) => n === 'all' || n === 'variables' || n === '-all')) ctx.workspace.clear(null);
      else {
        const patterns = names.map((n) => new RegExp('^' + n.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$'));
        ctx.workspace.clear(ctx.workspace.names().filter((v) => patterns.some((p) => p.test(v))));
      }
    },
  },
  who: {
    family: 'session',
    signatures: ['who', 'C = who'],
    doc: 'Lists the workspace variables; with an output, returns their names sorted as a cell column instead of printing. Example: x = 1; who; c = who.',
    impl: (_args, ctx) => {
      const names = ctx.workspace.names().sort();
      if (ctx.nargout > 0) return new CellArray([names.length, 1], names.map((n) => charRow(n)));
      if (names.length > 0) ctx.print(`Your variables are:\n\n${names.join('  ')}\n\n`);
    },
  },
  exist: {
    family: 'session',
    signatures: ['tf = exist(name)', 'tf = exist(name, searchType)'],
    doc: "1 for a variable, 5 for a builtin function, 2 for a function defined in a cell, 0 otherwise. searchType 'var', 'builtin' or 'file' looks only for that kind ('dir' and 'class' find nothing). Example: exist('pi') is 5; exist('pi', 'var') is 0.",
    impl: (args, ctx) => {
      const name = textArg(args[0], 'exist');
      const kind = args.length > 1 ? textArg(args[1], 'exist', 2).toLowerCase() : null;
      if (kind !== null && !['var', 'builtin', 'file', 'dir', 'class'].includes(kind)) {
        raise('MATLAB:exist:InvalidSearchType', `Invalid search type '${kind}'. Use 'var', 'builtin', 'file', 'dir' or 'class'.`);
      }
      const isVar = ctx.workspace.get(name) !== undefined;
      if (kind === 'var' || (kind === null && isVar)) return scalar(isVar ? 1 : 0);
      const f = ctx.workspace.functionExists(name);
      if (kind === 'builtin') return scalar(f === 'builtin' ? 5 : 0);
      if (kind === 'file') return scalar(f === 'user' ? 2 : 0);
      if (kind !== null) return scalar(0);
      return scalar(f === 'builtin' ? 5 : f === 'user' ? 2 : 0);
    },
  },
  isvarname: {
    family: 'session',
    signatures: ['tf = isvarname(s)'],
    doc: "True when s is a valid variable name: a letter, then letters, digits or underscores, at most 63 characters, and not a keyword. Example: isvarname('x1') is true; isvarname('1x') and isvarname('for') are false.",
    impl: (args) => logicalScalar(isValidName(args[0])),
  },
  iskeyword: {
    family: 'session',
    signatures: ['tf = iskeyword(s)', 'C = iskeyword'],
    doc: "True when s is a MATLAB keyword; with no argument, the keywords as a cell column. Example: iskeyword('end') is true, iskeyword('sin') is false.",
    impl: (args) => {
      if (args.length === 0) return new CellArray([MATLAB_KEYWORDS.length, 1], MATLAB_KEYWORDS.map((k) => charRow(k)));
      return logicalScalar(isText(args[0]) && KEYWORD_SET.has(textArg(args[0], 'iskeyword')));
    },
  },
  feval: {
    family: 'session',
    signatures: ['[y1, ..., yN] = feval(fun, x1, ..., xM)'],
    doc: "Calls a function given by handle or name. Example: feval(@plus, 1, 2) is 3; feval('sin', 0) is 0.",
    impl: (args, ctx) => ctx.call(args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.'), args.slice(1), Math.max(1, ctx.nargout)),
  },
  deal: {
    family: 'cells',
    signatures: ['[B1, ..., Bn] = deal(A)', '[B1, ..., Bn] = deal(A1, ..., An)'],
    doc: 'Copies inputs to outputs. Example: [a, b] = deal(1, 2) sets a = 1, b = 2; [a, b] = deal(0) sets both to 0.',
    impl: (args, ctx) => {
      const n = Math.max(1, ctx.nargout);
      if (args.length === 1) return Array.from({ length: n }, () => args[0]);
      if (args.length !== n) raise('MATLAB:deal:narginNargoutMismatch', 'The number of outputs should match the number of inputs.');
      return args;
    },
  },
  nargin: handleArity('nargin', (h) => h.params.length, 'inputs'),
  nargout: handleArity('nargout', () => 1, 'outputs'),
  tic: {
    family: 'session',
    signatures: ['tic', 't = tic'],
    doc: 'Starts a stopwatch; toc reads it. With an output, returns the start time as a uint64 id for toc(id). Example: tic; x = rand(1000); toc.',
    impl: (_args, ctx) => {
      ticStart = ctx.now();
      if (ctx.nargout === 0) return undefined;
      return new Tensor('uint64', [1, 1], Float64Array.of(castScalar(Math.round(ticStart * 1e6), 'uint64')));
    },
  },
  toc: {
    family: 'session',
    signatures: ['toc', 'elapsed = toc', 'elapsed = toc(t)'],
    doc: 'Seconds since tic. Example: tic; pause(0); t = toc.',
    impl: (args, ctx) => {
      const start = args.length > 0 ? scalarArg(args[0], 'toc') / 1e6 : ticStart;
      if (start === null) raise('MATLAB:toc:callTicFirst', 'You must call TIC without an output argument before calling TOC without an input argument.');
      const elapsed = ctx.now() - start;
      if (ctx.nargout > 0) return scalar(elapsed);
      ctx.print(`Elapsed time is ${elapsed.toFixed(6)} seconds.\n`);
    },
  },
  pause: {
    family: 'session',
    signatures: ['pause(n)', "pause('on')", "pause('off')", "state = pause('query')", "oldState = pause('off')"],
    doc: "Waits n seconds (fractions allowed; Inf waits until you interrupt). The output so far shows first, the page stays responsive, and Interrupt stops it at once. pause('off') turns later pauses off, pause('on') back on, pause('query') returns the state. Example: for k = 1:3, disp(k); pause(0.5); end.",
    impl: (args, ctx) => {
      if (args.length === 0) {
        raise('MATLAB:pause:noKeyboard', 'pause with no argument waits for a key press, which a notebook cell cannot receive. Use pause(n) to wait n seconds.');
      }
      if (args.length > 1) raise('MATLAB:TooManyInputs', 'Too many input arguments.');
      const arg = args[0];
      if (isText(arg)) {
        const option = textArg(arg, 'pause').toLowerCase();
        const previous = charRow(pauseEnabled ? 'on' : 'off');
        if (option === 'on' || option === 'off') pauseEnabled = option === 'on';
        else if (option !== 'query') raise('MATLAB:pause:invalidOption', `Invalid option '${option}'. Use 'on', 'off' or 'query'.`);
        return ctx.nargout > 0 || option === 'query' ? previous : undefined;
      }
      if (arg.type !== 'tensor' || arg.numel !== 1 || arg.im !== null || arg.cls === 'char' || !(arg.re[0] >= 0)) {
        raise('MATLAB:pause:invalidInput', "The input must be a nonnegative real scalar, 'on', 'off' or 'query'.");
      }
      if (!pauseEnabled) {
        ctx.checkInterrupt();
        return undefined;
      }
      return andThen(ctx.sleep(arg.re[0]), () => undefined);
    },
  },
  rng: {
    family: 'session',
    signatures: ['rng(seed)', 'rng default', "rng(seed, 'twister')", 's = rng', 'rng(s)'],
    doc: "Seeds the random generator so rand/randn/randi repeat. s = rng captures the generator's settings and position (Type, Seed, State); rng(s) restores them, so the draws after it repeat the draws after s = rng. Example: rng(42); a = rand; rng(42); b = rand; a == b.",
    impl: (args, ctx) => {
      // State holds the twister's 624 words plus its read position and any pending normal.
      const position = ctx.random.state();
      const previous = new StructArray([1, 1], ['Type', 'Seed', 'State'], [
        new Map<string, Value>([
          ['Type', charRow('twister')],
          ['Seed', scalar(ctx.random.currentSeed)],
          ['State', new Tensor('double', [position.length, 1], position)],
        ]),
      ]);
      if (args.length > 0) {
        const a = args[0];
        if (isText(a)) {
          const word = textArg(a, 'rng');
          if (word === 'default') ctx.random.seed(0);
          else if (word === 'shuffle') ctx.random.seed(Math.floor(Date.now() % 2 ** 32));
          else raise('MATLAB:rng:badFirstOpt', `Unknown option '${word}'.`);
        } else if (a.type === 'struct') {
          const seed = a.items[0]?.get('Seed');
          const state = a.items[0]?.get('State');
          const seedValue = seed && seed.type === 'tensor' ? seed.re[0] : 0;
          if (!(state && state.type === 'tensor' && ctx.random.restore(state.re, seedValue))) ctx.random.seed(seedValue);
        } else {
          const s = scalarArg(a, 'rng');
          if (!(s >= 0) || s !== Math.floor(s) || s >= 2 ** 32) raise('MATLAB:rng:badSeed', 'The seed must be a nonnegative integer less than 2^32.');
          ctx.random.seed(s);
        }
      }
      return ctx.nargout > 0 ? previous : undefined;
    },
  },
});
