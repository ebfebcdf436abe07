% expect-var-matlab: id1 {"class": "char", "size": [1, 23], "data": "MATLAB:assertion:failed"}
% note: MATLAB's assert(false) has identifier MATLAB:assertion:failed; Octave's has none.
assert(true);
assert(1 == 1, 'not reached');
assert(all([1 2] > 0), 'my:id', 'not reached %d', 3);
ok = true;
try
  assert(false, 'my:id', 'value %d bad', 3);
catch err
  id2 = err.identifier;
  msg2 = err.message;
end
try
  assert(false);
catch err
  id1 = err.identifier;
end
try
  assert(2 > 3, 'plain message');
catch err
  msg3 = err.message;
end
clear err
