A = [1 2; 3 4; 5 6];
[Q, R] = qr(A);
ok_full = norm(Q * R - A) < 1e-12 && norm(Q' * Q - eye(3)) < 1e-12;
sizes_full = [size(Q) size(R)];
absR = abs(R);
[Q, R] = qr(A, 0);
ok_econ = norm(Q * R - A) < 1e-12;
sizes_econ = [size(Q) size(R)];
absRe = abs(R);
[Q, R, P] = qr(A);
ok_piv = norm(A * P - Q * R) < 1e-12;
P1 = P;
clear Q R P
