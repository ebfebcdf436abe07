// Text builtins (strings.ts, regexp.ts) through the engine's JSON contract: values, shapes of
// empty results, container rules (char / cell / string) and MATLAB errors.
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';

async function vars(src: string): Promise<Record<string, { class: string; size: number[]; data?: unknown }>> {
  const r = await runToJson(src, { gpu: 'off' });
  expect(r.error).toBeNull();
  return r.vars as Record<string, { class: string; size: number[]; data?: unknown }>;
}

async function fails(src: string): Promise<{ identifier: string; message: string }> {
  const r = await runToJson(src, { gpu: 'off' });
  expect(r.error).not.toBeNull();
  return r.error!;
}

describe('conversion', () => {
  it('str2num and str2double', async () => {
    const v = await vars("a = str2num('[1 2; 3 4]'); [b, ok] = str2num('1 +'); c = str2double({'1,000', 'abc'; '2.5e1', ''}); d = str2double(\"7\"); e = str2double('1+2i'); f = str2double(5);");
    expect(v.a).toEqual({ class: 'double', size: [2, 2], data: [1, 3, 2, 4] });
    expect(v.b.size).toEqual([0, 0]);
    expect(v.ok.data).toEqual([false]);
    expect(v.c).toEqual({ class: 'double', size: [2, 2], data: [1000, 25, 'NaN', 'NaN'] });
    expect(v.d.data).toEqual([7]);
    expect(v.e.data).toEqual({ re: [1], im: [2] });
    expect(v.f.data).toEqual(['NaN']);
  });
  it('int2str, dec2bin, hex2dec and friends', async () => {
    const v = await vars("a = int2str(-2.5); b = dec2bin(0); c = dec2hex([1; 255]); d = bin2dec({'11', '2'}); e = hex2dec('');");
    expect(v.a.data).toBe('-3');
    expect(v.b.data).toBe('0');
    expect(v.c).toEqual({ class: 'char', size: [2, 2], data: '01\nFF' });
    expect(v.d.data).toEqual([3, 'NaN']);
    expect(v.e.data).toEqual(['NaN']);
    expect((await fails('x = dec2bin(-1);')).message).toMatch(/nonnegative integer/);
  });
});

describe('building and splitting', () => {
  it('strcat trims trailing blanks of char only', async () => {
    const v = await vars("a = strcat('a ', 'b '); s = strcat(\"a \", 'b'); c = strcat({'x', 'y'}, '_', {'1', '2'}); c2 = c{2}; e = strcat('', 'q');");
    expect(v.a.data).toBe('ab');
    expect(v.s).toEqual({ class: 'string', size: [1, 1], data: ['a b'] });
    expect(v.c.size).toEqual([1, 2]);
    expect(v.c2.data).toBe('y_2');
    expect(v.e.data).toBe('q');
    expect((await fails("x = strcat({'a', 'b'}, {'c', 'd', 'e'});")).identifier).toBe('MATLAB:strcat:InvalidInputSize');
  });
  it('strsplit with several delimiters, escapes and empty text', async () => {
    const v = await vars("a = strsplit(sprintf('a\\tb c'), {'\\t', ' '}); n = numel(a); e = strsplit(''); ne = numel(e); e1 = size(e{1}); [p, m] = strsplit('1-2', '-'); m1 = m{1};");
    expect(v.n.data).toEqual([3]);
    expect(v.ne.data).toEqual([1]);
    expect(v.e1.data).toEqual([0, 0]);
    expect(v.m1.data).toBe('-');
  });
  it('strjoin, strrep (overlapping), strtrim, deblank, blanks', async () => {
    const v = await vars("a = strjoin({'a'}, '-'); b = strjoin({}, ','); r = strrep('aaa', 'aa', 'b'); t = strtrim('   '); d = deblank({'a  ', ' b '}); d2 = d{2}; k = blanks(0); s = strtrim([\" x \", \"y \"]);");
    expect(v.a.data).toBe('a');
    expect(v.b.data).toBe('');
    expect(v.r.data).toBe('bb');
    expect(v.t.size).toEqual([1, 0]);
    expect(v.d2.data).toBe(' b');
    expect(v.k.size).toEqual([1, 0]);
    expect(v.s).toEqual({ class: 'string', size: [1, 2], data: ['x', 'y'] });
  });
  it('upper and lower keep char matrices and strings', async () => {
    const v = await vars("a = upper(['ab'; 'cd']); b = lower(\"ABC\"); c = upper({'x', 'Yz'}); c2 = c{2}; n = upper(5);");
    expect(v.a).toEqual({ class: 'char', size: [2, 2], data: 'AB\nCD' });
    expect(v.b.data).toEqual(['abc']);
    expect(v.c2.data).toBe('YZ');
    expect(v.n.data).toEqual([5]);
  });
});

