% note: MATLAB returns the index outputs of unique/intersect/union/setdiff as columns; Octave as rows for row inputs.
% expect-var-matlab: ia {"class": "double", "size": [3, 1], "data": [2, 4, 1]}
% expect-var-matlab: ic {"class": "double", "size": [4, 1], "data": [3, 1, 3, 2]}
% expect-var-matlab: ia2 {"class": "double", "size": [3, 1], "data": [1, 2, 4]}
% expect-var-matlab: ic2 {"class": "double", "size": [4, 1], "data": [1, 2, 1, 3]}
% expect-var-matlab: ja {"class": "double", "size": [2, 1], "data": [1, 3]}
% expect-var-matlab: jb {"class": "double", "size": [2, 1], "data": [2, 1]}
% expect-var-matlab: sa {"class": "double", "size": [2, 1], "data": [3, 1]}
% note: ismember returns the lowest index in S in MATLAB; Octave 7 the highest.
% expect-var-matlab: loc {"class": "double", "size": [1, 4], "data": [2, 0, 1, 0]}
[u, ia, ic] = unique([3 1 3 2]);
[u2, ia2, ic2] = unique([3 1 3 2], 'stable');
u3 = unique([4 NaN 4 NaN 1]);
u4 = unique([3 1; 1 2]);
u5 = unique([1 2; 1 2; 0 5], 'rows');
u6 = unique('hello');
u7 = unique({'b', 'a', 'b'});
ok7 = isequal(u7, {'a', 'b'});
u8 = unique(int8([5 5 -1]));
[tf, loc] = ismember([1 5 2 NaN], [2 1 1 NaN]);
[tf2, loc2] = ismember({'a', 'z'}, {'x', 'a'});
tf3 = ismember('a', {'a', 'b'});
tf4 = ismember([1 2; 3 4], [1 2; 5 6], 'rows');
[sd, sa] = setdiff([5 1 3 1], [1 2]);
sd2 = setdiff([5; 1; 3], [1 2]);
sd3 = setdiff([5 1 3 1], [1 2], 'stable');
[ci, ja, jb] = intersect([1 2 3], [3 1 5]);
ci2 = intersect([1 2 3 4], [4 2]', 'stable');
un = union([3 1], [2 1]);
un2 = union([3 1], [2; 1]);
un3 = union([3 1 NaN], [2 NaN]);
un4 = union([1 2; 3 4], [1 2; 0 0], 'rows');
