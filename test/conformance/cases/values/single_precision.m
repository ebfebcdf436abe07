a = single(0.1) + single(0.2);
b = eps('single');
c = class(single(1):single(3));
d = double(single(1/3));
e = single(16777216) + single(1);
