a = nthroot(-27, 3);
b = nthroot([16 81], 4);
c = pow2(10);
d = pow2(0.5, 3);
e = nextpow2([1 100 64 0 1025]);
m = '';
try
  x = nthroot(-4, 2);
catch err
  m = 'even';
end
