a = isspace(sprintf('a b\tc'));
b = isletter('a1B_');
c = isstrprop('a1 B', 'digit');
d = isstrprop('a1 B', 'upper');
e = isstrprop('a1 B', 'alphanum');
f = isspace(5);
