// Signal builtins through the engine (runToJson, CPU): fft/ifft against a naive DFT for awkward
// lengths (1, 7, 12, 16, padding, truncation, dims, complex input), conv shapes, filter and deconv.
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';

type Var = { class: string; size: number[]; data?: unknown };

async function run(src: string): Promise<{ vars: Record<string, Var>; error: { message: string; identifier: string } | null }> {
  return (await runToJson(src, { gpu: 'off' })) as unknown as { vars: Record<string, Var>; error: { message: string; identifier: string } | null };
}

async function vars(src: string): Promise<Record<string, Var>> {
  const r = await run(src);
  if (r.error) throw new Error(`${r.error.identifier}: ${r.error.message}`);
  return r.vars;
}

function parts(v: Var): { re: number[]; im: number[] } {
  const d = v.data as number[] | { re: number[]; im: number[] };
  return Array.isArray(d) ? { re: d, im: d.map(() => 0) } : d;
}

function dft(re: number[], im: number[], inverse = false): { re: number[]; im: number[] } {
  const n = re.length;
  const out = { re: [] as number[], im: [] as number[] };
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const a = ((inverse ? 2 : -2) * Math.PI * ((j * k) % n)) / n;
      sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
    out.re.push(inverse ? sr / n : sr);
    out.im.push(inverse ? si / n : si);
  }
  return out;
}

function close(a: number[], b: number[], tol = 1e-10): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[i]))));
}

const seq = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i + 1) * 3 + i);

describe('fft / ifft', () => {
  for (const n of [1, 2, 7, 12, 16, 100]) {
    it(`length ${n} matches a direct DFT and round-trips`, async () => {
      const x = seq(n);
      const v = await vars(`x = [${x.join(' ')}]; y = fft(x); z = ifft(y);`);
      const want = dft(x, x.map(() => 0));
      expect(v.y.size).toEqual([1, n]);
      close(parts(v.y).re, want.re);
      close(parts(v.y).im, want.im);
      expect(v.z.data).not.toHaveProperty('im'); // conjugate-symmetric input: real result
      close(parts(v.z).re, x);
    });
  }
  it('complex input', async () => {
    const v = await vars('x = [1+2i, -1i, 3, 0.5-0.5i, 2, 1i, -2]; y = fft(x); z = ifft(y);');
    const want = dft([1, 0, 3, 0.5, 2, 0, -2], [2, -1, 0, -0.5, 0, 1, 0]);
    close(parts(v.y).re, want.re);
    close(parts(v.y).im, want.im);
    close(parts(v.z).re, [1, 0, 3, 0.5, 2, 0, -2]);
    close(parts(v.z).im, [2, -1, 0, -0.5, 0, 1, 0]);
  });
  it('padding, truncation, columns and dim', async () => {
    const v = await vars('a = fft([1 2 3], 5); b = fft([1 2 3 4 5], 2); M = [1 2; 3 4; 5 6]; c = fft(M); d = fft(M, [], 2); e = fft([1; 2; 3]); f = fft([]); g = fft(5);');
    expect(v.a.size).toEqual([1, 5]);
    close(parts(v.a).re, dft([1, 2, 3, 0, 0], [0, 0, 0, 0, 0]).re);
    close(parts(v.b).re, [3, -1]);
    expect(v.c.size).toEqual([3, 2]);
    close(parts(v.c).re, [...dft([1, 3, 5], [0, 0, 0]).re, ...dft([2, 4, 6], [0, 0, 0]).re]);
    expect(v.d.size).toEqual([3, 2]);
    close(parts(v.d).re, [3, 7, 11, -1, -1, -1]);
    expect(v.e.size).toEqual([3, 1]);
    expect(v.f.size).toEqual([0, 0]);
    close(parts(v.g).re, [5]);
  });
  it('ifft symmetric flag and bad lengths', async () => {
    const v = await vars("z = ifft([1 2 3], 'symmetric'); w = ifft([1 1i]);");
    expect(v.z.data).not.toHaveProperty('im');
    expect(v.w.data).toHaveProperty('im');
    const r = await run('y = fft([1 2], 1.5);');
    expect(r.error?.message).toBe('FFT length must be a nonnegative integer scalar.');
  });
  it('single stays single', async () => {
    const v = await vars('y = fft(single([1 2 3]));');
    expect(v.y.class).toBe('single');
  });
});

describe('conv, deconv', () => {
  it('full, same, valid', async () => {
    const v = await vars("a = conv([1 1], [1 2 1]); b = conv([1 2 3 4], [1 1 1], 'same'); c = conv([1 2 3 4], [1 1 1], 'valid'); d = conv([1; 2], [1 1 1]); e = conv(2, 3); f = conv([1 1i], [1 -1i]);");
    expect(a(v.a)).toEqual([1, 3, 3, 1]);
    expect(a(v.b)).toEqual([3, 6, 9, 7]);
    expect(a(v.c)).toEqual([6, 9]);
    expect(v.d.size).toEqual([1, 4]);
    expect(a(v.e)).toEqual([6]);
    expect(a(v.f)).toEqual([1, 0, 1]);
    function a(x: Var): number[] {
      return parts(x).re;
    }
  });
  it('rejects matrices', async () => {
    const r = await run('c = conv([1 2; 3 4], [1 1]);');
    expect(r.error?.message).toBe('A and B must be vectors.');
  });
  it('deconv inverts conv', async () => {
    const v = await vars('[q, r] = deconv([1 3 3 1], [1 1]); [q2, r2] = deconv([1 2 3 4], [1 1]);');
    expect(parts(v.q).re).toEqual([1, 2, 1]);
    expect(parts(v.r).re).toEqual([0, 0, 0, 0]);
    expect(parts(v.q2).re).toEqual([1, 1, 2]);
    expect(parts(v.r2).re).toEqual([0, 0, 0, 2]);
  });
});

describe('filter', () => {
  it('IIR, FIR, normalisation, states, matrices', async () => {
    const v = await vars(
      'a = filter(1, [1 -0.5], [1 1 1]); b = filter([1 1]/2, 1, [2 4 6 8]); c = filter([2 2], [2 1], [1 0 0]); [y, zf] = filter([1 1], 1, [1 2 3]); y2 = filter([1 1], 1, [4 5], zf); M = filter(1, [1 -1], [1 2; 3 4]); e = filter(1, 1, []);',
    );
    close(parts(v.a).re, [1, 1.5, 1.75]);
    close(parts(v.b).re, [1, 3, 5, 7]);
    close(parts(v.c).re, [1, 0.5, -0.25]);
    close(parts(v.y).re, [1, 3, 5]);
    expect(v.zf.size).toEqual([1, 1]);
    close(parts(v.zf).re, [3]);
    close(parts(v.y2).re, [7, 9]);
    close(parts(v.M).re, [1, 4, 2, 6]);
    expect(v.e.size).toEqual([0, 0]);
  });
  it('complex signal and a zero leading coefficient', async () => {
    const v = await vars('y = filter(1, [1 -1], [1i 1]);');
    close(parts(v.y).re, [0, 1]);
    close(parts(v.y).im, [1, 1]);
    const r = await run('y = filter(1, [0 1], [1 2]);');
    expect(r.error?.identifier).toBe('MATLAB:filter:firstElementOfDenominatorFilterZero');
  });
});
