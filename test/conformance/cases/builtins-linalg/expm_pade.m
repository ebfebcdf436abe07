a = expm([0 1; 0 0]);
b = expm(zeros(3));
c = expm(2);
d = expm([-49 24; -64 31]);
e = expm([1 2; -3 0.5]);
f = expm([0 -pi/2; pi/2 0]);
