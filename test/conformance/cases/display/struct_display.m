% expect-stdout-matlab:
% | s = 
% |
% |   struct with fields:
% |
% |     a: 1
% |
s.a = 1;
s
