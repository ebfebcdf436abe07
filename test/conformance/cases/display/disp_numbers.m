% expect-stdout-matlab:
% |      5
% |      1     2     3
% |     1.5000
% |     1.5000   -2.0000
% note: MATLAB disp pads numbers like matrix display; Octave disp(5) prints `5`.
disp(5)
disp([1 2 3])
disp(1.5)
disp([1.5 -2])
