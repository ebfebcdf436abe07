% expect-error-identifier: MATLAB:TooManyInputs
% expect-error-message-contains: Too many input arguments.
a = one_arg(1);
b = one_arg(1, 2);
function y = one_arg(x)
  y = x;
end
