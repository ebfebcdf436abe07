a = floor(-2.5);
b = ceil(-2.5);
c = round(2.5);
d = round(-2.5);
e = fix(-2.7);
f = mod(10, 4);
g = mod(5.5, 2);
h = abs([-3 4]);
