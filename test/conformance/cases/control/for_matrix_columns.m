M = [1 2 3; 4 5 6];
sums = [];
for col = M
  fprintf('%d %d\n', col);
  sums(end+1) = sum(col);
end
lastcol = col;
