v = getpi;
w = getpi * 2;
u = two_more(1);
function p = getpi
  p = 3.14;
end
function y = two_more(x)
  y = helper(x) + 1;
end
function y = helper(x)
  y = x + 1;
end
