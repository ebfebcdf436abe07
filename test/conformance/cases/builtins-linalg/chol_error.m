% expect-error-identifier: MATLAB:posdef
% expect-error-message-contains: Matrix must be positive definite.
R = chol([1 2; 2 1]);
