function run_case(__mb_file__, __mb_out__)
% RUN_CASE  Run one conformance case in a clean function workspace and dump it as JSON.
%   The case's own stdout goes to Octave's stdout (the driver captures it); this function
%   prints nothing itself.
  __mb_err__ = [];
  try
    source(__mb_file__);
  catch __mb_e__
    __mb_err__ = __mb_e__;
  end
  __mb_names__ = who();
  __mb_names__ = __mb_names__(~strncmp(__mb_names__, '__mb_', 5));
  __mb_vals__ = cell(size(__mb_names__));
  for __mb_k__ = 1:numel(__mb_names__)
    __mb_vals__{__mb_k__} = eval(__mb_names__{__mb_k__});
  end
  fflush(stdout);
  dump_workspace(__mb_names__, __mb_vals__, __mb_err__, __mb_file__, __mb_out__);
end
