p.q.r = 4;
p.q.s = [1 2];
v = p.q.s(2);
p.q.s(4) = 9;
w = p.q.s;
x = p.q;
