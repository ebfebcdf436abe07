z1 = 3i;
z2 = 2 + 3j;
z3 = 4 - 2i;
z4 = 1.5e1i;
z5 = [1+2i, 3];
z6 = 2i * 2i;
r = real(z2);
im = imag(z3);
