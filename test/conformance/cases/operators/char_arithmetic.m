eq = 'abc' == 'abc';
lt = 'a' < 'b';
s = 'abc' + 1;
d = 'a' - 'A';
m = ['ab'] == 'b';
