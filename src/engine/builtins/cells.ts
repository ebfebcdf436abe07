// Cell and struct builtins: cellfun/arrayfun/structfun (which call user functions through
// ctx.call), struct field access (fieldnames, isfield, rmfield, setfield, getfield, orderfields),
// conversions (struct2cell, cell2struct, cell2mat, num2cell, cellstr), iscellstr,
// validateattributes, and function-handle text (func2str, str2func).
//
// ctx.call may answer with a Promise (a GPU readback inside the called function). `each` runs
// the calls in order and stays synchronous until one of them is asynchronous.

import { hostOnly } from '../runtime/values/index.ts';
import { MatlabError, raise } from '../errors.ts';
import { checkContainerSize } from '../limits.ts';
import { parse } from '../lang/index.ts';
import {
  CellArray,
  charRows,
  classOf,
  FunctionHandle,
  isFloatClass,
  isIntClass,
  isNumericClass,
  logicalScalar,
  scalar,
  StringArray,
  StructArray,
  Tensor,
  type Value,
} from '../runtime/values/index.ts';
import { isText, textArg } from './args.ts';
import { describe } from './numeric.ts';
import { registerFamily } from './registry.ts';
import { rowChar } from './strings.ts';
import type { Async, CallContext } from './types.ts';

function needArgs(args: Value[], n: number): void {
  if (args.length < n) raise('MATLAB:minrhs', 'Not enough input arguments.');
}

/** Runs `f(0..n-1)` in order; synchronous until one call returns a Promise. */
function each<T>(n: number, f: (k: number) => Async<T>): Async<T[]> {
  const out: T[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const r = f(k);
    if (r instanceof Promise) {
      return (async () => {
        out[k] = await r;
        for (let j = k + 1; j < n; j++) out[j] = await f(j);
        return out;
      })();
    }
    out[k] = r;
  }
  return out;
}

function then<T, U>(x: Async<T>, f: (v: T) => Async<U>): Async<U> {
  return x instanceof Promise ? x.then(f) : f(x);
}

function structArg(v: Value | undefined, fname: string): StructArray {
  if (v === undefined) raise('MATLAB:minrhs', 'Not enough input arguments.');
  if (v.type !== 'struct') raise('MATLAB:invalidType', `Input to ${fname} must be a struct (got ${describe(v)}).`);
  return v;
}

function nameList(v: Value | undefined, fname: string): string[] {
  if (v !== undefined && v.type === 'cell') return v.items.map((x) => textArg(x, fname, 2));
  if (v !== undefined && v.type === 'string') return v.items.map((x) => x ?? '');
  if (v !== undefined && v.type === 'tensor' && v.cls === 'char' && v.shape[0] > 1) return charRows(v).map((r) => r.trimEnd());
  return [textArg(v, fname, 2)];
}

function column(items: Value[]): CellArray {
  return new CellArray([items.length, 1], items);
}

// ---------------------------------------------------------------- cellfun / arrayfun

/** Element k of any array as a value of its own class (a 1×1 cell for a cell array). */
function elementOf(v: Value, k: number): Value {
  switch (v.type) {
    case 'gpu':
      return hostOnly('cell element');
    case 'tensor':
      return new Tensor(v.cls, [1, 1], Float64Array.of(v.re[k]), v.im ? Float64Array.of(v.im[k]) : null);
    case 'cell':
      return new CellArray([1, 1], [v.items[k]]);
    case 'struct':
      return new StructArray([1, 1], v.fields, [v.items[k]]);
    case 'string':
      return new StringArray([1, 1], [v.items[k]]);
    case 'function_handle':
      return v;
  }
}

interface MapOptions {
  uniform: boolean;
  errorHandler: Value | null;
}

