% expect-error-identifier: MATLAB:innerdim
% expect-error-message-contains: Incorrect dimensions for matrix multiplication.
A = [1 2; 3 4];
B = A * [1 2 3];
