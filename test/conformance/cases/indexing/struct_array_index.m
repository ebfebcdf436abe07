s(2).x = 5;
s(1).x = 1;
n = numel(s);
v = [s.x];
e = isempty(s(2).x);
s(3).x = 'c';
sz = size(s);
t = s(3).x;
