// Figures as PNG: every axes is one uPlot canvas holding everything it shows (title, legend and
// colorbar included), so a figure's PNG is those canvases drawn at their places on a white canvas.
// figureToPngDataUrl renders a figure model off screen (for export, e.g. .ipynb image/png); the
// Download button composes the charts on the page as they are (zoom included).

import uPlot from 'uplot';
import type { FigureModel } from '../../../worker/protocol.ts';
import { createAxesChart } from './axesChart.ts';
import { axesRect, figureSize, type Rect } from './layout.ts';

/** Draws the charts' canvases at their rectangles onto one white canvas of the figure's size. */
export function composeFigureCanvas(width: number, height: number, charts: { chart: uPlot; rect: Rect }[]): HTMLCanvasElement {
  const px = uPlot.pxRatio;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * px);
  canvas.height = Math.round(height * px);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (const { chart, rect } of charts) ctx.drawImage(chart.ctx.canvas, Math.round(rect.left * px), Math.round(rect.top * px));
  return canvas;
}

/** A PNG data URL of the figure, rendered off screen at its normal size. */
export async function figureToPngDataUrl(fig: FigureModel): Promise<string> {
  const { width, height } = figureSize(fig);
  const host = document.createElement('div');
  host.style.cssText = `position: fixed; left: -20000px; top: 0; width: ${width}px; height: ${height}px; pointer-events: none;`;
  document.body.appendChild(host);
  const charts: { chart: uPlot; rect: Rect }[] = [];
  try {
    for (const ax of fig.axes) {
      const rect = axesRect(ax, width, height);
      const cell = document.createElement('div');
      host.appendChild(cell);
      charts.push({ chart: createAxesChart(cell, fig, ax, { width: rect.width, height: rect.height, interactive: false }), rect });
    }
    // uPlot draws in a microtask after it is created; a task later it has.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return composeFigureCanvas(width, height, charts).toDataURL('image/png');
  } finally {
    for (const { chart } of charts) chart.destroy();
    host.remove();
  }
}
