s = 'a\nb';
n = numel(s);
t = sprintf('a\nb');
m = numel(t);
u = sprintf('tab\there');
q = 'say "hi"';
