% expect-error-identifier: MATLAB:UndefinedFunction
% expect-error-message-contains: Unrecognized function or variable 'nosuchfunc'.
a = 2;
y = nosuchfunc(3);
b = 3;
