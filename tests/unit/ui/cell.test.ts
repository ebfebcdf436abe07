// transitionCell: engine events and page lifecycle messages applied to one cell's runtime.
import { describe, expect, it } from 'vitest';
import { transitionCell } from '../../../src/ui/core/cells/cell.ts';
import { createCellRuntime, type CellMessage, type CellRuntime } from '../../../src/ui/core/cells/types.ts';
import type { ErrorInfo, FigureModel, KernelEvent } from '../../../src/worker/protocol.ts';

function apply(messages: CellMessage[], start: CellRuntime = createCellRuntime()): CellRuntime {
  return messages.reduce(transitionCell, start);
}

const kernel: KernelEvent = {
  type: 'kernel',
  name: 'elementwise',
  variant: 'chain',
  shapes: [[4, 4]],
  gpuUs: 12.5,
  timing: 'timestamp',
  gbps: 3.2,
};

const error: ErrorInfo = {
  message: "Undefined function or variable 'undefined_thing'.",
  identifier: 'MATLAB:UndefinedFunction',
  line: 1,
  column: 5,
  endLine: 1,
  endColumn: 20,
};

describe('transitionCell', () => {
  it('runs a cell from queued to done, collecting outputs, kernels and timings', () => {
    const runtime = apply([
      { type: 'queued' },
      { type: 'started', executionCount: 1 },
      { type: 'display', name: 'A', text: 'A =\n\n     2     4\n     6     8\n\n', className: 'double', size: [2, 2] },
      kernel,
      { type: 'plan', decisions: [{ kernel: 'elementwise', variant: 'chain', reason: 'one chain' }] },
      { type: 'done', wallMs: 3.5, gpuMs: 0.0125, ok: true },
    ]);
    expect(runtime.status).toBe('done');
    expect(runtime.executionCount).toBe(1);
    expect(runtime.outputs).toEqual([
      { kind: 'display', name: 'A', text: 'A =\n\n     2     4\n     6     8\n\n', className: 'double', size: [2, 2] },
    ]);
    expect(runtime.kernels).toEqual([kernel]);
    expect(runtime.plan).toHaveLength(1);
    expect(runtime.wallMs).toBe(3.5);
    expect(runtime.gpuMs).toBe(0.0125);
  });

  it('is queued, then running', () => {
    expect(apply([{ type: 'queued' }]).status).toBe('queued');
    expect(apply([{ type: 'queued' }, { type: 'started', executionCount: 7 }]).status).toBe('running');
  });

  it('merges consecutive stdout chunks into one block', () => {
    const runtime = apply([
      { type: 'started', executionCount: 1 },
      { type: 'stdout', text: 'a\n' },
      { type: 'stdout', text: 'b\n' },
      { type: 'display', name: 'x', text: 'x = 1', className: 'double', size: [1, 1] },
      { type: 'stdout', text: 'c\n' },
    ]);
    expect(runtime.outputs.map((o) => o.kind)).toEqual(['stdout', 'display', 'stdout']);
    expect(runtime.outputs[0]).toEqual({ kind: 'stdout', text: 'a\nb\n' });
  });

  it('ends in error after an error event, even when done says ok', () => {
    const runtime = apply([
      { type: 'started', executionCount: 2 },
      { type: 'error', error },
      { type: 'done', wallMs: 1, gpuMs: 0, ok: true },
    ]);
    expect(runtime.status).toBe('error');
    expect(runtime.outputs).toEqual([{ kind: 'error', error }]);
  });

  it('ends in error when done says not ok', () => {
    expect(apply([{ type: 'started', executionCount: 1 }, { type: 'done', wallMs: 1, gpuMs: 0, ok: false }]).status).toBe(
      'error',
    );
  });

  it('clears the previous run when a new one starts', () => {
    const first = apply([
      { type: 'started', executionCount: 1 },
      { type: 'error', error },
      kernel,
      { type: 'done', wallMs: 1, gpuMs: 1, ok: false },
    ]);
    const second = transitionCell(first, { type: 'started', executionCount: 2 });
    expect(second).toEqual({ ...createCellRuntime(), status: 'running', executionCount: 2 });
  });

  it('cancels a queued cell back to idle, or to done when it ran before', () => {
    expect(apply([{ type: 'queued' }, { type: 'cancelled' }]).status).toBe('idle');
    const ran = apply([{ type: 'started', executionCount: 1 }, { type: 'done', wallMs: 1, gpuMs: 0, ok: true }]);
    expect(apply([{ type: 'queued' }, { type: 'cancelled' }], ran).status).toBe('done');
  });

  it('marks a running cell interrupted, saying when the workspace was lost', () => {
    const runtime = apply([
      { type: 'started', executionCount: 1 },
      { type: 'interrupted', workspaceLost: true },
    ]);
    expect(runtime.status).toBe('error');
    expect(runtime.interrupted).toBe(true);
    expect(runtime.outputs).toEqual([
      { kind: 'notice', tone: 'warning', text: 'Interrupted: the engine was restarted and the workspace was lost.' },
    ]);
  });

  it('leaves finished and idle cells alone on interrupt (same object)', () => {
    const idle = createCellRuntime();
    expect(transitionCell(idle, { type: 'interrupted', workspaceLost: true })).toBe(idle);
    const done = apply([{ type: 'started', executionCount: 1 }, { type: 'done', wallMs: 1, gpuMs: 0, ok: true }]);
    expect(transitionCell(done, { type: 'interrupted', workspaceLost: false })).toBe(done);
  });

  it('reports an engine failure as an error notice', () => {
    const runtime = apply([{ type: 'started', executionCount: 1 }, { type: 'engineFailed', message: 'worker crashed' }]);
    expect(runtime.status).toBe('error');
    expect(runtime.outputs).toEqual([{ kind: 'notice', tone: 'error', text: 'Engine failure: worker crashed' }]);
  });

  it('keeps figures as outputs; a newer snapshot of the same figure replaces the older', () => {
    const fig = (id: number, version: number): FigureModel => ({ id, name: '', colormap: { name: 'gray', colors: new Float32Array(6) }, axes: [], currentAxes: -1, version });
    const runtime = apply([
      { type: 'started', executionCount: 1 },
      { type: 'figure', figure: fig(1, 1) },
      { type: 'stdout', text: 'x' },
      { type: 'figure', figure: fig(2, 1) },
      { type: 'figure', figure: fig(1, 5) },
    ]);
    expect(runtime.outputs).toEqual([
      { kind: 'figure', figure: fig(1, 5) },
      { kind: 'stdout', text: 'x' },
      { kind: 'figure', figure: fig(2, 1) },
    ]);
  });

  it('never mutates its input', () => {
    const start = Object.freeze(createCellRuntime()) as CellRuntime;
    expect(() => apply([{ type: 'queued' }, { type: 'started', executionCount: 1 }, kernel], start)).not.toThrow();
  });
});
