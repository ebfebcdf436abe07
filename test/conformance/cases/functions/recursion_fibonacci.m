f = zeros(1, 10);
for k = 1:10
  f(k) = fib(k);
end
function r = fib(n)
  if n <= 2
    r = 1;
    return;
  end
  r = fib(n - 1) + fib(n - 2);
end
