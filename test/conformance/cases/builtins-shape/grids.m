[X, Y] = meshgrid(1:3, [10 20]);
[X1, Y1] = meshgrid(1:2);
[X3, Y3, Z3] = meshgrid(1:2, 1:3, 1:2);
sz3 = size(X3);
[A, B] = ndgrid(1:2, 1:3);
[C1, C2, C3] = ndgrid(1:2, 1:3, 1:2);
N1 = ndgrid([1 2 3]);
