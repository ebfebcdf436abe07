% expect-stdout-matlab:
% | c =
% |
% |   1×2 cell array
% |
% |     {[1]}    {'ab'}
% |
c = {1, 'ab'}
