clc;
tic;
t = toc;
tc = class(t);
tpos = t >= 0;
id = tic;
t2 = toc(id);
t2pos = t2 >= 0 && isscalar(t2);
a = 1;
idc = class(id);
clear t t2 id
w = who;
wc = class(w);
hasA = any(strcmp(w, 'a'));
hasNo = any(strcmp(w, 'nosuchvar'));
clear w
