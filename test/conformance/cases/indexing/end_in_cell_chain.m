c = {1:3, 4:6};
x = c{end}(end);
y = c{1}(end-1);
d = {c, {7, 8}};
z = d{end}{end};
