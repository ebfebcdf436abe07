% expect-stdout-matlab:
% | a = 1
% |
% note: A comma ends a statement without suppressing its display.
a = 1, b = 2;
c = a + b;
