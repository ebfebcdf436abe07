caught = false;
try
  x = [1 2] * [3 4];
catch e
  caught = true;
  hasmsg = ~isempty(e.message);
end
after = 1;
