% expect-stdout-matlab:
% | Warning: Matrix is singular to working precision.
% note: Octave warns on stderr ("matrix singular to machine precision"); MATLAB prints the warning.
X = inv([1 2; 2 4]);
