% expect-stdout-matlab:
% | [1 2;3 4]
% | [0.1 0.3333]
% | [true false]
% | -1.5
% | zeros(0,0)
disp(mat2str([1 2; 3 4]))
disp(mat2str([0.1 1/3], 4))
disp(mat2str([true false]))
disp(mat2str(-1.5))
disp(mat2str([]))
