A = [1 1; 1 1];
Z = null(A);
nz = [size(Z) norm(A * Z) < 1e-12];
O = abs(orth(A));
N0 = size(null(eye(3)));
B = [1 2 3; 2 4 6];
ZB = null(B);
okB = [size(ZB) norm(B * ZB) < 1e-12 norm(ZB' * ZB - eye(2)) < 1e-12];
P = pinv([1 2; 2 4]);
P2 = pinv([1 2; 3 4; 5 6]);
clear Z ZB
