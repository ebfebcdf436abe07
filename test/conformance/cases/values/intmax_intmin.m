a = intmax('int8');
b = intmin('int16');
c = intmax('uint8');
d = class(intmax);
e = intmax('int32') + 1;
f = intmin('uint32');
