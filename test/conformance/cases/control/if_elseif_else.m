vals = [-5 0 3 12];
labels = {};
for v = vals
  if v < 0
    labels{end+1} = 'neg';
  elseif v == 0
    labels{end+1} = 'zero';
  elseif v < 10
    labels{end+1} = 'small';
  else
    labels{end+1} = 'big';
  end
  fprintf('%d -> %s\n', v, labels{end});
end
