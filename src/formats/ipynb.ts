// .ipynb (nbformat 4.5) to and from a NotebookDoc. Code outputs: stdout as a `stream`, a displayed
// value as `display_data` (MATLAB's text in text/plain, with name/class/size in the output's
// metadata), an error as `error` (ename = the MATLAB identifier, evalue = the message, traceback =
// the page's error header), a figure as `display_data` with image/png when it has a rendering,
// a page notice as a `stderr` stream. Reading accepts any nbformat 4 notebook (JupyterLab's,
// another kernel's): unknown output types become text, raw cells become markdown.

import { NotebookFormatError, parseNotebookDoc, withUniqueIds, type DocCell, type DocOutput, type NotebookDoc } from './notebookDoc.ts';

export const MATBOOK_KERNELSPEC = { name: 'matbook', display_name: 'Matbook (MATLAB)', language: 'matlab' } as const;

type MultilineString = string | string[];

export interface IpynbOutput {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  [key: string]: unknown;
}

export interface IpynbCell {
  id: string;
  cell_type: 'code' | 'markdown' | 'raw';
  metadata: Record<string, unknown>;
  source: MultilineString;
  outputs?: IpynbOutput[];
  execution_count?: number | null;
  attachments?: unknown;
}

export interface IpynbNotebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: IpynbCell[];
}

/** Jupyter's multiline form: lines that keep their '\n', the last one without. */
export function toLines(text: string): string[] {
  if (text === '') return [];
  return text.split(/(?<=\n)/);
}

function joinLines(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
  throw new NotebookFormatError(`${where}: expected text or a list of lines`);
}

/** The one-line error header the page shows: `Error (line 3, column 5): message`. */
export function errorHeader(error: { line: number | null; column: number | null; message: string }): string {
  if (error.line === null) return `Error: ${error.message}`;
  const where = error.column === null ? `line ${error.line}` : `line ${error.line}, column ${error.column}`;
  return `Error (${where}): ${error.message}`;
}

const HEADER = /^Error \(line (\d+)(?:, column (\d+))?\): /;

/** A figure's PNG (base64, no data: prefix), when the figure object carries one. */
export function figurePng(figure: unknown): string | null {
  if (typeof figure !== 'object' || figure === null) return null;
  const record = figure as Record<string, unknown>;
  for (const key of ['png', 'imagePng', 'dataUrl', 'image']) {
    const value = record[key];
    if (typeof value === 'string' && value.length > 0) {
      const match = /^data:image\/png;base64,(.*)$/s.exec(value);
      if (match) return match[1];
      if (key === 'png' || key === 'imagePng') return value;
    }
  }
  return null;
}

/** A figure's text stand-in: `Figure 1: name` from the figure model's id and name, when it has them. */
export function figureLabel(figure: unknown): string {
  if (typeof figure !== 'object' || figure === null) return 'Figure';
  const { id, name } = figure as { id?: unknown; name?: unknown };
  const number = typeof id === 'number' ? ` ${id}` : '';
  return typeof name === 'string' && name !== '' ? `Figure${number}: ${name}` : `Figure${number}`;
}

function outputToIpynb(output: DocOutput): IpynbOutput {
  switch (output.kind) {
    case 'stdout':
      return { output_type: 'stream', name: 'stdout', text: toLines(output.text) };
    case 'notice':
      return { output_type: 'stream', name: 'stderr', text: toLines(output.text.endsWith('\n') ? output.text : `${output.text}\n`) };
    case 'display':
      return {
        output_type: 'display_data',
        data: { 'text/plain': toLines(output.text) },
        metadata: { matbook: { name: output.name, className: output.className, size: output.size } },
      };
    case 'figure': {
      const data: Record<string, unknown> = { 'text/plain': toLines(output.text || '<Figure>') };
      if (output.png) data['image/png'] = output.png;
      return { output_type: 'display_data', data, metadata: {} };
    }
    case 'error':
      return {
        output_type: 'error',
        ename: output.identifier || 'error',
        evalue: output.message,
        traceback: [errorHeader(output)],
      };
  }
}

export interface ToIpynbOptions {
  /** Default true; false writes every code cell with no outputs and no execution count. */
  includeOutputs?: boolean;
}

export function toIpynb(doc: NotebookDoc, options: ToIpynbOptions = {}): IpynbNotebook {
  const includeOutputs = options.includeOutputs ?? true;
  const cells = withUniqueIds(doc.cells).map((cell): IpynbCell => {
    if (cell.kind === 'markdown') {
      return { id: cell.id, cell_type: 'markdown', metadata: {}, source: toLines(cell.source) };
    }
    return {
      id: cell.id,
      cell_type: 'code',
      metadata: {},
      source: toLines(cell.source),
      execution_count: includeOutputs ? (cell.executionCount ?? null) : null,
      outputs: includeOutputs ? (cell.outputs ?? []).map(outputToIpynb) : [],
    };
  });
  const metadata: Record<string, unknown> = {
    kernelspec: { ...MATBOOK_KERNELSPEC },
    language_info: { name: 'matlab', file_extension: '.m', mimetype: 'text/x-matlab' },
  };
  if (doc.title) metadata.matbook = { title: doc.title };
  return { nbformat: 4, nbformat_minor: 5, metadata, cells };
}

