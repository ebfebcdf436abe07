for k = 1:15
  if mod(k, 15) == 0
    fprintf('FizzBuzz\n');
  elseif mod(k, 3) == 0
    fprintf('Fizz\n');
  elseif mod(k, 5) == 0
    fprintf('Buzz\n');
  else
    fprintf('%d\n', k);
  end
end
