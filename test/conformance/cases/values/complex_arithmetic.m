z = (1+2i) * (3-1i);
w = (1+2i) / (1-1i);
a = abs(3+4i);
r = real(2-5i);
m = imag(2-5i);
c = conj(2-5i);
t = angle(1i);
s = (1+1i)^2;
