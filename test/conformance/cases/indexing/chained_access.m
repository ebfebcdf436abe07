s.a(3).b{2} = 'deep';
t = s.a(3).b{2};
n = numel(s.a);
c = class(s.a(1).b);
m = size(s.a(3).b);
s.a(1).b = 7;
u = s.a(1).b + 1;
