a = int16(5) + 2.7;
ca = class(a);
b = int32(10) * 0.25;
cb = class(b);
c = 3 - uint8(1);
cc = class(c);
d = int8([1 2 3]) + 0.5;
