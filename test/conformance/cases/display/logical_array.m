% expect-stdout-matlab:
% | ans =
% |
% |   1×2 logical array
% |
% |    1   0
% |
% note: MATLAB names the size and class of logical arrays; Octave does not.
[true false]
