% expect-error-identifier: MATLAB:nonExistentField
% expect-error-message-contains: Unrecognized field name "b".
s.a = 1;
v = s.a;
w = s.b;
