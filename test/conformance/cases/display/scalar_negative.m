% expect-stdout-matlab:
% | z = -2.5000
% |
% | n = -7
% |
% note: Scalars print on one line (`x = 3`) followed by the blank line of format loose, per the project display spec for MATLAB R2023.
z = -2.5
n = -7
