// The CPU provider: exact double-precision reference for every op the engine runs.
import type { CpuProvider } from '../provider.ts';
import { runElementwise } from './elementwise.ts';
import { runMatmul } from './matmul.ts';

export const cpuProvider: CpuProvider = {
  name: 'cpu',
  elementwise: runElementwise,
  matmul: runMatmul,
};
