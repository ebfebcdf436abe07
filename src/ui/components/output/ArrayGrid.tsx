// One page of a displayed array as a scrollable grid, virtualised in both directions
// (@tanstack/react-virtual): only the cells in view (plus a margin) are in the DOM, so a
// 1000×1000 array scrolls as smoothly as a 10×10 one. Row and column numbers stay in view
// (sticky headers). The elements come with the display event, or, for arrays too big for that,
// in blocks the grid asks the engine for as they scroll into view (EngineApi.slice).
//
// The viewport takes the keyboard focus (Tab), and the arrow keys, Page Up/Down and Home/End
// scroll it as they scroll any focused region.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useContext, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type RefObject } from 'react';
import type { ArrayBlock, ArrayGrid as ArrayGridData } from '../../../worker/protocol.ts';
import { BLOCK_COLS, BLOCK_ROWS, BlockCache, blocksCovering, type CellValue } from '../../core/outputs/gridBlocks.ts';
import { formatGridComplex, formatGridNumber, gridCellChars, gridNumberStyle, type GridNumberStyle } from '../../core/outputs/gridFormat.ts';
import { MatbookContext } from '../MatbookContext.tsx';

const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 22;
/** Rows in view before the grid scrolls. */
const VISIBLE_ROWS = 16;
/** Horizontal padding of a cell, px (both sides together). */
const CELL_PADDING = 16;
/** Until the font is measured: a monospace character at the grid's 12 px. */
const FALLBACK_CHAR_WIDTH = 7.3;
/** Room under the rows for a horizontal scrollbar, so it never hides the last row. */
const SCROLLBAR_ALLOWANCE = 14;

export interface ArrayGridProps {
  name: string;
  size: readonly number[];
  className: string;
  grid: ArrayGridData;
  /** 0-based page (`x(:,:,page+1)` for a 3-D array). */
  page: number;
}

export function ArrayGrid({ name, size, className, grid, page }: ArrayGridProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const probeRef = useRef<HTMLSpanElement>(null);
  const charWidth = useCharWidth(probeRef);
  const style = gridNumberStyle(className, grid);
  const cellWidth = Math.ceil(gridCellChars(style, grid) * charWidth) + CELL_PADDING;
  const rowHeaderWidth = Math.ceil(Math.max(3, String(grid.rows).length + 1) * charWidth) + CELL_PADDING;

  const rows = useVirtualizer({
    count: grid.rows,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 6,
  });
  const cols = useVirtualizer({
    horizontal: true,
    count: grid.cols,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => cellWidth,
    paddingStart: rowHeaderWidth,
    scrollPaddingStart: rowHeaderWidth,
    overscan: 3,
  });
  // Sizes are estimates the virtualiser caches: tell it when the measured font changes them.
  useLayoutEffect(() => {
    cols.measure();
  }, [cols, cellWidth, rowHeaderWidth]);

  const source = useGridSource(name, size, className, grid, page);
  const visibleRows = rows.getVirtualItems();
  const visibleCols = cols.getVirtualItems();
  const firstRow = visibleRows[0]?.index ?? 0;
  const lastRow = visibleRows[visibleRows.length - 1]?.index ?? -1;
  const firstCol = visibleCols[0]?.index ?? 0;
  const lastCol = visibleCols[visibleCols.length - 1]?.index ?? -1;
  useEffect(() => {
    source.request(firstRow, lastRow, firstCol, lastCol);
  }, [source, firstRow, lastRow, firstCol, lastCol]);

  const totalWidth = cols.getTotalSize();
  const totalHeight = rows.getTotalSize();
  const viewportHeight = Math.min(grid.rows, VISIBLE_ROWS) * ROW_HEIGHT + HEADER_HEIGHT;

  return (
    <div className="array-grid" data-testid="array-grid">
      <span ref={probeRef} className="array-grid-probe" aria-hidden="true">
        0000000000
      </span>
      {source.stale && (
        <div className="output-notice notice-warning" data-testid="array-grid-stale">
          {name} has changed since this display: the grid shows its current value.
        </div>
      )}
      <div
        ref={viewportRef}
        className="array-grid-viewport"
        data-testid="array-grid-viewport"
        tabIndex={0}
        role="region"
        aria-label={`Values of ${name}, ${grid.rows} rows by ${grid.cols} columns; scroll with the arrow keys`}
        style={{ height: viewportHeight + SCROLLBAR_ALLOWANCE }}
      >
        <div className="array-grid-canvas" style={{ width: totalWidth, height: totalHeight }}>
          <div className="array-grid-colhead" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
            <div className="array-grid-corner" style={{ width: rowHeaderWidth, height: HEADER_HEIGHT }} />
            {visibleCols.map((col) => (
              <div key={col.key} className="array-grid-colnum" style={{ left: col.start, width: col.size, height: HEADER_HEIGHT }}>
                {col.index + 1}
              </div>
            ))}
          </div>
          <div className="array-grid-rowhead" style={{ width: rowHeaderWidth, height: totalHeight - HEADER_HEIGHT }}>
            {visibleRows.map((row) => (
              <div key={row.key} className="array-grid-rownum" style={{ top: row.start - HEADER_HEIGHT, height: row.size }}>
                {row.index + 1}
              </div>
            ))}
          </div>
          {visibleRows.map((row) =>
            visibleCols.map((col) => {
              const value = source.valueAt(row.index, col.index);
              return (
                <div
                  key={`${row.key}:${col.key}`}
                  className={value === undefined ? 'array-grid-cell pending' : 'array-grid-cell'}
                  data-row={row.index + 1}
                  data-col={col.index + 1}
                  style={{ top: row.start, left: col.start, width: col.size, height: row.size }}
                >
                  {value === undefined ? '…' : cellText(value, style)}
                </div>
              );
            }),
          )}
        </div>
      </div>
    </div>
  );
}

