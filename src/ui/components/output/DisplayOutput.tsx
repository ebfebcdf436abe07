// One displayed value. A large numeric or logical array (or one wider than MATLAB's 80 columns)
// is a grid with a header (`x: 1000×1000 double · gpu·f32`), a page selector for N-D arrays, and
// a switch back to MATLAB's text; everything else is the text.

import { useState } from 'react';
import { gridHeaderText, pageSubscript, prefersGrid } from '../../core/outputs/gridFormat.ts';
import { ArrayGrid } from './ArrayGrid.tsx';
import { DisplayText, type DisplayItem } from './DisplayText.tsx';
import { ViewSwitch } from './ViewSwitch.tsx';

type DisplayView = 'grid' | 'text';

const VIEWS = [
  { value: 'grid', label: 'grid', title: 'Scrollable grid of the values' },
  { value: 'text', label: 'text', title: "MATLAB's display text" },
] as const satisfies readonly { value: DisplayView; label: string; title: string }[];

export function DisplayOutput({ output }: { output: DisplayItem }) {
  const [view, setView] = useState<DisplayView>('grid');
  const [page, setPage] = useState(0);
  const grid = output.grid;
  if (!grid || !prefersGrid(output)) return <DisplayText output={output} />;
  const shownPage = Math.min(page, grid.pages - 1);
  return (
    <div className="array-output" data-testid="array-output" data-name={output.name}>
      <div className="array-output-head">
        <span className="array-output-title" data-testid="array-grid-header">
          {gridHeaderText(output.name, output.size, output.className, grid.residency)}
        </span>
        {view === 'grid' && grid.pages > 1 && <PageSelector name={output.name} size={output.size} pages={grid.pages} page={shownPage} onChange={setPage} />}
        <ViewSwitch<DisplayView> label={`How to show ${output.name}`} value={view} options={VIEWS} onChange={setView} testId="display-view" />
      </div>
      {view === 'grid' ? (
        <ArrayGrid name={output.name} size={output.size} className={output.className} grid={grid} page={shownPage} />
      ) : (
        <DisplayText output={output} />
      )}
    </div>
  );
}

interface PageSelectorProps {
  name: string;
  size: readonly number[];
  pages: number;
  page: number;
  onChange(page: number): void;
}

/** Which 2-D slice of an N-D array the grid shows: previous/next and a page number to type. */
function PageSelector({ name, size, pages, page, onChange }: PageSelectorProps) {
  const go = (to: number) => onChange(Math.max(0, Math.min(pages - 1, to)));
  return (
    <span className="page-selector" data-testid="page-selector">
      <button type="button" className="page-step" aria-label="Previous page" disabled={page === 0} onClick={() => go(page - 1)}>
        ◀
      </button>
      <label>
        page{' '}
        <input
          type="number"
          min={1}
          max={pages}
          value={page + 1}
          aria-label={`Page of ${name}`}
          data-testid="page-input"
          onChange={(event) => {
            const n = Number(event.target.value);
            if (Number.isInteger(n)) go(n - 1);
          }}
        />{' '}
        of {pages}
      </label>
      <button type="button" className="page-step" aria-label="Next page" disabled={page === pages - 1} onClick={() => go(page + 1)}>
        ▶
      </button>
      <code className="page-subscript" data-testid="page-subscript">
        {name}
        {pageSubscript(size, page)}
      </code>
    </span>
  );
}
