a = 0.1 + 0.2 == 0.3;
b = abs(0.1 + 0.2 - 0.3) < eps;
c = eps;
d = 1 + eps > 1;
e = realmax > 1e308;
f = 2^53 + 1 == 2^53;
