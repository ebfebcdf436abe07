a = nargin(@(x, y) x + y);
b = nargin(@() 1);
f = @(varargin) numel(varargin);
c = f(1, 2, 3);
cls = class(@sin);
