% expect-stdout-matlab:
% | 1, 2, 3, 
% | 1-2
% | 3-4
% | x=5
% |  3.14|7   |
% | 3 abc
% | 100%
fprintf('%d, ', [1 2 3]);
fprintf('\n');
fprintf('%d-%d\n', 1:4);
fprintf('%s=%d\n', 'x', 5);
fprintf('%5.2f|%-4d|\n', 3.14159, 7);
fprintf('%d %s\n', 3, 'abc');
fprintf('100%%\n');
