% expect-stdout-matlab:
% | D =
% |
% |    1.0e+03 *
% |
% |     1.0005    0.0020
% |     0.0030    0.0040
% |
% note: Octave prints the same common scale factor with different spacing.
D = [1000.5 2; 3 4]
