r = [];
if [1 1 0]
  r(end+1) = 1;
end
if [1 2 3]
  r(end+1) = 2;
end
if []
  r(end+1) = 3;
end
if 'a'
  r(end+1) = 4;
end
if 0.1
  r(end+1) = 5;
end
if -1
  r(end+1) = 6;
end
