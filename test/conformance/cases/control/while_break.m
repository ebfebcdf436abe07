k = 0;
while true
  k = k + 1;
  if k^2 > 50
    break;
  end
end
n = 10;
while n > 0
  n = n - 3;
end
