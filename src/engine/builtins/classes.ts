// Class conversion and class queries: double, single, logical, char, int8…uint64, cast, class,
// isa, isnumeric and the other is* class predicates, plus cell/struct constructors.

import { raise } from '../errors.ts';
import { checkContainerSize } from '../limits.ts';
import {
  castScalar,
  CellArray,
  charRow,
  charText,
  classOf,
  emptyDouble,
  INT_CLASSES,
  isFloatClass,
  isIntClass,
  isNumericClass,
  logicalScalar,
  StringArray,
  StructArray,
  Tensor,
  type ArrayClass,
  type Value,
} from '../runtime/values/index.ts';
import { isText, sizeAndClass, textArg } from './args.ts';
import { describe } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinTable } from './registry.ts';
import type { BuiltinSpec } from './types.ts';

export function convertTo(v: Value, cls: ArrayClass, fname: string): Tensor {
  if (v.type === 'string' && cls !== 'char' && cls !== 'logical') {
    return new Tensor(cls, v.shape, Float64Array.from(v.items, (s) => castScalar(s === null ? NaN : Number(s), cls)));
  }
  if (v.type === 'string' && cls === 'char') {
    if (v.items.length !== 1) raise('MATLAB:invalidConversion', 'Unable to convert a string array with more than one element to char.');
    return charRow(v.items[0] ?? '');
  }
  if (v.type !== 'tensor') raise('MATLAB:invalidConversion', `Conversion to ${cls} from ${describe(v)} is not possible.`);
  if (v.cls === cls) return v;
  if (cls === 'logical') {
    for (let i = 0; i < v.re.length; i++) if (Number.isNaN(v.re[i])) raise('MATLAB:nologicalnan', "NaN's cannot be converted to logicals.");
    if (v.im) raise('MATLAB:invalidConversion', 'Conversion to logical from complex is not possible.');
  }
  const re = new Float64Array(v.re.length);
  for (let i = 0; i < re.length; i++) re[i] = castScalar(v.re[i], cls);
  const im = v.im && isNumericClass(cls) ? v.im.map((x) => castScalar(x, cls)) : null;
  void fname;
  return new Tensor(cls, v.shape, re, im);
}

function converter(cls: ArrayClass, doc: string): BuiltinSpec {
  return {
    family: 'types',
    signatures: [`Y = ${cls}(X)`],
    doc,
    impl: (args) => {
      if (args.length === 0) {
        if (cls === 'char') return charRow('');
        return convertTo(emptyDouble(), cls, cls);
      }
      if (cls === 'char') return toChar(args);
      return convertTo(args[0], cls, cls);
    },
  };
}

