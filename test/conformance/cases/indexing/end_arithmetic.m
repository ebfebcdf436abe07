A = magic(4);
a = A(end-1, :);
b = A(end, end);
v = 1:10;
c = v(end-2:end);
d = v(end-(0:2));
e = A(end, end-1);
