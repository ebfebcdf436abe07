% expect-stdout-matlab:
% | e =
% |
% |      []
% |
% note: Octave prints `e = [](0x0)`.
e = []
