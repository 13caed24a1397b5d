#!/bin/sh
# test_abbreviations.sh - data/abbreviations.tsv is well formed (short<TAB>full,
# no short name twice, no short name that is itself a full name of the list)
# and every full name is a rule of the real corpus's catalogue (compared as
# rule names: without 中华人民共和国, spaces and version notes), or the name of a
# numbered series of its rules (公司法解释 -> …规定, the corpus having …规定（一）). The corpus part
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
series = {re.sub(r"\([一二三四五六七八九十]+\)$", "", x) for x in names}  # NFKC: （三） is (三)
for n, s, f in pairs:
    if key(f) not in names and key(f) not in series:
        bad.append("%s:%d: %s -> %s is not a rule of the corpus, nor a numbered series of rules" % (path, n, s, f))
for b in bad:
    print("FAIL: " + b)
if bad:
    sys.exit(1)
print("abbreviations: %d, every one a rule of the corpus" % len(pairs))
PY
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 77 ] || exit $rc

# data/repealed.tsv: name<TAB>YYYY-MM-DD<TAB>successor; no name is a rule of the
# real corpus (look-up would find it), every successor is, and the successor's
# text repeals the name (…《中华人民共和国合同法》…同时废止) in force from that date.
python3 - data/repealed.tsv "$SHARED/corpus/laws/catalogue.tsv" <<'PY'
import csv, os, re, sys, unicodedata
path, cat = sys.argv[1:3]
PRC = "中华人民共和国"
def key(name):
    s = unicodedata.normalize("NFKC", name)
    if s.startswith(PRC):
        s = s[len(PRC):]
    return re.sub(r"\s+", "", s)
rows, bad = [], []
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    p = line.split("\t")
    if len(p) != 3 or not p[0] or not re.fullmatch(r"\d{4}-\d\d-\d\d", p[1]) or not p[2]:
        bad.append("%s:%d: expected name<TAB>YYYY-MM-DD<TAB>successor" % (path, n))
        continue
    rows.append((n, p[0], p[1], p[2]))
if not os.path.exists(cat):
    for b in bad:
        print("FAIL: " + b)
    sys.exit(1 if bad else 77)
files = {}
with open(cat, encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        files.setdefault(key(row["name"].split(" ")[0]), []).append(os.path.join(os.path.dirname(cat), row["path"]))
        files.setdefault(key(row["name"]), []).append(os.path.join(os.path.dirname(cat), row["path"]))
for n, name, date, succ in rows:
    if key(name) in files:
        bad.append("%s:%d: %s is a rule of the corpus" % (path, n, name))
    texts = [open(p, encoding="utf-8").read() for p in files.get(key(succ), [])]
    if not texts:
        bad.append("%s:%d: %s is not a rule of the corpus" % (path, n, succ))
        continue
    y, m, d = (int(x) for x in date.split("-"))
    when = "%d年%d月%d日" % (y, m, d)
    # 本法自2021年1月1日起施行。《中华人民共和国婚姻法》、…同时废止。: the date, then the name in that sentence or the next
    pat = re.compile(r"%s[^。]*。?[^。]*《(?:%s)?%s》[^。]*废止" % (re.escape(when), PRC, re.escape(name)))
    if not any(pat.search(t) for t in texts):
        bad.append("%s:%d: no sentence of %s repeals %s on %s" % (path, n, succ, name, when))
for b in bad:
    print("FAIL: " + b)
if bad:
    sys.exit(1)
print("repealed: %d, none a rule of the corpus, each repealed by its successor's text" % len(rows))
PY
