try
  error('my:id', 'value %d', 3);
catch e
  fprintf('%s: %s\n', e.identifier, e.message);
end
done = true;
