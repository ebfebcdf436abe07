total = 0;
for k = 1:10
  total = total + k;
end
prod5 = 1;
for k = 5:-1:1
  prod5 = prod5 * k;
end
steps = 0;
for x = 0:0.5:2
  steps = steps + 1;
end
