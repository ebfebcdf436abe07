pairs = zeros(0, 2);
for i = 1:4
  for j = 1:4
    if j > i
      break;
    end
    if j == 2
      continue;
    end
    pairs(end+1, :) = [i j];
  end
end
T = zeros(3);
for r = 1:3
  for c = 1:3
    T(r, c) = 10 * r + c;
  end
end
