// FigureState: a session's figures, which one is current, each figure's current axes, and which
// figures a cell touched (they are sent to the page at the end of the cell and at `drawnow`).
// Builtins reach it through CallContext.figures; it knows nothing about values or the page.

import { defaultColormap } from './colormaps.ts';
import { COLOR_ORDER, emptyAxes, type AxesModel, type Colormap, type FigureModel, type Rgb, type Series } from './model.ts';

export class FigureState {
  private readonly figures = new Map<number, FigureModel>();
  private currentId: number | null = null;
  private readonly touched = new Set<number>();
  private nextAxesId = 1;
  /** Receives the touched figures at `drawnow` (the session sends them as events). */
  onDrawnow: ((figures: FigureModel[]) => void) | null = null;

  /** Figure numbers, in creation order. */
  ids(): number[] {
    return [...this.figures.keys()];
  }

  get(id: number): FigureModel | undefined {
    return this.figures.get(id);
  }

  /** The current figure, or null when there is none (gcf would create one). */
  get current(): FigureModel | null {
    return this.currentId === null ? null : (this.figures.get(this.currentId) ?? null);
  }

  /** `figure`: a new figure with the lowest unused number; `figure(n)`: selects n, creating it. */
  figure(id?: number): FigureModel {
    if (id === undefined) {
      id = 1;
      while (this.figures.has(id)) id++;
    }
    let fig = this.figures.get(id);
    if (!fig) {
      fig = { id, name: '', colormap: defaultColormap(), axes: [], currentAxes: -1, version: 0 };
      this.figures.set(id, fig);
    }
    this.currentId = id;
    return fig;
  }

  /** The current figure, creating figure 1 when there is none (MATLAB's gcf). */
  gcf(): FigureModel {
    return this.current ?? this.figure();
  }

  /** The current axes of the current figure, creating a full-size axes when there is none (gca). */
  gca(): AxesModel {
    const fig = this.gcf();
    if (fig.currentAxes < 0 || !fig.axes[fig.currentAxes]) {
      fig.axes.push(emptyAxes(this.nextAxesId++));
      fig.currentAxes = fig.axes.length - 1;
      this.touch(fig);
    }
    return fig.axes[fig.currentAxes];
  }

  /**
   * `subplot(m, n, p)`: selects the axes at that grid position, or makes one there, deleting
   * axes it would overlap (as MATLAB does).
   */
  subplot(rows: number, cols: number, cells: number[]): AxesModel {
    const fig = this.gcf();
    const want = [...new Set(cells)].sort((a, b) => a - b);
    const same = fig.axes.findIndex((a) => a.rows === rows && a.cols === cols && a.cells.length === want.length && a.cells.every((c, i) => c === want[i]));
    if (same >= 0) {
      fig.currentAxes = same;
      this.touch(fig);
      return fig.axes[same];
    }
    const box = cellBox(rows, cols, want);
    fig.axes = fig.axes.filter((a) => !overlaps(box, cellBox(a.rows, a.cols, a.cells)));
    const ax = emptyAxes(this.nextAxesId++, rows, cols, want);
    fig.axes.push(ax);
    fig.currentAxes = fig.axes.length - 1;
    this.touch(fig);
    return ax;
  }

  /**
   * The axes new graphics go into (MATLAB's newplot): the current axes, cleared and reset unless
   * hold is on.
   */
  plotTarget(): AxesModel {
    const ax = this.gca();
    if (!ax.hold) resetAxes(ax);
    this.touch();
    return ax;
  }

  /** Adds series to the current axes (after plotTarget). */
  addSeries(ax: AxesModel, ...series: Series[]): void {
    ax.series.push(...series);
    this.touch();
  }

  /** The next colour of the colour order for this axes. */
  nextColor(ax: AxesModel): Rgb {
    const c = COLOR_ORDER[ax.colorIndex % COLOR_ORDER.length];
    ax.colorIndex++;
    return c;
  }

  /** `hold on` / `hold off` / `hold` (toggles) on the current axes. */
  hold(mode: 'on' | 'off' | 'toggle'): void {
    const ax = this.gca();
    ax.hold = mode === 'toggle' ? !ax.hold : mode === 'on';
    this.touch();
  }

  /** Sets the current figure's colormap; the current axes, if any, follows it again. */
  setColormap(map: Colormap): void {
    const fig = this.gcf();
    fig.colormap = map;
    const ax = fig.axes[fig.currentAxes];
    if (ax) ax.colormap = null;
    this.touch(fig);
  }

  /** The colormap the current axes uses. */
  currentColormap(): Colormap {
    const fig = this.gcf();
    return fig.axes[fig.currentAxes]?.colormap ?? fig.colormap;
  }

  /** Marks a figure (default: the current one) as changed in this cell. */
  touch(fig: FigureModel | null = this.current): void {
    if (!fig) return;
    fig.version++;
    this.touched.add(fig.id);
  }

  /** `close`, `close(n)`, `close all`. Returns false when there was no such figure. */
  close(which: number | 'current' | 'all'): boolean {
    if (which === 'all') {
      const any = this.figures.size > 0;
      this.figures.clear();
      this.touched.clear();
      this.currentId = null;
      return any;
    }
    const id = which === 'current' ? this.currentId : which;
    if (id === null || !this.figures.has(id)) return false;
    this.figures.delete(id);
    this.touched.delete(id);
    if (this.currentId === id) {
      const rest = [...this.figures.keys()];
      this.currentId = rest.length > 0 ? rest[rest.length - 1] : null;
    }
    return true;
  }

  /** `clf`: removes every axes of the current figure. */
  clf(): void {
    const fig = this.gcf();
    fig.axes = [];
    fig.currentAxes = -1;
    this.touch(fig);
  }

  /**
   * The figures touched since the last call, in creation order, and forgets them. Figures with
   * no axes are left out (a bare `figure` shows nothing).
   */
  takeTouched(): FigureModel[] {
    const out: FigureModel[] = [];
    for (const [id, fig] of this.figures) if (this.touched.has(id) && fig.axes.length > 0) out.push(fig);
    this.touched.clear();
    return out;
  }

  /** `drawnow`: hands the touched figures to onDrawnow now. */
  drawnow(): void {
    const figs = this.takeTouched();
    if (figs.length > 0 && this.onDrawnow) this.onDrawnow(figs);
  }
}

/** Resets an axes for a new plot (hold off), keeping its place in the subplot grid. */
export function resetAxes(ax: AxesModel): void {
  const fresh = emptyAxes(ax.id, ax.rows, ax.cols, ax.cells);
  Object.assign(ax, fresh);
}

interface Box {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** The rectangle, in figure fractions, that a subplot covers. */
function cellBox(rows: number, cols: number, cells: number[]): Box {
  let r0 = Infinity;
  let r1 = -Infinity;
  let c0 = Infinity;
  let c1 = -Infinity;
  for (const p of cells) {
    const r = Math.floor((p - 1) / cols);
    const c = (p - 1) % cols;
    r0 = Math.min(r0, r / rows);
    r1 = Math.max(r1, (r + 1) / rows);
    c0 = Math.min(c0, c / cols);
    c1 = Math.max(c1, (c + 1) / cols);
  }
  return { r0, r1, c0, c1 };
}

function overlaps(a: Box, b: Box): boolean {
  const eps = 1e-9;
  return a.r0 < b.r1 - eps && b.r0 < a.r1 - eps && a.c0 < b.c1 - eps && b.c0 < a.c1 - eps;
}
