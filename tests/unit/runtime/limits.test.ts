// Limits instead of freezes: the array-size budget (MATLAB:array:SizeLimitExceeded), the recursion
// limit (also for JS stack overflows), the per-cell output cap with its notice, bounded displays
// with the full text through Session.preview, and `for` over a range that is never built.
import { afterEach, describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';
import { Session } from '../../../src/engine/session.ts';
import { MatlabError } from '../../../src/engine/errors.ts';
import { arrayLimitBytes, DEFAULT_ARRAY_LIMIT_BYTES, DEFAULT_OUTPUT_LIMITS, setArrayLimit } from '../../../src/engine/limits.ts';
import { asMatlabError } from '../../../src/engine/runtime/interpreter/compileStmt.ts';
import type { EngineEvent } from '../../../src/worker/protocol.ts';

async function errorOf(src: string): Promise<{ identifier: string; message: string }> {
  const r = await runToJson(src, { gpu: 'off' });
  expect(r.error, src).not.toBeNull();
  return r.error!;
}

async function runEvents(session: Session, src: string): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  await session.run(src, (e) => events.push(e));
  return events;
}

const stdoutOf = (events: EngineEvent[]) =>
  events
    .filter((e): e is Extract<EngineEvent, { type: 'stdout' }> => e.type === 'stdout')
    .map((e) => e.text)
    .join('');

const SIZE_LIMIT =
  'Requested 100000x100000 (74.5GB) array exceeds maximum array size preference (2.0GB). ' +
  'Creation of arrays greater than this limit may take a long time and cause MATLAB to become unresponsive.';

