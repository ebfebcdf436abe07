c = cell(2, 3);
sz = size(c);
k = class(c{1});
e = isempty(c{2, 3});
c{2, 3} = 'z';
n = nnz(cellfun(@isempty, c));
ic = iscell(c);