/** char(X): numbers to characters; several text arguments become padded rows. */
function toChar(args: Value[]): Tensor {
  if (args.length === 1 && args[0].type === 'tensor') return convertTo(args[0], 'char', 'char');
  const rows: string[] = [];
  for (const a of args) {
    if (a.type === 'cell') for (const item of a.items) rows.push(isText(item) ? textArg(item, 'char') : charText(convertTo(item, 'char', 'char')));
    else if (a.type === 'string') rows.push(...a.items.map((s) => s ?? ''));
    else rows.push(charText(convertTo(a, 'char', 'char')));
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  const re = new Float64Array(rows.length * width).fill(32);
  rows.forEach((r, i) => {
    for (let j = 0; j < r.length; j++) re[i + j * rows.length] = r.charCodeAt(j);
  });
  return new Tensor('char', [rows.length, width], re);
}

function classPredicate(name: string, test: (v: Value) => boolean, doc: string): BuiltinSpec {
  return {
    family: 'types',
    signatures: [`tf = ${name}(A)`],
    doc,
    impl: (args) => logicalScalar(test(args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.'))),
  };
}

const intConverters: BuiltinTable = Object.fromEntries(
  INT_CLASSES.map((c) => [c, converter(c, `Converts to ${c}, rounding half away from zero and saturating at intmin/intmax. Example: ${c}(2.5) is 3.`)]),
);

registerFamily({
  double: converter('double', 'Converts to double precision. Example: double(int8(5)) / 2 is 2.5; double(\'A\') is 65.'),
  single: converter('single', 'Converts to single precision (on the GPU when one is present). Example: class(single(1)) is \'single\'.'),
  logical: converter('logical', 'Converts nonzero to true and zero to false; NaN is an error. Example: logical([2 0 -1]) is [1 0 1].'),
  char: converter('char', "Converts character codes to characters, or stacks text into a padded char matrix. Example: char([72 105]) is 'Hi'."),
  ...intConverters,
  cast: {
    family: 'types',
    signatures: ['B = cast(A, newclass)', "B = cast(A, 'like', p)"],
    doc: "Converts A to another class. Example: cast(3.7, 'int8') is int8(4).",
    impl: (args) => {
      const like = isText(args[1]) && textArg(args[1], 'cast', 2) === 'like';
      const target = like ? classOf(args[2] ?? raise('MATLAB:minrhs', 'Not enough input arguments.')) : textArg(args[1], 'cast', 2);
      if (!isNumericClass(target) && target !== 'logical' && target !== 'char') raise('MATLAB:cast:UnsupportedClass', `Unsupported class '${target}'.`);
      return convertTo(args[0], target as ArrayClass, 'cast');
    },
  },
  class: {
    family: 'types',
    signatures: ['className = class(obj)'],
    doc: "The class name of a value. Example: class(1) is 'double', class('a') is 'char', class({}) is 'cell'.",
    impl: (args) => charRow(classOf(args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.'))),
  },
  isa: {
    family: 'types',
    signatures: ['tf = isa(A, classname)'],
    doc: "True when A is of the class, or of a category: 'numeric', 'float', 'integer'. Example: isa(int8(1), 'integer') is true.",
    impl: (args) => {
      const cls = classOf(args[0]);
      const want = textArg(args[1], 'isa', 2);
      const ok = want === cls || (want === 'numeric' && isNumericClass(cls)) || (want === 'float' && isFloatClass(cls)) || (want === 'integer' && isIntClass(cls));
      return logicalScalar(ok);
    },
  },
  isnumeric: classPredicate('isnumeric', (v) => v.type === 'tensor' && isNumericClass(v.cls), 'True for numeric arrays (not logical or char). Example: isnumeric(true) is false.'),
  isfloat: classPredicate('isfloat', (v) => v.type === 'tensor' && isFloatClass(v.cls), 'True for double and single. Example: isfloat(int8(1)) is false.'),
  isinteger: classPredicate('isinteger', (v) => v.type === 'tensor' && isIntClass(v.cls), 'True for integer classes. Example: isinteger(5) is false; isinteger(int32(5)) is true.'),
  islogical: classPredicate('islogical', (v) => v.type === 'tensor' && v.cls === 'logical', 'True for logical arrays. Example: islogical(1 > 0) is true.'),
  ischar: classPredicate('ischar', (v) => v.type === 'tensor' && v.cls === 'char', "True for char arrays. Example: ischar('abc') is true; ischar(\"abc\") is false."),
  isstring: classPredicate('isstring', (v) => v.type === 'string', 'True for string arrays. Example: isstring("abc") is true.'),
  iscell: classPredicate('iscell', (v) => v.type === 'cell', 'True for cell arrays. Example: iscell({1}) is true.'),
  isstruct: classPredicate('isstruct', (v) => v.type === 'struct', 'True for structs. Example: isstruct(struct(\'a\', 1)) is true.'),
  isreal: classPredicate('isreal', (v) => v.type !== 'tensor' || v.im === null, 'True when an array has no imaginary part. Example: isreal(1 + 0i) is true; isreal(2i) is false.'),
  is_function_handle: classPredicate('is_function_handle', (v) => v.type === 'function_handle', 'True for function handles. Example: is_function_handle(@sin) is true.'),
  cell: {
    family: 'cells',
    signatures: ['C = cell(n)', 'C = cell(sz1, ..., szN)'],
    doc: 'A cell array of empty matrices. Example: c = cell(1, 3) is {[], [], []}.',
    impl: (args) => {
      const { shape } = sizeAndClass(args, 'cell');
      checkContainerSize(shape);
      const n = shape.reduce((a, b) => a * b, 1);
      // One shared [] for every slot: values are immutable (an assignment into a slot replaces
      // it), and cell(1e3) then costs a million references, not a million arrays.
      const empty = emptyDouble();
      return new CellArray(shape, new Array<Value>(n).fill(empty));
    },
  },
  struct: {
    family: 'cells',
    signatures: ['s = struct', 's = struct(field1, value1, ..., fieldN, valueN)'],
    doc: "A struct; a cell value makes a struct array with one element per cell. Example: s = struct('a', 1, 'b', 'text'); s.a is 1.",
    impl: (args) => {
      if (args.length % 2 !== 0) raise('MATLAB:struct:InvalidArgs', 'Field and value input arguments must come in pairs.');
      const fields: string[] = [];
      const values: Value[] = [];
      for (let i = 0; i < args.length; i += 2) {
        fields.push(textArg(args[i], 'struct', i + 1));
        values.push(args[i + 1]);
      }
      const arrays = values.filter((v): v is CellArray => v.type === 'cell' && v.items.length !== 1);
      const shape = arrays.length > 0 ? arrays[0].shape : [1, 1];
      const n = shape.reduce((a, b) => a * b, 1);
      const items = Array.from({ length: n }, (_, k) => {
        const m = new Map<string, Value>();
        fields.forEach((f, i) => {
          const v = values[i];
          m.set(f, v.type === 'cell' ? (v.items.length === 1 ? v.items[0] : v.items[k]) : v);
        });
        return m;
      });
      return new StructArray(shape, fields, items);
    },
  },
  string: {
    family: 'strings',
    signatures: ['str = string(A)'],
    doc: 'Converts text or numbers to a string array. Example: string(42) is "42"; string({\'a\', \'b\'}) is ["a" "b"].',
    impl: (args) => {
      const a = args[0] ?? raise('MATLAB:minrhs', 'Not enough input arguments.');
      if (a.type === 'string') return a;
      if (a.type === 'tensor' && a.cls === 'char') return new StringArray([1, 1], [charText(a)]);
      if (a.type === 'cell') return new StringArray(a.shape, a.items.map((x) => textArg(x, 'string')));
      if (a.type === 'tensor') return new StringArray(a.shape, Array.from(a.re, (x) => shortNumber(x)));
      raise('MATLAB:string:invalidConversion', `Conversion to string from ${describe(a)} is not possible.`);
    },
  },
});

/** Numbers as string() writes them: up to 5 significant digits, like MATLAB's default. */
function shortNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(5)));
}
