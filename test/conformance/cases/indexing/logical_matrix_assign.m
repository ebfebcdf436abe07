A = magic(3);
A(logical(eye(3))) = 0;
B = [1 -2; -3 4];
B(B < 0) = 0;
C = 1:5;
C(logical([1 0 1 0 1])) = [10 30 50];
