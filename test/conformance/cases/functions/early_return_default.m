[q, ok] = safediv(6, 3);
[q2, ok2] = safediv(1, 0);
function [q, ok] = safediv(a, b)
  q = NaN;
  ok = false;
  if b == 0
    return;
  end
  q = a / b;
  ok = true;
end
