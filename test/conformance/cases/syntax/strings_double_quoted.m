% expect-var-matlab: s {"class": "string", "size": [1, 1], "data": ["hello"]}
% expect-var-matlab: t {"class": "string", "size": [1, 1], "data": ["it's"]}
% expect-var-matlab: u {"class": "string", "size": [1, 1], "data": ["say \"hi\""]}
% note: Octave makes "..." a char row vector; MATLAB makes a string scalar.
s = "hello";
t = "it's";
u = "say ""hi""";
