a = outs();
[b, c] = outs();
outs();
r = ans;
function [x, y] = outs()
  x = nargout;
  y = 100 + nargout;
end
