a = str2num('[1 2; 3 4]');
b = str2double('3.25');
c = str2double({'1e3', 'x', '-2'});
d = str2double('');
e = str2num('5, 6, 7');
