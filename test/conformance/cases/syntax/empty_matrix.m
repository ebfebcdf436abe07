e = [];
a = [e 1 2];
b = [[]; 1];
c = zeros(0, 3);
d = [zeros(1, 0), 5];
f = [e; e];
g = {};
n = isempty(e);
