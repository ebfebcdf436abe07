% expect-error-message-contains: Integers can only be combined with integers of the same class, or scalar doubles.
% note: MATLAB and Octave both refuse int8 + int16; the messages differ.
x = int8(1);
y = int16(1);
ok = 1;
z = x + y;
