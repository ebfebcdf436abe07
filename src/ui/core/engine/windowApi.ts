// window.matbook: the JSON contract for browser tests and tools (DESIGN.md "Command line
// contract"). It runs through the page's own worker, after any queued cell, without touching the
// notebook's cells.

import type { AdapterSummary, GpuPolicy, RunResultJson } from '../../../worker/protocol.ts';
import type { EngineClient, SelfTestResult } from './engineClient.ts';

export interface MatbookWindowApi {
  /** Runs MATLAB source and resolves with `matbook run --json`'s object. */
  run(source: string, options?: { gpu?: GpuPolicy }): Promise<RunResultJson>;
  /** The elementwise-add kernel on the GPU against the CPU provider. */
  selfTest(): Promise<SelfTestResult>;
  /** Test hook: destroys the engine's GPU device; the next cell warns and runs on the CPU. */
  loseDevice(): Promise<boolean>;
  /** Resolves with the adapter once the engine's first `init` is done. */
  ready: Promise<AdapterSummary>;
}

declare global {
  interface Window {
    matbook?: MatbookWindowApi;
  }
}

export function installWindowApi(client: EngineClient): MatbookWindowApi {
  const api: MatbookWindowApi = {
    run: (source, options) => client.runJson(source, options?.gpu ?? client.getStatus().policy),
    selfTest: () => client.selfTest(),
    loseDevice: () => client.loseDevice(),
    ready: client.ready,
  };
  window.matbook = api;
  return api;
}
