ok = 0;
validateattributes(5, {'numeric'}, {'positive', 'integer', 'scalar'});
ok = ok + 1;
validateattributes([1 2 3], {'double', 'single'}, {'vector', 'nonempty'});
ok = ok + 1;
r1 = '';
try
  validateattributes(-1, {'numeric'}, {'positive'});
catch err
  r1 = 'neg';
end
r2 = '';
try
  validateattributes('a', {'numeric'}, {});
catch err
  r2 = 'cls';
end
r3 = '';
try
  validateattributes(1.5, {'numeric'}, {'integer'});
catch err
  r3 = 'int';
end
