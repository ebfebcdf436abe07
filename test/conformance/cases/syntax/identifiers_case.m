a_1 = 1;
B2 = 2;
longName_x9 = a_1 + B2;
x = 1;
X = 2;
diffXx = X - x;
