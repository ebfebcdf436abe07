m = ['ab'; 'cd'];
r = m(2, :);
c = m(:, 1)';
sz = size(m);
t = ['abc'; 'xyz']';
