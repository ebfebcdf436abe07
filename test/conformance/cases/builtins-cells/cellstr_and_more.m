% expect-var-matlab: fs {"class": "char", "size": [1, 7], "data": "@(x)x+1"}
% note: MATLAB's func2str drops the spaces of an anonymous function; Octave keeps its own spacing.
% note: Octave 7 sets ans in str2func; the case clears it.
c = cellstr(['ab '; 'cde']);
nc = numel(c);
c1 = c{1};
a = iscellstr({'a', 'bc'});
b = iscellstr({'a', 1});
d = iscellstr(5);
v = structfun(@numel, struct('a', 1:3, 'b', 'xy'));
w = structfun(@(x) x * 2, struct('a', 1, 'b', 2), 'UniformOutput', false);
wb = w.b;
fs = func2str(@(x)x+1);
fn = func2str(@sin);
g = str2func('@(x) x.^2');
g3 = g(3);
h = str2func('max');
h1 = h([4 9 2]);
clear ans
