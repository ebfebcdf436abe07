% expect-error-identifier: MATLAB:badsubscript
% expect-error-message-contains: Index in position 1 exceeds array bounds.
A = ones(2);
x = A(2, 2);
y = A(3, 1);
