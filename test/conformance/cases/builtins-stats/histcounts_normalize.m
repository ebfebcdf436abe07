% expect-var-matlab: n1 {"class": "double", "size": [1, 3], "data": [1, 3, 1]}
% expect-var-matlab: n2 {"class": "double", "size": [1, 3], "data": [1, 3, 1]}
% expect-var-matlab: z1 {"class": "double", "size": [1, 3], "data": [-1, 0, 1]}
% expect-var-matlab: r1 {"class": "double", "size": [1, 3], "data": [0, 0.5, 1]}
% note: Octave 7 has neither histcounts nor normalize, so in Octave each call lands in the
% note: catch and stores the sentinel -1; MATLAB's values are given above. An engine that errors
% note: also gets -1 and fails the comparison.
try
  n1 = histcounts([1 2 2 3 5], [0 2 4 6]);
catch
  n1 = -1;
end
try
  n2 = histcounts([1 2 2 3 6], [0 2 4 6]);
catch
  n2 = -1;
end
try
  z1 = normalize([1 2 3]);
catch
  z1 = -1;
end
try
  r1 = normalize([2 4 6], 'range');
catch
  r1 = -1;
end