describe('comparison and search', () => {
  it('strcmp broadcasting and odd inputs', async () => {
    const v = await vars("a = strcmp({'a', 'b'; 'c', 'a'}, 'a'); b = strcmp(\"x\", 'x'); c = strcmp(['ab'; 'cd'], 'ab'); d = strncmp('ab', 'abc', 3); e = strcmp({'a', 1}, 'a'); f = strcmpi(\"ABC\", {'abc', 'x'});");
    expect(v.a).toEqual({ class: 'logical', size: [2, 2], data: [true, false, false, true] });
    expect(v.b.data).toEqual([true]);
    expect(v.c.data).toEqual([false]);
    expect(v.d.data).toEqual([false]);
    expect(v.e.data).toEqual([true, false]);
    expect(v.f.data).toEqual([true, false]);
    expect((await fails("x = strcmp({'a', 'b'}, {'a', 'b', 'c'});")).identifier).toBe('MATLAB:strcmp:InputsSizeMismatch');
  });
  it('contains, startsWith, endsWith, strfind, strlength', async () => {
    const v = await vars("a = contains({'abc', 'xyz', ''}, {'b', 'z'}); b = endsWith(\"x.M\", '.m', 'IgnoreCase', true); k = strfind('aaaa', 'aa'); c = strfind({'ab', 'b'}, 'b'); c1 = c{1}; n = strlength(\"hello\"); z = strfind('', 'a');");
    expect(v.a.data).toEqual([true, true, false]);
    expect(v.b.data).toEqual([true]);
    expect(v.k.data).toEqual([1, 2, 3]);
    expect(v.c1.data).toEqual([2]);
    expect(v.n.data).toEqual([5]);
    expect(v.z.size).toEqual([0, 0]);
  });
  it('character classes', async () => {
    const v = await vars("a = isletter('é1'); b = isstrprop({'a1', 'B'}, 'alpha'); b1 = b{1}; c = isstrprop('a.b', 'punct');");
    expect(v.a.data).toEqual([true, false]);
    expect(v.b1.data).toEqual([true, false]);
    expect(v.c.data).toEqual([false, true, false]);
    expect((await fails("x = isstrprop('a', 'nope');")).identifier).toBe('MATLAB:isstrprop:InvalidCategory');
  });
});

describe('regular expressions', () => {
  it('no match gives empty outputs of the right shape', async () => {
    const v = await vars("[s, e, te, m, t, nm, sp] = regexp('abc', '\\d'); o = regexp('abc', '(\\d)', 'tokens', 'once'); so = regexp('abc', 'z', 'start', 'once');");
    expect(v.s.size).toEqual([1, 0]);
    expect(v.e.size).toEqual([1, 0]);
    expect(v.m).toEqual({ class: 'cell', size: [1, 0] });
    expect(v.t).toEqual({ class: 'cell', size: [1, 0] });
    expect(v.sp).toEqual({ class: 'cell', size: [1, 1] });
    expect(v.o.size).toEqual([0, 0]);
    expect(v.so.size).toEqual([0, 0]);
  });
  it('tokens, names, once, split and the default output order', async () => {
    const v = await vars(
      "[tok, mat] = regexp('x=1,y=22', '(\\w)=(\\d+)', 'tokens', 'match'); t2 = tok{2}{2}; m1 = mat{1};" +
      " [s, e] = regexp('hello', 'l+'); n = regexp('k1=v1 k2=v2', '(?<k>\\w+)=(?<v>\\w+)', 'names'); nn = numel(n); v2 = n(2).v;" +
      " w = regexp('a cat', '\\<c\\w*', 'match', 'once'); d = regexp(sprintf('a\\nb'), 'a.b', 'match', 'once');" +
      " c = regexp({'a1', 'b'}, '\\d', 'match'); c1 = c{1}; c2 = c{2}; tt = regexp('abc', 'b', 'tokens'); tt1 = tt{1}{1};",
    );
    expect(v.t2.data).toBe('22');
    expect(v.m1.data).toBe('x=1');
    expect(v.s.data).toEqual([3]);
    expect(v.e.data).toEqual([4]);
    expect(v.nn.data).toEqual([2]);
    expect(v.v2.data).toBe('v2');
    expect(v.w.data).toBe('cat');
    expect(v.d.data).toBe('a\nb');
    expect(v.c.size).toEqual([1, 2]);
    expect(v.c2.size).toEqual([1, 0]);
    expect(v.tt1.data).toBe('b');
  });
  it('regexpi, regexprep with $0, named tokens, escapes and cells', async () => {
    const v = await vars(
      "a = regexpi('ABC', 'b', 'match'); a1 = a{1}; b = regexprep('abc', 'b', '[$0]'); c = regexprep('a b', ' ', '\\n');" +
      " d = regexprep('k=v', '(?<key>\\w)=(?<val>\\w)', '$<val>=$<key>'); e = regexprep('aBc', 'b', 'x', 'ignorecase'); f = regexprep('', 'a', 'b'); g = regexprep('ab', {'a', 'b'}, {'1', '2'});",
    );
    expect(v.a1.data).toBe('B');
    expect(v.b.data).toBe('a[b]c');
    expect(v.c.data).toBe('a\nb');
    expect(v.d.data).toBe('v=k');
    expect(v.e.data).toBe('axc');
    expect(v.f.size).toEqual([0, 0]);
    expect(v.g.data).toBe('12');
  });
  it('bad patterns and options are MATLAB errors', async () => {
    expect((await fails("x = regexp('a', '(');")).identifier).toBe('MATLAB:regexp:invalidPattern');
    expect((await fails("x = regexp('a', 'a', 'bogus');")).identifier).toBe('MATLAB:regexp:badOption');
  });
});
