% expect-error-identifier: MATLAB:catenate:dimensionMismatch
% expect-error-message-contains: Dimensions of arrays being concatenated are not consistent.
ok = [1 2; 3 4];
bad = [1 2; 3];
