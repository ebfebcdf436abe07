% expect-error-identifier: util:neg
% expect-error-message-contains: negative input -2
r = checkpos(3);
r2 = checkpos(-2);
function y = checkpos(x)
  if x < 0
    error('util:neg', 'negative input %d', x);
  end
  y = x;
end
