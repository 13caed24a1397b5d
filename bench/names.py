#!/usr/bin/env python3
"""names.py - the look-up checks of rule and article names (issue 12), built
from the catalogue, never from guesses:

  rules     every catalogue entry queried by its full title, by its name
            without 中华人民共和国 and by 《name》: is the first hit a version
            of that rule?
  articles  1,000 articles of 300 rules (fixed seed) queried as NAME第X条,
            half with Arabic numerals, some by an abbreviation of
            data/abbreviations.tsv: is the first hit that article of that rule?

Writes OUT/rules.tsv and OUT/articles.tsv in the format of
`fg-search --names` ("query<TAB>ids[<TAB>label]").

usage: names.py CATALOGUE.TSV REPORT_CATALOGUE.TSV FG_SEARCH INDEX OUT_DIR
"""
import csv, json, random, re, subprocess, sys, unicodedata

cat_path, rep_path, fg_search, index, out = sys.argv[1:6]
PRC = "中华人民共和国"


def rule_key(name):
    s = unicodedata.normalize("NFKC", name)
    s = s.replace("《" + PRC, "《")
    if s.startswith(PRC):
        s = s[len(PRC):]
    s = re.sub(r"\((?![一二三四五六七八九十]{1,3}\))[^()]*\)", "", s)
    return re.sub(r"\s+", "", s)


by_path = {}
with open(rep_path, encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        by_path[row["path"]] = row
entries, groups, titles = [], {}, {}  # titles: a code filed in parts shares one title (民法典)
with open(cat_path, encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        doc = by_path.get(row["path"])
        if not doc:
            continue
        key = rule_key(row["name"])
        groups.setdefault(key, []).append(doc["id"])
        titles.setdefault(doc["title"], []).append(doc["id"])
        entries.append((row, doc, key))

seen = set()
with open(out + "/rules.tsv", "w", encoding="utf-8") as w:
    for row, doc, key in entries:
        ids = ",".join(groups[key])
        name = row["name"]
        for q in (doc["title"], name, "《%s》" % name):
            if q and q not in seen:
                seen.add(q)
                # the title of a code filed in parts names every part: any of them first is right
                qids = ",".join(dict.fromkeys(groups[key] + titles[q])) if q == doc["title"] else ids
                w.write("%s\t%s\n" % (q, qids))

# articles: 300 rules in force with articles, 1,000 articles, fixed seed
abbrev = {}
try:
    with open("data/abbreviations.tsv", encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#") and "\t" in line:
                short, full = line.rstrip("\n").split("\t", 1)
                abbrev.setdefault(rule_key(full), short)
except OSError:
    pass
rng = random.Random(12)
live = [(row, doc, key) for row, doc, key in entries if doc["status"] == "现行有效"]
rng.shuffle(live)
DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s):
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in DIGITS:
            num = DIGITS[ch]
        elif ch in "十百千":
            section += (num or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            num = 0
        elif ch == "万":
            total += (section + num) * 10000
            section = num = 0
        else:
            return None
    return total + section + num


lines, rules = [], 0
for row, doc, key in live:
    if rules >= 300 or len(lines) >= 1000:
        break
    p = subprocess.run([fg_search, "--index", index, "--docview", doc["id"]], capture_output=True, text=True)
    try:
        labels = [a["label"] for a in json.loads(p.stdout)["articles"] if a["label"]]
    except (ValueError, KeyError):
        continue
    labels = [l for l in labels if re.fullmatch(r"第[零一二两三四五六七八九十百千万]+条", l)]
    if not labels:
        continue
    rules += 1
    others = [d for d in groups[key]]
    for label in rng.sample(labels, min(len(labels), 4)):
        name = row["name"]
        if key in abbrev and rng.random() < 0.3:
            name = abbrev[key]
        art = label
        if rng.random() < 0.5:
            n = cn_number(label[1:-1])
            if n:
                art = "第%d条" % n
        lines.append("%s%s\t%s\t%s\n" % (name, art, doc["id"], label))
with open(out + "/articles.tsv", "w", encoding="utf-8") as w:
    w.writelines(lines[:1000])
print("names: %d rule queries, %d article queries from %d rules" % (len(seen), min(len(lines), 1000), rules),
      file=sys.stderr)