function cellText(value: CellValue, style: GridNumberStyle): string {
  return value.im === null ? formatGridNumber(value.re, style) : formatGridComplex(value.re, value.im, style);
}

/** The width of one character of the grid's font, measured once the probe is laid out. */
function useCharWidth(probe: RefObject<HTMLSpanElement | null>): number {
  const [width, setWidth] = useState(FALLBACK_CHAR_WIDTH);
  useLayoutEffect(() => {
    const measured = probe.current ? probe.current.getBoundingClientRect().width / 10 : 0;
    if (measured > 0 && Math.abs(measured - width) > 0.01) setWidth(measured);
  }, [probe, width]);
  return width;
}

interface GridSource {
  valueAt(row: number, col: number): CellValue | undefined;
  /** Asks for whatever the given rows and columns (inclusive) still need. */
  request(firstRow: number, lastRow: number, firstCol: number, lastCol: number): void;
  /** The variable is no longer what was displayed (other size or class). */
  stale: boolean;
}

/** Where the grid's numbers come from: the display event's own data, or blocks from the engine. */
function useGridSource(name: string, size: readonly number[], className: string, grid: ArrayGridData, page: number): GridSource {
  const app = useContext(MatbookContext);
  const cache = useMemo(() => new BlockCache(), []);
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  const [stale, setStale] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  return useMemo<GridSource>(() => {
    const { re, im, rows, cols } = grid;
    if (re !== null) {
      const offset = page * rows * cols;
      return {
        valueAt: (row, col) => {
          const k = offset + col * rows + row;
          return { re: re[k], im: im ? im[k] : null };
        },
        request: () => undefined,
        stale: false,
      };
    }
    return {
      valueAt: (row, col) => cache.valueAt(page, row, col),
      request(firstRow, lastRow, firstCol, lastCol) {
        if (!app) return;
        for (const ref of blocksCovering(page, firstRow, lastRow, firstCol, lastCol)) {
          if (cache.has(ref)) continue;
          cache.markRequested(ref);
          app.client.slice(name, page, ref.blockRow * BLOCK_ROWS, BLOCK_ROWS, ref.blockCol * BLOCK_COLS, BLOCK_COLS).then(
            (block: ArrayBlock | null) => {
              if (!mounted.current) return;
              if (block === null) {
                setStale(true);
                return;
              }
              if (block.className !== className || block.size.join('×') !== size.join('×')) setStale(true);
              cache.store(ref, block);
              bump();
            },
            () => cache.forget(ref),
          );
        }
      },
      stale,
    };
    // `version` is a dependency on purpose: a block that arrived makes a new source object.
  }, [app, cache, className, grid, name, page, size, stale, version]);
}
