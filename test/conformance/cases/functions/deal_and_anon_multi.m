[a, b] = deal(1, 2);
[c, d] = deal(7);
f = @() deal(3, 4);
[p, q] = f();
