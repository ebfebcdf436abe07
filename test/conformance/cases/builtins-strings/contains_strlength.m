% expect-var-matlab: a {"class": "logical", "size": [1, 2], "data": [true, false]}
% expect-var-matlab: b {"class": "logical", "size": [1, 1], "data": [true]}
% expect-var-matlab: n {"class": "double", "size": [1, 2], "data": [2, 0]}
% note: Octave 7 has neither contains nor strlength; the values are MATLAB's.
a = [false false];
b = false;
n = [0 0];
try
  a = contains({'apple', 'kiwi'}, 'pp');
  b = contains('Hello', 'ell');
  n = strlength({'ab', ''});
catch
end
