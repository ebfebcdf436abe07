% expect-error-identifier: check:bad
% expect-error-message-contains: x is 4, not 5
x = 4;
assert(x == 4);
assert(x == 5, 'check:bad', 'x is %d, not %d', x, 5);
y = 1;
