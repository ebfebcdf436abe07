#!/usr/bin/env bash
# Regenerate the conformance goldens with GNU Octave.
#   bash test/conformance/tools/make-goldens.sh            # every case
#   bash test/conformance/tools/make-goldens.sh display    # cases whose <area>/<name> contains "display"
# For each test/conformance/cases/<area>/<name>.m: run it in Octave (run_case.m), capture stdout,
# dump error + workspace (dump_workspace.m), copy the MATLAB overrides from the case's leading
# comment lines, and write test/conformance/goldens/<area>/<name>.json.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cases="$root/cases"
goldens="$root/goldens"
filter="${1:-}"
command -v octave >/dev/null || { echo "octave not found (apt-get install -y octave)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

n=0
while IFS= read -r file; do
  rel="${file#"$cases"/}"
  key="${rel%.m}"
  [[ -n "$filter" && "$key" != *"$filter"* ]] && continue
  area="${key%%/*}"; name="${key#*/}"
  # Run a copy in its own directory. MATLAB puts local functions at the end of a script; Octave
  # only knows a script's functions once their definitions have run, so each top-level
  # `function` block moves to its own file <fname>.m beside the script, padded with blank lines
  # so that line numbers stay those of the case file (the script copy blanks those lines).
  dir="$work/$key"
  mkdir -p "$dir"
  python3 - "$file" "$dir" "$name" <<'PY'
import re, sys
src, d, name = sys.argv[1:]
lines = open(src, encoding='utf-8').read().split('\n')
starts = [i for i, l in enumerate(lines) if re.match(r'function\b', l)]
script = lines[:starts[0]] + [''] * (len(lines) - starts[0]) if starts else lines
open(f'{d}/{name}.m', 'w', encoding='utf-8').write('\n'.join(script))
for j, s in enumerate(starts):
    e = starts[j + 1] if j + 1 < len(starts) else len(lines)
    fname = re.match(r'function\s*(?:\[[^\]]*\]\s*=|\w+\s*=)?\s*(\w+)', lines[s]).group(1)
    open(f'{d}/{fname}.m', 'w', encoding='utf-8').write('\n'.join([''] * s + lines[s:e]) + '\n')
PY
  raw="$dir/__raw.json"
  out="$dir/__stdout.txt"
  (cd "$dir" && LC_ALL=C.UTF-8 timeout 60 octave --no-gui --no-window-system --quiet --norc \
     --path "$here" --eval "more off; run_case('$dir/$name.m', '$raw')" >"$out" 2>"$dir/__stderr.txt") || true
  if [[ ! -s "$raw" ]]; then
    echo "FAILED to run $key:" >&2; cat "$dir/__stderr.txt" >&2; exit 1
  fi
  mkdir -p "$goldens/$area"
  python3 - "$file" "$raw" "$out" "$goldens/$area/$name.json" "$area" "$key" <<'PY'
import json, re, sys
src, raw, out, dest, area, key = sys.argv[1:]
g = json.load(open(raw, encoding='utf-8'))
stdout = open(out, encoding='utf-8', errors='replace').read()
matlab = {}
notes = []
stdout_lines = None
for line in open(src, encoding='utf-8').read().split('\n'):
    if not line.startswith('%') or line.startswith('%{'):
        break
    if stdout_lines is not None and (line == '% |' or line.startswith('% | ')):
        stdout_lines.append(line[4:])
        continue
    m = re.match(r'%\s*([a-z-]+):\s?(.*)$', line)
    if not m:
        continue
    tag, val = m.group(1), m.group(2)
    if tag == 'expect-stdout-matlab':
        stdout_lines = []
        if val.strip():
            raise SystemExit(f'{key}: put MATLAB stdout on following "% | " lines')
    elif tag == 'expect-stdout-matlab-no-final-newline':
        matlab['stdout_no_final_newline'] = True
    elif tag == 'expect-error-identifier':
        matlab['error_identifier'] = val.strip()
    elif tag == 'expect-error-message-contains':
        matlab['error_message_contains'] = val.strip()
    elif tag == 'expect-var-matlab':
        name, js = val.split(None, 1)
        matlab.setdefault('vars', {})[name] = json.loads(js)
    elif tag == 'expect-var-absent-matlab':
        matlab.setdefault('vars_absent', []).append(val.strip())
    elif tag == 'note':
        notes.append(val.strip())
if stdout_lines is not None:
    text = ''.join(l + '\n' for l in stdout_lines)
    if matlab.pop('stdout_no_final_newline', False):
        text = text[:-1]
    matlab['stdout'] = text
matlab.pop('stdout_no_final_newline', None)
if area == 'display' and 'stdout' not in matlab:
    raise SystemExit(f'{key}: display cases must carry "% expect-stdout-matlab:"')
if area != 'display' and 'stdout' not in matlab and re.search(r'^\s*\w+ =', stdout, re.M):
    print(f'warning: {key}: unsuppressed display in Octave stdout but no MATLAB override', file=sys.stderr)
if notes:
    matlab['notes'] = notes
err = g['error']
if err is not None:
    # keep messages free of the temporary directory the case ran from
    err['message'] = re.sub(r'/\S*/' + re.escape(key) + r'/(\w+)\.m', key + '.m', err['message'])
d = lambda v: json.dumps(v, ensure_ascii=False)
lines = ['{', ' "error": ' + d(err) + ',', ' "stdout": ' + d(stdout) + ',']
vs = [f'  {d(k)}: {d(v)}' for k, v in g['vars'].items()]
lines.append(' "vars": {' + ('\n' + ',\n'.join(vs) + '\n }' if vs else '}') + (',' if matlab else ''))
if matlab:
    ms = []
    for k, v in matlab.items():
        if k == 'vars':
            inner = ',\n'.join(f'   {d(n)}: {d(x)}' for n, x in v.items())
            ms.append(f'  "vars": {{\n{inner}\n  }}')
        else:
            ms.append(f'  {d(k)}: {d(v)}')
    lines.append(' "matlab": {\n' + ',\n'.join(ms) + '\n }')
lines.append('}')
with open(dest, 'w', encoding='utf-8') as f:
    f.write('\n'.join(lines) + '\n')
json.loads(open(dest, encoding='utf-8').read())
PY
  n=$((n + 1))
done < <(find "$cases" -name '*.m' | LC_ALL=C sort)
echo "wrote $n goldens under $goldens"
