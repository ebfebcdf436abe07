A = cat(3, [1 2], [3 4]);
sz = size(A);
v = A(1, 2, 2);
B = squeeze(A(1, 1, :));
C = A(:, :, end);
D = reshape(1:8, 2, 2, 2);
e = D(2, 1, 2);
f = D(:, :, 1)';
