v = [];
if ~isempty(v) && v(1) > 0
  r1 = 1;
else
  r1 = 0;
end
w = [4 5];
if numel(w) >= 2 && w(2) == 5
  r2 = 1;
else
  r2 = 0;
end
x = 3;
if x > 5 || x < 4
  r3 = 1;
end
