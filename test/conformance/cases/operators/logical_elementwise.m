a = [1 0 1 0];
b = [1 1 0 0];
andv = a & b;
orv = a | b;
x = xor(a, b);
n = ~a;
k = xor(true, [true false]);
m = [2 0 -1] & 1;
