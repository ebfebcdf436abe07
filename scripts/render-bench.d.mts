// Types for scripts/render-bench.mjs (a plain Node script), so the unit tests can import it.
export declare const RESULTS_DIR: string;
export declare function newestRun(dir?: string): { file: string; data: BenchReport };
export declare function peerSpeedup(result: Record<string, unknown>, id: string): { text: string; value: number | null; basis?: 'gpu' | 'wall' } | null;
export declare function renderBenchMarkdown(data: BenchReport, file: string): string;
export declare function replaceBenchSection(readme: string, markdown: string): string;
/** The JSON `npm run bench -- --json` prints (loosely typed: fields vary between versions). */
export type BenchReport = Record<string, any>;
