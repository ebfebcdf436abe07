// Formatting of kernel rows, timings, errors and the adapter line.
import { describe, expect, it } from 'vitest';
import { formatAdapter, formatErrorHeader, formatMs, formatRate, formatShapes, formatUs } from '../../../src/ui/core/format.ts';

describe('format', () => {
  it('formats shapes, times and rates', () => {
    expect(formatShapes([[512, 512], [512, 1]])).toBe('512×512, 512×1');
    expect(formatMs(0.0421)).toBe('0.042 ms');
    expect(formatMs(3.14159)).toBe('3.14 ms');
    expect(formatMs(1520)).toBe('1.52 s');
    expect(formatUs(12.34)).toBe('12.3 µs');
    expect(formatUs(1234.4)).toBe('1,234 µs');
    expect(formatRate({ gflops: 12.345 })).toBe('12.3 GFLOP/s');
    expect(formatRate({ gbps: 250.4 })).toBe('250 GB/s');
    expect(formatRate({})).toBe('');
  });

  it('writes errors as MATLAB users read them', () => {
    expect(formatErrorHeader({ line: 2, column: 5, message: 'Oops.' })).toBe('Error (line 2, column 5): Oops.');
    expect(formatErrorHeader({ line: 2, column: null, message: 'Oops.' })).toBe('Error (line 2): Oops.');
    expect(formatErrorHeader({ line: null, column: null, message: 'Oops.' })).toBe('Error: Oops.');
  });

  it('describes the adapter', () => {
    const base = { features: [], available: true, vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader device' };
    expect(formatAdapter({ ...base, isFallbackAdapter: true })).toBe('WebGPU: google swiftshader (SwiftShader device) fallback');
    expect(formatAdapter({ ...base, isFallbackAdapter: false, description: '' })).toBe('WebGPU: google swiftshader');
    expect(
      formatAdapter({ ...base, available: false, isFallbackAdapter: false, reason: 'navigator.gpu is missing' }),
    ).toBe('no WebGPU — CPU only (navigator.gpu is missing)');
  });
});
