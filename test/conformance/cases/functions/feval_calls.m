a = feval(@plus, 1, 2);
b = feval('max', [1 3 2]);
c = feval('twice', 4);
d = feval(@twice, 5);
f = @twice;
e = feval(f, 6);
function y = twice(x)
  y = 2 * x;
end
