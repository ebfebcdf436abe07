// A Session is one notebook's engine: an interpreter with its workspace, the compute providers
// and the event stream a cell run produces. The worker and the CLI both drive a Session; neither
// reaches further into the engine.

import { lineColumnAt } from './lang/location.ts';
import { MatlabError } from './errors.ts';
import { allBuiltins, lookupBuiltin } from './builtins/index.ts';
import { Interpreter } from './runtime/interpreter/interpreter.ts';
import { GPU_OUT_OF_MEMORY, GpuRuntime } from './runtime/gpu/gpuRuntime.ts';
import { figureForDisplay } from './runtime/figures/display.ts';
import type { WebGpuProvider } from './providers/webgpu/index.ts';
import { asMatlabError } from './runtime/interpreter/compileStmt.ts';
import { displayValue, formatValueSummary } from './runtime/display/index.ts';
import { classOf, numelOf, type Value } from './runtime/values/index.ts';
import { DEFAULT_OUTPUT_LIMITS, type OutputLimits } from './limits.ts';
import { parse } from './lang/index.ts';
import { kernelSources } from './providers/webgpu/kernelSources.ts';
import { arrayBlockOf, arrayGridOf, GRID_INLINE_PER_RUN, gridTensorOf, inlineElements } from './arrayGrid.ts';
import type { ArrayBlock, ArrayGrid, BuiltinDoc, CompletionItem, EngineEvent, ErrorInfo, GpuPolicy, HoverDoc, MemoryStatus, VariablePreview, WorkspaceEntry } from '../worker/protocol.ts';

const KEYWORDS = ['if', 'elseif', 'else', 'end', 'for', 'while', 'switch', 'case', 'otherwise', 'try', 'catch', 'break', 'continue', 'return', 'function'];

export interface SessionOptions {
  gpu: GpuPolicy;
  /** How much output a cell may produce (default DEFAULT_OUTPUT_LIMITS; the CLI lifts them). */
  output?: OutputLimits;
  /** Bytes of GPU arrays the session may hold at once (default: the GPU runtime's 4 GiB). */
  gpuBudgetBytes?: number;
}

/** Stdout is sent in batches: at most this often (ms) or this many characters at a time. */
const STDOUT_BATCH_MS = 100;
const STDOUT_BATCH_CHARS = 64 * 1024;

/**
 * One cell's output on its way to the page: batched (a `fprintf` in a tight loop is one event per
 * batch, not per call) and capped (past the limits, output is counted and dropped, and one notice
 * line says how much). Displays count toward the cap too; events keep their order.
 */
class OutputGate {
  private shownChars = 0;
  private shownLines = 0;
  private droppedChars = 0;
  private cause: 'chars' | 'lines' | null = null;
  private pending = '';
  private finished = false;
  /** The first output of a cell goes out at once; later output waits at most STDOUT_BATCH_MS. */
  private lastFlush = -Infinity;
  /**
   * Held output also goes out on a timer: between statements `poll` sends it, but while the cell
   * waits (a GPU read-back, pause) no statement runs, and the timer fires instead.
   */
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly limits: OutputLimits,
    private readonly emit: (event: EngineEvent) => void,
  ) {}

  stdout(text: string): void {
    const kept = this.admit(text);
    if (kept.length === 0) return;
    this.pending += kept;
    if (this.pending.length >= STDOUT_BATCH_CHARS || performance.now() - this.lastFlush >= STDOUT_BATCH_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), STDOUT_BATCH_MS);
  }

  display(event: Extract<EngineEvent, { type: 'display' }>): void {
    if (this.cause !== null || this.shownChars + event.text.length > this.limits.maxChars || this.shownLines + lineCount(event.text) > this.limits.maxLines) {
      this.droppedChars += event.text.length;
      this.cause ??= this.shownChars + event.text.length > this.limits.maxChars ? 'chars' : 'lines';
      return;
    }
    this.shownChars += event.text.length;
    this.shownLines += lineCount(event.text);
    this.forward(event);
  }

  /** Between statements: send held output once it is old enough (a loop that prints, then computes). */
  poll(): void {
    if (this.pending.length > 0 && performance.now() - this.lastFlush >= STDOUT_BATCH_MS) this.flush();
  }

  /** Any other event: pending stdout goes first, so the order is kept. */
  forward(event: EngineEvent): void {
    this.flush();
    this.emit(event);
  }

  flush(): void {
    this.lastFlush = performance.now();
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return;
    const text = this.pending;
    this.pending = '';
    this.emit({ type: 'stdout', text });
  }

  /** At the end of the cell: the pending text, then the truncation notice if output was dropped. */
  finish(): void {
    this.flush();
    if (this.finished || this.droppedChars === 0) return;
    this.finished = true;
    const what = this.cause === 'lines' ? `${this.limits.maxLines.toLocaleString('en-US')} lines` : sizeWords(this.limits.maxChars);
    this.emit({ type: 'stdout', text: `\n... output truncated (${this.droppedChars.toLocaleString('en-US')} more characters); showing the first ${what}.\n` });
  }

  /** The part of `text` that fits; the rest is counted as dropped. */
  private admit(text: string): string {
    if (this.cause === null && this.shownLines >= this.limits.maxLines && text.length > 0) this.cause = 'lines';
    if (this.cause !== null) {
      this.droppedChars += text.length;
      return '';
    }
    let end = text.length;
    const room = this.limits.maxChars - this.shownChars;
    if (end > room) {
      end = room;
      this.cause = 'chars';
    }
    let lines = this.shownLines;
    for (let i = 0; i < end; i++) {
      if (text.charCodeAt(i) !== 10) continue;
      if (++lines >= this.limits.maxLines) {
        if (i + 1 < text.length) {
          end = i + 1;
          this.cause = 'lines';
        }
        break;
      }
    }
    this.shownLines = lines;
    this.shownChars += end;
    this.droppedChars += text.length - end;
    return end === text.length ? text : text.slice(0, end);
  }
}

