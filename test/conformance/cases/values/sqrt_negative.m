a = sqrt(-4);
b = (-8)^(1/3);
c = log(-1);
d = sqrt([4 -9]);
e = abs(sqrt(-16));
