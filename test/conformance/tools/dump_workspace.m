function dump_workspace(names, values, err, casefile, outfile)
% DUMP_WORKSPACE  Write a case's error and workspace as JSON (Octave side of the goldens).
%   dump_workspace(NAMES, VALUES, ERR, CASEFILE, OUTFILE)
%   NAMES: cellstr of variable names; VALUES: cell of their values; ERR: [] or an MException
%   caught while running CASEFILE. Writes {"error": ..., "vars": {...}} to OUTFILE; the driver
%   (make-goldens.sh) adds "stdout" and the MATLAB overrides.
  parts = {};
  [~, order] = sort(names);
  for k = order(:)'
    parts{end+1} = sprintf('%s: %s', jstr(names{k}), var_json(values{k}));
  end
  txt = sprintf('{"error": %s,\n"vars": {%s}}\n', err_json(err, casefile), strjoin(parts, ',\n'));
  fid = fopen(outfile, 'w');
  fwrite(fid, txt);
  fclose(fid);
end

function s = err_json(err, casefile)
  if isempty(err)
    s = 'null';
    return;
  end
  line = [];
  msg = err.message;
  % Parse errors: Octave reports "parse error near line N of file F".
  tok = regexp(msg, 'parse error near line (\d+)', 'tokens', 'once');
  if ~isempty(tok)
    line = str2double(tok{1});
  end
  if isempty(line)
    % the innermost frame in the case's directory (the script or one of its functions,
    % which make-goldens.sh writes beside it with the case file's line numbers)
    cdir = fileparts(casefile);
    for k = 1:numel(err.stack)
      sdir = fileparts(err.stack(k).file);
      if strcmp(sdir, cdir) && err.stack(k).line > 0
        line = err.stack(k).line;
        break;
      end
    end
  end
  if isempty(line)
    ltxt = 'null';
  else
    ltxt = sprintf('%d', line);
  end
  s = sprintf('{"message": %s, "identifier": %s, "line": %s}', jstr(msg), jstr(err.identifier), ltxt);
end

function s = var_json(v)
  c = class(v);
  sz = sprintf('%d,', size(v));
  head = sprintf('{"class": %s, "size": [%s]', jstr(c), sz(1:end-1));
  if isa(v, 'MException') || (isstruct(v) && isequal(size(v), [1 1]) ...
                               && isequal(sort(fieldnames(v)), {'identifier'; 'message'; 'stack'}))
    % a caught error: Octave 7 hands `catch err` a struct, MATLAB an MException object
    s = '{"class": "MException", "size": [1,1]}';
  elseif isstruct(v)
    f = sort(fieldnames(v));
    fp = cellfun(@jstr, f, 'UniformOutput', false);
    s = sprintf('%s, "fields": [%s]}', head, strjoin(fp(:)', ', '));
  elseif iscell(v) || isa(v, 'function_handle')
    s = [head '}'];
  elseif ischar(v)
    if isempty(v)
      txt = '';
    else
      % rows of a char matrix joined with newlines (2-D only)
      v2 = reshape(v, size(v, 1), []);
      rows = arrayfun(@(r) v2(r, :), 1:size(v2, 1), 'UniformOutput', false);
      txt = strjoin(rows, "\n");
    end
    s = sprintf('%s, "data": %s}', head, jstr(txt));
  elseif islogical(v)
    d = v(:)';
    words = {'false', 'true'};
    items = words(double(d) + 1);
    s = sprintf('%s, "data": [%s]}', head, strjoin(items, ', '));
  elseif isnumeric(v)
    if iscomplex(v)
      s = sprintf('%s, "data": {"re": [%s], "im": [%s]}}', head, nums(real(v)), nums(imag(v)));
    else
      s = sprintf('%s, "data": [%s]}', head, nums(v));
    end
  else
    s = [head '}'];
  end
end

function s = nums(v)
  v = v(:)';
  if isempty(v)
    s = '';
    return;
  end
  items = cell(1, numel(v));
  isint = isinteger(v);
  for k = 1:numel(v)
    x = v(k);
    if isint
      items{k} = sprintf('%d', x);
    elseif isnan(x)
      items{k} = '"NaN"';
    elseif isinf(x) && x > 0
      items{k} = '"Inf"';
    elseif isinf(x)
      items{k} = '"-Inf"';
    else
      items{k} = sprintf('%.17g', double(x));
    end
  end
  s = strjoin(items, ', ');
end

function s = jstr(t)
  % JSON string literal; bytes >= 0x80 pass through (UTF-8 source text).
  t = double(t(:)');
  out = '';
  for k = 1:numel(t)
    ch = t(k);
    if ch == 34
      out = [out '\"'];
    elseif ch == 92
      out = [out '\\'];
    elseif ch == 10
      out = [out '\n'];
    elseif ch == 13
      out = [out '\r'];
    elseif ch == 9
      out = [out '\t'];
    elseif ch < 32
      out = [out sprintf('\\u%04x', ch)];
    else
      out = [out char(ch)];
    end
  end
  s = ['"' out '"'];
end
