// transitionCell: the one pure function that applies an engine event (or a page lifecycle step)
// to a cell's runtime. The switch is exhaustive over CellMessage; a new event type that is not
// handled here fails to compile. Also cellHasOutput, the one question the page asks of a runtime.

import { assertNever } from '../utils/assertNever.ts';
import type { CellMessage, CellOutput, CellRuntime } from './types.ts';

export function transitionCell(runtime: CellRuntime, message: CellMessage): CellRuntime {
  switch (message.type) {
    case 'queued':
      return { ...runtime, status: 'queued' };

    case 'started':
      // A new run replaces everything the previous run reported.
      return {
        status: 'running',
        executionCount: message.executionCount,
        outputs: [],
        kernels: [],
        plan: [],
        wallMs: null,
        gpuMs: null,
        interrupted: false,
      };

    case 'cancelled':
      // Only a cell still waiting goes back; a cell that already ran keeps its result.
      if (runtime.status !== 'queued') return runtime;
      return { ...runtime, status: runtime.executionCount === null ? 'idle' : 'done' };

    case 'stdout':
      return { ...runtime, outputs: appendStdout(runtime.outputs, message.text) };

    case 'display':
      return {
        ...runtime,
        outputs: [
          ...runtime.outputs,
          {
            kind: 'display',
            name: message.name,
            text: message.text,
            className: message.className,
            size: message.size,
            ...(message.truncated ? { truncated: true } : {}),
            ...(message.grid ? { grid: message.grid } : {}),
          },
        ],
      };

    case 'figure': {
      // drawnow then the end of the cell send the same figure again: the newer snapshot replaces it.
      const at = runtime.outputs.findIndex((o) => o.kind === 'figure' && o.figure.id === message.figure.id);
      const output: CellOutput = { kind: 'figure', figure: message.figure };
      if (at < 0) return { ...runtime, outputs: [...runtime.outputs, output] };
      return { ...runtime, outputs: runtime.outputs.map((o, i) => (i === at ? output : o)) };
    }

    case 'kernel':
      return { ...runtime, kernels: [...runtime.kernels, message] };

    case 'plan':
      return { ...runtime, plan: [...runtime.plan, ...message.decisions] };

    case 'error':
      return {
        ...runtime,
        status: 'error',
        // Stopped by the interrupt flag: the engine's own error, and the workspace survived.
        interrupted: runtime.interrupted || message.error.identifier === 'MATLAB:interrupted',
        outputs: [...runtime.outputs, { kind: 'error', error: message.error }],
      };

    case 'done': {
      // An error event already made the status 'error'; `ok: false` without one still is one.
      const failed = !message.ok || runtime.status === 'error';
      return { ...runtime, status: failed ? 'error' : 'done', wallMs: message.wallMs, gpuMs: message.gpuMs };
    }

    case 'interrupted': {
      if (runtime.status !== 'running' && runtime.status !== 'queued') return runtime;
      if (runtime.status === 'queued') return transitionCell(runtime, { type: 'cancelled' });
      const text = message.workspaceLost
        ? 'Interrupted: the engine was restarted and the workspace was lost.'
        : 'Interrupted.';
      return {
        ...runtime,
        status: 'error',
        interrupted: true,
        outputs: [...runtime.outputs, { kind: 'notice', text, tone: 'warning' }],
      };
    }

    case 'engineFailed':
      return {
        ...runtime,
        status: 'error',
        outputs: [...runtime.outputs, { kind: 'notice', text: `Engine failure: ${message.message}`, tone: 'error' }],
      };

    default:
      return assertNever(message, 'cell message');
  }
}

/** The last run left something to show under the cell: outputs, kernels or its timings. */
export function cellHasOutput(runtime: CellRuntime): boolean {
  return runtime.outputs.length > 0 || runtime.kernels.length > 0 || runtime.wallMs !== null;
}

/** Consecutive stdout chunks become one block, so `fprintf` in a loop reads as one text. */
function appendStdout(outputs: CellOutput[], text: string): CellOutput[] {
  const last = outputs[outputs.length - 1];
  if (last?.kind === 'stdout') {
    return [...outputs.slice(0, -1), { kind: 'stdout', text: last.text + text }];
  }
  return [...outputs, { kind: 'stdout', text }];
}
