a = 1; b = a + 1; c = [a b];
if true, d = 4; end
for k = 1:3, a = a + k; end
while b < 10, b = b * 2; end
