% note: a parse error stops the whole file before anything runs; only the line is compared.
x = 1;
fprintf('never printed\n');
y = (1 + ;
z = 3;
