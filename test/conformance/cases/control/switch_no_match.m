hit = 0;
switch 5
  case 1
    hit = 1;
  case {2, 3}
    hit = 2;
end
switch 'abc'
  case 97
    hit = 3;
  otherwise
    hit = hit + 10;
end
