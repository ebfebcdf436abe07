a = [1 2 3]';
s = 'it''s';
t = a';
b = a.';
u = s';
q = '''';
n = numel(q);
