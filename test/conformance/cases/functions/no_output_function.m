greet('world');
greet('there');
n = 3;
function greet(name)
  fprintf('hello %s\n', name);
end
