a = arrayfun(@(x) x^2, [1 2 3]);
b = arrayfun(@(x) x * 2, [1 2; 3 4]);
c = arrayfun(@(x) 1:x, 1:3, 'UniformOutput', false);
c3 = c{3};
s = struct('v', {1, 5, 9});
d = arrayfun(@(e) e.v + 1, s);
e = arrayfun(@(x, y) x * y, [1 2], [3 4]);
