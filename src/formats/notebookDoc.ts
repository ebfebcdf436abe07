// The notebook as a document: what is kept in storage, put in share links, and converted to and
// from .ipynb and .m. Plain JSON data with no page or engine objects, so the browser page and the
// Node CLI share it. `parseNotebookDoc` checks an untrusted value's shape (a share link, a stored
// record, a file) and never throws anything but NotebookFormatError.

export type DocCellKind = 'code' | 'markdown';

/** One block of a code cell's output (a plain-data copy of the page's CellOutput). */
export type DocOutput =
  | { kind: 'stdout'; text: string }
  | { kind: 'display'; name: string; text: string; className: string; size: number[] }
  /** `png` is base64 image data when the figure has a rendering; `text` a fallback description. */
  | {
      kind: 'figure';
      png: string | null;
      text: string;
      /** The page's figure model (plain data): kept in the browser's storage only, never in links or files. */
      model?: unknown;
    }
  | { kind: 'error'; message: string; identifier: string; line: number | null; column: number | null }
  | { kind: 'notice'; text: string; tone: 'warning' | 'error' };

export interface DocCell {
  /** Stable within a document; nbformat 4.5 ids are 1-64 of [A-Za-z0-9_-]. */
  id: string;
  kind: DocCellKind;
  source: string;
  /** Code cells only: the run number of the last run, when it has one. */
  executionCount?: number | null;
  /** Code cells only; absent or empty when there are none (or they were left out). */
  outputs?: DocOutput[];
}

export interface NotebookDoc {
  title?: string;
  cells: DocCell[];
}

export class NotebookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookFormatError';
  }
}

/** Limits for documents read from outside (links, files, storage): a notebook, not a zip bomb. */
export const DOC_LIMITS = {
  maxCells: 2000,
  /** Total characters of cell sources. */
  maxSourceChars: 4_000_000,
  /** Total characters of output text (including base64 figures). */
  maxOutputChars: 40_000_000,
};

const CELL_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidCellId(id: unknown): id is string {
  return typeof id === 'string' && CELL_ID.test(id);
}

