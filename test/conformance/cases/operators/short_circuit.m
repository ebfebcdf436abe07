x = 0;
ok = x ~= 0 && 1/x > 1;
v = [];
ok2 = isempty(v) || v(1) > 0;
calls = 0;
if false && sideeffect()
  calls = 100;
end
if true || sideeffect()
  calls = calls + 1;
end
t = true && 5;
function r = sideeffect()
  fprintf('evaluated\n');
  r = true;
end
