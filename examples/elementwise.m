%% Elementwise math
% A chain of elementwise operations on a million points, and a plot of the result. The planner fuses the whole chain into
% one generated kernel: each element is read once and written once, with no temporaries.

%% A damped wave
t = linspace(0, 20, 1e6);
y = exp(-t / 8) .* sin(2 * pi * t) + 0.25 * cos(3 * t) .^ 2 - 0.1 * tanh(t - 10);
fprintf('%d points, min %.4f, max %.4f, mean %.4f\n', numel(y), min(y), max(y), mean(y));
plot(t(1:100:end), y(1:100:end));
title('A damped wave'); xlabel('t'); ylabel('y');

%% A longer chain with single precision
x = single(t);
z = sqrt(abs(sin(x) .* cos(x / 2))) + log1p(x .^ 2) ./ (1 + exp(-x)) - atan(x / 4);
energy = sum(z .^ 2) / numel(z)

%% A few samples
% Every 100,000th point of the damped wave.
samples = y(1:100000:end)
