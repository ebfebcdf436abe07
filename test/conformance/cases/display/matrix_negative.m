% expect-stdout-matlab:
% | B =
% |
% |     -1     2
% |      3    -4
% |
B = [-1 2; 3 -4]
