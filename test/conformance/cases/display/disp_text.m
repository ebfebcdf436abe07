% expect-stdout-matlab:
% | hello
% | ab
% | cd
% | it's
disp('hello')
disp(['ab'; 'cd'])
x = 'it''s';
disp(x)
