// Crashes and hangs the fuzzers found, fixed: each case now ends quickly in a value or a MATLAB error.
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';

const CASES: [string, string | null][] = [
  // histcounts stepped its integer edges with e++, which stops moving past 2^53: endless loop, OOM.
  ['r = histcounts(int64(9007199254740993));', null],
  // A huge dim argument padded a shape to 9e15 entries (OOM); now any dim past 1024 acts alike.
  ["r = vecnorm([1 2; 3 4], 2, int64(9007199254740993));", null],
  // isprime(Inf): trial division up to sqrt(Inf).
  ['isprime(Inf)', 'MATLAB:isprime:InputNotPosInt'],
  // nchoosek(Inf, 1e10) looped 1e10 times after the result had overflowed.
  ['r = nchoosek(Inf, 1e10);', null],
  // mat2str/num2str precisions that are not finite integers reached BigInt.
  ['mat2str(1e10, NaN)', 'MATLAB:mat2str:InvalidPrecision'],
  ['mat2str(uint8(250), 3.5)', 'MATLAB:mat2str:InvalidPrecision'],
  ['r = mat2str([1 2 3], -1e10);', null],
  ['r = num2str(3.5, 9e15);', null],
  // blanks(Inf): String.repeat(Infinity).
  ['blanks(Inf)', 'MATLAB:blanks:invalidN'],
  // Missing arguments read as undefined.
  ['isa()', 'MATLAB:minrhs'],
  ["cast('rows', 'like')", 'MATLAB:minrhs'],
  ["orderfields(struct('f', {1, 2}), @(t) t + 1)", 'MATLAB:orderfields:InvalidOrder'],
  // repelem/repmat counts that build a huge index list for an empty or huge result.
  ['repelem(@(t, u) t, 1e10, 0, 2)', 'MATLAB:array:SizeLimitExceeded'],
  ['r = repelem(1, 1e10, 2)', 'MATLAB:array:SizeLimitExceeded'],
  ['r = repmat(1, 1e9, 0); s = size(r);', null],
  // A 92×92×100×43 result was displayed in full (36M elements): now a corner and a note.
  ["r = accumarray('\\\\d+', -1e10)", null],
  // cat along dimension 1e300 grew its shape array until V8 aborted the worker.
  ['c = cat(1e300, 1, 0);', 'MATLAB:catenate:invalidDimension'],
  ['c = cat(4096, 1, 2); n = ndims(c);', null],
  // A cell array of 1e8 or more slots aborted V8 (the whole worker, not the cell): containers
  // have their own element budget.
  ['c = cell(1e4);', 'MATLAB:array:SizeLimitExceeded'],
  ['c = num2cell(zeros(5000));', 'MATLAB:array:SizeLimitExceeded'],
  // Spreads of millions of arguments overflowed the JS stack.
  ["fprintf('%s', repmat('a', 1, 200000));", null],
];

describe('fuzz-found crashes stay fixed', () => {
  it.each(CASES)('%s', async (src, identifier) => {
    const started = performance.now();
    const r = await runToJson(src, { gpu: 'off' });
    expect(performance.now() - started).toBeLessThan(10_000);
    if (identifier === null) expect(r.error).toBeNull();
    else expect(r.error?.identifier).toBe(identifier);
    expect(r.error?.identifier ?? '').not.toMatch(/^Matbook:internal/);
  });
});