/**
 * A refused flush (GPU out of memory) leaves the cell's not-yet-computed GPU variables unusable:
 * they are dropped and the message names them.
 */
function withDroppedVariables(err: MatlabError, interp: Interpreter): MatlabError {
  if (err.identifier !== GPU_OUT_OF_MEMORY) return err;
  const dropped = interp.dropPendingGpuValues();
  if (dropped.length === 0) return err;
  return new MatlabError(err.identifier, `${err.message} Not kept (never computed): ${dropped.join(', ')}.`, err.span);
}

function lineCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function sizeWords(chars: number): string {
  if (chars >= 2 ** 20 && chars % 2 ** 20 === 0) return `${chars / 2 ** 20} MB`;
  if (chars >= 1024 && chars % 1024 === 0) return `${chars / 1024} KB`;
  return `${chars.toLocaleString('en-US')} characters`;
}

export class Session {
  private readonly interp: Interpreter;
  private emit: (event: EngineEvent) => void = () => undefined;
  private policy: GpuPolicy;
  private provider: WebGpuProvider | null = null;
  private readonly outputLimits: OutputLimits;
  private readonly gpuBudgetBytes: number | undefined;
  private gate: OutputGate | null = null;
  /** Elements the rest of this run's displays may still carry inline (see arrayGrid.ts). */
  private gridInlineRoom = GRID_INLINE_PER_RUN;

  constructor(options: SessionOptions) {
    this.policy = options.gpu;
    this.outputLimits = options.output ?? DEFAULT_OUTPUT_LIMITS;
    this.gpuBudgetBytes = options.gpuBudgetBytes;
    this.interp = new Interpreter({
      stdout: (text) => (this.gate ? this.gate.stdout(text) : this.emit({ type: 'stdout', text })),
      poll: () => this.gate?.poll(),
      flush: () => this.gate?.flush(),
      display: (name, text, value, truncated) => {
        const grid = this.gridFor(value);
        const event: EngineEvent = { type: 'display', name, text, className: classOf(value), size: [...value.shape], ...(truncated ? { truncated: true } : {}), ...(grid ? { grid } : {}) };
        if (this.gate) this.gate.display(event);
        else this.emit(event);
      },
    });
    const { displayMaxChars, displayMaxLines } = this.outputLimits;
    if (Number.isFinite(displayMaxChars) || Number.isFinite(displayMaxLines)) {
      this.interp.displayBounds = { maxChars: displayMaxChars, maxLines: displayMaxLines };
    }
  }

  get gpu(): GpuPolicy {
    return this.policy;
  }

  /** Changes the precision/residency policy (auto | on | off); values already on the GPU stay there. */
  set gpu(policy: GpuPolicy) {
    this.policy = policy;
    this.attachGpu(this.provider);
  }

  /** Gives the session a WebGPU provider (or takes it away with null). */
  attachGpu(provider: WebGpuProvider | null): void {
    this.provider = provider;
    this.interp.gpu =
      provider && this.policy !== 'off'
        ? new GpuRuntime(provider, this.interp.random, {
            kernel: (event) => this.emit(event),
            plan: (decisions) => this.emit({ type: 'plan', decisions }),
          }, { policy: this.policy, budgetBytes: this.gpuBudgetBytes })
        : null;
  }

