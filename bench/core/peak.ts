// Peak f32 throughput and memory bandwidth of GPUs people are likely to run the benchmark on, so
// a GFLOP/s figure can be given as a fraction of what the chip can do. Figures are the vendors'
// published specifications at boost clock: FP32 on the ordinary (non-tensor) cores, and DRAM
// bandwidth. The adapter is matched by name: Dawn (Node) puts the GPU's name in
// `adapter.info.device` (e.g. "NVIDIA H100 80GB HBM3"); browsers often leave it empty, in which
// case nothing matches and the page asks the user for the figure (or takes ?peak=TFLOPS).
//
// Order matters: more specific names come first (H100 PCIe before H100, RTX 4080 SUPER before
// RTX 4080). A pattern is tested against the normalised name: lower case, every run of other
// characters than letters and digits turned into one space, with a space at each end, so
// ' a10 ' does not match 'a100'.

export interface GpuPeak {
  /** The table's name for the GPU. */
  name: string;
  /** f32 TFLOP/s, non-tensor, at boost clock. */
  f32Tflops: number;
  /** DRAM bandwidth, GB/s. */
  bandwidthGBs: number;
}

interface PeakEntry extends GpuPeak {
  /** Every listed word must appear (as a whole word) in the normalised adapter name. */
  words: string[];
  /** None of these may appear. */
  not?: string[];
}

export const GPU_PEAKS: readonly PeakEntry[] = [
  // NVIDIA data centre
  { name: 'NVIDIA H100 PCIe', words: ['h100', 'pcie'], f32Tflops: 51.2, bandwidthGBs: 2000 },
  { name: 'NVIDIA H100 NVL', words: ['h100', 'nvl'], f32Tflops: 60, bandwidthGBs: 3900 },
  { name: 'NVIDIA H100 SXM', words: ['h100'], f32Tflops: 66.9, bandwidthGBs: 3350 },
  { name: 'NVIDIA GH200', words: ['gh200'], f32Tflops: 66.9, bandwidthGBs: 4000 },
  { name: 'NVIDIA H200 NVL', words: ['h200', 'nvl'], f32Tflops: 60, bandwidthGBs: 4800 },
  { name: 'NVIDIA H200 SXM', words: ['h200'], f32Tflops: 66.9, bandwidthGBs: 4800 },
  { name: 'NVIDIA B200', words: ['b200'], f32Tflops: 80, bandwidthGBs: 8000 },
  { name: 'NVIDIA A100 80GB', words: ['a100', '80gb'], f32Tflops: 19.5, bandwidthGBs: 2039 },
  { name: 'NVIDIA A100', words: ['a100'], f32Tflops: 19.5, bandwidthGBs: 1555 },
  { name: 'NVIDIA L40S', words: ['l40s'], f32Tflops: 91.6, bandwidthGBs: 864 },
  { name: 'NVIDIA L40', words: ['l40'], f32Tflops: 90.5, bandwidthGBs: 864 },
  { name: 'NVIDIA L4', words: ['l4'], f32Tflops: 30.3, bandwidthGBs: 300 },
  { name: 'NVIDIA A10G', words: ['a10g'], f32Tflops: 31.2, bandwidthGBs: 600 },
  { name: 'NVIDIA A10', words: ['a10'], f32Tflops: 31.2, bandwidthGBs: 600 },
  { name: 'NVIDIA T4', words: ['t4'], f32Tflops: 8.1, bandwidthGBs: 320 },
  { name: 'NVIDIA V100', words: ['v100'], f32Tflops: 15.7, bandwidthGBs: 900 },
  // NVIDIA workstation and desktop (laptop parts differ: not listed)
  { name: 'NVIDIA RTX 6000 Ada', words: ['rtx', '6000', 'ada'], f32Tflops: 91.1, bandwidthGBs: 960 },
  { name: 'NVIDIA GeForce RTX 5090', words: ['rtx', '5090'], not: ['laptop'], f32Tflops: 104.8, bandwidthGBs: 1792 },
  { name: 'NVIDIA GeForce RTX 4090', words: ['rtx', '4090'], not: ['laptop'], f32Tflops: 82.6, bandwidthGBs: 1008 },
  { name: 'NVIDIA GeForce RTX 4080 SUPER', words: ['rtx', '4080', 'super'], not: ['laptop'], f32Tflops: 52.2, bandwidthGBs: 736 },
  { name: 'NVIDIA GeForce RTX 4080', words: ['rtx', '4080'], not: ['laptop'], f32Tflops: 48.7, bandwidthGBs: 717 },
  { name: 'NVIDIA GeForce RTX 3090 Ti', words: ['rtx', '3090', 'ti'], not: ['laptop'], f32Tflops: 40, bandwidthGBs: 1008 },
  { name: 'NVIDIA GeForce RTX 3090', words: ['rtx', '3090'], not: ['laptop'], f32Tflops: 35.6, bandwidthGBs: 936 },
  { name: 'NVIDIA GeForce RTX 3080', words: ['rtx', '3080'], not: ['laptop', 'ti'], f32Tflops: 29.8, bandwidthGBs: 760 },
  // AMD
  { name: 'AMD Instinct MI300X', words: ['mi300x'], f32Tflops: 163.4, bandwidthGBs: 5300 },
  { name: 'AMD Instinct MI250X', words: ['mi250x'], f32Tflops: 47.9, bandwidthGBs: 3277 },
  { name: 'AMD Radeon RX 7900 XTX', words: ['7900', 'xtx'], f32Tflops: 61.4, bandwidthGBs: 960 },
  // Apple (when a browser does name the chip)
  { name: 'Apple M1 Max', words: ['m1', 'max'], f32Tflops: 10.4, bandwidthGBs: 400 },
  { name: 'Apple M1 Pro', words: ['m1', 'pro'], f32Tflops: 5.2, bandwidthGBs: 200 },
  { name: 'Apple M1', words: ['apple', 'm1'], f32Tflops: 2.6, bandwidthGBs: 68 },
  { name: 'Apple M2 Max', words: ['m2', 'max'], f32Tflops: 13.6, bandwidthGBs: 400 },
  { name: 'Apple M2 Pro', words: ['m2', 'pro'], f32Tflops: 6.8, bandwidthGBs: 200 },
  { name: 'Apple M2', words: ['apple', 'm2'], f32Tflops: 3.6, bandwidthGBs: 100 },
];

