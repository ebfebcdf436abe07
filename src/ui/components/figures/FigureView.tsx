// A figure under its cell: its axes as uPlot charts in a CSS grid (one cell per subplot cell,
// spans included), a header with the figure's number and a Download PNG button. Charts are built
// once per snapshot and destroyed when the figure goes away or a newer snapshot replaces it.

import { memo, useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './figures.css';
import type { FigureModel } from '../../../worker/protocol.ts';
import { createAxesChart } from './axesChart.ts';
import { axesRect, figureGrid, figureSize, gridArea, type Rect } from './layout.ts';
import { composeFigureCanvas } from './png.ts';

export const FigureView = memo(function FigureView({ figure }: { figure: FigureModel }) {
  const { width, height } = figureSize(figure);
  const charts = useRef<{ chart: uPlot; rect: Rect }[]>([]);
  const cellRefs = useRef<(HTMLDivElement | null)[]>([]);

  const root = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    const started = performance.now();
    const made: { chart: uPlot; rect: Rect }[] = [];
    figure.axes.forEach((ax, k) => {
      const el = cellRefs.current[k];
      if (!el) return;
      const rect = axesRect(ax, width, height);
      made.push({ chart: createAxesChart(el, figure, ax, { width: rect.width, height: rect.height, interactive: true }), rect });
    });
    charts.current = made;
    // uPlot paints in a microtask: a task later the figure is on screen. The time is kept on the
    // element (data-render-ms) for the tests that check big data stays fast.
    const timer = setTimeout(() => root.current?.setAttribute('data-render-ms', (performance.now() - started).toFixed(1)), 0);
    return () => {
      clearTimeout(timer);
      for (const { chart } of made) chart.destroy();
      charts.current = [];
    };
  }, [figure, width, height]);

  const download = () => {
    const url = composeFigureCanvas(width, height, charts.current).toDataURL('image/png');
    const a = document.createElement('a');
    a.href = url;
    a.download = `figure-${figure.id}.png`;
    a.click();
  };

  const grid = figureGrid(figure);
  const title = figure.name ? `Figure ${figure.id}: ${figure.name}` : `Figure ${figure.id}`;
  return (
    <div className="figure-view" data-testid="figure" data-figure-id={figure.id} ref={root}>
      <div className="figure-header">
        <span className="figure-title">{title}</span>
        <span className="figure-hint">drag: zoom · shift+drag: pan · ctrl+wheel: zoom · double-click: reset</span>
        <button type="button" className="figure-download" data-testid="figure-download" onClick={download}>
          Download PNG
        </button>
      </div>
      <div
        className="figure-canvas"
        style={{ width, height, gridTemplateRows: `repeat(${grid.rows}, 1fr)`, gridTemplateColumns: `repeat(${grid.cols}, 1fr)` }}
      >
        {figure.axes.map((ax, k) => {
          const r = axesRect(ax, width, height);
          return (
            <div
              key={`${ax.id}-${k}`}
              className="figure-axes"
              data-testid="figure-axes"
              ref={(el) => {
                cellRefs.current[k] = el;
              }}
              style={{ ...gridArea(ax, grid.rows, grid.cols), width: r.width, height: r.height }}
            />
          );
        })}
      </div>
    </div>
  );
});
