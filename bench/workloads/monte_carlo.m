% Monte Carlo pricing of a European call: M geometric Brownian paths advanced over T steps with
% randn, the payoff max(S - K, 0) and its discounted mean. Sizes can be set first (M, T).
if ~exist('M', 'var'), M = 1e7; end
if ~exist('T', 'var'), T = 256; end
rng(0);
S0 = single(100);
K = single(100);
r = single(0.05);
vol = single(0.2);
dt = single(1 / 252);
drift = (r - vol^2 / 2) * dt;
step = vol * sqrt(dt);
S = S0 * ones(M, 1, 'single');
for t = 1:T
  Z = randn(M, 1, 'single');
  S = S .* exp(drift + step * Z);
end
payoff = max(S - K, 0);
price = mean(payoff) * exp(-r * T * dt);
fprintf('%.6f\n', price);
