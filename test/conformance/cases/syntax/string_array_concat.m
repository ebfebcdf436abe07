% expect-var-matlab: a {"class": "string", "size": [1, 3], "data": ["x", "yy", "zzz"]}
% expect-var-matlab: n {"class": "double", "size": [1, 1], "data": [3]}
% note: Octave concatenates "..." as chars (n = 6); MATLAB builds a 1x3 string array (n = 3).
a = ["x" "yy" "zzz"];
n = numel(a);
