3 + 4;
a = ans * 2;
max([4 9 2]);
b = ans;
