a = regexprep('abc123', '(\d)', '<$1>');
b = regexprep('hello world', '(\w+) (\w+)', '$2 $1');
c = regexprep('aaa', 'a', 'b', 'once');
d = regexprep({'x1', 'y22'}, '\d', '#');
d2 = d{2};
e = regexprep('Hello', 'hello', 'bye', 'ignorecase');
f = regexprep('abc', 'z', 'q');