/** Splits `fun, A1, ..., An, 'UniformOutput', tf, 'ErrorHandler', h`. */
function mapArgs(args: Value[], fname: string): { data: Value[]; opts: MapOptions } {
  const opts: MapOptions = { uniform: true, errorHandler: null };
  let end = args.length;
  while (end >= 3 && isText(args[end - 2])) {
    const word = textArg(args[end - 2], fname).toLowerCase();
    if (word === 'uniformoutput') {
      const v = args[end - 1];
      opts.uniform = v.type === 'tensor' && v.re.length > 0 && v.re[0] !== 0;
    } else if (word === 'errorhandler') opts.errorHandler = args[end - 1];
    else break;
    end -= 2;
  }
  return { data: args.slice(1, end), opts };
}

/**
 * The shared loop of cellfun, arrayfun and structfun: calls `fn` on the k-th inputs, catches
 * errors through the ErrorHandler, and assembles uniform (arrays) or non-uniform (cells) results.
 */
function mapCalls(
  ctx: CallContext,
  fname: string,
  fn: Value | string,
  count: number,
  shape: readonly number[],
  inputs: (k: number) => Value[],
  opts: MapOptions,
): Async<Value[] | undefined> {
  const nout = Math.max(1, ctx.nargout);
  // With no output asked for, functions like disp return nothing: call with nargout 0 then.
  const callOut = ctx.nargout === 0 ? 0 : nout;
  const one = (k: number): Async<Value[]> => {
    const args = inputs(k);
    if (!opts.errorHandler) return ctx.call(fn, args, callOut);
    const handler = opts.errorHandler;
    const onError = (e: unknown): Async<Value[]> => {
      if (!(e instanceof MatlabError)) throw e;
      const info = new StructArray([1, 1], ['message', 'identifier', 'index'], [
        new Map<string, Value>([['message', rowChar(e.message)], ['identifier', rowChar(e.identifier)], ['index', scalar(k + 1)]]),
      ]);
      return ctx.call(handler, [info, ...args], callOut);
    };
    try {
      const r = ctx.call(fn, args, callOut);
      return r instanceof Promise ? r.catch(onError) : r;
    } catch (e) {
      return onError(e);
    }
  };
  return then(each(count, one), (results) => {
    if (ctx.nargout === 0 && (count === 0 || results.some((r) => r.length === 0))) return undefined;
    return Array.from({ length: nout }, (_, j) => {
      const column = results.map((r, k) => r[j] ?? raise('MATLAB:TooManyOutputs', `Too many output arguments (the function returned ${r.length} at index ${k + 1}).`));
      return opts.uniform ? uniformResult(column, shape, j, fname) : new CellArray(shape, column);
    });
  });
}

function uniformResult(values: Value[], shape: readonly number[], j: number, fname: string): Tensor {
  if (values.length === 0) return new Tensor('double', shape, new Float64Array(0));
  const re = new Float64Array(values.length);
  let im: Float64Array | null = null;
  let cls: Tensor['cls'] | null = null;
  values.forEach((v, k) => {
    if (v.type !== 'tensor' || v.re.length !== 1) {
      raise(`MATLAB:${fname}:NotAScalarOutput`, `Non-scalar in Uniform output, at index ${k + 1}, output ${j + 1}.\nSet 'UniformOutput' to false.`);
    }
    if (cls !== null && v.cls !== cls) {
      raise(`MATLAB:${fname}:MismatchInOutputTypes`, `Mismatch in type of outputs, at index ${k + 1}, output ${j + 1} (${v.cls} versus ${cls}).\nSet 'UniformOutput' to false.`);
    }
    cls = v.cls;
    re[k] = v.re[0];
    if (v.im) {
      im ??= new Float64Array(values.length);
      im[k] = v.im[0];
    }
  });
  return new Tensor(cls ?? 'double', shape, re, im);
}

function sameShapes(data: Value[], fname: string): void {
  const key = data[0].shape.join('x');
  if (data.some((d) => d.shape.join('x') !== key)) {
    raise(`MATLAB:${fname}:ArgumentSizeMismatch`, 'All of the input arguments must be of the same size and shape.');
  }
}

