// fast-check generators for well-formed MATLAB programs, built from the grammar: expressions
// (literals, variables, operators, ranges, matrices, cells, indexing, calls to builtins and to an
// anonymous function) and statements (assignments, indexed assignments, if/for/while/switch/try,
// disp/fprintf, break/continue). Loops are bounded by construction; sizes stay small, so a case
// is quick unless the engine misbehaves.

import fc from 'fast-check';
import { allBuiltins } from '../../../src/engine/builtins/index.ts';

const VARS = ['a', 'b', 'c', 'x', 's'] as const;

const LITERALS = [
  '0', '1', '2', '3', '-1', '0.5', '-2.75', '1e3', '1e-3', '1e300', 'Inf', '-Inf', 'NaN', 'pi', 'eps', '1i', '2-3i',
  'true', 'false', '[]', "''", '""', "'abc'", '"str"', "'a b'", '{}', "{1, 'a'}", '[1 2 3]', '[1; 2]', '[1 2; 3 4]',
  'int8(-5)', 'uint8(200)', 'int32([1 2])', 'single(2.5)', 'logical([1 0 1])', "struct('f', 1)", '@sin', 'zeros(2, 0)',
  "'x':'z'", 'ones(2, 2, 2)', "string('ab')",
] as const;

const BINARY = ['+', '-', '*', '/', '\\', '^', '.*', './', '.\\', '.^', '==', '~=', '<', '<=', '>', '>=', '&', '|', '&&', '||'] as const;

/** Builtins called with curated arities (the rest get random arity from ALL_BUILTINS). */
const COMMON = [
  'size', 'numel', 'length', 'isempty', 'sum', 'prod', 'max', 'min', 'abs', 'sqrt', 'mean', 'any', 'all', 'cumsum', 'sort',
  'find', 'reshape', 'repmat', 'zeros', 'ones', 'eye', 'rand', 'num2str', 'mat2str', 'sprintf', 'isequal', 'numel', 'double',
  'char', 'cell', 'class', 'floor', 'mod', 'round', 'transpose', 'fliplr', 'unique', 'strcat', 'cat', 'horzcat', 'vertcat',
  'linspace', 'diag', 'norm', 'det', 'inv', 'kron', 'circshift', 'permute', 'squeeze', 'cellfun', 'arrayfun', 'strrep',
  'regexprep', 'str2double', 'int2str', 'logical', 'nnz', 'diff', 'median', 'std', 'var', 'cross', 'dot', 'colon',
] as const;

/** Builtins a fuzz case must not call: none block, but these print help or reset state. */
// pause waits real time (up to the watchdog), which only slows the fuzzer down.
const EXCLUDED = new Set(['clc', 'format', 'rng', 'tic', 'toc', 'clear', 'who', 'pause']);

export const ALL_BUILTINS: readonly string[] = allBuiltins()
  .map(([name]) => name)
  .filter((name) => !EXCLUDED.has(name));

/** Small integers for sizes, indices and loop bounds. */
const small = fc.integer({ min: -1, max: 4 }).map(String);
const index = fc.oneof(fc.integer({ min: 0, max: 5 }).map(String), fc.constantFrom('end', 'end-1', ':', '[1 2]', 'true', '[]', '1.5', "'a'"));

export interface ProgramArbs {
  expr: fc.Arbitrary<string>;
  stmt: fc.Arbitrary<string>;
  program: fc.Arbitrary<string>;
}

