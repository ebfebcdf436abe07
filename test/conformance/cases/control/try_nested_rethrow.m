log = {};
try
  try
    error('inner:fail', 'inner failed');
  catch e1
    log{end+1} = e1.identifier;
    rethrow(e1);
  end
catch e2
  log{end+1} = ['outer saw ' e2.identifier];
end
fprintf('%s\n', log{:});
