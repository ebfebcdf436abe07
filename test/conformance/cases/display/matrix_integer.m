% expect-stdout-matlab:
% | A =
% |
% |      1     2
% |      3     4
% |
A = [1 2; 3 4]
