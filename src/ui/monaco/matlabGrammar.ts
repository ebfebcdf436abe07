// The `matlab` language for Monaco: a Monarch grammar and the language configuration (comments,
// brackets, indentation). Pure data, no Monaco runtime import, so it can be unit-tested.
//
// The one ambiguous character is `'`: it is a transpose when it follows an operand with no space
// in between (an identifier, a number, a closing bracket, another transpose), and starts a
// character vector otherwise. Monarch has no look-behind, so each operand rule captures its
// trailing quotes itself (`a''`, `x(1)'`, `2'`), and a `'` that reaches the generic rule is a string.

import type { languages } from 'monaco-editor/editor/editor.api';

export const MATLAB_LANGUAGE_ID = 'matlab';

export const matlabKeywords = [
  'break', 'case', 'catch', 'classdef', 'continue', 'else', 'elseif', 'end', 'enumeration', 'events',
  'for', 'function', 'global', 'if', 'methods', 'otherwise', 'parfor', 'persistent', 'properties',
  'return', 'spmd', 'switch', 'try', 'while',
];

/** Names that read as constants; they are ordinary builtins to the engine. */
export const matlabConstants = ['true', 'false', 'pi', 'Inf', 'inf', 'NaN', 'nan', 'eps', 'NaT', 'ans'];

const identifierCases = {
  cases: {
    '@keywords': 'keyword',
    '@constants': 'constant',
    '@default': 'identifier',
  },
};

export const matlabMonarch: languages.IMonarchLanguage & Record<string, unknown> = {
  defaultToken: '',
  tokenPostfix: '.matlab',
  keywords: matlabKeywords,
  constants: matlabConstants,

  tokenizer: {
    root: [
      // `%{` and `%}` alone on their line delimit a block comment (they nest).
      [/^\s*%\{\s*$/, 'comment', '@blockComment'],
      [/%.*$/, 'comment'],
      // Line continuation: the rest of the line is a comment.
      [/\.\.\..*$/, 'comment'],
      [/\s+/, 'white'],

      // Operands, each with the transposes that may follow it directly.
      [/([a-zA-Z][\w]*)('*)/, [identifierCases, 'operator.transpose']],
      [/(0[xX][0-9a-fA-F]+)('*)/, ['number.hex', 'operator.transpose']],
      [/((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ij]?)('*)/, ['number', 'operator.transpose']],
      [/([)\]}])('*)/, ['delimiter.bracket', 'operator.transpose']],
      [/[([{]/, 'delimiter.bracket'],
      [/(\.')('*)/, ['operator.transpose', 'operator.transpose']],

      // Not after an operand: a character vector or a string.
      [/'/, 'string', '@charVector'],
      [/"/, 'string', '@string'],

      [/[;,]/, 'delimiter'],
      [/[=<>~!&|+\-*/\\^.:@?]+/, 'operator'],
    ],

    charVector: [
      [/[^']+$/, 'string.invalid', '@pop'], // unterminated at the end of the line
      [/[^']+/, 'string'],
      [/''/, 'string.escape'],
      [/'/, 'string', '@pop'],
    ],

    string: [
      [/[^"]+$/, 'string.invalid', '@pop'],
      [/[^"]+/, 'string'],
      [/""/, 'string.escape'],
      [/"/, 'string', '@pop'],
    ],

    blockComment: [
      [/^\s*%\{\s*$/, 'comment', '@push'],
      [/^\s*%\}\s*$/, 'comment', '@pop'],
      [/.*$/, 'comment'],
    ],
  },
};

export const matlabLanguageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '%', blockComment: ['%{', '%}'] },
  brackets: [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ],
  // Quotes are left out on purpose: `'` is also the transpose operator.
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: "'", close: "'" },
    { open: '"', close: '"' },
  ],
  wordPattern: /[a-zA-Z]\w*|-?\d*\.?\d+(?:[eE][+-]?\d+)?/,
  indentationRules: {
    increaseIndentPattern: /^\s*(?:if|elseif|else|for|parfor|while|switch|case|otherwise|try|catch|function|methods|properties|events|enumeration)\b(?!.*\bend\b).*$/,
    decreaseIndentPattern: /^\s*(?:end|elseif|else|case|otherwise|catch)\b/,
  },
};
