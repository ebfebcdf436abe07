fs = {@(x) x + 1, @(x) x * 2, @abs};
r = fs{2}(5);
vals = zeros(1, 3);
for i = 1:3
  vals(i) = fs{i}(-3);
end
