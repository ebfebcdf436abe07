x = 5;
y = setx();
z = x;
function r = setx()
  x = 1;
  r = x + 1;
end
