out = {};
for x = [1 2 3 7]
  switch x
    case 1
      out{end+1} = 'one';
    case {2, 3}
      out{end+1} = 'two-or-three';
    otherwise
      out{end+1} = 'other';
  end
end
fprintf('%s\n', out{:});
