// Squiggles in a cell's editor: parse errors while the user types (asked of the engine ~300 ms
// after the last keystroke, so typing is never slowed down), and the error of the cell's last run
// (CodeEditor's `runError`). Each kind has its own marker owner, so one never clears the other.

import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { ErrorInfo } from '../../worker/protocol.ts';

export const PARSE_MARKER_OWNER = 'matbook-parse';
export const RUN_MARKER_OWNER = 'matbook-run';

/** How long typing must pause before the source is parsed. */
export const PARSE_DEBOUNCE_MS = 300;

export interface MarkerRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * The editor range of an error's span (1-based, end exclusive). An empty span is widened to one
 * character so the squiggle can be seen; at the end of a line it covers the last character.
 * Null for an error with no position.
 */
export function errorMarkerRange(error: ErrorInfo, lineLength: (line: number) => number): MarkerRange | null {
  if (error.line === null) return null;
  const startLineNumber = error.line;
  let startColumn = error.column ?? 1;
  let endLineNumber = error.endLine ?? startLineNumber;
  let endColumn = error.endColumn ?? startColumn;
  if (endLineNumber < startLineNumber || (endLineNumber === startLineNumber && endColumn <= startColumn)) {
    endLineNumber = startLineNumber;
    const lastColumn = lineLength(startLineNumber) + 1;
    if (startColumn >= lastColumn) startColumn = Math.max(1, lastColumn - 1);
    endColumn = startColumn + 1;
  }
  return { startLineNumber, startColumn, endLineNumber, endColumn };
}

/** Monaco marker data for an error, or null when it has no position. */
export function errorMarker(monaco: typeof Monaco, model: Monaco.editor.ITextModel, error: ErrorInfo): Monaco.editor.IMarkerData | null {
  const lines = model.getLineCount();
  const range = errorMarkerRange(error, (line) => (line >= 1 && line <= lines ? model.getLineLength(line) : 0));
  if (!range) return null;
  return {
    ...range,
    severity: monaco.MarkerSeverity.Error,
    message: error.message,
    ...(error.identifier ? { code: error.identifier } : {}),
    source: 'matbook',
  };
}

/** Sets (or, with null, clears) the marker of a cell's last run. */
export function setRunErrorMarker(monaco: typeof Monaco, model: Monaco.editor.ITextModel, error: ErrorInfo | null): void {
  const marker = error ? errorMarker(monaco, model, error) : null;
  monaco.editor.setModelMarkers(model, RUN_MARKER_OWNER, marker ? [marker] : []);
}

/**
 * Parses the model's text after every pause in typing and marks the parse error, if any. `parse`
 * is asked at the time of each check (the engine may have been restarted). Returns a disposer.
 */
export function watchParseErrors(
  monaco: typeof Monaco,
  model: Monaco.editor.ITextModel,
  parse: () => ((source: string) => Promise<ErrorInfo[]>) | null,
): Monaco.IDisposable {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  const check = () => {
    timer = null;
    const run = parse();
    if (disposed || !run) return;
    const version = model.getVersionId();
    const source = model.getValue();
    run(source).then(
      (errors) => {
        // A stale answer (the text changed meanwhile) is dropped; the next check answers.
        if (disposed || model.isDisposed() || model.getVersionId() !== version) return;
        const markers = errors.map((e) => errorMarker(monaco, model, e)).filter((m): m is Monaco.editor.IMarkerData => m !== null);
        monaco.editor.setModelMarkers(model, PARSE_MARKER_OWNER, markers);
      },
      () => undefined,
    );
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(check, PARSE_DEBOUNCE_MS);
  };
  const subscription = model.onDidChangeContent(schedule);
  schedule();
  return {
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      subscription.dispose();
    },
  };
}