/** What an adapter says about itself (GPUAdapterInfo's fields; any may be empty). */
export interface AdapterNames {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

/** Lower case, runs of non-alphanumerics as one space, a space at each end. */
export function normaliseAdapterName(names: AdapterNames): string {
  const joined = [names.vendor, names.architecture, names.device, names.description].filter(Boolean).join(' ');
  return ` ${joined.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** The table entry for this adapter, or null when none matches. */
export function matchGpuPeak(names: AdapterNames): GpuPeak | null {
  const text = normaliseAdapterName(names);
  const has = (word: string) => text.includes(` ${word} `);
  for (const e of GPU_PEAKS) {
    if (e.words.every(has) && !(e.not ?? []).some(has)) return { name: e.name, f32Tflops: e.f32Tflops, bandwidthGBs: e.bandwidthGBs };
  }
  return null;
}

/** The peak a run uses: a figure given by the user wins over the table. */
export interface PeakChoice {
  name: string | null;
  f32_tflops: number | null;
  bandwidth_gbs: number | null;
  /** 'table' (matched by name), 'user' (given on the command line or page), or null (unknown). */
  source: 'table' | 'user' | null;
  /** The normalised name that was matched against the table. */
  matched_against: string;
}

export function choosePeak(names: AdapterNames, userTflops: number | null): PeakChoice {
  const matchedAgainst = normaliseAdapterName(names).trim();
  const table = matchGpuPeak(names);
  if (userTflops !== null && userTflops > 0) {
    return { name: table?.name ?? null, f32_tflops: userTflops, bandwidth_gbs: table?.bandwidthGBs ?? null, source: 'user', matched_against: matchedAgainst };
  }
  if (table) return { name: table.name, f32_tflops: table.f32Tflops, bandwidth_gbs: table.bandwidthGBs, source: 'table', matched_against: matchedAgainst };
  return { name: null, f32_tflops: null, bandwidth_gbs: null, source: null, matched_against: matchedAgainst };
}
