#!/bin/sh
# test_thesaurus_data.sh - the shipped data/thesaurus.tsv is well formed and
# every statute word it expands to is a word statutes use: each line has an
# everyday side and a statute side, no everyday word is a single character or
# listed twice, fg-search loads the table, and (when ../shared is present)
# every statute word occurs at least 3 times in the real corpus - a word no
# statute uses would only cost time and could never find anything.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}" "${SHARED:=../shared}"
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
TH=data/thesaurus.tsv
[ -f "$TH" ] || { echo "FAIL: $TH missing"; exit 1; }

python3 - "$TH" "$SHARED/corpus/laws" <<'EOF' || exit 1
import os, sys, unicodedata
th, laws = sys.argv[1:3]
bad, froms, tos = [], {}, set()
for n, line in enumerate(open(th, encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    parts = line.split("\t")
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        bad.append(f"{th}:{n}: needs 'everyday words<TAB>statute words': {line!r}")
        continue
    for w in parts[0].split(","):
        w = unicodedata.normalize("NFKC", w.strip()).lower()
        if len(w) < 2:
            bad.append(f"{th}:{n}: everyday word {w!r} is shorter than 2 characters")
        elif w in froms:
            bad.append(f"{th}:{n}: everyday word {w} already on line {froms[w]}")
        else:
            froms[w] = n
    for w in parts[1].split(","):
        w = w.strip()
        if not w:
            bad.append(f"{th}:{n}: empty statute word")
        tos.add(w)
if bad:
    sys.exit("FAIL:\n" + "\n".join(bad[:30]))
print(f"{len(froms)} everyday words, {len(tos)} statute words")
if not os.path.isdir(laws):
    print(f"skip corpus check: {laws} not present (the real corpus lives beside the project in ../shared)")
    sys.exit(0)
text = []
for root, _, files in os.walk(laws):
    for f in files:
        if f.endswith(".md"):
            text.append(open(os.path.join(root, f), encoding="utf-8", errors="replace").read())
text = "\n".join(text)
def at_least(w, n):
    i = -1
    for _ in range(n):
        i = text.find(w, i + 1)
        if i < 0:
            return False
    return True
rare = sorted(w for w in tos if not at_least(w, 3))
if rare:
    sys.exit(f"FAIL: {len(rare)} statute words occur fewer than 3 times in {laws}: {' '.join(rare[:40])}")
print(f"every statute word occurs at least 3 times in {laws}")
EOF

if [ -x "$BIN/fg-search" ]; then
	T=$(mktemp -d "${TMPDIR:-/tmp}/fagui-thd.XXXXXX")
	trap 'rm -rf "$T"' EXIT
	"$BIN/fagui-indexer" --index "$T/index" -q corpus >"$T/log" 2>&1 || { echo "FAIL: indexing corpus"; cat "$T/log"; exit 1; }
	"$BIN/fg-search" --index "$T/index" --thesaurus "$TH" --explain 司机要守什么规矩 >/dev/null 2>"$T/err" ||
		{ echo "FAIL: fg-search cannot use $TH"; cat "$T/err"; exit 1; }
	grep -q '驾驶 PHRASE 2 驶人' "$T/err" || { echo "FAIL: $TH does not expand 司机"; cat "$T/err"; exit 1; }
fi
echo "thesaurus data ok"
