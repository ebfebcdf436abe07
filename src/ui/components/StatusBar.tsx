// The bottom bar: which adapter the engine got, the GPU policy, the engine state.

import { useSyncExternalStore } from 'react';
import type { GpuPolicy } from '../../worker/protocol.ts';
import { formatAdapter } from '../core/format.ts';
import { useMatbook } from './MatbookContext.tsx';
import { Select } from './ui/Select.tsx';

const policies = [
  { value: 'auto', label: 'auto' },
  { value: 'on', label: 'on' },
  { value: 'off', label: 'off (CPU)' },
] as const satisfies readonly { value: GpuPolicy; label: string }[];

export function StatusBar() {
  const { client, runner } = useMatbook();
  const status = useSyncExternalStore(client.subscribe, client.getStatus);
  const adapterText = status.adapter ? formatAdapter(status.adapter) : 'WebGPU: detecting…';
  const gpu = status.adapter?.available ?? false;
  return (
    <footer className="status-bar">
      <span
        className={`status-adapter ${status.adapter ? (gpu ? 'gpu' : 'cpu') : ''}`}
        data-testid="status-adapter"
        title={status.adapter?.features.join(', ') || undefined}
      >
        <span className={`dot ${gpu ? 'dot-gpu' : 'dot-cpu'}`} />
        {adapterText}
      </span>
      <Select<GpuPolicy>
        label="GPU"
        value={status.policy}
        options={policies}
        testId="gpu-policy"
        title="auto: big arrays and single/gpuArray on the GPU; on: every single/gpuArray on the GPU; off: exact CPU"
        onChange={(policy) => runner.setPolicy(policy)}
      />
      <span className={`engine-state state-${status.state}`} data-testid="engine-state" title={status.error ?? undefined}>
        engine: {status.state}
        {status.state === 'failed' && status.error ? ` (${status.error})` : ''}
      </span>
      {status.notice && <span className="status-notice">{status.notice}</span>}
      <span className="status-spacer" />
      <span className="status-hint" title={status.interruptMode === 'flag' ? 'cross-origin isolated' : 'not cross-origin isolated'}>
        {status.interruptMode === 'flag' ? 'interrupt keeps workspace' : 'interrupt restarts engine'}
      </span>
    </footer>
  );
}
