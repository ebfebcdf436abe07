z = (1+2i) - 2i;
rz = isreal(z);
w = complex(1, 0);
rw = isreal(w);
p = (1i)^2;
rp = isreal(p);
q = [1+1i 2] .* [1-1i 3];
