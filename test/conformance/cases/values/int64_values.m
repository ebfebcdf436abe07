a = int64(5) + int64(7);
ca = class(a);
b = uint64(10) - uint64(20);
c = int64(-9) / int64(2);
d = uint16(65535) + 1;
e = idivide(int32(7), int32(2));
