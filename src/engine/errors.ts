// The one error type user code can see. Every layer raises MatlabError with a MATLAB identifier
// (`MATLAB:undefinedFunction`, `MATLAB:dimagree`, …) and, when known, the source span that caused
// it; the interpreter fills in the span of the statement if a builtin raised without one.

export interface SourceSpan {
  start: number;
  end: number;
}

export class MatlabError extends Error {
  identifier: string;
  span: SourceSpan | null;
  /** Set by the interpreter for errors raised while running a cell-defined function. */
  stack_: { name: string; span: SourceSpan }[] = [];

  constructor(identifier: string, message: string, span: SourceSpan | null = null) {
    super(message);
    this.name = 'MatlabError';
    this.identifier = identifier;
    this.span = span;
  }
}

/** Throws a MatlabError; `identifier` may be '' for errors MATLAB raises without one. */
export function raise(identifier: string, message: string, span: SourceSpan | null = null): never {
  throw new MatlabError(identifier, message, span);
}
