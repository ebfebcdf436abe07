x = linsolve([2 1; 1 3], [3; 5]);
y = linsolve([1 1; 1 2; 1 3], [1; 2; 2]);
z = linsolve([4 -2; 1 1], [2 0; 3 1]);
