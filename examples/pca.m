%% PCA with A'*A and power iterations
% The covariance of centred data is `Xc' * Xc / (n - 1)`. The planner computes `A' * A` as a
% **SYRK** kernel: one triangle of the symmetric result, mirrored, half the work of a general
% matrix product. The leading principal components then come from power iterations: repeated
% matrix-vector products, normalised.

%% Data with a known structure
% 4096 samples in 64 dimensions, with most of the variance along two directions.
rng(7);
n = 4096; d = 64;
u1 = randn(d, 1, 'single'); u1 = u1 / norm(u1);
u2 = randn(d, 1, 'single'); u2 = u2 - (u1' * u2) * u1; u2 = u2 / norm(u2);
X = 5 * randn(n, 1, 'single') * u1' + 2 * randn(n, 1, 'single') * u2' + 0.3 * randn(n, d, 'single');

%% Covariance (SYRK)
Xc = X - mean(X, 1);
C = (Xc' * Xc) / (n - 1);
fprintf('covariance: %d x %d, symmetric error %.2g\n', size(C, 1), size(C, 2), max(max(abs(C - C'))));

%% Power iterations
v = ones(d, 1, 'single') / sqrt(d);
for k = 1:60
  v = C * v;
  v = v / norm(v);
end
lambda1 = v' * C * v
alignment1 = abs(v' * u1)

%% Second component (deflation)
C2 = C - lambda1 * (v * v');
w = ones(d, 1, 'single') / sqrt(d);
for k = 1:60
  w = C2 * w;
  w = w / norm(w);
end
lambda2 = w' * C2 * w
alignment2 = abs(w' * u2)