/** cellfun's legacy text names that are not plain function calls. */
function legacyCellfun(name: string, extra: Value[]): ((item: Value) => Value) | null {
  switch (name) {
    case 'prodofsize':
      return (x) => scalar(x.shape.reduce((a, b) => a * b, 1));
    case 'isclass': {
      const cls = textArg(extra[0], 'cellfun', 3);
      return (x) => logicalScalar(classOf(x) === cls);
    }
    case 'size': {
      const dim = extra[0] && extra[0].type === 'tensor' ? extra[0].re[0] : 1;
      return (x) => scalar(x.shape[dim - 1] ?? 1);
    }
    default:
      return null;
  }
}

function cellfun(args: Value[], ctx: CallContext): Async<Value[] | undefined> {
  needArgs(args, 2);
  const fn = args[0];
  if (isText(fn) && (textArg(fn, 'cellfun') === 'size' || textArg(fn, 'cellfun') === 'isclass')) {
    const c = args[1];
    if (c.type !== 'cell') raise('MATLAB:cellfun:NotACell', 'cellfun only accepts inputs of type cell.');
    const f = legacyCellfun(textArg(fn, 'cellfun'), args.slice(2))!;
    return [uniformResult(c.items.map(f), c.shape, 0, 'cellfun')];
  }
  const { data, opts } = mapArgs(args, 'cellfun');
  if (data.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
  for (const d of data) if (d.type !== 'cell') raise('MATLAB:cellfun:NotACell', 'cellfun only accepts inputs of type cell.');
  sameShapes(data, 'cellfun');
  const cells = data as CellArray[];
  const legacy = isText(fn) ? legacyCellfun(textArg(fn, 'cellfun'), []) : null;
  if (legacy) return [uniformResult(cells[0].items.map(legacy), cells[0].shape, 0, 'cellfun')];
  if (fn.type !== 'function_handle' && !isText(fn)) raise('MATLAB:cellfun:InvalidFunction', 'Input #1 expected to be a function handle or function name.');
  return mapCalls(ctx, 'cellfun', fn, cells[0].items.length, cells[0].shape, (k) => cells.map((c) => c.items[k]), opts);
}

function arrayfun(args: Value[], ctx: CallContext): Async<Value[] | undefined> {
  needArgs(args, 2);
  const fn = args[0];
  const { data, opts } = mapArgs(args, 'arrayfun');
  if (data.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
  sameShapes(data, 'arrayfun');
  const count = data[0].shape.reduce((a, b) => a * b, 1);
  return mapCalls(ctx, 'arrayfun', fn, count, data[0].shape, (k) => data.map((d) => elementOf(d, k)), opts);
}

function structfun(args: Value[], ctx: CallContext): Async<Value[] | undefined> {
  needArgs(args, 2);
  const { data, opts } = mapArgs(args, 'structfun');
  const s = structArg(data[0], 'structfun');
  if (s.items.length !== 1) raise('MATLAB:structfun:NotAScalarStruct', 'Inputs to STRUCTFUN must be scalar structures.');
  const fields = s.fields;
  const out = mapCalls(ctx, 'structfun', args[0], fields.length, [fields.length, 1], (k) => [s.items[0].get(fields[k])!], opts);
  if (opts.uniform) return out;
  return then(out, (vs) => vs?.map((v) => new StructArray([1, 1], fields, [new Map(fields.map((f, k) => [f, (v as CellArray).items[k]]))])));
}

// ---------------------------------------------------------------- conversions

function cell2mat(args: Value[], ctx: CallContext): Async<Value> {
  needArgs(args, 1);
  const c = args[0];
  if (c.type !== 'cell') raise('MATLAB:cell2mat:InvalidInput', 'Input must be a cell array.');
  if (c.items.length === 0) return new Tensor('double', [0, 0], new Float64Array(0));
  if (c.items.some((x) => x.type === 'cell')) raise('MATLAB:cell2mat:UnsupportedCellContent', 'CELL2MAT does not support cell arrays containing cell arrays or objects.');
  const [rows, cols] = [c.shape[0], c.items.length / c.shape[0]];
  const rowValues = each(rows, (i) => then(ctx.call('horzcat', Array.from({ length: cols }, (_, j) => c.items[i + j * rows]), 1), (r) => r[0]));
  return then(rowValues, (rs) => (rs.length === 1 ? rs[0] : then(ctx.call('vertcat', rs, 1), (r) => r[0])));
}

function cellstr(v: Value | undefined): CellArray {
  if (v === undefined) raise('MATLAB:minrhs', 'Not enough input arguments.');
  if (v.type === 'cell') {
    if (v.items.some((x) => !(x.type === 'tensor' && x.cls === 'char' && x.shape[0] <= 1))) {
      raise('MATLAB:cellstr:MustContainText', 'Cell array input must contain only character vectors.');
    }
    return v;
  }
  if (v.type === 'string') return new CellArray(v.shape, v.items.map((s) => rowChar(s ?? '')));
  if (v.type === 'tensor' && v.cls === 'char') {
    if (v.re.length === 0 && v.shape[0] <= 1) return new CellArray([1, 1], [new Tensor('char', [0, 0], new Float64Array(0))]);
    return column(charRows(v).map((r) => rowChar(r.replace(/[ \t\n\v\f\r\0]+$/, ''))));
  }
  raise('MATLAB:cellstr:InputClass', 'Input must be a string, a character array, or a cell array of character vectors.');
}

function orderfields(args: Value[], nargout: number): Value[] {
  const s = structArg(args[0], 'orderfields');
  let order: string[];
  const spec = args[1];
  if (spec === undefined) order = [...s.fields].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  else if (spec.type === 'struct') order = [...spec.fields];
  else if (spec.type === 'cell' || spec.type === 'string') order = nameList(spec, 'orderfields');
  else if (spec.type !== 'tensor') raise('MATLAB:orderfields:InvalidOrder', 'The second input must name the same fields as the struct.');
  else order = Array.from(spec.re, (k) => s.fields[k - 1] ?? raise('MATLAB:orderfields:InvalidPermutation', 'Invalid permutation vector.'));
  if (order.length !== s.fields.length || order.some((f) => !s.fields.includes(f))) {
    raise('MATLAB:orderfields:InvalidOrder', 'The second input must name the same fields as the struct.');
  }
  const out = new StructArray(s.shape, order, s.items);
  const perm = new Tensor('double', [order.length, 1], Float64Array.from(order, (f) => s.fields.indexOf(f) + 1));
  return nargout > 1 ? [out, perm] : [out];
}

// ---------------------------------------------------------------- validateattributes

function validateattributes(args: Value[]): void {
  needArgs(args, 3);
  const [a, classesArg, attrsArg] = args;
  const name = args[4] && isText(args[4]) ? textArg(args[4], 'validateattributes', 5) : 'input';
  const prefix = args[3] && isText(args[3]) && textArg(args[3], 'validateattributes', 4) ? `${textArg(args[3], 'validateattributes', 4)}: ` : '';
  const fail = (id: string, what: string): never => raise(`MATLAB:${id}`, `${prefix}Expected ${name} to be ${what}.`);
  const classes = classesArg.type === 'cell' ? classesArg.items.map((x) => textArg(x, 'validateattributes', 2)) : [];
  const cls = classOf(a);
  if (classes.length > 0) {
    const ok = classes.some((c) => c === cls || (c === 'numeric' && isNumericClass(cls)) || (c === 'float' && isFloatClass(cls)) || (c === 'integer' && isIntClass(cls)));
    if (!ok) raise('MATLAB:invalidType', `${prefix}Expected ${name} to be one of these types:\n\n${classes.join(', ')}\n\nInstead its type was ${cls}.`);
  }
  if (attrsArg.type !== 'cell') raise('MATLAB:validateattributes:invalidAttributes', 'Attributes must be a cell array.');
  const attrs = attrsArg.items;
  const re = a.type === 'tensor' ? Array.from(a.re) : [];
  const numel = a.shape.reduce((x, y) => x * y, 1);
  const isVector = a.shape.length === 2 && (a.shape[0] === 1 || a.shape[1] === 1);
  for (let i = 0; i < attrs.length; i++) {
    const attr = textArg(attrs[i], 'validateattributes', 3);
    const arg = (): number => {
      const v = attrs[++i];
      return v && v.type === 'tensor' ? v.re[0] : raise('MATLAB:validateattributes:missingValue', `The attribute '${attr}' needs a value.`);
    };
    switch (attr) {
      case 'positive': if (re.some((x) => !(x > 0))) fail('expectedPositive', 'positive'); break;
      case 'nonnegative': if (re.some((x) => !(x >= 0))) fail('expectedNonnegative', 'nonnegative'); break;
      case 'nonzero': if (re.some((x) => x === 0)) fail('expectedNonZero', 'nonzero'); break;
      case 'integer': if (re.some((x) => !Number.isFinite(x) || x !== Math.floor(x))) fail('expectedInteger', 'integer-valued'); break;
      case 'finite': if (re.some((x) => !Number.isFinite(x))) fail('expectedFinite', 'finite'); break;
      case 'nonnan': if (re.some((x) => Number.isNaN(x))) fail('expectedNonNaN', 'non-NaN'); break;
      case 'real': if (a.type === 'tensor' && a.im) fail('expectedReal', 'real'); break;
      case 'nonempty': if (numel === 0) fail('expectedNonempty', 'nonempty'); break;
      case 'scalar': if (numel !== 1) fail('expectedScalar', 'a scalar'); break;
      case 'vector': if (!isVector) fail('expectedVector', 'a vector'); break;
      case 'row': if (!(a.shape.length === 2 && a.shape[0] === 1)) fail('expectedRow', 'a row vector'); break;
      case 'column': if (!(a.shape.length === 2 && a.shape[1] === 1)) fail('expectedColumn', 'a column vector'); break;
      case '2d': if (a.shape.length !== 2) fail('expected2D', 'two-dimensional'); break;
      case 'increasing': if (re.some((x, k) => k > 0 && !(x > re[k - 1]))) fail('expectedIncreasing', 'increasing'); break;
      case 'nondecreasing': if (re.some((x, k) => k > 0 && !(x >= re[k - 1]))) fail('expectedNondecreasing', 'nondecreasing'); break;
      case '>': { const v = arg(); if (re.some((x) => !(x > v))) fail('notGreater', `an array with all of the values > ${v}`); break; }
      case '>=': { const v = arg(); if (re.some((x) => !(x >= v))) fail('notGreaterEqual', `an array with all of the values >= ${v}`); break; }
      case '<': { const v = arg(); if (re.some((x) => !(x < v))) fail('notLess', `an array with all of the values < ${v}`); break; }
      case '<=': { const v = arg(); if (re.some((x) => !(x <= v))) fail('notLessEqual', `an array with all of the values <= ${v}`); break; }
      case 'numel': { const v = arg(); if (numel !== v) fail('incorrectNumel', `an array with number of elements equal to ${v}`); break; }
      default: raise('MATLAB:validateattributes:invalidAttribute', `Unknown attribute '${attr}'.`);
    }
  }
}

// ---------------------------------------------------------------- the table

registerFamily({
  cellfun: {
    family: 'cells',
    signatures: ['A = cellfun(func, C)', '[A1, ..., Am] = cellfun(func, C1, ..., Cn)', "B = cellfun(func, C, 'UniformOutput', false)", "B = cellfun(func, C, 'ErrorHandler', errorFunc)"],
    doc: "Calls func on each cell's contents. With 'UniformOutput' true (the default) each call must return a scalar and the results form an array of the cell's shape; with false they are collected in a cell array. func may be a handle or a name such as 'isempty' or 'length'. Example: cellfun(@numel, {'ab', 'cde', ''}) is [2 3 0].",
    impl: (args, ctx) => cellfun(args, ctx),
  },
  arrayfun: {
    family: 'cells',
    signatures: ['B = arrayfun(func, A)', '[B1, ..., Bm] = arrayfun(func, A1, ..., An)', "B = arrayfun(func, A, 'UniformOutput', false)"],
    doc: "Calls func on each element of arrays (numeric, logical, char, struct or cell elements). Uniform results form an array of A's shape; 'UniformOutput', false collects them in a cell. Example: arrayfun(@(x) x^2, [1 2 3]) is [1 4 9].",
    impl: (args, ctx) => arrayfun(args, ctx),
  },
  structfun: {
    family: 'cells',
    signatures: ['A = structfun(func, S)', "T = structfun(func, S, 'UniformOutput', false)"],
    doc: "Calls func on each field of a scalar struct. Uniform results form a column vector in field order; with 'UniformOutput', false the result is a struct with the same fields. Example: structfun(@numel, struct('a', 1:3, 'b', 'xy')) is [3; 2].",
    impl: (args, ctx) => structfun(args, ctx),
  },
  fieldnames: {
    family: 'cells',
    signatures: ['fields = fieldnames(S)'],
    doc: "The field names of a struct as a column cell array, in order. Example: fieldnames(struct('a', 1, 'b', 2)) is {'a'; 'b'}.",
    impl: (args) => column(structArg(args[0], 'fieldnames').fields.map(rowChar)),
  },
  isfield: {
    family: 'cells',
    signatures: ['tf = isfield(S, field)', 'tf = isfield(S, fieldCell)'],
    doc: "True when the struct has the field; a cell of names gives one answer per name; non-structs give false. Example: isfield(struct('a', 1), {'a', 'b'}) is [1 0].",
    impl: (args) => {
      needArgs(args, 2);
      const s = args[0];
      const has = (f: Value): boolean => s.type === 'struct' && isText(f) && s.fields.includes(textArg(f, 'isfield', 2));
      const names = args[1];
      if (names.type === 'cell') return new Tensor('logical', names.shape, Float64Array.from(names.items, (f) => (has(f) ? 1 : 0)));
      return logicalScalar(has(names));
    },
  },
  rmfield: {
    family: 'cells',
    signatures: ['s = rmfield(s, field)', 's = rmfield(s, fieldCell)'],
    doc: "Removes fields from a struct; naming a field that is not there is an error. Example: rmfield(struct('a', 1, 'b', 2), 'a') has only b.",
    impl: (args) => {
      needArgs(args, 2);
      const s = structArg(args[0], 'rmfield');
      const drop = nameList(args[1], 'rmfield');
      for (const f of drop) if (!s.fields.includes(f)) raise('MATLAB:rmfield:InvalidFieldname', `A field named '${f}' doesn't exist.`);
      const keep = s.fields.filter((f) => !drop.includes(f));
      return new StructArray(s.shape, keep, s.items.map((m) => new Map(keep.map((f) => [f, m.get(f)!]))));
    },
  },
  setfield: {
    family: 'cells',
    signatures: ['s = setfield(s, field, value)'],
    doc: "A copy of a scalar struct with one field set (added at the end when new). Example: s = setfield(struct('a', 1), 'b', 2).",
    impl: (args) => {
      needArgs(args, 3);
      const s = structArg(args[0], 'setfield');
      const f = textArg(args[1], 'setfield', 2);
      if (!/^[A-Za-z]\w*$/.test(f)) raise('MATLAB:AddField:InvalidFieldName', `Invalid field name: '${f}'.`);
      const fields = s.fields.includes(f) ? s.fields : [...s.fields, f];
      const items = s.items.length ? s.items : [new Map<string, Value>()];
      return new StructArray(s.items.length ? s.shape : [1, 1], fields, items.map((m, k) => {
        const copy = new Map(m);
        if (k === 0) copy.set(f, args[2]);
        else if (!copy.has(f)) copy.set(f, new Tensor('double', [0, 0], new Float64Array(0)));
        return copy;
      }));
    },
  },
  getfield: {
    family: 'cells',
    signatures: ['value = getfield(S, field)'],
    doc: "The value of a field of a struct (its first element for a struct array). Example: getfield(struct('a', 5), 'a') is 5.",
    impl: (args) => {
      needArgs(args, 2);
      const s = structArg(args[0], 'getfield');
      const f = textArg(args[1], 'getfield', 2);
      if (!s.fields.includes(f)) raise('MATLAB:nonExistentField', `Unrecognized field name "${f}".`);
      return s.items[0]?.get(f) ?? raise('MATLAB:index:outOfBounds', 'Index exceeds the number of array elements (0).');
    },
  },
  struct2cell: {
    family: 'cells',
    signatures: ['C = struct2cell(S)'],
    doc: "The field values as a cell array: numel(fields)×size(S). Example: struct2cell(struct('a', 1, 'b', 'x')) is {1; 'x'}.",
    impl: (args) => {
      const s = structArg(args[0], 'struct2cell');
      const items: Value[] = [];
      for (const m of s.items) for (const f of s.fields) items.push(m.get(f)!);
      return new CellArray([s.fields.length, ...s.shape], items);
    },
  },
  cell2struct: {
    family: 'cells',
    signatures: ['s = cell2struct(C, fields, dim)'],
    doc: "Makes a struct array from a cell array, taking field values along dimension dim (default 1). Example: cell2struct({1; 'x'}, {'a'; 'b'}, 1) is a struct with a = 1, b = 'x'.",
    impl: (args) => {
      needArgs(args, 2);
      const c = args[0];
      if (c.type !== 'cell') raise('MATLAB:cell2struct:ArgNotCell', 'Input must be a cell array.');
      const fields = nameList(args[1], 'cell2struct');
      const dim = args[2] && args[2].type === 'tensor' ? args[2].re[0] : 1;
      if (dim !== 1 && dim !== 2) raise('MATLAB:cell2struct:InvalidDim', 'Dimension must be 1 or 2 for a two-dimensional cell array.');
      const [r, cols] = [c.shape[0], c.items.length / Math.max(1, c.shape[0])];
      const along = dim === 1 ? r : cols;
      const other = dim === 1 ? cols : r;
      if (along !== fields.length) raise('MATLAB:cell2struct:FieldsAndCellSizeMismatch', 'Number of field names must match number of fields in new structure.');
      const items = Array.from({ length: other }, (_, k) => new Map(fields.map((f, j) => [f, c.items[dim === 1 ? j + k * r : k + j * r]])));
      return new StructArray([other, 1], fields, items);
    },
  },
  cell2mat: {
    family: 'cells',
    signatures: ['A = cell2mat(C)'],
    doc: 'Joins the contents of a cell array into one array: each row of cells side by side, then the rows top to bottom. Example: cell2mat({[1 2], 3; [4 5], 6}) is [1 2 3; 4 5 6].',
    impl: (args, ctx) => cell2mat(args, ctx),
  },
  num2cell: {
    family: 'cells',
    signatures: ['C = num2cell(A)'],
    doc: 'Puts each element of an array in its own cell; the cell array has the shape of A. Example: num2cell([1 2 3]) is {1, 2, 3}.',
    impl: (args) => {
      needArgs(args, 1);
      const a = args[0];
      checkContainerSize(a.shape);
      if (a.type === 'cell') return new CellArray(a.shape, a.items.map((x) => new CellArray([1, 1], [x])));
      const n = a.shape.reduce((x, y) => x * y, 1);
      return new CellArray(a.shape, Array.from({ length: n }, (_, k) => elementOf(a, k)));
    },
  },
  iscellstr: {
    family: 'cells',
    signatures: ['tf = iscellstr(A)'],
    doc: "True for a cell array whose every element is a char array. Example: iscellstr({'a', 'bc'}) is true; iscellstr({'a', 1}) is false.",
    impl: (args) => {
      needArgs(args, 1);
      const a = args[0];
      return logicalScalar(a.type === 'cell' && a.items.every((x) => x.type === 'tensor' && x.cls === 'char'));
    },
  },
  cellstr: {
    family: 'cells',
    signatures: ['C = cellstr(A)'],
    doc: "Converts text to a cell array of char rows: each row of a char matrix (trailing blanks removed) or each string. Example: cellstr(['ab '; 'cde']) is {'ab'; 'cde'}.",
    impl: (args) => cellstr(args[0]),
  },
  orderfields: {
    family: 'cells',
    signatures: ['s = orderfields(s1)', 's = orderfields(s1, s2)', 's = orderfields(s1, C)', 's = orderfields(s1, P)', '[s, P] = orderfields(...)'],
    doc: "Reorders struct fields: alphabetically, like another struct, by a cell of names or by a permutation; P gives the permutation. Example: fieldnames(orderfields(struct('b', 1, 'a', 2))) is {'a'; 'b'}.",
    impl: (args, ctx) => orderfields(args, ctx.nargout),
  },
  validateattributes: {
    family: 'cells',
    signatures: ['validateattributes(A, classes, attributes)', 'validateattributes(A, classes, attributes, funcName, varName)'],
    doc: "Throws an error unless A has one of the classes (or 'numeric', 'float', 'integer'; {} accepts any) and every attribute: 'positive', 'nonnegative', 'integer', 'finite', 'nonempty', 'scalar', 'vector', 'row', 'column', '>', 5, 'numel', 3 … Example: validateattributes(x, {'numeric'}, {'positive', 'integer'}).",
    impl: (args) => validateattributes(args),
  },
  func2str: {
    family: 'cells',
    signatures: ['str = func2str(fh)'],
    doc: "The text of a function handle: the name for a named handle, the full text for an anonymous one. Example: func2str(@(x) x + 1) is '@(x)x+1'; func2str(@sin) is 'sin'.",
    impl: (args) => {
      const f = args[0];
      if (!f || f.type !== 'function_handle') raise('MATLAB:func2str:InputNotFunctionHandle', 'Input must be a function handle.');
      return rowChar(f.anonymous ? f.anonymous.text : f.name ?? '');
    },
  },
  str2func: {
    family: 'cells',
    signatures: ['fh = str2func(str)'],
    doc: "A function handle from a function name or anonymous-function text (which captures no variables). Example: f = str2func('@(x) x.^2'); f(3) is 9.",
    impl: (args) => {
      const text = textArg(args[0], 'str2func').trim();
      if (!text.startsWith('@')) {
        if (!/^[A-Za-z]\w*(\.\w+)*$/.test(text)) raise('MATLAB:str2func:invalidFunctionName', `Invalid function name '${text}'.`);
        return new FunctionHandle(text, null);
      }
      const program = parse(text);
      const stmt = program.body[0];
      if (program.body.length !== 1 || stmt.kind !== 'ExprStmt' || stmt.expr.kind !== 'AnonFn') {
        if (stmt && stmt.kind === 'ExprStmt' && stmt.expr.kind === 'FuncHandle') return new FunctionHandle(stmt.expr.name, null);
        raise('MATLAB:str2func:invalidFunctionName', `Invalid anonymous function text '${text}'.`);
      }
      const e = stmt.expr;
      const display = `@(${e.params.join(',')})${text.slice(e.body.start, e.body.end)}`;
      return new FunctionHandle(null, { params: e.params, body: e.body, captures: new Map(), text: display, source: text });
    },
  },
});
