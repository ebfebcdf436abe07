a = addall();
b = addall(1);
c = addall(1, 2, 3, 4);
k = kinds(1, 'two', {3});
function s = addall(varargin)
  s = 0;
  for i = 1:numel(varargin)
    s = s + varargin{i};
  end
end
function k = kinds(varargin)
  k = '';
  for i = 1:nargin
    k = [k class(varargin{i}) ';'];
  end
end
