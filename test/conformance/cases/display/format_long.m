% expect-stdout-matlab:
% | x = 3.141592653589793
% |
% | A =
% |
% |    3.141592653589793
% |    1.000000000000000
% |
% | y = 3.1416
% |
% note: Scalars print on one line (`x = 3`) followed by the blank line of format loose, per the project display spec for MATLAB R2023.
format long
x = pi
A = [pi; 1]
format short
y = pi
