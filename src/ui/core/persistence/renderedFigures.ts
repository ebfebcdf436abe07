// The figures a cell shows, as base64 PNGs in output order, read from the page's canvases (for
// image/png in .ipynb export). Whatever cannot be read (no canvas yet, a tainted one) is null.

import type { CellId } from '../cells/ids.ts';

export function renderedFigurePngs(cellId: CellId): (string | null)[] {
  if (typeof document === 'undefined') return [];
  const cell = document.querySelector(`[data-cell-id="${CSS.escape(cellId)}"]`);
  if (!cell) return [];
  return Array.from(cell.querySelectorAll<HTMLCanvasElement>('[data-testid="cell-output"] canvas')).map((canvas) => {
    try {
      const url = canvas.toDataURL('image/png');
      return url.startsWith('data:image/png;base64,') ? url.slice('data:image/png;base64,'.length) : null;
    } catch {
      return null;
    }
  });
}
