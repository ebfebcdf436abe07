c1 = class(1);
c2 = class(1:3);
c3 = class([]);
c4 = class('a');
c5 = class(true);
c6 = class({});
c7 = class(struct());
c8 = class(@sin);
c9 = class(1 == 1);
