iters = 0;
for k = 1:5
  k = k * 10;
  iters = iters + 1;
end
last = k;
