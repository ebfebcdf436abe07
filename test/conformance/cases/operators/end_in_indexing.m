v = [5 6 7 8 9];
a = v(end);
b = v(end:-1:1);
A = magic(4);
c = A(end, 1);
d = A(end);
e = A(end-1:end, :);
f = v(end/2 + 0.5);
