% Batched IIR smoothing: B independent signals of T samples (B×T single), each smoothed by the
% first-order filter y(:,t) = a*y(:,t-1) + (1-a)*x(:,t), one time column per loop iteration.
% Sizes can be set first (B, T).
if ~exist('B', 'var'), B = 65536; end
if ~exist('T', 'var'), T = 64; end
rng(0);
a = single(0.98);
x = rand(B, T, 'single');
y = zeros(B, T, 'single');
y(:, 1) = x(:, 1);
for t = 2:T
  y(:, t) = a * y(:, t - 1) + (1 - a) * x(:, t);
end
m = mean(y(:, T));
fprintf('%.6e\n', m);
