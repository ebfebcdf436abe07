// What a code cell's last run produced: its outputs in order (stdout, displayed values, errors,
// notices), its figures, then the kernels it dispatched and its timings. The views of single
// outputs live in ./output/ (array grid, kernel table / timeline / plan).

import { memo } from 'react';
import type { CellOutput as CellOutputItem, CellRuntime } from '../core/cells/types.ts';
import { formatErrorHeader, formatMs } from '../core/format.ts';
import { assertNever } from '../core/utils/assertNever.ts';
import { FigureView } from './figures/FigureView.tsx';
import { DisplayOutput } from './output/DisplayOutput.tsx';
import { KernelPanel } from './output/KernelPanel.tsx';

export const CellOutput = memo(function CellOutput({ runtime }: { runtime: CellRuntime }) {
  const hasOutputs = runtime.outputs.length > 0;
  const hasTimings = runtime.wallMs !== null;
  if (!hasOutputs && runtime.kernels.length === 0 && !hasTimings) return null;
  return (
    <div className="cell-output" data-testid="cell-output">
      {runtime.outputs.map((output, index) => (output.kind === 'figure' ? null : <OutputBlock key={index} output={output} />))}
      {/* Figures come after the text outputs, one per figure number (the latest snapshot). */}
      {runtime.outputs.map((output) => (output.kind === 'figure' ? <FigureView key={`figure-${output.figure.id}`} figure={output.figure} /> : null))}
      {runtime.kernels.length > 0 && <KernelPanel kernels={runtime.kernels} plan={runtime.plan} wallMs={runtime.wallMs} />}
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
      return <DisplayOutput output={output} />;
    case 'figure':
      return <FigureView figure={output.figure} />;
    case 'error':
      return (
        <div className="output-error" data-testid="cell-error" role="alert">
          <pre>{formatErrorHeader(output.error)}</pre>
          {output.error.identifier && (
            <div className="error-identifier" data-testid="error-identifier">
              {output.error.identifier}
            </div>
          )}
        </div>
      );
    case 'notice':
      return <div className={`output-notice notice-${output.tone}`}>{output.text}</div>;
    default:
      return assertNever(output, 'output');
  }
}
