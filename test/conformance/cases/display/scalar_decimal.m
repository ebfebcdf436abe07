% expect-stdout-matlab:
% | y = 1.5000
% |
% note: Scalars print on one line (`x = 3`) followed by the blank line of format loose, per the project display spec for MATLAB R2023.
y = 1.5
w = 0.1 + 0.2;
