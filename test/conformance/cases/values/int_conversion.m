a = uint8(-5);
b = uint8(300);
c = int8(NaN);
d = int32(Inf);
e = int32(-Inf);
f = double(int8(-7));
g = int16([1.4 1.5 -1.5 -1.6]);
