g = gamma([5 0.5 1 3.7]);
g0 = gamma(0);
gl = gammaln([1 10 100 0.5]);
e = erf([0 0.5 1 -2 3.5]);
ec = erfc([0 1 3 6 -1]);
ei = erfinv([0 0.5 -0.9 0.999]);
ei1 = erfinv(1);
