// A displayed value as MATLAB's command window shows it: the text, and for a display the engine
// cut short, a "Show all" that asks the engine for the variable's whole text (Session.preview,
// the variable's current value).

import { useContext, useState } from 'react';
import type { CellOutput } from '../../core/cells/types.ts';
import { errorMessage } from '../../core/engine/engineClient.ts';
import { MatbookContext } from '../MatbookContext.tsx';

export type DisplayItem = Extract<CellOutput, { kind: 'display' }>;

export function DisplayText({ output }: { output: DisplayItem }) {
  return output.truncated ? (
    <TruncatedDisplay output={output} />
  ) : (
    <pre className="output-display" data-name={output.name} title={`${output.name}: ${output.size.join('×')} ${output.className}`}>
      {trimDisplay(output.text)}
    </pre>
  );
}

type FullText = { state: 'idle' | 'loading' } | { state: 'ready'; text: string } | { state: 'error'; message: string };

function TruncatedDisplay({ output }: { output: DisplayItem }) {
  const app = useContext(MatbookContext);
  const [full, setFull] = useState<FullText>({ state: 'idle' });
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
