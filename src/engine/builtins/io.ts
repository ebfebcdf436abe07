// Text output and errors: disp, display, fprintf, sprintf, num2str, mat2str, error, warning,
// rethrow, assert. Formatting itself lives in runtime/display; these read arguments and route.

import { MatlabError, raise } from '../errors.ts';
import { dispText, formatPrintf, mat2str, num2str } from '../runtime/display/index.ts';
import { charRow, scalar, type Value } from '../runtime/values/index.ts';
import { isText, textArg } from './args.ts';
import { isTruthy, scalarArg } from './numeric.ts';
import { registerFamily } from './registry.ts';

/** MATLAB treats error('a:b', ...) as an identifier only when the id looks like one. */
function looksLikeIdentifier(s: string): boolean {
  return /^[A-Za-z][\w-]*(:[\w-]+)+$/.test(s);
}

function errorFromArgs(args: Value[], fname: string): MatlabError {
  const first = args[0];
  if (first && first.type === 'struct') {
    const m = first.items[0];
    const msg = m?.get('message');
    const id = m?.get('identifier');
    return new MatlabError(id && isText(id) ? textArg(id, fname) : '', msg && isText(msg) ? textArg(msg, fname) : '');
  }
  const text = textArg(first, fname);
  if (args.length >= 2 && looksLikeIdentifier(text)) {
    return new MatlabError(text, formatPrintf(textArg(args[1], fname, 2), args.slice(2)));
  }
  if (args.length === 1) return new MatlabError('', text);
  return new MatlabError('', formatPrintf(text, args.slice(1)));
}

registerFamily({
  disp: {
    family: 'io',
    signatures: ['disp(X)'],
    doc: "Displays X without printing its name. Example: disp([1 2 3]) prints '     1     2     3'.",
    impl: (args, ctx) => {
      if (args.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
      ctx.print(dispText(args[0], ctx.format));
    },
  },
  display: {
    family: 'io',
    signatures: ['display(X)'],
    doc: 'Displays X as an unsuppressed statement would, with its name. Example: x = 3; display(x).',
    impl: (args, ctx) => ctx.display('ans', args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.')),
  },
  fprintf: {
    family: 'io',
    signatures: ['fprintf(formatSpec, A1, ..., An)', 'fprintf(1, formatSpec, ...)', 'nbytes = fprintf(...)'],
    doc: "Prints formatted text; the format is reused while data remains. Example: fprintf('%d\\n', [1 2 3]) prints three lines.",
    impl: (args, ctx) => {
      let rest = args;
      if (rest.length >= 2 && rest[0].type === 'tensor' && rest[0].cls !== 'char' && rest[0].re.length === 1 && (rest[0].re[0] === 1 || rest[0].re[0] === 2)) {
        rest = rest.slice(1);
      }
      const text = rest.length === 0 ? raise('MATLAB:minrhs', 'Not enough input arguments.') : formatPrintf(textArg(rest[0], 'fprintf'), rest.slice(1));
      ctx.print(text);
      return ctx.nargout > 0 ? scalar(text.length) : undefined;
    },
  },
  sprintf: {
    family: 'strings',
    signatures: ['str = sprintf(formatSpec, A1, ..., An)'],
    doc: "Formats data into a char row; the format is reused while data remains. Example: sprintf('%5.2f|', [pi exp(1)]) is ' 3.14| 2.72|'.",
    impl: (args) => charRow(formatPrintf(textArg(args[0], 'sprintf'), args.slice(1))),
  },
  num2str: {
    family: 'strings',
    signatures: ['s = num2str(A)', 's = num2str(A, precision)', 's = num2str(A, formatSpec)'],
    doc: "Converts numbers to text as MATLAB shows them (4 significant digits after the point for non-integers by default). Example: num2str(pi) is '3.1416'.",
    impl: (args) => num2str(args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.'), args[1] === undefined ? undefined : isText(args[1]) ? textArg(args[1], 'num2str', 2) : scalarArg(args[1], 'num2str', 2)),
  },
  mat2str: {
    family: 'strings',
    signatures: ['str = mat2str(A)', 'str = mat2str(A, n)'],
    doc: "MATLAB syntax text for a matrix. Example: mat2str([1 2; 3 4]) is '[1 2;3 4]'.",
    impl: (args) => {
      const precision = args[1] === undefined ? 15 : scalarArg(args[1], 'mat2str', 2);
      if (!Number.isInteger(precision)) raise('MATLAB:mat2str:InvalidPrecision', 'The precision must be a positive integer.');
      // A double's exact decimal expansion has at most 767 significant digits: more never changes the text.
      return charRow(mat2str(args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.'), Math.max(1, Math.min(precision, 800))));
    },
  },
  error: {
    family: 'session',
    signatures: ['error(msg)', 'error(errID, formatSpec, A1, ...)', 'error(errorStruct)'],
    doc: "Throws an error with an optional identifier; try/catch can catch it. Example: error('my:id', 'Value %d is too big', 7).",
    impl: (args) => {
      if (args.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
      throw errorFromArgs(args, 'error');
    },
  },
  warning: {
    family: 'session',
    signatures: ['warning(msg)', 'warning(warnID, formatSpec, A1, ...)', 'warning off', 'warning on'],
    doc: "Prints a warning and continues. Example: warning('Results may be inaccurate').",
    impl: (args, ctx) => {
      if (args.length === 0) return;
      const first = textArg(args[0], 'warning');
      if ((first === 'off' || first === 'on' || first === 'query') && args.length <= 2) return;
      const e = errorFromArgs(args, 'warning');
      ctx.warning(e.identifier, e.message);
    },
  },
  rethrow: {
    family: 'session',
    signatures: ['rethrow(err)'],
    doc: 'Throws a caught error again, keeping its message and identifier. Example: try, error("a:b","x"), catch e, rethrow(e), end.',
    impl: (args) => {
      throw errorFromArgs(args, 'rethrow');
    },
  },
  assert: {
    family: 'session',
    signatures: ['assert(cond)', 'assert(cond, msg, A1, ...)', 'assert(cond, errID, msg, A1, ...)'],
    doc: "Throws an error when cond is false. Example: assert(numel(x) == 3, 'x must have 3 elements').",
    impl: (args) => {
      if (args.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
      if (isTruthy(args[0])) return;
      if (args.length === 1) raise('MATLAB:assertion:failed', 'Assertion failed.');
      throw errorFromArgs(args.slice(1), 'assert');
    },
  },
});
