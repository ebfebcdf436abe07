a = single(2.6) + int8(1);
ca = class(a);
b = int8(5) .* true;
cb = class(b);
c = int16([1 2]) .* [2.5 2.5];
