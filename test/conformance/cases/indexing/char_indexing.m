s = 'hello';
s(1) = 'J';
t = s(end:-1:1);
u = s([1 1 1]);
s(end+1) = '!';
v = s(2:3);
