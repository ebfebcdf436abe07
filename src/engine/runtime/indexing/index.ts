// Subscripted reference and assignment for every value class.
export { parenIndex, braceIndex, fieldGet, readPositions, readSubscripts } from './subsref.ts';
export { parenAssign, braceAssign, fieldAssign, isDeletion } from './subsasgn.ts';
export { numelOfValue } from './elements.ts';
export { isColonArg, type Subscript } from './subscripts.ts';
