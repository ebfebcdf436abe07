try
  error('my:id', 'bad value %d', 4);
  reached = true;
catch err
  m = err.message;
  id = err.identifier;
end
fprintf('%s / %s\n', id, m);
