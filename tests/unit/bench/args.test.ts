// The bench's command-line flags (bench/util.ts), shared by `npm run bench` and `matbook bench`.
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../bench/util.ts';

describe('bench arguments', () => {
  it('parses the flags', () => {
    expect(parseBenchArgs([])).toEqual({ json: false, quick: false, noGpu: false, only: null, peakTflops: null });
    expect(parseBenchArgs(['--json', '--quick', '--only=matmul,peers', '--peak-tflops', '66.9'])).toEqual({ json: true, quick: true, noGpu: false, only: ['matmul', 'peers'], peakTflops: 66.9 });
    expect(parseBenchArgs(['--only', 'copy'])).toMatchObject({ only: ['copy'] });
  });

  it('refuses what it does not know', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown bench argument --fast/);
    expect(() => parseBenchArgs(['--only=matmul,gemm'])).toThrow(/groups: copy/);
    expect(() => parseBenchArgs(['--peak-tflops=-1'])).toThrow(/positive number/);
  });
});
