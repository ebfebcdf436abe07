% a full-line comment
x = 1; % trailing comment
y = 2;% comment right after semicolon
z = 'a%b'; % percent inside a char literal is not a comment
w = [1, 2 % comment inside brackets
     3, 4];
