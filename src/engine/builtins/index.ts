// Loads every builtin family into the registry and re-exports the lookup API.
import './operators.ts';
import './concat.ts';
import './construction.ts';
import './shape.ts';
import './classes.ts';
import './elementwise.ts';
import './reductions.ts';
import './io.ts';
import './session.ts';
import './gpu.ts';
import './linalg.ts';
import './signal.ts';
import './strings.ts';
import './regexp.ts';
import './cells.ts';
import './math.ts';
import './reshaping.ts';
import './matrices.ts';
import './searching.ts';
import './sets.ts';
import './statistics.ts';
import './dataAnalysis.ts';
import './graphics.ts';
import './graphicsImages.ts';

export { lookupBuiltin, builtinNames, allBuiltins } from './registry.ts';
export type { BuiltinSpec, CallContext, Family } from './types.ts';
