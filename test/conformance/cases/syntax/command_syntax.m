disp hello
format long
format short
x = 1;
