% note: is_function_handle is Octave's; MATLAB has no such function (isa(f, 'function_handle') is MATLAB's form). The engine registers it as an Octave-compatibility builtin.
a = is_function_handle(@sin);
b = is_function_handle('sin');
c = is_function_handle(@(x) x + 1);
d = is_function_handle({@sin});
e = is_function_handle([]);
f = isa(@(x) x, 'function_handle');
