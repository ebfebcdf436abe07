a = 5:1;
b = 1:0;
c = 1:-1:5;
na = numel(a);
sa = size(a);
d = [a 7];
