% expect-var-matlab: fi {"class": "int8", "size": [1, 1], "data": [127]}
% note: MATLAB's factorial keeps an integer class (saturating); Octave returns double.
f = factorial([0 1 5 10]);
fi = factorial(int8(6));
n1 = nchoosek(5, 2);
n2 = nchoosek(30, 15);
c = nchoosek([1 2 3 4], 3);
g = gcd(12, [18 8 0]);
l = lcm(4, [6 10]);
p = primes(30);
ip = isprime([0 1 2 4 7 9 97]);
q = idivide(int32(7), int32(2));
q2 = idivide(int32([7 -7]), int32(2), 'floor');
q3 = idivide(int32(7), int32(2), 'round');
q4 = idivide(int32(-7), int32(2), 'ceil');
