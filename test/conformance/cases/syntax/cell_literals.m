c = {1, 'two', [3 4]};
d = {1 2; 3 4};
e = {};
f = {c{2}, 5};
n = numel(c);
s = size(d);
k = class(c{3});
g = {[1 2 3]
     'abc'};
