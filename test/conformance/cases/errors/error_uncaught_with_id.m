% expect-error-identifier: pkg:bad
% expect-error-message-contains: bad value 42
fprintf('before\n');
x = 1;
error('pkg:bad', 'bad value %d', 42);
y = 2;
