% expect-error-identifier: MATLAB:sizeDimensionsMustMatch
% expect-error-message-contains: Arrays have incompatible sizes for this operation.
a = [1 2];
b = [1 2 3];
c = a + b;
