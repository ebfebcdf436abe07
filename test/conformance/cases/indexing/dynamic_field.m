name = 'speed';
s.(name) = 3;
w = s.(name) * 2;
s.([name '2']) = 4;
f = isfield(s, 'speed2');
g = isfield(s, 'nope');
n = numel(fieldnames(s));
