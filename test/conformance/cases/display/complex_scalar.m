% expect-stdout-matlab:
% | z = 3.0000 + 4.0000i
% |
% note: Scalars print on one line (`x = 3`) followed by the blank line of format loose, per the project display spec for MATLAB R2023.
z = 3 + 4i
