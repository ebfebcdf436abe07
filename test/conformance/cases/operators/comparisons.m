a = [1 2 3 4];
lt = a < 3;
le = a <= 3;
gt = a > 2;
ge = a >= 2;
eq = a == 2;
ne = a ~= 2;
s = 3 > 2;
