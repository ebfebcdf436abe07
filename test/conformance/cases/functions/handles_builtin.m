h = @sin;
y = h(0);
h2 = @max;
[m, i] = h2([1 5 2]);
c = class(h);
sq = @sqrt;
r = sq([4 9]);