describe('array size limit', () => {
  afterEach(() => setArrayLimit(DEFAULT_ARRAY_LIMIT_BYTES));

  it('zeros/ones/rand/true/cell of 1e5×1e5 raise MATLAB:array:SizeLimitExceeded with MATLAB\'s message', async () => {
    expect(arrayLimitBytes()).toBe(2 * 2 ** 30);
    for (const src of ['x = zeros(100000);', 'x = ones(1e5, 1e5);', 'x = rand(1e5);', 'x = randn(100000, 100000);', 'x = true(1e5);', 'x = NaN(1e5);', 'x = eye(1e5);', "x = zeros(1e5, 1e5, 'int8');"]) {
      const err = await errorOf(src);
      expect(err.identifier, src).toBe('MATLAB:array:SizeLimitExceeded');
      expect(err.message, src).toBe(SIZE_LIMIT);
    }
    expect((await errorOf('c = cell(1e5);')).identifier).toBe('MATLAB:array:SizeLimitExceeded');
  });

  it('other ways of making a huge array hit the same limit: colon, repmat, repelem, growth, expansion, products, concatenation', async () => {
    const cases = [
      'x = 1:1e12;',
      'x = repmat([1 2], 1e5, 1e5);',
      'x = repelem(1, 1e5, 1e5);',
      'x = []; x(1e6, 1e6) = 1;',
      'x = (1:1e5)\' + (1:1e5);',
      'x = (1:1e5)\' .* (1:1e5);',
      'x = (1:1e5)\' * (1:1e5);',
      'x = kron(ones(1e3), ones(1e3));',
      'x = blanks(1e12);',
    ];
    for (const src of cases) expect((await errorOf(src)).identifier, src).toBe('MATLAB:array:SizeLimitExceeded');
    expect((await errorOf('x = 1:1e12;')).message).toMatch(/^Requested 1x1000000000000 \(7450\.6GB\) array exceeds maximum array size preference \(2\.0GB\)\./);
  });

  it('the budget is configurable in one place', async () => {
    setArrayLimit(2 ** 20); // 1 MiB: 131,072 doubles
    expect((await runToJson('x = zeros(362);', { gpu: 'off' })).error).toBeNull();
    const err = await errorOf('x = zeros(1000);');
    expect(err.message).toBe(
      'Requested 1000x1000 (0.0GB) array exceeds maximum array size preference (0.0GB). Creation of arrays greater than this limit may take a long time and cause MATLAB to become unresponsive.',
    );
    setArrayLimit(DEFAULT_ARRAY_LIMIT_BYTES);
    expect((await runToJson('x = zeros(1000);', { gpu: 'off' })).error).toBeNull();
  });

  it('the error can be caught, and the workspace survives it', async () => {
    const r = await runToJson("a = 5;\ntry\n  x = zeros(1e6);\ncatch err\n  id = err.identifier;\nend\nb = a + 1;", { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(r.vars.id.data).toBe('MATLAB:array:SizeLimitExceeded');
    expect(r.vars.b.data).toEqual([6]);
  });

  it('an allocation the JS engine refuses becomes MATLAB:nomem, not an internal error', () => {
    let thrown: unknown;
    try {
      new Float64Array(2 ** 53);
    } catch (e) {
      thrown = e;
    }
    const err = asMatlabError(thrown);
    expect(err.identifier).toBe('MATLAB:nomem');
  });
});

describe('recursion limit', () => {
  it("infinite recursion gives MATLAB's message", async () => {
    const err = await errorOf('function r = f(n)\n  r = f(n + 1);\nend\ny = f(1);');
    expect(err.identifier).toBe('MATLAB:recursionLimit');
    expect(err.message).toBe('Maximum recursion limit of 500 reached.');
  });

  it('also through mutual recursion and anonymous functions, and the error can be caught', async () => {
    expect((await errorOf('function r = f(n)\nr = g(n);\nend\nfunction r = g(n)\nr = f(n);\nend\nf(1)')).message).toBe('Maximum recursion limit of 500 reached.');
    expect((await errorOf('function r = h(n)\nr = feval(@(m) h(m + 1), n);\nend\nh(1)')).identifier).toBe('MATLAB:recursionLimit');
    const r = await runToJson('function r = f(n)\n  r = f(n + 1);\nend\ntry\n  f(1);\ncatch e\n  msg = e.message;\nend\nafter = 1;', { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(r.vars.msg.data).toBe('Maximum recursion limit of 500 reached.');
    expect(r.vars.after.data).toEqual([1]);
  });

  it('deep recursion that fits the JS stack is allowed', async () => {
    const r = await runToJson('function r = d(n)\nif n == 0\nr = 0;\nelse\nr = 1 + d(n - 1);\nend\nend\nx = d(400);', { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(r.vars.x.data).toEqual([400]);
  });

  it('a JS stack overflow (deep nesting, deep recursion through builtins) is the same MATLAB error', async () => {
    const overflow = (() => {
      const deep = (n: number): number => deep(n + 1) + 1;
      try {
        return deep(0);
      } catch (e) {
        return e;
      }
    })();
    expect(overflow).toBeInstanceOf(RangeError);
    const err = asMatlabError(overflow);
    expect(err).toBeInstanceOf(MatlabError);
    expect(err.identifier).toBe('MATLAB:recursionLimit');
    expect(err.message).toBe('Maximum recursion limit of 500 reached.');
    // 100,000 nested parentheses overflow the parser's stack: a clean error, and the session lives on.
    const session = new Session({ gpu: 'off' });
    const events = await runEvents(session, `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)};`);
    const error = events.find((e) => e.type === 'error');
    expect(error && error.type === 'error' && error.error.identifier).toBe('MATLAB:recursionLimit');
    expect(await session.run('y = 2;', () => undefined)).toBe(true);
  });
});

describe('output limits', () => {
  it('stdout is capped per cell at 20,000 lines with one notice, and sent in batches', async () => {
    const session = new Session({ gpu: 'off' });
    const events = await runEvents(session, "for i = 1:50000, fprintf('%d\\n', i); end");
    const text = stdoutOf(events);
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['1', '2', '3']);
    expect(text).toContain('\n20000\n');
    expect(text).not.toContain('\n20001\n');
    const notices = text.match(/\.\.\. output truncated \(([\d,]+) more characters\); showing the first 20,000 lines\./g);
    expect(notices).toHaveLength(1);
    // 20001..50000 with their newlines: 30000 numbers of 5 digits + newline.
    expect(text).toContain('... output truncated (180,000 more characters); showing the first 20,000 lines.');
    // Far fewer events than fprintf calls.
    expect(events.filter((e) => e.type === 'stdout').length).toBeLessThan(100);
    expect(events[events.length - 1].type).toBe('done');
    // The cap is per cell: the next cell prints again.
    expect(stdoutOf(await runEvents(session, "fprintf('again\\n');"))).toBe('again\n');
  });

  it('batching never holds back progress: the first output goes at once, later output between statements', async () => {
    const session = new Session({ gpu: 'off' });
    const seen: { text: string; at: number }[] = [];
    const started = performance.now();
    await session.run("disp('start'); x = 0; for i = 1:200000, x = x + i; end\ndisp('end')", (e) => {
      if (e.type === 'stdout') seen.push({ text: e.text, at: performance.now() - started });
    });
    expect(seen.map((s) => s.text)).toEqual(['start\n', 'end\n']);
    expect(seen[0].at).toBeLessThan(seen[1].at);
  });

  it('stdout is capped at 1 MB of characters', async () => {
    const session = new Session({ gpu: 'off' });
    const text = stdoutOf(await runEvents(session, "fprintf('%s', repmat('a', 1, 3e6));"));
    expect(text.startsWith('a'.repeat(2 ** 20))).toBe(true);
    expect(text.slice(2 ** 20)).toBe(`\n... output truncated (${(3e6 - 2 ** 20).toLocaleString('en-US')} more characters); showing the first 1 MB.\n`);
  });

  it('the notice comes before the error event when the cell fails after flooding', async () => {
    const session = new Session({ gpu: 'off' });
    const events = await runEvents(session, "for i = 1:30000, disp(i); end\nerror('boom');");
    const kinds = events.map((e) => e.type);
    expect(kinds.slice(-2)).toEqual(['error', 'done']);
    expect(stdoutOf(events)).toMatch(/output truncated .* showing the first 20,000 lines\.\n$/);
  });

  it('many unsuppressed displays count toward the cap too', async () => {
    const session = new Session({ gpu: 'off' });
    const events = await runEvents(session, 'for i = 1:20000, i, end');
    const displays = events.filter((e) => e.type === 'display');
    expect(displays.length).toBeLessThan(20000);
    expect(stdoutOf(events)).toContain('output truncated');
  });

  it('a huge display is cut with a note and flagged; Session.preview gives the whole text', async () => {
    const session = new Session({ gpu: 'off' });
    const events = await runEvents(session, 'big = reshape(1:90000, 300, 300)');
    const display = events.find((e) => e.type === 'display');
    if (!display || display.type !== 'display') throw new Error('no display');
    expect(display.truncated).toBe(true);
    expect(display.text.length).toBeLessThanOrEqual(DEFAULT_OUTPUT_LIMITS.displayMaxChars + 200);
    expect(display.text).toMatch(/\.\.\. display truncated \(big is 300×300 double\): showing its first \d+ lines\./);
    expect(display.text).not.toContain('90000');
    const full = await session.preview('big');
    expect(full?.text).toContain('90000');
    expect(full!.text.length).toBeGreaterThan(display.text.length);
  });

  it('a display of millions of elements formats only a corner, quickly', async () => {
    const session = new Session({ gpu: 'off' });
    const started = performance.now();
    const events = await runEvents(session, 'r = rand(3000)\nc = ones(200, 200, 50)\nn = zeros(20, 20, 20, 20, 5)');
    expect(performance.now() - started).toBeLessThan(5000);
    const displays = events.filter((e): e is Extract<EngineEvent, { type: 'display' }> => e.type === 'display');
    expect(displays.map((d) => d.name)).toEqual(['r', 'c', 'n']);
    for (const d of displays) {
      expect(d.truncated).toBe(true);
      expect(d.text.length).toBeLessThanOrEqual(DEFAULT_OUTPUT_LIMITS.displayMaxChars + 200);
    }
    expect(displays[0].text).toContain('display truncated (r is 3000×3000 double)');
    expect(displays[1].text).toContain('c(:,:,1) =');
  });

  it('cell and string arrays of a million elements display a corner too (a fuzz case took 8 s)', async () => {
    const session = new Session({ gpu: 'off' });
    const started = performance.now();
    const events = await runEvents(session, "c = cell(1e3)\ns = repmat(\"ab\", 1000, 1000)\nk = num2cell(reshape(1:40000, 200, 200))");
    const displays = events.filter((e): e is Extract<EngineEvent, { type: 'display' }> => e.type === 'display');
    expect(displays.map((d) => d.name)).toEqual(['c', 's', 'k']);
    for (const d of displays) {
      expect(d.truncated).toBe(true);
      expect(d.text.length).toBeLessThanOrEqual(DEFAULT_OUTPUT_LIMITS.displayMaxChars + 200);
    }
    expect(displays[0].text).toContain('display truncated (c is 1000×1000 cell)');
    expect(displays[1].text).toContain('display truncated (s is 1000×1000 string)');
    // The corner starts at the top-left element.
    expect(displays[2].text).toMatch(/\{\[\s*1\]\}\s+\{\[\s*201\]\}/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('small displays are untouched', async () => {
    const session = new Session({ gpu: 'off' });
    const events = await runEvents(session, 'a = [1 2; 3 4]');
    const display = events.find((e) => e.type === 'display');
    expect(display).toMatchObject({ type: 'display', text: 'a =\n\n     1     2\n     3     4\n\n' });
    expect(display && 'truncated' in display).toBe(false);
  });
});

describe('for over a range', () => {
  it('iterates 1:1e15 without building it', async () => {
    const r = await runToJson('n = 0;\nfor k = 1:1e15\n  n = n + 1;\n  if k == 3, break; end\nend', { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(r.vars.k.data).toEqual([3]);
    expect(r.vars.n.data).toEqual([3]);
  });

  it('visits exactly the elements colon builds, for fractional steps and negative ranges', async () => {
    for (const range of ['0:0.1:1', '1:-0.3:-2', '-5:5', '1:0.2:1.9999999999999998', '10:-1:1', '0.5:2.5']) {
      const r = await runToJson(`v = [];\nfor k = ${range}\n  v(end + 1) = k;\nend\nw = ${range};\nsame = isequal(v, w);`, { gpu: 'off' });
      expect(r.error, range).toBeNull();
      expect(r.vars.same.data, range).toEqual([true]);
    }
  });

  it('an empty range leaves the loop variable empty; other classes still go through colon', async () => {
    const r = await runToJson("for k = 5:1, end\nfor j = int8(1):int8(3), end\ncls = class(j);\nfor c = 'a':'c', end", { gpu: 'off' });
    expect(r.error).toBeNull();
    expect(r.vars.k).toEqual({ class: 'double', size: [0, 0], data: [] });
    expect(r.vars.j.data).toEqual([3]);
    expect(r.vars.cls.data).toBe('int8');
    expect(r.vars.c.data).toBe('c');
  });
});

describe('interrupt', () => {
  it('requestInterrupt stops the next statement with MATLAB:interrupted; the workspace stays', async () => {
    const session = new Session({ gpu: 'off' });
    await session.run('kept = 1;', () => undefined);
    session.requestInterrupt();
    const events = await runEvents(session, 'x = 2;');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ error: { identifier: 'MATLAB:interrupted', message: 'Operation terminated by user.' } });
    expect(session.variable('kept')).toBeDefined();
    expect(await session.run('y = kept + 1;', () => undefined)).toBe(true);
  });
});
