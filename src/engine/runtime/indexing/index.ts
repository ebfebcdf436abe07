// Subscripted reference and assignment for every value class.
export { parenIndex, braceIndex, fieldGet, readPositions } from './subsref.ts';
export { parenAssign, braceAssign, fieldAssign, isDeletion } from './subsasgn.ts';
export { numelOfValue } from './elements.ts';
export { isColonArg } from './subscripts.ts';
