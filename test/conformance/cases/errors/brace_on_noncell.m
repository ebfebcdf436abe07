% expect-error-identifier: MATLAB:cellRefFromNonCell
% expect-error-message-contains: Brace indexing is not supported for variables of this type.
x = 5;
y = x{1};
