a = zeros(0, 3);
b = size(ones(3, 0)');
c = sum([]);
d = prod([]);
e = max([]);
f = numel(zeros(0, 3));
g = isempty('');
h = size('');
