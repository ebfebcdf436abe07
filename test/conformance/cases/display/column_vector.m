% expect-stdout-matlab:
% | v =
% |
% |      1
% |      2
% |      3
% |
v = [1; 2; 3]
