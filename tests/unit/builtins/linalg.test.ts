// linalg builtins through the engine (runToJson, CPU): values, shapes, classes, warnings and
// errors, with awkward inputs (1×1, empty, singular, non-square). Sign-ambiguous factors are
// checked through invariants (reconstruction, orthogonality).
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/engine/runJson.ts';

type Vars = Record<string, { class: string; size: number[]; data?: unknown }>;

async function run(src: string): Promise<{ vars: Vars; stdout: string; error: { message: string; identifier: string } | null }> {
  const r = await runToJson(src, { gpu: 'off' });
  return r as unknown as { vars: Vars; stdout: string; error: { message: string; identifier: string } | null };
}

async function vars(src: string): Promise<Vars> {
  const r = await run(src);
  if (r.error) throw new Error(`${r.error.identifier}: ${r.error.message}`);
  return r.vars;
}

function nums(v: { data?: unknown }): number[] {
  return (v.data as (number | string)[]).map((x) => (typeof x === 'string' ? Number(x.replace('Inf', 'Infinity')) : x));
}

function close(actual: number[], expected: number[], tol = 1e-10): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((x, i) => {
    if (!Number.isFinite(expected[i])) expect(x).toBe(expected[i]);
    else expect(Math.abs(x - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  });
}

describe('inv, det, trace', () => {
  it('inverts and takes determinants', async () => {
    const v = await vars('A = [4 7; 2 6]; X = inv(A); d = det(A); t = trace(A); d1 = det(5); d0 = det([]); I0 = inv([]);');
    close(nums(v.X), [0.6, -0.2, -0.7, 0.4]);
    close(nums(v.d), [10]);
    close(nums(v.t), [10]);
    close(nums(v.d1), [5]);
    close(nums(v.d0), [1]);
    expect(v.I0.size).toEqual([0, 0]);
  });
  it('warns on a singular matrix and returns Inf', async () => {
    const r = await run('X = inv([1 2; 2 4]); d = det([1 2; 2 4]);');
    expect(r.stdout).toContain('Matrix is singular to working precision.');
    expect(r.vars.X.data).toEqual(['Inf', 'Inf', 'Inf', 'Inf']);
    expect(nums(r.vars.d)).toEqual([0]);
  });
  it('errors on non-square input', async () => {
    for (const f of ['inv', 'det', 'trace', 'chol', 'eig', 'expm']) {
      const r = await run(`x = ${f}([1 2 3; 4 5 6]);`);
      expect(r.error?.message).toBe('Matrix must be square.');
    }
  });
  it('handles complex matrices and single', async () => {
    const v = await vars('A = [1+1i 2; 3 4]; d = det(A); X = inv(A); E = X*A; s = det(single([1 2; 3 4]));');
    expect(v.d.data).toEqual({ re: [-2], im: [4] });
    const e = v.E.data as { re: number[] };
    close(e.re, [1, 0, 0, 1]);
    expect(v.s.class).toBe('single');
  });
  it('refuses integer input', async () => {
    const r = await run('x = inv(int8([1 2; 3 4]));');
    expect(r.error?.identifier).toBe('MATLAB:UndefinedFunction');
  });
});

describe('norm, cond, rank, pinv', () => {
  it('vector norms', async () => {
    const v = await vars("v = [3 -4]; a = norm(v); b = norm(v, 1); c = norm(v, Inf); d = norm(v, -Inf); e = norm(v, 'fro'); f = norm(v, 3); g = norm([]); h = norm(-7);");
    close([nums(v.a)[0], nums(v.b)[0], nums(v.c)[0], nums(v.d)[0], nums(v.e)[0], nums(v.f)[0], nums(v.g)[0], nums(v.h)[0]], [5, 7, 4, 3, 5, (27 + 64) ** (1 / 3), 0, 7]);
  });
  it('matrix norms', async () => {
    const v = await vars("A = [1 -2; 3 4]; a = norm(A, 1); b = norm(A, Inf); c = norm(A, 'fro'); d = norm(A); e = norm([1+1i 0; 0 2]);");
    close(nums(v.a), [6]);
    close(nums(v.b), [7]);
    close(nums(v.c), [Math.sqrt(30)]);
    close(nums(v.d), [5.116672736016927]);
    close(nums(v.e), [2]);
  });
  it('rejects unknown matrix norms', async () => {
    const r = await run('x = norm([1 2; 3 4], 3);');
    expect(r.error?.message).toContain('1, 2, inf');
  });
  it('cond and rank', async () => {
    const v = await vars('a = cond([1 0; 0 2]); b = cond([1 2; 2 4]); c = cond([1 0; 0 2], 1); r1 = rank([1 2; 2 4]); r2 = rank(magic4()); r3 = rank([]); r4 = rank(zeros(3)); r5 = rank([1 2 3]);'.replace('magic4()', '[16 2 3 13; 5 11 10 8; 9 7 6 12; 4 14 15 1]'));
    close(nums(v.a), [2]);
    expect(nums(v.b)[0]).toBeGreaterThan(1e15);
    close(nums(v.c), [2]);
    expect([nums(v.r1)[0], nums(v.r2)[0], nums(v.r3)[0], nums(v.r4)[0], nums(v.r5)[0]]).toEqual([1, 3, 0, 0, 1]);
  });
  it('pinv of rank-deficient and rectangular matrices', async () => {
    const v = await vars('P = pinv([1 2; 2 4]); Q = pinv([1 2; 3 4; 5 6]); e = norm(Q*[1 2; 3 4; 5 6] - eye(2)); E = pinv(zeros(0, 3));');
    close(nums(v.P), [1, 2, 2, 4].map((x) => x / 25));
    expect(nums(v.e)[0]).toBeLessThan(1e-12);
    expect(v.E.size).toEqual([3, 0]);
  });
});

describe('lu, qr, chol', () => {
  it('lu forms', async () => {
    const v = await vars('A = [1 2; 3 4]; [L, U, P] = lu(A); [L2, U2] = lu(A); e = norm(L2*U2 - A); [l, u, p] = lu(A, "vector"); Y = lu(A);');
    close(nums(v.L), [1, 1 / 3, 0, 1]);
    close(nums(v.U), [3, 0, 4, 2 / 3]);
    close(nums(v.P), [0, 1, 1, 0]);
    close(nums(v.L2), [1 / 3, 1, 1, 0]);
    expect(nums(v.e)[0]).toBeLessThan(1e-14);
    expect(nums(v.p)).toEqual([2, 1]);
    close(nums(v.Y), [3, 1 / 3, 4, 2 / 3]);
  });
  it('lu of rectangular matrices', async () => {
    const v = await vars('A = [1 2 3; 4 5 6]; [L, U, P] = lu(A); e = norm(P*A - L*U); B = A.\'; [L2, U2] = lu(B); e2 = norm(L2*U2 - B);');
    expect(v.L.size).toEqual([2, 2]);
    expect(v.U.size).toEqual([2, 3]);
    expect(v.L2.size).toEqual([3, 2]);
    expect(nums(v.e)[0]).toBeLessThan(1e-14);
    expect(nums(v.e2)[0]).toBeLessThan(1e-14);
  });
  it('qr full, economy, pivoted', async () => {
    const v = await vars(
      "A = [1 2; 3 4; 5 6]; [Q, R] = qr(A); e = norm(Q*R - A); o = norm(Q'*Q - eye(3)); [Q2, R2] = qr(A, 'econ'); [Q3, R3] = qr(A, 0); [Q4, R4, P4] = qr(A); e4 = norm(A*P4 - Q4*R4); R5 = qr(A);",
    );
    expect(v.Q.size).toEqual([3, 3]);
    expect(v.R.size).toEqual([3, 2]);
    expect(nums(v.e)[0]).toBeLessThan(1e-14);
    expect(nums(v.o)[0]).toBeLessThan(1e-14);
    expect(v.Q2.size).toEqual([3, 2]);
    expect(v.R2.size).toEqual([2, 2]);
    expect(v.Q3.size).toEqual([3, 2]);
    expect(nums(v.e4)[0]).toBeLessThan(1e-14);
    expect(nums(v.R)[1]).toBe(0);
    close(nums(v.R5), nums(v.R));
    close([Math.abs(nums(v.R)[0])], [Math.sqrt(35)]);
  });
  it('chol upper, lower, failure', async () => {
    const v = await vars("R = chol([4 2; 2 5]); L = chol([4 2; 2 5], 'lower'); [R2, p] = chol([1 2; 2 1]); [R3, p3] = chol([4 2; 2 5]); c = chol(9);");
    close(nums(v.R), [2, 0, 1, 2]);
    close(nums(v.L), [2, 1, 0, 2]);
    expect(nums(v.p)).toEqual([2]);
    expect(v.R2.size).toEqual([1, 1]);
    expect(nums(v.p3)).toEqual([0]);
    close(nums(v.c), [3]);
    const r = await run('R = chol([1 2; 2 1]);');
    expect(r.error).toMatchObject({ identifier: 'MATLAB:posdef', message: 'Matrix must be positive definite.' });
  });
});

describe('eig, svd', () => {
  it('symmetric eig ascending with orthonormal vectors', async () => {
    const v = await vars('A = [2 1 0; 1 3 1; 0 1 4]; e = eig(A); [V, D] = eig(A); r = norm(A*V - V*D); o = norm(V\'*V - eye(3)); d = eig([2 0; 0 1]); z = eig([]); one = eig(5);');
    const e = nums(v.e);
    expect(e).toEqual([...e].sort((a, b) => a - b));
    close(e, [3 - Math.sqrt(3), 3, 3 + Math.sqrt(3)]);
    expect(nums(v.r)[0]).toBeLessThan(1e-13);
    expect(nums(v.o)[0]).toBeLessThan(1e-13);
    close(nums(v.d), [1, 2]);
    expect(v.z.size).toEqual([0, 1]);
    close(nums(v.one), [5]);
  });
  it('nonsymmetric eig with complex eigenvalues and vectors', async () => {
    const v = await vars('A = [0 1; -2 -3]; e = eig(A); R = [0 -1; 1 0]; c = eig(R); [V, D] = eig(R); r = norm(R*V - V*D); B = [1 2 3; 4 5 6; 7 8 10]; [W, E] = eig(B); rb = norm(B*W - W*E);');
    close(nums(v.e).sort((a, b) => a - b), [-2, -1]);
    const c = v.c.data as { re: number[]; im: number[] };
    close(c.re, [0, 0]);
    close(c.im, [1, -1]);
    expect(nums(v.r)[0]).toBeLessThan(1e-12);
    expect(nums(v.rb)[0]).toBeLessThan(1e-10);
  });
  it('eig errors on NaN', async () => {
    const r = await run('e = eig([1 NaN; 2 3]);');
    expect(r.error?.message).toBe('Input to EIG must not contain NaN or Inf.');
  });
  it('svd values and factors', async () => {
    const v = await vars("s = svd([3 0; 0 4]); A = [1 2 3; 4 5 6]; [U, S, V] = svd(A); e = norm(U*S*V' - A); [U2, S2, V2] = svd(A, 'econ'); t = svd(zeros(2, 3)); [U3, S3, V3] = svd([1 1; 1 1; 1 1]); o = norm(U3'*U3 - eye(3)); c = svd([1i 0; 0 2]);");
    close(nums(v.s), [4, 3]);
    expect(v.U.size).toEqual([2, 2]);
    expect(v.S.size).toEqual([2, 3]);
    expect(v.V.size).toEqual([3, 3]);
    expect(nums(v.e)[0]).toBeLessThan(1e-13);
    expect(v.U2.size).toEqual([2, 2]);
    expect(v.S2.size).toEqual([2, 2]);
    expect(v.V2.size).toEqual([3, 2]);
    expect(nums(v.t)).toEqual([0, 0]);
    expect(nums(v.o)[0]).toBeLessThan(1e-13);
    close(nums(v.c), [2, 1]);
  });
});

describe('null, orth, expm', () => {
  it('null and orth', async () => {
    const v = await vars('A = [1 1; 1 1]; Z = null(A); r = norm(A*Z); Q = orth(A); N = null(eye(2)); q = abs(Q);');
    expect(v.Z.size).toEqual([2, 1]);
    expect(nums(v.r)[0]).toBeLessThan(1e-14);
    close(nums(v.q), [Math.SQRT1_2, Math.SQRT1_2]);
    expect(v.N.size).toEqual([2, 0]);
  });
  it('expm', async () => {
    const v = await vars('a = expm([0 1; 0 0]); b = expm(zeros(2)); c = expm(1); d = expm([0 -pi; pi 0]); e = expm([-49 24; -64 31]);');
    close(nums(v.a), [1, 0, 1, 1]);
    close(nums(v.b), [1, 0, 0, 1]);
    close(nums(v.c), [Math.E]);
    close(nums(v.d), [-1, 0, 0, -1], 1e-12);
    // Moler & Van Loan's example.
    close(nums(v.e), [-0.7357587581447531, -1.4715175990882605, 0.5518190996580977, 1.1036382407155726], 1e-12);
  });
});

describe('dot, cross, vecnorm, structure tests, linsolve', () => {
  it('dot and cross', async () => {
    const v = await vars('a = dot([1 2 3], [4 5 6]); b = dot([1 2; 3 4], [1 2; 3 4]); c = dot([1i 1], [1i 1]); d = cross([1 0 0], [0 1 0]); e = cross([1; 2; 3], [4; 5; 6]); f = dot([1 2; 3 4], [1 2; 3 4], 2);');
    close(nums(v.a), [32]);
    close(nums(v.b), [10, 20]);
    close(nums(v.c), [2]);
    expect(v.d.size).toEqual([1, 3]);
    close(nums(v.d), [0, 0, 1]);
    close(nums(v.e), [-3, 6, -3]);
    expect(v.f.size).toEqual([2, 1]);
    close(nums(v.f), [5, 25]);
    const r = await run('x = cross([1 2], [3 4]);');
    expect(r.error?.identifier).toBe('MATLAB:cross:InputSizeMismatch');
  });
  it('vecnorm', async () => {
    const v = await vars('a = vecnorm([3 0; 4 1]); b = vecnorm([3 4], 1); c = vecnorm([3 0; 4 1], Inf, 2); d = vecnorm([3 4]);');
    close(nums(v.a), [5, 1]);
    close(nums(v.b), [7]);
    close(nums(v.c), [3, 4]);
    close(nums(v.d), [5]);
  });
  it('structure predicates', async () => {
    const v = await vars("a = issymmetric([1 2; 2 1]); b = issymmetric([1 2; 3 1]); c = issymmetric([0 2; -2 0], 'skew'); d = istriu([1 2; 0 3]); e = istril([1 2; 0 3]); f = isdiag(eye(3)); g = istriu([1 2 3; 0 4 5]); h = issymmetric([1 2 3]); k = isdiag([]); m = issymmetric([1 2; 2+1e-14 1], 1e-10);");
    const got = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'k', 'm'].map((n) => (v[n].data as boolean[])[0]);
    expect(got).toEqual([true, false, true, true, false, true, true, false, true, true]);
    expect(v.a.class).toBe('logical');
  });
  it('linsolve matches mldivide', async () => {
    const v = await vars('x = linsolve([2 0; 0 4], [2; 4]); y = linsolve([1 1; 1 2; 1 3], [1; 2; 2]); z = [1 1; 1 2; 1 3] \\ [1; 2; 2];');
    close(nums(v.x), [1, 1]);
    close(nums(v.y), nums(v.z));
  });
});
