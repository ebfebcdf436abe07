// The fusion planner's view of a cell run: its decisions with their reasons, and the WGSL of each
// distinct kernel it dispatched, shown in a read-only editor with WGSL highlighting. The source is
// asked of the engine when a kernel is picked (events carry only its id).

import { useContext, useEffect, useMemo, useState } from 'react';
import type { KernelEvent, PlanDecision } from '../../../worker/protocol.ts';
import { errorMessage } from '../../core/engine/engineClient.ts';
import { formatUs } from '../../core/format.ts';
import { kernelSourceEntries } from '../../core/outputs/planSources.ts';
import { ReadOnlyCode } from '../../monaco/ReadOnlyCode.tsx';
import { WGSL_LANGUAGE_ID } from '../../monaco/wgslGrammar.ts';
import { MatbookContext } from '../MatbookContext.tsx';

type Source = { state: 'loading' } | { state: 'ready'; wgsl: string } | { state: 'missing' } | { state: 'error'; message: string };

export function PlanView({ kernels, plan }: { kernels: readonly KernelEvent[]; plan: readonly PlanDecision[] }) {
  const app = useContext(MatbookContext);
  const entries = useMemo(() => kernelSourceEntries(kernels), [kernels]);
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected ?? entries[0]?.sourceId ?? null;
  const [source, setSource] = useState<Source>({ state: 'loading' });

  useEffect(() => {
    if (current === null || !app) return;
    let live = true;
    setSource({ state: 'loading' });
    app.client.kernelSource(current).then(
      (wgsl) => live && setSource(wgsl === null ? { state: 'missing' } : { state: 'ready', wgsl }),
      (error: unknown) => live && setSource({ state: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [app, current]);

  return (
    <div className="plan-view" data-testid="plan-view">
      {plan.length > 0 ? (
        <ul className="cell-plan" data-testid="plan-decisions">
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
      ) : (
        <p className="plan-note">No fusion decisions: every kernel ran as it was lowered.</p>
      )}
      {entries.length > 0 && (
        <div className="plan-sources">
          <div className="plan-source-list" role="group" aria-label="Kernel sources">
            {entries.map((entry) => (
              <button
                key={entry.sourceId}
                type="button"
                aria-pressed={entry.sourceId === current}
                className={entry.sourceId === current ? 'plan-source active' : 'plan-source'}
                data-testid="plan-source"
                onClick={() => setSelected(entry.sourceId)}
              >
                <span className="kernel-name">{entry.name}</span>/{entry.variant}
                <span className="plan-source-meta">
                  {entry.dispatches > 1 ? `×${entry.dispatches} · ` : ''}
                  {formatUs(entry.gpuUs)}
                </span>
              </button>
            ))}
          </div>
          <div className="plan-source-code">
            {source.state === 'loading' && <p className="plan-note">Reading the kernel's WGSL…</p>}
            {source.state === 'missing' && <p className="plan-note">The engine no longer keeps this kernel's source (it keeps the most recent ones).</p>}
            {source.state === 'error' && <p className="plan-note">Could not read the source: {source.message}</p>}
            {source.state === 'ready' && <ReadOnlyCode value={source.wgsl} language={WGSL_LANGUAGE_ID} ariaLabel="Kernel WGSL" testId="plan-wgsl" />}
          </div>
        </div>
      )}
    </div>
  );
}
