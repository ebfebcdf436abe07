% expect-var-matlab: v6 {"class": "logical", "size": [1, 1], "data": [false]}
% expect-var-matlab: v2 {"class": "logical", "size": [1, 5], "data": [false, false, false, false, false]}
% note: MATLAB names must begin with a letter, so '_a' is not valid (Octave 7 accepts it).
% note: MATLAB caps names at namelengthmax (63) characters, so a 64-character name is not a valid one.
x = 3;
e1 = exist('sin');
e2 = exist('x');
e3 = exist('x', 'var');
e4 = exist('nosuch_name_xyz');
e5 = exist('sin', 'var');
e6 = exist('sin', 'builtin');
e7 = exist('nosuch_name_xyz', 'var');
v1 = [isvarname('abc'), isvarname('a_1'), isvarname('A9'), isvarname('x')];
v2 = [isvarname('1abc'), isvarname('_a'), isvarname(''), isvarname('a b'), isvarname('a-b')];
v3 = isvarname('for');
v4 = isvarname('end');
v5 = isvarname(5);
v6 = isvarname(repmat('a', 1, 64));
v7 = isvarname(repmat('a', 1, 63));
