%% Monte Carlo option pricing
% The price of a European call option under Black-Scholes, estimated from random paths and
% compared with the closed form. Every step is elementwise or a reduction over a large array,
% so the whole estimate runs as a few fused GPU kernels.

%% Parameters
S0 = 100;     % spot price
K = 105;      % strike
r = 0.05;     % risk-free rate
sigma = 0.2;  % volatility
T = 1;        % years
N = 1e6;      % paths

%% Simulate terminal prices
% One normal draw per path: S_T = S0 * exp((r - sigma^2/2) T + sigma sqrt(T) Z).
rng(2024);
Z = randn(N, 1, 'single');
ST = S0 * exp((r - 0.5 * sigma^2) * T + sigma * sqrt(T) * Z);

%% Discounted mean payoff
payoff = max(ST - K, 0);
price = exp(-r * T) * mean(payoff)
stderr = exp(-r * T) * std(payoff) / sqrt(N)

%% The closed form, for comparison
d1 = (log(S0 / K) + (r + 0.5 * sigma^2) * T) / (sigma * sqrt(T));
d2 = d1 - sigma * sqrt(T);
Phi = @(x) 0.5 * erfc(-x / sqrt(2));
exact = S0 * Phi(d1) - K * exp(-r * T) * Phi(d2)
fprintf('difference: %.4f (%.1f standard errors)\n', price - exact, abs(price - exact) / stderr);
