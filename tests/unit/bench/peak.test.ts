// The GPU peak table (bench/core/peak.ts): adapters are matched by name as Dawn and browsers
// report them, specific names before general ones, and a figure from the user wins.
import { describe, expect, it } from 'vitest';
import { choosePeak, GPU_PEAKS, matchGpuPeak, normaliseAdapterName } from '../../../bench/core/peak.ts';

describe('GPU peak table', () => {
  it.each([
    [{ vendor: 'nvidia', device: 'NVIDIA H100 80GB HBM3' }, 'NVIDIA H100 SXM', 66.9],
    [{ device: 'nvidia-h100-80gb-hbm3' }, 'NVIDIA H100 SXM', 66.9],
    [{ device: 'NVIDIA H100 PCIe' }, 'NVIDIA H100 PCIe', 51.2],
    [{ device: 'NVIDIA H100 NVL' }, 'NVIDIA H100 NVL', 60],
    [{ device: 'NVIDIA H200' }, 'NVIDIA H200 SXM', 66.9],
    [{ device: 'NVIDIA GH200 480GB' }, 'NVIDIA GH200', 66.9],
    [{ device: 'NVIDIA A100-SXM4-80GB' }, 'NVIDIA A100 80GB', 19.5],
    [{ device: 'NVIDIA A100-PCIE-40GB' }, 'NVIDIA A100', 19.5],
    [{ device: 'NVIDIA A10G' }, 'NVIDIA A10G', 31.2],
    [{ device: 'NVIDIA L4' }, 'NVIDIA L4', 30.3],
    [{ device: 'NVIDIA L40S' }, 'NVIDIA L40S', 91.6],
    [{ vendor: 'nvidia', device: 'NVIDIA GeForce RTX 4090' }, 'NVIDIA GeForce RTX 4090', 82.6],
    [{ device: 'NVIDIA GeForce RTX 4080 SUPER' }, 'NVIDIA GeForce RTX 4080 SUPER', 52.2],
    [{ device: 'AMD Instinct MI300X' }, 'AMD Instinct MI300X', 163.4],
  ])('%o is %s', (names, name, tflops) => {
    const peak = matchGpuPeak(names);
    expect(peak?.name).toBe(name);
    expect(peak?.f32Tflops).toBe(tflops);
  });

  it('does not confuse words inside other words', () => {
    // 'a10' is not 'a100', 'l4' is not 'l40', and a laptop 4090 is not the desktop part.
    expect(matchGpuPeak({ device: 'NVIDIA A100' })?.name).toBe('NVIDIA A100');
    expect(matchGpuPeak({ device: 'NVIDIA L40' })?.name).toBe('NVIDIA L40');
    expect(matchGpuPeak({ device: 'NVIDIA GeForce RTX 4090 Laptop GPU' })).toBeNull();
  });

  it('knows nothing about software adapters or unnamed ones', () => {
    expect(matchGpuPeak({ vendor: 'google', architecture: 'swiftshader', device: 'swiftshader-device-subzero-', description: 'SwiftShader driver 5.0.0' })).toBeNull();
    expect(matchGpuPeak({ vendor: 'nvidia', description: 'NVIDIA: 580.159.04 580.159.4.0' })).toBeNull();
    expect(matchGpuPeak({})).toBeNull();
  });

  it('normalises names to lower-case words', () => {
    expect(normaliseAdapterName({ vendor: 'NVIDIA', device: 'H100-80GB (HBM3)' })).toBe(' nvidia h100 80gb hbm3 ');
  });

  it('reaches every entry: none is shadowed by an earlier, more general one', () => {
    for (const e of GPU_PEAKS) {
      expect(matchGpuPeak({ device: e.words.join(' ') })?.name, e.name).toBe(e.name);
      expect(e.f32Tflops).toBeGreaterThan(0);
      expect(e.bandwidthGBs).toBeGreaterThan(0);
    }
  });

  it('takes a figure given by the user over the table', () => {
    expect(choosePeak({ device: 'NVIDIA H100 80GB HBM3' }, null)).toMatchObject({ f32_tflops: 66.9, source: 'table', bandwidth_gbs: 3350 });
    expect(choosePeak({ device: 'NVIDIA H100 80GB HBM3' }, 60)).toMatchObject({ f32_tflops: 60, source: 'user', name: 'NVIDIA H100 SXM' });
    expect(choosePeak({ device: 'mystery' }, null)).toMatchObject({ f32_tflops: null, source: null });
    expect(choosePeak({ device: 'mystery' }, 12.5)).toMatchObject({ f32_tflops: 12.5, source: 'user', name: null });
  });
});
