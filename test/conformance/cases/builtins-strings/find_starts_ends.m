% expect-var-matlab: k0 {"class": "double", "size": [1, 0], "data": []}
% note: MATLAB's strfind gives a 1x0 empty row when nothing matches; Octave gives 0x0.
k = strfind('abcabc', 'bc');
k0 = strfind('abc', 'x');
s = startsWith({'file.m', 'other'}, 'file');
e = endsWith('data.txt', '.txt');
ci = startsWith('ABC', 'ab', 'IgnoreCase', true);
