s.a = 1;
s.b = 'x';
v = s.a + 1;
s.a = s.a * 10;
t = s;
t.c = [1 2 3];
w = t.c(2);
