% expect-stdout-matlab:
% | s =
% |
% |     'hello'
% |
% note: MATLAB quotes char values in display; Octave does not.
s = 'hello'
