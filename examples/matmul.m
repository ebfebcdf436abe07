%% Matrix products: small k and fused epilogues
% Two shapes of matrix product that the fusion planner treats specially.

%% A small-k outer product
% When the inner dimension is tiny (here k = 4) a matrix product is really a sum of a few outer
% products: the **small-k** matmul variant reads each input once and writes the big result in one
% pass, instead of tiling for a k that is not there.
rng(1);
U = rand(2048, 4, 'single');
V = rand(4, 2048, 'single');
P = U * V;
fprintf('P: %d x %d, P(1,1) = %.4f (check %.4f)\n', size(P, 1), size(P, 2), P(1, 1), U(1, :) * V(:, 1));

%% A matmul with a fused epilogue
% A dense layer with a scaled product, a bias row, a clamp and a square. The planner folds
% everything after `X * W` into the product's write (**matmul + epilogue**): one kernel, and the
% product itself is never stored.
X = rand(512, 256, 'single') - 0.5;
W = rand(256, 128, 'single') / 16;
b = rand(1, 128, 'single') - 0.5;
Y = max(min(2.5 * (X * W) + b, 1), 0) .^ 2;
fprintf('Y: %d x %d, mean %.4f, fraction at the clamp %.3f\n', size(Y, 1), size(Y, 2), mean(Y(:)), mean(Y(:) == 0 | Y(:) == 1));
