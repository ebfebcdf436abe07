a = cellfun(@numel, {'ab', 'cde', ''});
b = cellfun('isempty', {[], 1, ''});
c = cellfun(@length, {1:3, 'ab'});
d = cellfun(@(x, y) x + y, {1, 2}, {10, 20});
[mx, ix] = cellfun(@max, {[1 5 2], [7 3]});
e = cellfun(@isempty, {});
f = cellfun(@(x) x > 1, {1, 2, 3});
