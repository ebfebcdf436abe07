[a, b, c] = spread([7 8 9]);
[p, q] = spread([1 2 3]);
x = spread(5);
function varargout = spread(v)
  for i = 1:max(nargout, 1)
    varargout{i} = v(i);
  end
end
