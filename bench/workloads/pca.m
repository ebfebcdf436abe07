% PCA by power iteration: centre an n×d data matrix, form the covariance G = (A'*A)/(n-1) (a SYRK),
% and run a few power iterations on k vectors with column normalisation. Sizes can be set first
% (n, d, k, iters).
if ~exist('n', 'var'), n = 262144; end
if ~exist('d', 'var'), d = 512; end
if ~exist('k', 'var'), k = 8; end
if ~exist('iters', 'var'), iters = 10; end
rng(0);
A = rand(n, d, 'single');
A = A - mean(A, 1);
G = (A' * A) / single(n - 1);
Q = rand(d, k, 'single');
for t = 1:iters
  Q = G * Q;
  Q = Q ./ sqrt(sum(Q .^ 2, 1));
end
lambda = sum(Q .* (G * Q), 1);
fprintf('%.6e\n', sum(lambda));
