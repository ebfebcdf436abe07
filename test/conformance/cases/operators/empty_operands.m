a = [] + 1;
b = zeros(0, 3) * 2;
c = zeros(2, 0) * zeros(0, 3);
d = sum(zeros(0, 3));
e = [] == [];
f = isempty(1:0);
