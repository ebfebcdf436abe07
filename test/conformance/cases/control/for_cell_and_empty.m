count = 0;
for c = {1, 'a', [2 3]}
  cls = class(c);
  count = count + 1;
end
ran = 0;
for k = []
  ran = ran + 1;
end
clear k
