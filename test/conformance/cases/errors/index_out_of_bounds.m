% expect-error-identifier: MATLAB:badsubscript
% expect-error-message-contains: Index exceeds the number of array elements. Index must not exceed 3.
v = [1 2 3];
a = v(3);
b = v(5);
