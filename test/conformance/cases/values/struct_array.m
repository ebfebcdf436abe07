s = struct('a', {1, 2, 3});
sz = size(s);
v = [s.a];
s(2).a = 20;
t = s(2);
u = struct('a', {{1, 2}});
su = size(u);
cu = class(u.a);
