// The error a cell's last run ended with, for the squiggle in its editor.

import type { ErrorInfo } from '../../../worker/protocol.ts';
import type { CellRuntime } from '../cells/types.ts';

/** The run's error event, or null; the same object for as long as the run's outputs last. */
export function runErrorOf(runtime: CellRuntime): ErrorInfo | null {
  for (const output of runtime.outputs) if (output.kind === 'error') return output.error;
  return null;
}
