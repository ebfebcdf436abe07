% expect-var-matlab: g {"class": "double", "size": [1, 3], "data": [1, 2, 3]}
% expect-var-matlab: on_gpu {"class": "logical", "size": [1, 1], "data": [false]}
% note: Octave 7 has no gather/isgpuarray; in Octave the calls land in the catch (sentinel -1).
% note: With no GPU in use, gather returns a host array unchanged and isgpuarray is false.
k1 = iskeyword('for');
k2 = iskeyword('x');
try
  g = gather([1 2 3]);
catch
  g = -1;
end
try
  on_gpu = isgpuarray([1 2 3]);
catch
  on_gpu = -1;
end
