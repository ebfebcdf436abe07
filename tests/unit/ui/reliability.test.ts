// The page's side of reliability: an interrupt that the engine reports (the shared flag) marks the
// cell interrupted; a truncated display keeps its flag so the output offers "Show all".
import { describe, expect, it } from 'vitest';
import { transitionCell } from '../../../src/ui/core/cells/cell.ts';
import { createCellRuntime, type CellMessage, type CellRuntime } from '../../../src/ui/core/cells/types.ts';

function apply(messages: CellMessage[], start: CellRuntime = createCellRuntime()): CellRuntime {
  return messages.reduce(transitionCell, start);
}

const interruptedError = {
  message: 'Operation terminated by user.',
  identifier: 'MATLAB:interrupted',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 16,
};

describe('reliability in the cell model', () => {
  it('an engine-reported interrupt marks the cell interrupted (the workspace survived, no notice needed)', () => {
    const runtime = apply([
      { type: 'started', executionCount: 1 },
      { type: 'error', error: interruptedError },
      { type: 'done', wallMs: 10, gpuMs: 0, ok: false },
    ]);
    expect(runtime.status).toBe('error');
    expect(runtime.interrupted).toBe(true);
    expect(runtime.outputs).toEqual([{ kind: 'error', error: interruptedError }]);
  });

  it('other errors do not, and a new run clears the mark', () => {
    const failed = apply([
      { type: 'started', executionCount: 1 },
      { type: 'error', error: { ...interruptedError, identifier: 'MATLAB:UndefinedFunction', message: 'x' } },
    ]);
    expect(failed.interrupted).toBe(false);
    const interrupted = apply([{ type: 'started', executionCount: 1 }, { type: 'error', error: interruptedError }]);
    expect(transitionCell(interrupted, { type: 'started', executionCount: 2 }).interrupted).toBe(false);
  });

  it('a truncated display keeps its flag; an ordinary one has none', () => {
    const runtime = apply([
      { type: 'started', executionCount: 1 },
      { type: 'display', name: 'big', text: 'big =\n\n ...\n', className: 'double', size: [3000, 3000], truncated: true },
      { type: 'display', name: 'a', text: 'a = 1\n\n', className: 'double', size: [1, 1] },
    ]);
    expect(runtime.outputs[0]).toMatchObject({ kind: 'display', name: 'big', truncated: true });
    expect(runtime.outputs[1]).not.toHaveProperty('truncated');
  });
});
