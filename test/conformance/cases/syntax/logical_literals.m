t = true;
f = false;
v = [true false true];
w = true(2, 2);
k = ~t;
