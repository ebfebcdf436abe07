// What a code cell's last run produced: its outputs in order (stdout, displayed values, errors,
// notices), then the kernels it dispatched and its timings.

import { memo, useContext, useState } from 'react';
import type { KernelEvent, PlanDecision } from '../../worker/protocol.ts';
import type { CellOutput as CellOutputItem, CellRuntime } from '../core/cells/types.ts';
import { formatErrorHeader, formatMs, formatRate, formatShapes, formatUs } from '../core/format.ts';
import { assertNever } from '../core/utils/assertNever.ts';
import { errorMessage } from '../core/engine/engineClient.ts';
import { MatbookContext } from './MatbookContext.tsx';
import { FigureView } from './figures/FigureView.tsx';

export const CellOutput = memo(function CellOutput({ runtime }: { runtime: CellRuntime }) {
  const hasOutputs = runtime.outputs.length > 0;
  const hasTimings = runtime.wallMs !== null;
  if (!hasOutputs && runtime.kernels.length === 0 && !hasTimings) return null;
  return (
    <div className="cell-output" data-testid="cell-output">
      {runtime.outputs.map((output, index) => (output.kind === 'figure' ? null : <OutputBlock key={index} output={output} />))}
      {/* Figures come after the text outputs, one per figure number (the latest snapshot). */}
      {runtime.outputs.map((output) => (output.kind === 'figure' ? <FigureView key={`figure-${output.figure.id}`} figure={output.figure} /> : null))}
      {runtime.kernels.length > 0 && <KernelList kernels={runtime.kernels} plan={runtime.plan} />}
      {hasTimings && (
        <div className="cell-timings" data-testid="cell-timings">
          wall {formatMs(runtime.wallMs ?? 0)}
          {runtime.gpuMs !== null && runtime.gpuMs > 0 && <> · GPU {formatMs(runtime.gpuMs)}</>}
        </div>
      )}
    </div>
  );
});

function OutputBlock({ output }: { output: CellOutputItem }) {
  switch (output.kind) {
    case 'stdout':
      return <pre className="output-stdout">{output.text}</pre>;
    case 'display':
      return output.truncated ? (
        <TruncatedDisplay output={output} />
      ) : (
        <pre className="output-display" data-name={output.name} title={`${output.name}: ${output.size.join('×')} ${output.className}`}>
          {trimDisplay(output.text)}
        </pre>
      );
    case 'figure':
      return <FigureView figure={output.figure} />;
    case 'error':
      return (
        <div className="output-error" data-testid="cell-error" role="alert">
          <pre>{formatErrorHeader(output.error)}</pre>
          {output.error.identifier && <div className="error-identifier">{output.error.identifier}</div>}
        </div>
      );
    case 'notice':
      return <div className={`output-notice notice-${output.tone}`}>{output.text}</div>;
    default:
      return assertNever(output, 'output');
  }
}

/**
 * A display the engine cut short (it ends with a note): "Show all" asks the engine for the
 * variable's whole display text (Session.preview: the variable's current value).
 */
function TruncatedDisplay({ output }: { output: Extract<CellOutputItem, { kind: 'display' }> }) {
  const app = useContext(MatbookContext);
  const [full, setFull] = useState<{ state: 'idle' | 'loading' } | { state: 'ready'; text: string } | { state: 'error'; message: string }>({
    state: 'idle',
  });
  const showAll = () => {
    if (!app) return;
    setFull({ state: 'loading' });
    app.client.preview(output.name).then(
      (result) => setFull(result ? { state: 'ready', text: result.text } : { state: 'error', message: `${output.name} no longer exists.` }),
      (error: unknown) => setFull({ state: 'error', message: errorMessage(error) }),
    );
  };
  return (
    <div className="output-display-truncated" data-testid="display-truncated">
      <pre className="output-display" data-name={output.name} title={`${output.name}: ${output.size.join('×')} ${output.className}`}>
        {trimDisplay(full.state === 'ready' ? full.text : output.text)}
      </pre>
      {app && full.state !== 'ready' && (
        <button type="button" className="show-all" data-testid="show-all" disabled={full.state === 'loading'} onClick={showAll}>
          {full.state === 'loading' ? 'Loading…' : `Show all of ${output.name}`}
        </button>
      )}
      {full.state === 'error' && <div className="output-notice notice-warning">{full.message}</div>}
    </div>
  );
}

/** MATLAB's display ends with a blank line; the block's own margin does that job. */
function trimDisplay(text: string): string {
  return text.replace(/\n+$/, '');
}

function KernelList({ kernels, plan }: { kernels: KernelEvent[]; plan: PlanDecision[] }) {
  const totalUs = kernels.reduce((sum, kernel) => sum + kernel.gpuUs, 0);
  return (
    <details className="cell-kernels" data-testid="cell-kernels" open={kernels.length <= 4}>
      <summary>
        {kernels.length} GPU kernel{kernels.length === 1 ? '' : 's'} · {formatUs(totalUs)}
      </summary>
      <table>
        <thead>
          <tr>
            <th>kernel</th>
            <th>variant</th>
            <th>shapes</th>
            <th className="num">GPU</th>
            <th className="num">rate</th>
          </tr>
        </thead>
        <tbody>
          {kernels.map((kernel, index) => (
            <tr key={index} data-kernel={kernel.name}>
              <td className="kernel-name">{kernel.name}</td>
              <td>{kernel.variant}</td>
              <td>{formatShapes(kernel.shapes)}</td>
              <td className="num" title={kernel.timing === 'timestamp' ? 'timestamp query' : 'wall time around the submit'}>
                {formatUs(kernel.gpuUs)}
                {kernel.timing === 'wall' ? '*' : ''}
              </td>
              <td className="num">{formatRate(kernel)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.length > 0 && (
        <ul className="cell-plan">
          {plan.map((decision, index) => (
            <li key={index}>
              <span className="kernel-name">
                {decision.kernel}
                {decision.variant ? `/${decision.variant}` : ''}
              </span>{' '}
              {decision.reason}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
