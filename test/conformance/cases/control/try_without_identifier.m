try
  error('plain message %s', 'here');
catch e
  msg = e.message;
  noid = isempty(e.identifier);
end
try
  y = undefined_thing_xyz + 1;
catch e2
  hasmsg2 = ~isempty(e2.message);
end
