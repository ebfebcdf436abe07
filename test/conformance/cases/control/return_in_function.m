a = firstneg([3 4 -1 5 -2]);
b = firstneg([1 2 3]);
function idx = firstneg(v)
  idx = 0;
  for k = 1:numel(v)
    if v(k) < 0
      idx = k;
      return;
    end
  end
  idx = -1;
end
