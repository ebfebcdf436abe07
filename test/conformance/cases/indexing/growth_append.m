v = [];
for k = 1:4
  v(end+1) = k^2;
end
w = [1 2];
w(end+1) = 3;
c = {};
c{end+1} = 'a';
c{end+1} = 'b';
n = numel(c);
