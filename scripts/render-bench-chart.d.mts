// Types for scripts/render-bench-chart.mjs (a plain Node script), so the unit tests can import it.
import type { BenchReport } from './render-bench.mjs';
export interface ChartBar {
  label: string;
  value: number;
  color: string;
  note?: string;
}
export declare function limitBars(gpu: BenchReport): ChartBar[];
export declare function speedupBars(gpu: BenchReport): ChartBar[];
export declare function renderBenchChart(data: BenchReport, file: string): string;
