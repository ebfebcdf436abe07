h = @localsq;
a = h(3);
b = applyf(@localsq, [1 2 3]);
c = applyf(@(t) t + 100, 1);
function y = localsq(x)
  y = x.^2;
end
function y = applyf(fn, v)
  y = fn(v);
end
