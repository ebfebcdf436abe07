a = 'a' + 1;
ca = class(a);
b = ['a' 66];
cb = class(b);
c = double('AZ');
d = char([72 105]);
e = 'x' * 1;
f = ['ab', 'c'] - 'a';
