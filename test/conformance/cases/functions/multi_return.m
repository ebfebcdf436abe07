[s, p] = sumprod(3, 4);
t = sumprod(2, 5);
[a, b] = sumprod([1 2], [3 4]);
function [s, p] = sumprod(x, y)
  s = x + y;
  p = x .* y;
end
