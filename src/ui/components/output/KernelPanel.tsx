// The kernels a cell run dispatched, under its outputs: a summary line (count, GPU time) that
// opens to one of three views: the table, the timeline, or the plan (fusion decisions and WGSL).

import { useState } from 'react';
import type { KernelEvent, PlanDecision } from '../../../worker/protocol.ts';
import { formatUs } from '../../core/format.ts';
import { KernelTable } from './KernelTable.tsx';
import { KernelTimeline } from './KernelTimeline.tsx';
import { PlanView } from './PlanView.tsx';
import { ViewSwitch } from './ViewSwitch.tsx';

type KernelView = 'table' | 'timeline' | 'plan';

const VIEWS = [
  { value: 'table', label: 'table', title: 'One row per kernel' },
  { value: 'timeline', label: 'timeline', title: 'Kernels on a time axis' },
  { value: 'plan', label: 'plan', title: 'Fusion decisions and the WGSL of each kernel' },
] as const satisfies readonly { value: KernelView; label: string; title: string }[];

export interface KernelPanelProps {
  kernels: readonly KernelEvent[];
  plan: readonly PlanDecision[];
  wallMs: number | null;
}

export function KernelPanel({ kernels, plan, wallMs }: KernelPanelProps) {
  const [view, setView] = useState<KernelView>('table');
  const totalUs = kernels.reduce((sum, kernel) => sum + kernel.gpuUs, 0);
  return (
    <details className="cell-kernels" data-testid="cell-kernels" open={kernels.length <= 4}>
      <summary>
        {kernels.length} GPU kernel{kernels.length === 1 ? '' : 's'} · {formatUs(totalUs)}
      </summary>
      <ViewSwitch<KernelView> label="Kernel view" value={view} options={VIEWS} onChange={setView} testId="kernel-view" />
      {view === 'table' && <KernelTable kernels={kernels} />}
      {view === 'timeline' && <KernelTimeline kernels={kernels} wallMs={wallMs} />}
      {view === 'plan' && <PlanView kernels={kernels} plan={plan} />}
    </details>
  );
}
