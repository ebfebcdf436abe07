x = 1;
%{
x = 2;
this is not code at all )(
%}
y = x + 1;
%{
outer
%{
nested block
%}
still comment
%}
z = y * 10;
