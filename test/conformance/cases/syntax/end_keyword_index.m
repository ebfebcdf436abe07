v = 10:10:50;
a = v(end);
b = v(end-1);
c = v([1 end]);
d = v(end:-2:1);
M = magic(4);
e = M(end, end);
f = M(end);