/** A fresh id that is not in `taken` (and adds it). */
export function uniqueCellId(taken: Set<string>, preferred?: string): string {
  if (preferred !== undefined && isValidCellId(preferred) && !taken.has(preferred)) {
    taken.add(preferred);
    return preferred;
  }
  for (let n = taken.size + 1; ; n++) {
    const id = `cell-${n}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** Gives cells without a valid or unique id a new one. Returns new cell objects only where needed. */
export function withUniqueIds(cells: DocCell[]): DocCell[] {
  const taken = new Set<string>();
  const keep = cells.map((cell) => {
    if (isValidCellId(cell.id) && !taken.has(cell.id)) {
      taken.add(cell.id);
      return true;
    }
    return false;
  });
  return cells.map((cell, i) => (keep[i] ? cell : { ...cell, id: uniqueCellId(taken) }));
}

/** The document without outputs or execution counts (what a share link carries by default). */
export function stripOutputs(doc: NotebookDoc): NotebookDoc {
  return {
    ...doc,
    cells: doc.cells.map(({ id, kind, source }) => ({ id, kind, source })),
  };
}

/** The document without figure models (for JSON: links and files). */
export function stripFigureModels(doc: NotebookDoc): NotebookDoc {
  return {
    ...doc,
    cells: doc.cells.map((cell) =>
      cell.outputs?.some((o) => o.kind === 'figure' && o.model !== undefined)
        ? { ...cell, outputs: cell.outputs.map((o) => (o.kind === 'figure' ? { kind: 'figure', png: o.png, text: o.text } : o)) }
        : cell,
    ),
  };
}

// --- shape checks ------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(where: string, what: string): never {
  throw new NotebookFormatError(`${where}: ${what}`);
}

function str(value: unknown, where: string): string {
  if (typeof value !== 'string') fail(where, 'expected text');
  return value;
}

function intOrNull(value: unknown, where: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(where, 'expected a whole number');
  return value;
}

export interface ParseOptions {
  /** Keep figure models (the browser's own storage); links and files never carry them. */
  keepFigureModels?: boolean;
}

function parseOutput(value: unknown, where: string, options: ParseOptions): DocOutput {
  if (!isRecord(value)) fail(where, 'expected an object');
  switch (value.kind) {
    case 'stdout':
      return { kind: 'stdout', text: str(value.text, `${where}.text`) };
    case 'display': {
      const size = value.size;
      if (!Array.isArray(size) || size.length > 32 || !size.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        fail(`${where}.size`, 'expected a list of numbers');
      }
      return {
        kind: 'display',
        name: str(value.name, `${where}.name`),
        text: str(value.text, `${where}.text`),
        className: str(value.className, `${where}.className`),
        size: size as number[],
      };
    }
    case 'figure': {
      const figure: DocOutput = {
        kind: 'figure',
        png: value.png === null || value.png === undefined ? null : str(value.png, `${where}.png`),
        text: value.text === undefined ? '' : str(value.text, `${where}.text`),
      };
      if (options.keepFigureModels && typeof value.model === 'object' && value.model !== null) figure.model = value.model;
      return figure;
    }
    case 'error':
      return {
        kind: 'error',
        message: str(value.message, `${where}.message`),
        identifier: value.identifier === undefined ? '' : str(value.identifier, `${where}.identifier`),
        line: intOrNull(value.line, `${where}.line`),
        column: intOrNull(value.column, `${where}.column`),
      };
    case 'notice': {
      const tone = value.tone === 'error' ? 'error' : 'warning';
      return { kind: 'notice', text: str(value.text, `${where}.text`), tone };
    }
    default:
      return fail(`${where}.kind`, `unknown output kind ${JSON.stringify(String(value.kind)).slice(0, 40)}`);
  }
}

function outputChars(output: DocOutput): number {
  switch (output.kind) {
    case 'figure':
      return (output.png?.length ?? 0) + output.text.length;
    case 'error':
      return output.message.length;
    default:
      return output.text.length;
  }
}

/**
 * Checks that `value` is a NotebookDoc (as written by this module: `{ title?, cells: [...] }`)
 * within DOC_LIMITS and returns a clean copy (unknown fields dropped, ids made unique).
 */
export function parseNotebookDoc(value: unknown, options: ParseOptions = {}): NotebookDoc {
  if (!isRecord(value)) fail('notebook', 'expected an object');
  const cells = value.cells;
  if (!Array.isArray(cells)) fail('notebook.cells', 'expected a list');
  if (cells.length > DOC_LIMITS.maxCells) fail('notebook.cells', `more than ${DOC_LIMITS.maxCells} cells`);
  let sourceChars = 0;
  let outChars = 0;
  const out: DocCell[] = cells.map((raw: unknown, i): DocCell => {
    const where = `cell ${i + 1}`;
    if (!isRecord(raw)) fail(where, 'expected an object');
    const kind = raw.kind;
    if (kind !== 'code' && kind !== 'markdown') fail(`${where}.kind`, 'expected "code" or "markdown"');
    const source = str(raw.source, `${where}.source`);
    sourceChars += source.length;
    if (sourceChars > DOC_LIMITS.maxSourceChars) fail('notebook', 'the cells hold too much text');
    const cell: DocCell = { id: typeof raw.id === 'string' ? raw.id : '', kind, source };
    if (kind === 'code') {
      if (raw.executionCount !== undefined) cell.executionCount = intOrNull(raw.executionCount, `${where}.executionCount`);
      if (raw.outputs !== undefined) {
        if (!Array.isArray(raw.outputs)) fail(`${where}.outputs`, 'expected a list');
        cell.outputs = raw.outputs.map((o: unknown, j) => {
          const parsed = parseOutput(o, `${where} output ${j + 1}`, options);
          outChars += outputChars(parsed);
          if (outChars > DOC_LIMITS.maxOutputChars) fail('notebook', 'the outputs hold too much text');
          return parsed;
        });
      }
    }
    return cell;
  });
  const doc: NotebookDoc = { cells: withUniqueIds(out) };
  if (typeof value.title === 'string') doc.title = value.title.slice(0, 200);
  return doc;
}
