s = struct('name', 'x', 'val', 5);
f = fieldnames(s);
nf = numel(f);
has = isfield(s, 'val');
s = rmfield(s, 'name');
g = fieldnames(s);
e = struct();
ne = numel(fieldnames(e));
