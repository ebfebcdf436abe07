// The page's notebook state ↔ a NotebookDoc (src/formats): what autosave stores, what a share
// link carries, what .ipynb / .m export writes and import reads. Loading gives cells fresh page
// ids (so they can never collide with ids this page hands out) and restores outputs as settled
// runtimes; nothing is ever run by loading.

import { figureLabel, figurePng } from '../../../formats/ipynb.ts';
import type { DocCell, DocOutput, NotebookDoc } from '../../../formats/notebookDoc.ts';
import { newCellId, type CellId } from '../cells/ids.ts';
import type { NotebookState } from '../cells/notebook.ts';
import { createCellData, createCellRuntime, type CellData, type CellOutput, type CellRuntime } from '../cells/types.ts';

export interface DocFromStateOptions {
  /** Outputs and execution counts of cells whose last run finished; default true. */
  includeOutputs?: boolean;
  /** Keep figure models (plain data) for storage; links and files get PNGs only. Default false. */
  keepFigureModels?: boolean;
  /** Document-level title. */
  title?: string;
  /** A figure's rendering as base64 PNG (for image/png in .ipynb), when one was made. */
  figurePng?: (figure: unknown) => string | null;
}

function outputToDoc(output: CellOutput, keepModels: boolean, png: (figure: unknown) => string | null): DocOutput | null {
  switch (output.kind) {
    case 'stdout':
      return { kind: 'stdout', text: output.text };
    case 'display':
      return { kind: 'display', name: output.name, text: output.text, className: output.className, size: [...output.size] };
    case 'figure': {
      const doc: DocOutput = { kind: 'figure', png: figurePng(output.figure) ?? png(output.figure), text: figureLabel(output.figure) };
      if (keepModels) doc.model = output.figure;
      return doc;
    }
    case 'error':
      return {
        kind: 'error',
        message: output.error.message,
        identifier: output.error.identifier,
        line: output.error.line,
        column: output.error.column,
      };
    case 'notice':
      return { kind: 'notice', text: output.text, tone: output.tone };
    default:
      // An output kind this module does not know yet (added elsewhere) is not kept.
      return null;
  }
}

export function docFromState(state: NotebookState, options: DocFromStateOptions = {}): NotebookDoc {
  const includeOutputs = options.includeOutputs ?? true;
  const cells = state.cellIds.map((cellId): DocCell => {
    const data = state.cellData[cellId];
    const cell: DocCell = { id: cellId, kind: data.kind, source: data.source };
    if (data.kind !== 'code' || !includeOutputs) return cell;
    const runtime = state.cellRuntime[cellId];
    if (!runtime || (runtime.status !== 'done' && runtime.status !== 'error')) return cell;
    const png = options.figurePng ?? (() => null);
    const outputs = runtime.outputs
      .map((output) => outputToDoc(output, options.keepFigureModels ?? false, png))
      .filter((o): o is DocOutput => o !== null);
    cell.executionCount = runtime.executionCount;
    if (outputs.length > 0) cell.outputs = outputs;
    return cell;
  });
  const doc: NotebookDoc = { cells };
  if (options.title) doc.title = options.title;
  return doc;
}

function outputFromDoc(output: DocOutput): CellOutput {
  switch (output.kind) {
    case 'stdout':
      return { kind: 'stdout', text: output.text };
    case 'display':
      return { kind: 'display', name: output.name, text: output.text, className: output.className, size: output.size };
    case 'figure': {
      if (output.model && typeof output.model === 'object') return { kind: 'figure', figure: output.model } as CellOutput;
      return { kind: 'notice', text: 'A figure was drawn here; run the cell to draw it again.', tone: 'warning' };
    }
    case 'error':
      return {
        kind: 'error',
        error: { message: output.message, identifier: output.identifier, line: output.line, column: output.column, endLine: null, endColumn: null },
      };
    case 'notice':
      return { kind: 'notice', text: output.text, tone: output.tone };
  }
}

export interface LoadedCells {
  cells: CellData[];
  runtimes: Record<CellId, CellRuntime>;
}

/** Cells (with fresh ids) and restored runtimes for `notebookActions.loadNotebook`. */
export function cellsFromDoc(doc: NotebookDoc): LoadedCells {
  const cells: CellData[] = [];
  const runtimes = {} as Record<CellId, CellRuntime>;
  for (const cell of doc.cells) {
    const id = newCellId();
    cells.push(createCellData(id, cell.kind, cell.source));
    if (cell.kind !== 'code') continue;
    const outputs = (cell.outputs ?? []).map(outputFromDoc);
    const count = cell.executionCount ?? null;
    if (outputs.length === 0 && count === null) continue;
    const failed = outputs.some((o) => o.kind === 'error');
    runtimes[id] = { ...createCellRuntime(), status: failed ? 'error' : 'done', executionCount: count, outputs };
  }
  // A notebook always has a cell to type into.
  if (cells.length === 0) cells.push(createCellData(newCellId(), 'code', ''));
  return { cells, runtimes };
}
