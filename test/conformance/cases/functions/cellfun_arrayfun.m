a = arrayfun(@(x) x^2, 1:4);
b = cellfun(@numel, {'a', 'bb', 'ccc'});
c = cellfun('isempty', {[], 1, ''});
d = cellfun(@(s) [s '!'], {'hi', 'yo'}, 'UniformOutput', false);
d1 = d{2};
e = arrayfun(@(x) x > 2, [1 3 5]);
