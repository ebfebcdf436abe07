// .m files with `%%` cell separators (MATLAB's code-section convention) to and from a NotebookDoc.
//
// Writing: every cell starts with a `%%` line. A code cell is its source as is. A markdown cell is
// a section whose body lines are `% ` comments; when its first line is a level-1 heading
// (`# Title`) the heading becomes the section title (`%% Title`), as MATLAB's publishing expects.
// Where a cell would read back as the other kind (a code cell of comments only, an empty markdown
// cell) the separator carries a `[code]` / `[markdown]` tag, as jupytext's percent format does.
//
// Reading any MATLAB script: text before the first `%%` is a section like the others; a titled
// section becomes a markdown cell (`# Title` plus the comment lines that follow the title, MATLAB's
// publishing text) and, when code follows, a code cell; an untitled section is markdown when every
// non-blank line is a comment, code otherwise. Outputs are not kept in .m files.

import { withUniqueIds, type DocCell, type NotebookDoc } from './notebookDoc.ts';

const SEPARATOR = /^\s*%%(?:\s+(.*?))?\s*$/;
const COMMENT = /^\s*%(?!%)/;
const TAG = /^\[(code|markdown)\]$/;

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function isCommentLine(line: string): boolean {
  return COMMENT.test(line) && !/^\s*%[{}]\s*$/.test(line);
}

/** `% text` → `text`; `%` → ``. */
function uncomment(line: string): string {
  const match = /^\s*%( ?)(.*)$/.exec(line);
  return match ? match[2] : line;
}

function comment(line: string): string {
  return line === '' ? '%' : `% ${line}`;
}

function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

function trimBlankEnds(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start])) start++;
  while (end > start && isBlank(lines[end - 1])) end--;
  return lines.slice(start, end);
}

function allComments(lines: string[]): boolean {
  const nonBlank = lines.filter((line) => !isBlank(line));
  return nonBlank.length > 0 && nonBlank.every(isCommentLine);
}

export function toMFile(doc: NotebookDoc): string {
  const sections = doc.cells.map((cell) => {
    const lines = cell.source === '' ? [] : splitLines(cell.source);
    if (cell.kind === 'code') {
      const ambiguous = allComments(lines);
      return [ambiguous ? '%% [code]' : '%%', ...lines].join('\n');
    }
    const heading = lines.length > 0 ? /^# (\S.*)$/.exec(lines[0]) : null;
    if (heading && !TAG.test(heading[1].trim()) && heading[1] === heading[1].trim()) {
      return [`%% ${heading[1]}`, ...lines.slice(1).map(comment)].join('\n');
    }
    // Markdown that would read back as code: empty, or only blank lines.
    const tag = lines.some((line) => !isBlank(line)) ? '%%' : '%% [markdown]';
    return [tag, ...lines.map(comment)].join('\n');
  });
  return sections.length === 0 ? '' : `${sections.join('\n\n')}\n`;
}

interface Section {
  title: string | null;
  body: string[];
}

export function fromMFile(text: string, options: { title?: string } = {}): NotebookDoc {
  const lines = splitLines(text);
  const sections: Section[] = [];
  let current: Section = { title: null, body: [] };
  let sawSeparator = false;
  for (const line of lines) {
    const match = SEPARATOR.exec(line);
    if (match) {
      if (sawSeparator || current.body.some((l) => !isBlank(l))) sections.push(current);
      sawSeparator = true;
      current = { title: match[1] ? match[1] : null, body: [] };
    } else {
      current.body.push(line);
    }
  }
  if (sawSeparator || current.body.some((l) => !isBlank(l))) sections.push(current);

  const cells: DocCell[] = [];
  const add = (kind: DocCell['kind'], source: string) => cells.push({ id: '', kind, source });
  for (const section of sections) {
    const tag = section.title ? TAG.exec(section.title.trim()) : null;
    if (tag?.[1] === 'code') {
      add('code', trimBlankEnds(section.body).join('\n'));
      continue;
    }
    if (tag?.[1] === 'markdown') {
      add('markdown', trimBlankEnds(section.body).map(uncomment).join('\n'));
      continue;
    }
    if (section.title === null) {
      const body = trimBlankEnds(section.body);
      if (allComments(body)) add('markdown', body.map(uncomment).join('\n'));
      else add('code', body.join('\n'));
      continue;
    }
    // `%% Title`: the title and the comment lines right after it are text; the rest is code.
    const body = trimBlankEnds(section.body);
    let split = 0;
    while (split < body.length && (isCommentLine(body[split]) || isBlank(body[split]))) split++;
    // Blank lines between the text and the code belong to neither.
    const textLines = trimBlankEnds(body.slice(0, split));
    const code = trimBlankEnds(body.slice(split));
    add('markdown', [`# ${section.title}`, ...textLines.map(uncomment)].join('\n'));
    if (code.length > 0) add('code', code.join('\n'));
  }
  const ids = withUniqueIds(cells);
  const doc: NotebookDoc = { cells: ids };
  if (options.title) doc.title = options.title;
  return doc;
}
