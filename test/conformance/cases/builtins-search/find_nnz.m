% expect-var-matlab: f8 {"class": "double", "size": [1, 0], "data": []}
f1 = find([0 3 0 5]);
f2 = find([0; 3; 0; 5]);
f3 = find([0 1; 1 1]);
f4 = find([0 3 0 5 7], 2);
f5 = find([0 3 0 5 7], 2, 'last');
[r, c] = find([0 1; 1 0; 1 1]);
[r2, c2, v2] = find([0 7; 8 0]);
f6 = find([]);
f7 = find(zeros(0, 3));
f8 = find(0);
f9 = find([NaN 0 -1]);
f10 = find(reshape([0 1 0 1 1 0 0 1], 2, 2, 2));
[r3, c3] = find(reshape([0 1 0 1 1 0 0 1], 2, 2, 2));
n1 = nnz([1 0 NaN; 0 0 2]);
n2 = nnz([]);
n3 = nnz('a b');
