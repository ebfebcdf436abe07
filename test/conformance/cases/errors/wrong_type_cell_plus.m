% expect-error-message-contains: Operator '+' is not supported for operands of type 'cell'.
c = {1, 2};
d = c + 1;
