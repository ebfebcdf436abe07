c = {1, 'a', [2 3]};
x = c{3};
c{4} = 'new';
y = c(2);
cy = class(y);
d = c([1 2]);
e = c{2};
n = numel(c);
