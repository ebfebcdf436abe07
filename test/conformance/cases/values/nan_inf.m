a = 0/0;
b = 1/0;
c = -1/0;
d = NaN == NaN;
e = isnan([1 NaN]);
f = Inf - Inf;
g = isinf([Inf -Inf 0]);
h = max([1 NaN 3]);
k = sum([1 NaN]);
