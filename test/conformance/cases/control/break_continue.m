out = [];
for k = 1:20
  if mod(k, 2) == 0
    continue;
  end
  if k > 7
    break;
  end
  out(end+1) = k;
end
last = k;