  set interruptFlag(flag: Int32Array | null) {
    this.interp.interruptFlag = flag;
  }

  /** Asks a running cell to stop at its next statement (for hosts without a shared flag). */
  requestInterrupt(): void {
    this.interp.interruptRequested = true;
  }

  /** Runs one cell. Never throws for user errors: they arrive as an `error` event. */
  async run(source: string, onEvent: (event: EngineEvent) => void): Promise<boolean> {
    this.gridInlineRoom = GRID_INLINE_PER_RUN;
    const gate = new OutputGate(this.outputLimits, onEvent);
    this.gate = gate;
    this.emit = (event) => gate.forward(event);
    // drawnow sends the figures touched so far; the end of the cell sends the rest (below).
    this.interp.figures.onDrawnow = (figures) => {
      for (const figure of figures) this.emit({ type: 'figure', figure: figureForDisplay(figure) });
    };
    const started = performance.now();
    let ok = true;
    this.checkDevice();
    try {
      await this.interp.run(source);
      // End of cell: a sync point. Live GPU values are computed now, so their kernels report here.
      await this.interp.settleGpu();
    } catch (e) {
      ok = false;
      const lost = this.checkDevice();
      const err = withDroppedVariables(asMatlabError(e), this.interp);
      gate.finish();
      onEvent({ type: 'error', error: errorInfo(lost ? new MatlabError('parallel:gpu:device:DeviceLost', `The GPU device was lost while this cell ran (${err.message}).`, err.span) : err, source) });
    } finally {
      // End of cell: every figure the cell touched goes to the page (also after an error).
      this.interp.figures.drawnow();
      gate.finish();
      this.gate = null;
      this.emit = () => undefined;
    }
    const gpuMs = this.interp.gpu ? this.interp.gpu.takeGpuMilliseconds() : 0;
    onEvent({ type: 'done', wallMs: performance.now() - started, gpuMs, ok });
    return ok;
  }

  /**
   * When the device was lost: fall back to the CPU provider, say so, and name the variables whose
   * data lived only on the GPU. Returns true when that happened now.
   */
  private checkDevice(): boolean {
    if (!this.provider || !this.provider.lost) return false;
    const message = this.provider.lostMessage;
    this.provider = null;
    const lost = this.interp.dropGpuValues();
    const names = lost.length > 0 ? ` Variables whose data lived only on the GPU are gone: ${lost.join(', ')}.` : '';
    this.emit({ type: 'stdout', text: `Warning: the GPU device was lost (${message || 'no reason given'}); continuing on the CPU.${names}\n` });
    return true;
  }

  reset(): void {
    this.interp.clearWorkspace();
  }

  variable(name: string): Value | undefined {
    return this.interp.workspace.get(name);
  }

  /** A variable with its data on the host (GPU arrays are read back). */
  async hostVariable(name: string): Promise<Value | undefined> {
    const v = this.variable(name);
    return v === undefined ? undefined : this.interp.hostValue(v);
  }

  /**
   * A variable's display text, as an unsuppressed statement shows it (GPU arrays are read back);
   * null when there is no such variable. A variable too big to show in full (more than 100,000
   * elements) is neither read back nor formatted: its text is the one-line summary and why.
   */
  async preview(name: string): Promise<VariablePreview | null> {
    const maxElements = 100_000;
    const v = this.variable(name);
    if (v === undefined) return null;
    const n = numelOf(v.shape);
    if (n > maxElements) {
      const count = (x: number) => x.toLocaleString('en-US');
      return { name, text: `${name} =\n\n  ${formatValueSummary(v)}\n\n(${count(n)} elements: too many to preview; the preview shows up to ${count(maxElements)})\n` };
    }
    const value = await this.hostVariable(name);
    return value === undefined ? null : { name, text: displayValue(name, value, 'short') };
  }

  variableNames(): string[] {
    return this.interp.variableNames();
  }

  workspace(): WorkspaceEntry[] {
    return this.variableNames()
      .sort()
      .map((name) => {
        const v = this.variable(name)!;
        const n = numelOf(v.shape);
        return {
          name,
          className: classOf(v),
          size: [...v.shape],
          bytes: v.type === 'tensor' ? n * bytesPerElement(v.cls) * (v.im ? 2 : 1) : v.type === 'gpu' ? n * 4 : n * 8,
          residency: v.type !== 'gpu' ? ('cpu' as const) : v.cls === 'double' ? ('gpu·f32' as const) : ('gpu' as const),
          summary: formatValueSummary(v),
        };
      });
  }

