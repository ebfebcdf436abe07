// The planner's matmul routing: which kernel a product of a given shape and transposition runs.
import { describe, expect, it } from 'vitest';
import { chooseVariant } from '../../../src/engine/fusion/matmulRouting.ts';

const variant = (m: number, n: number, k: number, transA = false) => chooseVariant(m, n, k, transA).variant;

describe('matmul routing', () => {
  it('routes by the documented thresholds', () => {
    expect(variant(4096, 4096, 8)).toBe('smallk');
    expect(variant(1, 4096, 4096)).toBe('gemv');
    expect(variant(4096, 1, 4096, true)).toBe('gemv');
    expect(variant(4096, 4096, 4096)).toBe('vec4');
    expect(variant(4095, 4096, 4096)).toBe('tiled');
  });

  it("transposed operands keep vec4 when A's contiguous axis is 4-aligned", () => {
    // A'*B: A is stored k×m, contiguous along k.
    expect(variant(4096, 4096, 4096, true)).toBe('vec4');
    expect(variant(4096, 4096, 4095, true)).toBe('tiled');
    // A*B': only B is transposed; B's alignment switches its loads inside the vec4 kernel.
    expect(variant(4096, 4096, 4096, false)).toBe('vec4');
    expect(variant(4096, 4093, 4095, false)).toBe('vec4');
  });

  it('says why, and a forced variant says so', () => {
    expect(chooseVariant(4095, 64, 64, false).reason).toMatch(/m = 4095 is not a multiple of 4/);
    expect(chooseVariant(64, 64, 63, true).reason).toMatch(/k = 63 \(A read transposed\)/);
    expect(chooseVariant(64, 64, 64, false, 'tiled')).toEqual({ variant: 'tiled', reason: 'tiled (forced)' });
  });
});
