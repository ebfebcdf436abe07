% expect-error-message-contains: Array indices must be positive integers or logical values.
v = [1 2 3];
k = 1.5;
a = v(k);
