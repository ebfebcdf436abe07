% expect-var-matlab: st {"class": "logical", "size": [1, 2], "data": [true, false]}
% note: Octave 7 makes "abc" a char row vector, so its isstring is false; MATLAB makes a string scalar.
a = [isa(int8(1), 'integer'), isa(1, 'float'), isa(single(1), 'numeric'), isa(true, 'numeric'), isa(1, 'double'), isa('a', 'char'), isa(uint16(1), 'uint16'), isa(1, 'single')];
b = [isa(@sin, 'function_handle'), isa({}, 'cell'), isa(struct(), 'struct'), isa(int8(1), 'float'), isa(single(1), 'float'), isa(true, 'logical')];
c = [isnumeric(1), isnumeric(int8(1)), isnumeric(single(1)), isnumeric(true), isnumeric('a'), isnumeric({}), isnumeric([]), isnumeric(1i)];
d = [isfloat(1), isfloat(single(1)), isfloat(int8(1)), isfloat(true), isfloat('a'), isfloat([]), isfloat(2+3i)];
e = [isinteger(1), isinteger(int8(1)), isinteger(uint64(1)), isinteger(true), isinteger(int32([])), isinteger('a')];
f = [islogical(true), islogical(1), islogical(true(2)), islogical(logical([])), islogical(1 > 0), islogical('t')];
g = [ischar('a'), ischar(''), ischar({'a'}), ischar(97), ischar(['ab'; 'cd'])];
st = [isstring("abc"), isstring('abc')];
h = [isstruct(struct()), isstruct(struct('a', {})), isstruct({}), isstruct(1), isstruct(struct('a', {1, 2}))];
m = isa(int64(1), 'numeric') && isa(int64(1), 'int64') && ~isa(int64(1), 'int32');
