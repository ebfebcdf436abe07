// The `wgsl` language for Monaco, for the plan view's read-only kernel sources: a Monarch grammar
// (keywords, types, attributes, builtin functions, numbers with their suffixes, nested block
// comments) and a language configuration. Pure data, no Monaco runtime import, so it is unit-tested.

import type { languages } from 'monaco-editor/editor/editor.api';

export const WGSL_LANGUAGE_ID = 'wgsl';

export const wgslKeywords = [
  'alias', 'break', 'case', 'const', 'const_assert', 'continue', 'continuing', 'default', 'diagnostic', 'discard',
  'else', 'enable', 'fn', 'for', 'if', 'let', 'loop', 'override', 'requires', 'return', 'struct', 'switch', 'var',
  'while',
];

export const wgslTypes = [
  'array', 'atomic', 'bool', 'f16', 'f32', 'i32', 'u32', 'ptr', 'sampler', 'sampler_comparison',
  'vec2', 'vec3', 'vec4', 'vec2f', 'vec3f', 'vec4f', 'vec2i', 'vec3i', 'vec4i', 'vec2u', 'vec3u', 'vec4u', 'vec2h', 'vec3h', 'vec4h',
  'mat2x2', 'mat2x3', 'mat2x4', 'mat3x2', 'mat3x3', 'mat3x4', 'mat4x2', 'mat4x3', 'mat4x4',
  'mat2x2f', 'mat3x3f', 'mat4x4f', 'texture_1d', 'texture_2d', 'texture_2d_array', 'texture_3d', 'texture_cube',
  'texture_storage_2d', 'texture_depth_2d',
];

/** Address spaces and access modes, written inside `var<…>` and `ptr<…>`. */
export const wgslQualifiers = ['function', 'private', 'workgroup', 'uniform', 'storage', 'read', 'write', 'read_write'];

export const wgslBuiltinFunctions = [
  'abs', 'acos', 'acosh', 'all', 'any', 'arrayLength', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'atomicAdd',
  'atomicLoad', 'atomicMax', 'atomicMin', 'atomicStore', 'bitcast', 'ceil', 'clamp', 'cos', 'cosh', 'countOneBits',
  'cross', 'degrees', 'determinant', 'distance', 'dot', 'exp', 'exp2', 'extractBits', 'faceForward', 'firstLeadingBit',
  'firstTrailingBit', 'floor', 'fma', 'fract', 'frexp', 'inverseSqrt', 'ldexp', 'length', 'log', 'log2', 'max', 'min',
  'mix', 'modf', 'normalize', 'pow', 'quantizeToF16', 'radians', 'reflect', 'refract', 'reverseBits', 'round',
  'saturate', 'select', 'sign', 'sin', 'sinh', 'smoothstep', 'sqrt', 'step', 'storageBarrier', 'subgroupAdd',
  'subgroupBroadcast', 'subgroupMax', 'subgroupMin', 'subgroupShuffle', 'tan', 'tanh', 'transpose', 'trunc',
  'workgroupBarrier', 'workgroupUniformLoad',
];

export const wgslMonarch: languages.IMonarchLanguage & Record<string, unknown> = {
  defaultToken: '',
  tokenPostfix: '.wgsl',
  keywords: wgslKeywords,
  types: wgslTypes,
  qualifiers: wgslQualifiers,
  builtins: wgslBuiltinFunctions,

  tokenizer: {
    root: [
      [/\/\/.*$/, 'comment'],
      [/\/\*/, 'comment', '@blockComment'],
      [/\s+/, 'white'],

      // `@compute`, `@workgroup_size(64)`, `@group(0) @binding(1)`.
      [/@[a-zA-Z_]\w*/, 'annotation'],

      [
        /[a-zA-Z_]\w*/,
        {
          cases: {
            'true|false': 'constant',
            '@keywords': 'keyword',
            '@types': 'type',
            '@qualifiers': 'keyword.qualifier',
            '@builtins': 'predefined',
            '@default': 'identifier',
          },
        },
      ],

      // Hex and decimal literals with their suffixes: `0x1Fu`, `1.5e-3f`, `2i`, `3h`.
      [/0[xX][0-9a-fA-F]+[iu]?/, 'number.hex'],
      [/(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?[fh]?|\d+[eE][+-]?\d+[fh]?/, 'number.float'],
      [/\d+[iufh]?/, 'number'],

      [/[{}()[\]]/, 'delimiter.bracket'],
      [/[;,.:]/, 'delimiter'],
      [/->|[=<>!&|+\-*/%^~]+/, 'operator'],
    ],

    // Block comments nest in WGSL.
    blockComment: [
      [/[^/*]+/, 'comment'],
      [/\/\*/, 'comment', '@push'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
  },
};

export const wgslLanguageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['(', ')'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '[', close: ']' },
  ],
};
