x = [1 4 2 8 5 7 3];
r = real(ifft(fft(x)));
err = max(abs(ifft(fft(x)) - x)) < 1e-12;
yc = ifft([1+1i, 2, -1i, 3-2i, 0.5, 6]);
ycr = real(yc);
yci = imag(yc);
yp = ifft([4 1 0], 4);
ypr = real(yp);
ypi = imag(yp);
clear yc yp