export function programArbitraries(): ProgramArbs {
  const { expr } = fc.letrec<{ expr: string; leaf: string; node: string }>((tie) => ({
    leaf: fc.oneof(fc.constantFrom(...LITERALS), fc.constantFrom(...VARS), small),
    expr: fc.oneof({ maxDepth: 4, depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('node')),
    node: fc.oneof(
      fc.tuple(tie('expr'), fc.constantFrom(...BINARY), tie('expr')).map(([l, op, r]) => `(${l} ${op} ${r})`),
      fc.tuple(fc.constantFrom('-', '~', '+'), tie('expr')).map(([op, e]) => `${op}(${e})`),
      fc.tuple(tie('expr'), fc.constantFrom("'", ".'")).map(([e, op]) => `(${e})${op}`),
      fc.tuple(small, small).map(([a, b]) => `(${a}:${b})`),
      fc.tuple(small, fc.constantFrom('1', '2', '-1', '0.5', '0'), small).map(([a, s, b]) => `(${a}:${s}:${b})`),
      fc.array(fc.array(tie('expr'), { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map(
        (rows) => `[${rows.map((r) => r.join(', ')).join('; ')}]`,
      ),
      fc.array(tie('expr'), { maxLength: 3 }).map((items) => `{${items.join(', ')}}`),
      fc.tuple(fc.constantFrom(...COMMON), fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
      fc.tuple(fc.constantFrom(...ALL_BUILTINS), fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
      fc.tuple(fc.constantFrom(...VARS), fc.array(index, { minLength: 0, maxLength: 3 })).map(([v, ix]) => `${v}(${ix.join(', ')})`),
      fc.tuple(fc.constantFrom(...VARS), index).map(([v, ix]) => `${v}{${ix}}`),
      fc.tuple(fc.constantFrom(...VARS), fc.constantFrom('f', 'g')).map(([v, f]) => `${v}.${f}`),
      fc.tuple(tie('expr'), tie('expr')).map(([body, arg]) => `feval(@(t) ${body.replace(/\bx\b/g, 't')}, ${arg})`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `fn1(${a}, ${b})`),
    ),
  }));

  const lvalue = fc.oneof(
    fc.constantFrom(...VARS),
    fc.tuple(fc.constantFrom(...VARS), fc.array(index, { minLength: 1, maxLength: 2 })).map(([v, ix]) => `${v}(${ix.join(', ')})`),
    fc.tuple(fc.constantFrom(...VARS), index).map(([v, ix]) => `${v}{${ix}}`),
    fc.tuple(fc.constantFrom(...VARS), fc.constantFrom('f', 'g', 'f.h', 'f(2)')).map(([v, f]) => `${v}.${f}`),
  );

  const { stmt } = fc.letrec<{ stmt: string; simple: string; compound: string; block: string }>((tie) => ({
    simple: fc.oneof(
      fc.tuple(lvalue, expr, fc.constantFrom(';', ';', '')).map(([l, e, end]) => `${l} = ${e}${end}`),
      fc.tuple(fc.array(fc.constantFrom(...VARS, '~'), { minLength: 2, maxLength: 3 }), expr).map(([ls, e]) => `[${ls.join(', ')}] = ${e};`),
      expr.map((e) => `disp(${e})`),
      expr.map((e) => `fprintf('%g %s|\\n', ${e})`),
      expr,
      fc.constantFrom('break', 'continue', 'x = 1;', 'clear a', 's = struct();', 'c = {};'),
    ),
    block: fc.array(tie('stmt'), { minLength: 0, maxLength: 3 }).map((ss) => ss.join('\n')),
    compound: fc.oneof(
      fc.tuple(expr, tie('block'), fc.option(tie('block'))).map(([c, a, b]) => `if ${c}\n${a}\n${b === null ? '' : `else\n${b}\n`}end`),
      fc.tuple(expr, tie('block'), expr, tie('block')).map(([c, a, d, b]) => `if ${c}\n${a}\nelseif ${d}\n${b}\nend`),
      fc.tuple(fc.constantFrom('k', 'x'), fc.oneof(fc.tuple(small, small).map(([a, b]) => `${a}:${b}`), expr), tie('block')).map(
        ([v, it, body]) => `for ${v} = ${it}\n${body}\nend`,
      ),
      // A while loop with its own counter: at most 4 iterations whatever the body does.
      fc.tuple(fc.integer({ min: 0, max: 4 }), expr, tie('block')).map(
        ([n, c, body]) => `wn = 0;\nwhile wn < ${n} && ~isempty(${c})\nwn = wn + 1;\n${body}\nend`,
      ),
      fc.tuple(expr, fc.array(fc.tuple(expr, tie('block')), { maxLength: 2 }), fc.option(tie('block'))).map(
        ([subj, cases, other]) =>
          `switch ${subj}\n${cases.map(([m, b]) => `case ${m}\n${b}\n`).join('')}${other === null ? '' : `otherwise\n${other}\n`}end`,
      ),
      fc.tuple(tie('block'), tie('block')).map(([a, b]) => `try\n${a}\ncatch err\ndisp(err.message)\n${b}\nend`),
    ),
    stmt: fc.oneof({ maxDepth: 3, depthSize: 'small' }, tie('simple'), tie('compound')),
  }));

  const fnDef = fc.tuple(expr, fc.boolean()).map(
    ([body, recursive]) =>
      `function r = fn1(x, y)\n${recursive ? 'if numel(x) < 3\nr = fn1([x 1], y);\nreturn\nend\n' : ''}r = ${body};\nend`,
  );
  const program = fc
    .tuple(fc.array(stmt, { minLength: 1, maxLength: 6 }), fnDef)
    .map(([ss, def]) => `a = 1; b = [1 2 3]; c = {1, 'two'}; x = 'text'; s.f = 2;\n${ss.join('\n')}\n${def}\n`);

  return { expr, stmt, program };
}
