a = single(1) + 2;
ca = class(a);
b = single(2) * [1 2];
cb = class(b);
c = double(a) / 3;
d = single(1) / 3;
cd = class([single(1) 2]);
