a = scaled(5);
b = scaled(5, 3);
n0 = countargs();
n2 = countargs(1, 'x');
function y = scaled(x, k)
  if nargin < 2
    k = 2;
  end
  y = x * k;
end
function n = countargs(varargin)
  n = nargin;
end
