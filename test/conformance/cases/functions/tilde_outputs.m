[~, idx] = max([3 9 2]);
[~, order] = sort([30 10 20]);
[m, ~] = min([4 1 6]);
[~, ~, c] = three();
function [a, b, c] = three()
  a = 1;
  b = 2;
  c = 3;
end
