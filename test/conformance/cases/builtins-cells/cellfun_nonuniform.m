c = cellfun(@(x) x * 2, {1, [1 2]}, 'UniformOutput', false);
n = numel(c);
c2 = c{2};
u = cellfun(@upper, {'ab', 'c'}, 'UniformOutput', false);
u1 = u{1};
msg = '';
try
  bad = cellfun(@(x) [x x], {1, 2});
catch err
  msg = 'caught';
end
h = cellfun(@(x) error('boom'), {1, 2}, 'ErrorHandler', @(s, x) -s.index);
