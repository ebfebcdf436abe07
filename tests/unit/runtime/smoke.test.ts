import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';

describe('engine smoke', () => {
  it('runs a cell', async () => {
    const r = await runToJson('x = 1 + 2;');
    expect(r.vars.x.data).toEqual([3]);
  });
});
