%% 4K image pipeline: per-image normalisation
% A batch of images is normalised one image at a time: subtract the image's mean, divide by its
% standard deviation, apply a gain and a bias, clamp to [0, 1] and apply a gamma curve.
%
% The fusion planner recognises the whole chain, statistics included, as one **ImageNormalize**
% kernel. A real 4K batch is `2160 x 3840 x 4` (33 million pixels); this demo uses
% `270 x 480 x 4` (one eighth of 4K on each side) so it runs in seconds on a software GPU.
% Change `H` and `W` to `2160` and `3840` on a real GPU.

%% The batch
H = 270; W = 480; N = 4;   % real 4K: H = 2160; W = 3840;
rng(42);
x = rand(H, W, N, 'single') .* reshape(single([0.5 1 2 4]), 1, 1, N) + reshape(single([0 1 2 3]), 1, 1, N);
fprintf('batch: %d x %d x %d single (%.1f MB)\n', H, W, N, 4 * H * W * N / 1e6);

%% Normalise each image
% `mean(x, [1 2])` and `std(x, 0, [1 2])` give one statistic per image (size 1 x 1 x N), which
% implicit expansion applies to every pixel of that image.
gain = 0.25; bias = 0.5; gamma = 1 / 2.2;
mu = mean(x, [1 2]);
sigma = std(x, 0, [1 2]);
y = ((x - mu) ./ sigma) * gain + bias;
y = min(max(y, 0), 1) .^ gamma;

%% Check the result
% Every image now has about the same brightness, whatever its input range was.
per_image_mean = squeeze(mean(y, [1 2]))'
fprintf('output range: [%.3f, %.3f]\n', min(y(:)), max(y(:)));
