% An elementwise math chain over N points: sin, exp, cos, tanh and powers, then the mean, so the
% result is one number read back. Size can be set first (N).
if ~exist('N', 'var'), N = 1e8; end
rng(0);
x = single(4 * pi) * rand(N, 1, 'single');
y0 = sin(x) .* exp(-x / 10);
y1 = y0 .* cos(x / 4) + 0.25 * y0 .^ 2;
y2 = tanh(y1) + 0.1 * y1 .^ 3;
r = mean(y2);
fprintf('%.6f\n', r);
