function_results = '';
words = {'apple', 'Banana', 'cherry', 'kiwi'};
for i = 1:numel(words)
  switch lower(words{i})
    case 'apple'
      function_results = [function_results 'A'];
    case {'banana', 'cherry'}
      function_results = [function_results 'B'];
    otherwise
      function_results = [function_results '?'];
  end
end
s = 'x';
switch s
  case 'xy'
    m = 1;
  case 'x'
    m = 2;
end
