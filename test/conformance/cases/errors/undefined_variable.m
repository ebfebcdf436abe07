% expect-error-identifier: MATLAB:UndefinedFunction
% expect-error-message-contains: Unrecognized function or variable 'x'.
a = 1;
y = x + 1;
