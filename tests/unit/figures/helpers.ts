// Runs MATLAB source in a fresh CPU session and collects what it sends: figure events and errors.
import { Session } from '../../../src/engine/session.ts';
import type { ErrorInfo, FigureModel } from '../../../src/worker/protocol.ts';

export interface RunResult {
  figures: FigureModel[];
  error: ErrorInfo | null;
  stdout: string;
  session: Session;
}

export async function run(source: string, session = new Session({ gpu: 'off' })): Promise<RunResult> {
  const figures: FigureModel[] = [];
  let error: ErrorInfo | null = null;
  let stdout = '';
  await session.run(source, (e) => {
    if (e.type === 'figure') figures.push(e.figure);
    else if (e.type === 'error') error = e.error;
    else if (e.type === 'stdout' || e.type === 'display') stdout += e.text;
  });
  return { figures, error, stdout, session };
}

/** Runs and expects no error; returns the figure events. */
export async function figuresOf(source: string, session?: Session): Promise<FigureModel[]> {
  const r = await run(source, session);
  if (r.error) throw new Error(`${r.error.identifier}: ${r.error.message}`);
  return r.figures;
}

/** The series of the only axes of the only figure. */
export async function seriesOf(source: string) {
  const figs = await figuresOf(source);
  if (figs.length !== 1 || figs[0].axes.length !== 1) throw new Error(`expected one figure with one axes, got ${figs.length}`);
  return figs[0].axes[0].series;
}

export async function errorOf(source: string): Promise<ErrorInfo> {
  const r = await run(source);
  if (!r.error) throw new Error('expected an error');
  return r.error;
}
