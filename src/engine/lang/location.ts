// Character offsets → 1-based line and column, for error messages and editor markers.

export interface LineColumn {
  line: number;
  column: number;
}

export function lineColumnAt(source: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(offset, source.length);
  for (let i = 0; i < limit; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: limit - lineStart + 1 };
}
