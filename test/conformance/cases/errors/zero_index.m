% expect-error-message-contains: Array indices must be positive integers or logical values.
v = [1 2 3];
a = v(0);