/** The .ipynb file's text (Jupyter's own layout: one-space indent, a final newline). */
export function serializeIpynb(doc: NotebookDoc, options: ToIpynbOptions = {}): string {
  return `${JSON.stringify(toIpynb(doc, options), null, 1)}\n`;
}

// --- reading -----------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function outputFromIpynb(raw: unknown, where: string): DocOutput | null {
  if (!isRecord(raw)) throw new NotebookFormatError(`${where}: expected an object`);
  switch (raw.output_type) {
    case 'stream': {
      const text = joinLines(raw.text, `${where}.text`);
      return raw.name === 'stderr' ? { kind: 'notice', text: text.replace(/\n$/, ''), tone: 'warning' } : { kind: 'stdout', text };
    }
    case 'display_data':
    case 'execute_result': {
      const data = isRecord(raw.data) ? raw.data : {};
      const plain = data['text/plain'] === undefined ? '' : joinLines(data['text/plain'], `${where}.data`);
      const png = data['image/png'];
      if (typeof png === 'string' || Array.isArray(png)) {
        return { kind: 'figure', png: joinLines(png, `${where}.data`).replace(/\s+/g, ''), text: plain === '<Figure>' ? '' : plain };
      }
      const meta = isRecord(raw.metadata) && isRecord(raw.metadata.matbook) ? raw.metadata.matbook : {};
      const size = Array.isArray(meta.size) && meta.size.every((n) => typeof n === 'number') ? (meta.size as number[]) : [];
      return {
        kind: 'display',
        name: typeof meta.name === 'string' ? meta.name : '',
        text: plain,
        className: typeof meta.className === 'string' ? meta.className : '',
        size,
      };
    }
    case 'error': {
      const message = typeof raw.evalue === 'string' ? raw.evalue : '';
      const traceback = Array.isArray(raw.traceback) ? raw.traceback.filter((t): t is string => typeof t === 'string') : [];
      const match = traceback.length > 0 ? HEADER.exec(traceback[0]) : null;
      const ename = typeof raw.ename === 'string' ? raw.ename : '';
      return {
        kind: 'error',
        message,
        identifier: ename === 'error' ? '' : ename,
        line: match ? Number(match[1]) : null,
        column: match?.[2] ? Number(match[2]) : null,
      };
    }
    default:
      return null;
  }
}

/** Reads an .ipynb file's text (or its parsed JSON) into a checked NotebookDoc. */
export function fromIpynb(input: string | unknown): NotebookDoc {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch {
      throw new NotebookFormatError('not a notebook: the file is not valid JSON');
    }
  }
  if (!isRecord(json)) throw new NotebookFormatError('not a notebook: expected a JSON object');
  if (json.nbformat !== 4) {
    throw new NotebookFormatError(`unsupported notebook format ${String(json.nbformat)} (only nbformat 4 is read)`);
  }
  if (!Array.isArray(json.cells)) throw new NotebookFormatError('not a notebook: no list of cells');
  const cells = json.cells.map((raw: unknown, i): DocCell => {
    const where = `cell ${i + 1}`;
    if (!isRecord(raw)) throw new NotebookFormatError(`${where}: expected an object`);
    const source = joinLines(raw.source ?? '', `${where}.source`);
    const id = typeof raw.id === 'string' ? raw.id : '';
    if (raw.cell_type === 'code') {
      const outputs = Array.isArray(raw.outputs)
        ? raw.outputs.map((o: unknown, j) => outputFromIpynb(o, `${where} output ${j + 1}`)).filter((o): o is DocOutput => o !== null)
        : [];
      const count = typeof raw.execution_count === 'number' && Number.isInteger(raw.execution_count) ? raw.execution_count : null;
      const cell: DocCell = { id, kind: 'code', source, executionCount: count };
      if (outputs.length > 0) cell.outputs = outputs;
      return cell;
    }
    if (raw.cell_type === 'markdown' || raw.cell_type === 'raw') return { id, kind: 'markdown', source };
    throw new NotebookFormatError(`${where}: unknown cell type ${JSON.stringify(String(raw.cell_type)).slice(0, 40)}`);
  });
  const meta = isRecord(json.metadata) && isRecord(json.metadata.matbook) ? json.metadata.matbook : {};
  // The shared checks: limits, unique ids, clean copies.
  return parseNotebookDoc({ cells, title: typeof meta.title === 'string' ? meta.title : undefined });
}