  complete(prefix: string): CompletionItem[] {
    const out: CompletionItem[] = [];
    for (const name of this.variableNames()) if (name.startsWith(prefix)) out.push({ name, kind: 'variable', detail: classOf(this.variable(name)!) });
    for (const k of KEYWORDS) if (k.startsWith(prefix)) out.push({ name: k, kind: 'keyword', detail: 'keyword' });
    for (const [name, spec] of allBuiltins()) if (name.startsWith(prefix)) out.push({ name, kind: 'builtin', detail: spec.signatures[0] });
    return out.slice(0, 200);
  }

  hover(name: string): HoverDoc | null {
    const spec = lookupBuiltin(name);
    return spec ? { name, signatures: [...spec.signatures], doc: spec.doc } : null;
  }

  /** The grid data of a displayed value (numeric and logical arrays), within this run's inline room. */
  private gridFor(value: Value): ArrayGrid | null {
    const grid = arrayGridOf(value, this.gridInlineRoom);
    if (grid) this.gridInlineRoom -= inlineElements(grid);
    return grid;
  }

  /** The parse error of `source`, if any, for editor markers while the user types. */
  parseErrors(source: string): ErrorInfo[] {
    try {
      parse(source);
      return [];
    } catch (e) {
      return [errorInfo(asMatlabError(e), source)];
    }
  }

  /**
   * Completion after a dot: the fields of the workspace struct at `path` (`s` or `s.inner`; the
   * first element of a struct array) that start with `prefix`.
   */
  fieldCompletions(path: string, prefix: string): CompletionItem[] {
    const [base, ...fields] = path.split('.');
    let value = this.variable(base);
    for (const field of fields) {
      if (value?.type !== 'struct' || value.items.length === 0) return [];
      value = value.items[0].get(field);
    }
    if (value?.type !== 'struct') return [];
    const first = value.items[0];
    return value.fields
      .filter((field) => field.startsWith(prefix))
      .map((field) => {
        const member = first?.get(field);
        return { name: field, kind: 'field' as const, detail: member ? `${member.shape.join('×')} ${classOf(member)}` : 'field' };
      });
  }

  /** A block of one page of a numeric or logical variable (GPU arrays are read back); see EngineApi.slice. */
  async slice(name: string, page: number, rowStart: number, rowCount: number, colStart: number, colCount: number): Promise<ArrayBlock | null> {
    const value = this.variable(name);
    if (value === undefined) return null;
    const host = value.type === 'gpu' ? await this.hostVariable(name) : value;
    const tensor = host === undefined ? null : gridTensorOf(host);
    return tensor ? arrayBlockOf(tensor, classOf(value), page, rowStart, rowCount, colStart, colCount) : null;
  }

  /** The WGSL of a recently dispatched kernel (KernelEvent.sourceId), while the bounded store keeps it. */
  kernelSource(sourceId: string): string | null {
    return kernelSources.get(sourceId);
  }

  /** GPU memory held by the buffer pool (zero without a GPU). */
  memory(): MemoryStatus {
    if (!this.provider || this.provider.lost || !this.interp.gpu) return { gpu: false, inUseBytes: 0, pooledBytes: 0 };
    const { storage } = this.provider.stats();
    return { gpu: true, inUseBytes: storage.bytesInUse, pooledBytes: storage.bytesPooled };
  }

  /** Every builtin's help, for the page's Functions panel: sorted by family, then by name. */
  builtinDocs(): BuiltinDoc[] {
    return allBuiltins()
      .map(([name, spec]) => ({ name, family: spec.family, signatures: [...spec.signatures], doc: spec.doc }))
      .sort((a, b) => {
        const [x, y] = a.family === b.family ? [a.name, b.name] : [a.family, b.family];
        return x < y ? -1 : x > y ? 1 : 0;
      });
  }
}

function bytesPerElement(cls: string): number {
  switch (cls) {
    case 'logical':
    case 'int8':
    case 'uint8':
      return 1;
    case 'char':
    case 'int16':
    case 'uint16':
      return 2;
    case 'single':
    case 'int32':
    case 'uint32':
      return 4;
    default:
      return 8;
  }
}

export function errorInfo(e: MatlabError, source: string): ErrorInfo {
  if (!e.span) return { message: e.message, identifier: e.identifier, line: null, column: null, endLine: null, endColumn: null };
  const a = lineColumnAt(source, e.span.start);
  const b = lineColumnAt(source, e.span.end);
  return { message: e.message, identifier: e.identifier, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}
