#!/bin/sh
# test_abbreviations.sh - data/abbreviations.tsv is well formed (short<TAB>full,
# no short name twice, no short name that is itself a full name of the list)
# and every full name is a rule of the real corpus's catalogue (compared as
# rule names: without 中华人民共和国, spaces and version notes). The corpus part
# skips when $SHARED is absent.
cd "$(dirname "$0")/.." || exit 1
: "${SHARED:=../shared}"
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
python3 - data/abbreviations.tsv "$SHARED/corpus/laws/catalogue.tsv" <<'PY'
import csv, os, re, sys, unicodedata
path, cat = sys.argv[1:3]
PRC = "中华人民共和国"
def key(name):
    s = unicodedata.normalize("NFKC", name).replace("《" + PRC, "《")
    if s.startswith(PRC):
        s = s[len(PRC):]
    s = re.sub(r"\((?![一二三四五六七八九十]{1,3}\))[^()]*\)", "", s)
    return re.sub(r"\s+", "", s)
pairs, bad = [], []
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    parts = line.split("\t")
    if len(parts) != 2 or not parts[0] or not parts[1]:
        bad.append("%s:%d: expected short<TAB>full" % (path, n))
        continue
    pairs.append((n, parts[0], parts[1]))
shorts = [s for _, s, _ in pairs]
for s in set(shorts):
    if shorts.count(s) > 1:
        bad.append("%s: short name %s listed twice" % (path, s))
fulls = {key(f) for _, _, f in pairs}
for n, s, f in pairs:
    if key(s) in fulls:
        bad.append("%s:%d: %s is itself a full name of the list" % (path, n, s))
if not os.path.exists(cat):
    for b in bad:
        print("FAIL: " + b)
    if bad:
        sys.exit(1)
    print("skip: %s not found: %d abbreviations well formed, not checked against the corpus" % (cat, len(pairs)))
    sys.exit(77)
names = set()
with open(cat, encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        names.add(key(row["name"]))
for n, s, f in pairs:
    if key(f) not in names:
        bad.append("%s:%d: %s -> %s is not a rule of the corpus" % (path, n, s, f))
for b in bad:
    print("FAIL: " + b)
if bad:
    sys.exit(1)
print("abbreviations: %d, every one a rule of the corpus" % len(pairs))
PY
