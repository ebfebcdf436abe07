// The language front end's public surface: `parse(source)` → Program, the AST types, and
// offset → line/column for messages and editor markers. Lexer and parser internals stay private.

export type * from './ast.ts';
export { parse } from './parser.ts';
export { PARSE_ERROR } from './lexer.ts';
export { COMMAND_WORDS } from './lexContext.ts';
export { lineColumnAt, type LineColumn } from './location.ts';
