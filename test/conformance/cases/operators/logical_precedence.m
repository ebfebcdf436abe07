a = true | false & false;
b = (true | false) & false;
c = 1 | 0 & 0;
d = 1 + 2 == 3;
e = 1 < 2 < 3;
f = 3 > 2 > 1;
g = ~0 + 1;
