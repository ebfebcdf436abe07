% note: MATLAB (R2020a+) treats cov(x, y) as two variables (2x2); Octave 7 returns the scalar cross-covariance.
% expect-var-matlab: c3 {"class": "double", "size": [2, 2], "data": [1, 1.5, 1.5, 2.3333333333333335]}
c1 = cov([1 2 3 4]);
c2 = cov([1 2; 3 5; 4 9]);
c3 = cov([1 2 3], [1 2 4]);
c4 = cov([1 2; 3 5; 4 9], 1);
r1 = corrcoef([1 2 3], [2 4 7]);
r2 = corrcoef([1 2 0; 3 5 1; 4 9 4; 2 2 2]);
r3 = corrcoef([1 2 3]', [3 2 1]');
