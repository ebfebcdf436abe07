% 4K image pipeline: a batch of B frames of H×W pixels (H×W×B single), each normalised by its
% own mean and standard deviation, then gain, bias, clamp at zero, gamma, and the mean squared
% error against the input. Sizes can be set before the script runs (B, H, W).
if ~exist('B', 'var'), B = 16; end
if ~exist('H', 'var'), H = 2160; end
if ~exist('W', 'var'), W = 3840; end
rng(0);
gain = single(1.0123);
bias = single(-0.02);
gamma = single(1.8);
imgs = rand(H, W, B, 'single');
mu = mean(imgs, [1 2]);
sigma = std(imgs, 0, [1 2]);
out = ((imgs - mu) ./ sigma) * gain + bias;
out = max(out, 0);
out = out .^ gamma;
mse = mean((out - imgs) .^ 2, 'all');
fprintf('%.6e\n', mse);
