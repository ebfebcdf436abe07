% expect-stdout-matlab:
% | a = NaN
% |
% | b = -Inf
% |
% note: Scalars print on one line (`x = 3`) followed by the blank line of format loose, per the project display spec for MATLAB R2023.
a = NaN
b = -Inf
