% expect-stdout-matlab:
% | 0.5 1e+10
% | 3.1416
% | 42
% | -0.5
% | 007|ff|1.234568e+04
% | n = 12
s = sprintf('%g %g', 0.5, 1e10);
disp(s)
disp(num2str(pi))
disp(num2str(42))
disp(num2str(-0.5))
t = sprintf('%03d|%x|%e', 7, 255, 12345.678);
disp(t)
disp(['n = ' num2str(12)])
