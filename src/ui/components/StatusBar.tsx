// The bottom bar: which adapter the engine got, the GPU policy, the GPU memory the engine holds
// (read after every cell run and restart), the engine state, and the colour theme.

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { GpuPolicy, MemoryStatus } from '../../worker/protocol.ts';
import { EngineTerminatedError } from '../core/engine/engineClient.ts';
import { engineStateLabel, formatAdapter } from '../core/format.ts';
import { pageThemeStore, type ThemeChoice } from '../core/theme.ts';
import { formatBytes } from '../core/workspace.ts';
import { useMatbook } from './MatbookContext.tsx';
import { Select } from './ui/Select.tsx';

const policies = [
  { value: 'auto', label: 'auto' },
  { value: 'on', label: 'on' },
  { value: 'off', label: 'off (CPU)' },
] as const satisfies readonly { value: GpuPolicy; label: string }[];

const themes = [
  { value: 'system', label: 'system' },
  { value: 'light', label: 'light' },
  { value: 'dark', label: 'dark' },
] as const satisfies readonly { value: ThemeChoice; label: string }[];

export function StatusBar() {
  const { client, runner } = useMatbook();
  const status = useSyncExternalStore(client.subscribe, client.getStatus);
  const themeStore = pageThemeStore();
  const theme = useSyncExternalStore(themeStore.subscribe, themeStore.getState);
  const memory = useGpuMemory();
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
      {memory?.gpu && (
        <span
          className="status-memory"
          data-testid="status-memory"
          title={`GPU buffers held by live arrays: ${formatBytes(memory.inUseBytes)}; released buffers kept for reuse: ${formatBytes(memory.pooledBytes)}`}
        >
          GPU mem {formatBytes(memory.inUseBytes)}
        </span>
      )}
      <span className={`engine-state state-${status.state}`} data-testid="engine-state" title={status.error ?? undefined}>
        engine: {engineStateLabel(status)}
        {status.state === 'failed' && status.error ? ` (${status.error})` : ''}
      </span>
      {status.notice && <span className="status-notice">{status.notice}</span>}
      <span className="status-spacer" />
      <span className="status-hint" title={status.interruptMode === 'flag' ? 'cross-origin isolated' : 'not cross-origin isolated'}>
        {status.interruptMode === 'flag' ? 'interrupt keeps workspace' : 'interrupt restarts engine'}
      </span>
      <Select<ThemeChoice>
        label="Theme"
        value={theme.choice}
        options={themes}
        testId="theme-choice"
        title="Colour theme: light, dark, or the system's setting"
        onChange={(choice) => themeStore.setChoice(choice)}
      />
    </footer>
  );
}

/** The engine's GPU memory, read now and again whenever the workspace may have changed. */
function useGpuMemory(): MemoryStatus | null {
  const { client, runner } = useMatbook();
  const [memory, setMemory] = useState<MemoryStatus | null>(null);
  useEffect(() => {
    let request = 0;
    const refresh = () => {
      const n = ++request;
      client.memory().then(
        (next) => {
          if (n === request) setMemory(next);
        },
        (error: unknown) => {
          // A restart ends the call; the runner reports the change again once the new worker is up.
          if (!(error instanceof EngineTerminatedError) && n === request) setMemory(null);
        },
      );
    };
    refresh();
    const unsubscribe = runner.onWorkspaceChange(refresh);
    return () => {
      unsubscribe();
      request += 1;
    };
  }, [client, runner]);
  return memory;
}
