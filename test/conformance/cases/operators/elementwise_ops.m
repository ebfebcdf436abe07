a = [1 2 3];
b = [4 5 6];
m = a .* b;
d = b ./ a;
l = a .\ b;
p = a .^ 2;
q = 2 .^ a;
r = a .^ b;
