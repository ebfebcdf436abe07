% note: MATLAB documents mode([]) as NaN; Octave 7 returns zeros(1, 0).
% expect-var-matlab: o5 {"class": "double", "size": [1, 1], "data": ["NaN"]}
m1 = median([3 1 4 1 5]);
m2 = median([3 1 4 1]);
m3 = median([1 2; 3 4; 5 6]);
m4 = median([1 2; 3 4; 5 6], 2);
m5 = median([1 NaN 3]);
m7 = median(reshape(magic(3), [], 1));
m9 = median(single([1 2 3 4]));
m10 = median(reshape(1:8, 2, 2, 2), 3);
o1 = mode([1 2 2 3 3]);
[o2, f2] = mode([4 4 1]);
o3 = mode([1 2; 1 3; 2 3]);
o4 = mode([NaN NaN 1]);
o5 = mode([]);
o6 = mode([3 1 2]);
