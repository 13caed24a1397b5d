#!/bin/sh
# test_impact.sh - the impact of an amended superior law (issue 14 part 7)
# through the real programs, on the sample corpus: 示例省城市供水条例 2012 →
# 2021 is cited article by article by SL-2015-0013 (第十二条 modified, 第二十七条
# renumbered to 第二十六条 with a new fine) and SL-2019-0042 (第十一条 modified,
# 第二十条 deleted, 第二十二条 renumbered to 第二十一条 with its text unchanged;
# 第九条 unchanged and a whole-rule basis clause: not affected); the test adds
# a rule of 2010, older than the first indexed version, citing 第二十条 (an
# earlier text: listed, marked cites_earlier_version). Checked:
# GET /api/impact (?old=&new= and ?id=, every field of every affected
# article, the change counts), the admin-licensing chain (an article-less
# notice citing 第八条 of the 2010 version; none for 2016 → 2023), the page
# /impact (summary line, table, links to the citing articles, no <script>,
# the ?id= form, the empty form), the 影响分析 link of the document page's
# versions, `fagui-indexer report impact` in JSON, TSV and CSV, and bad
# input (unknown ids 404, missing or malformed parameters, the first
# version, reversed order, two different rules: 400, all in Chinese). With
# ../shared present it also reports what 民事诉讼法 2021-12-24 → 2023-09-01
# touches on the real corpus (FAGUI_REAL_INDEX=DIR reuses an index built
# from it; otherwise one is built, ~90 s).
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}" "${SHARED:=../shared}"
[ -x "$BIN/fagui-searchd" ] || { echo "skip: $BIN/fagui-searchd does not exist yet"; exit 77; }
for tool in python3 curl; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-impact.XXXXXX")
pid=
trap 'test -n "$pid" && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	[ -s "$tmp/sd.err" ] && tail -30 "$tmp/sd.err"
	exit 1
}

cp -r corpus "$tmp/c"
# a rule in force older than the 2012 version: its citation means an earlier text the index lacks
cat >"$tmp/c/qingchuan/water-meter-2010.md" <<'DOC'
---
title: 示例省青川市城市供水计量管理规定
id: SL-2010-0098
level: 规范性文件
status: 现行有效
region: 示例省青川市
published: 2010-06-01
effective: 2010-07-01
---

# 示例省青川市城市供水计量管理规定

第一条 新建住宅的接水工程费，依照《示例省城市供水条例》第二十条的规定执行。

第二条 本规定自2010年7月1日起施行。
DOC
"$BIN/fagui-indexer" --quiet --index "$tmp/idx" "$tmp/c" || [ $? -eq 3 ] || fail "indexing"
: >"$tmp/sd.err"
"$BIN/fagui-searchd" --index "$tmp/idx" --listen 127.0.0.1:0 --threads 2 --access-log /dev/null \
	--static searchd/static >/dev/null 2>>"$tmp/sd.err" &
pid=$!
wait_port $pid "$tmp/sd.err"
base="http://127.0.0.1:$port"
# get PATH OUT: the body to OUT, the status printed
get() { curl -s --max-time 30 -o "$2" -w '%{http_code}' "$base$1"; }

# ---- the API: 示例省城市供水条例 2012 → 2021 ----
code=$(get "/api/impact?old=SL-2012-0003&new=SL-2021-0005" "$tmp/water.json")
[ "$code" = 200 ] || { cat "$tmp/water.json"; fail "/api/impact: HTTP $code"; }
code=$(get "/api/impact?id=SL-2021-0005" "$tmp/water-id.json")
[ "$code" = 200 ] || fail "/api/impact?id=: HTTP $code"
code=$(get "/api/doc/SL-2019-0042" "$tmp/doc42.json")
[ "$code" = 200 ] || fail "/api/doc/SL-2019-0042: HTTP $code"
python3 - "$tmp/water.json" "$tmp/water-id.json" "$tmp/doc42.json" <<'PY' || fail "/api/impact fields"
import json, sys
o = json.load(open(sys.argv[1]))
assert json.load(open(sys.argv[2])) == o, "?id= differs from ?old=&new="
assert set(o) >= {"old", "new", "changes", "affected"}, sorted(o)
assert o["old"]["id"] == "SL-2012-0003" and o["old"]["title"] == "示例省城市供水条例" and o["old"]["published"] == "2012-05-30", o["old"]
assert o["new"]["id"] == "SL-2021-0005" and o["new"]["published"] == "2021-07-29", o["new"]
# corpus/README.md "Versions": 8 same-numbered articles changed, 第二十一条–第三十条 renumbered, 第二十条 deleted, 第十二条之一 added
assert o["changes"] == {"modified": 8, "renumbered": 10, "deleted": 1, "added": 1}, o["changes"]
keys = {"id", "title", "level", "status", "region", "article", "article_index", "cited", "change", "new_article",
        "old_text", "new_text"}
# other rules of the sample corpus may cite it too: the exact list is checked for the rules planted for this test
MINE = ("SL-2010-0098", "SL-2015-0013", "SL-2019-0042")
for a in o["affected"]:
    assert keys <= set(a), sorted(keys - set(a))
    assert a["status"] == "现行有效" and a["change"] in ("modified", "renumbered", "deleted"), a
    assert (a["new_article"] is None) == (a["change"] == "deleted"), a
    assert (a["new_article"] not in (None, a["old_article"])) == (a["change"] == "renumbered"), a
keys_in_order = [(a["id"], a["article_index"]) for a in o["affected"]]
assert keys_in_order == sorted(keys_in_order), keys_in_order
assert o["affected_units"] == len(set(keys_in_order)) and o["affected_rules"] == len({a["id"] for a in o["affected"]}), o
assert o["earlier_citations"] == sum(a["cites_earlier_version"] for a in o["affected"]), o
aff = [a for a in o["affected"] if a["id"] in MINE]
got = [(a["id"], a["article"], a["cited"], a["change"], a["new_article"]) for a in aff]
assert got == [
    ("SL-2010-0098", "第一条", "《示例省城市供水条例》第二十条", "deleted", None),
    ("SL-2015-0013", "第四条", "《示例省城市供水条例》第十二条", "modified", "第十二条"),
    ("SL-2015-0013", "第十条", "《示例省城市供水条例》第二十七条", "renumbered", "第二十六条"),
    ("SL-2019-0042", "第三条", "《示例省城市供水条例》第十一条", "modified", "第十一条"),
    ("SL-2019-0042", "第四条", "《示例省城市供水条例》第二十条", "deleted", None),
    ("SL-2019-0042", "第五条", "《示例省城市供水条例》第二十二条", "renumbered", "第二十一条"),
], got
assert [a["cites_earlier_version"] for a in aff] == [True, False, False, False, False, False], aff
by = {(a["id"], a["article"]): a for a in aff}
# modified: same number, other text
m = by[("SL-2019-0042", "第三条")]
assert "二小时内" in m["old_text"] and "一小时内" in m["new_text"] and m["old_text"] != m["new_text"], m
assert m["title"] == "示例省白河市城市供水用户服务办法" and m["level"] == "地方政府规章" and m["region"] == "示例省白河市", m
m = by[("SL-2015-0013", "第四条")]
assert m["new_text"].startswith(m["old_text"]) and "二次供水设施" in m["new_text"], m
# renumbered: the new number, the text unchanged after the label (第二十二条) or changed too (第二十七条)
r = by[("SL-2019-0042", "第五条")]
assert r["old_text"].startswith("第二十二条 ") and r["new_text"].startswith("第二十一条 "), r
assert r["old_text"].split(" ", 1)[1] == r["new_text"].split(" ", 1)[1], r
r = by[("SL-2015-0013", "第十条")]
assert "二千元以上一万元以下" in r["old_text"] and "五千元以上三万元以下" in r["new_text"], r
# deleted: no new article
d = by[("SL-2019-0042", "第四条")]
assert d["new_text"] is None and d["new_article_index"] is None and "接水工程费" in d["old_text"], d
# article_index is the citing unit of /api/doc
units = json.load(open(sys.argv[3]))["articles"]
for a in aff:
    if a["id"] == "SL-2019-0042":
        u = units[a["article_index"]]
        assert a["article"] in (u.get("label"), u.get("article")) and a["cited"] in u["text"], (a, u)
# not affected: an unchanged article cited (第二条 cites 第九条) and a whole-rule basis clause (第一条)
assert ("SL-2019-0042", "第二条") not in by and ("SL-2019-0042", "第一条") not in by, got
PY

# ---- the admin-licensing chain: 2010 → 2016 (a notice without articles cites 第八条), 2016 → 2023 ----
code=$(get "/api/impact?old=SL-2010-0017&new=SL-2016-0018" "$tmp/lic.json")
[ "$code" = 200 ] || fail "/api/impact licensing 2010: HTTP $code"
code=$(get "/api/impact?id=SL-2023-0019" "$tmp/lic23.json")
[ "$code" = 200 ] || fail "/api/impact?id=SL-2023-0019: HTTP $code"
python3 - "$tmp/lic.json" "$tmp/lic23.json" <<'PY' || fail "licensing impact"
import json, sys
o = json.load(open(sys.argv[1]))
got = [(a["id"], a["article"], a["cited"], a["change"], a["new_article"]) for a in o["affected"]]
assert got == [("SL-2014-0024", "一", "《示例省实施行政许可若干规定》第八条", "modified", "第八条")], got
assert "二十日" in o["affected"][0]["old_text"] and "十五个工作日" in o["affected"][0]["new_text"], o["affected"][0]
o = json.load(open(sys.argv[2]))
# the version before 2023 is 2016; SL-2020-0031 cites the whole rule only, SL-2014-0024 cites the 2010 version
assert o["old"]["id"] == "SL-2016-0018" and o["new"]["id"] == "SL-2023-0019", o
assert o["affected"] == [] and o["changes"]["added"] > 0, o
PY

# ---- bad input ----
# expect PATH STATUS WORD: the JSON error of PATH has this status and a message holding WORD
expect() {
	code=$(get "$1" "$tmp/err.json")
	[ "$code" = "$2" ] || { cat "$tmp/err.json"; fail "$1: HTTP $code, expected $2"; }
	python3 - "$tmp/err.json" "$3" <<'PY' || fail "$1: error message"
import json, sys
e = json.load(open(sys.argv[1]))["error"]
assert sys.argv[2] in e, (e, sys.argv[2])
PY
}
expect "/api/impact?old=NOPE&new=SL-2021-0005" 404 "找不到文件：NOPE"
expect "/api/impact?old=SL-2012-0003&new=NOPE" 404 "找不到文件：NOPE"
expect "/api/impact?id=NOPE" 404 "找不到文件"
expect "/api/impact" 400 "请给出同一法规的两个版本"
expect "/api/impact?old=SL-2012-0003" 400 "请给出同一法规的两个版本"
expect "/api/impact?new=SL-2021-0005" 400 "请给出同一法规的两个版本"
expect "/api/impact?old=SL-2012-0003&new=SL-2021-0005&id=SL-2021-0005" 400 "请给出同一法规的两个版本"
expect "/api/impact?old=%01&new=SL-2021-0005" 400 "文件 ID 无效"
expect "/api/impact?id=SL-2012-0003" 400 "没有更早的版本"
expect "/api/impact?old=SL-2021-0005&new=SL-2012-0003" 400 "版本顺序颠倒"
expect "/api/impact?old=SL-2012-0003&new=SL-2012-0003" 400 "同一文件"
expect "/api/impact?old=SL-2012-0003&new=SL-2016-0018" 400 "不是同一法规的不同版本"

# ---- the page ----
code=$(get "/impact?old=SL-2012-0003&new=SL-2021-0005" "$tmp/page.html")
[ "$code" = 200 ] || fail "/impact: HTTP $code"
code=$(get "/impact?id=SL-2021-0005" "$tmp/page-id.html")
[ "$code" = 200 ] || fail "/impact?id=: HTTP $code"
code=$(get "/impact" "$tmp/form.html")
[ "$code" = 200 ] || fail "/impact (form): HTTP $code"
code=$(get "/impact?id=NOPE" "$tmp/page404.html")
[ "$code" = 404 ] || fail "/impact?id=NOPE: HTTP $code"
code=$(get "/impact?old=SL-2021-0005&new=SL-2012-0003" "$tmp/page400.html")
[ "$code" = 400 ] || fail "/impact reversed: HTTP $code"
code=$(get "/doc/SL-2021-0005" "$tmp/doc.html")
[ "$code" = 200 ] || fail "/doc/SL-2021-0005: HTTP $code"
python3 - "$tmp" <<'PY' || fail "/impact page"
import json, re, sys
t = sys.argv[1]
o = json.load(open(t + "/water.json"))
p = open(t + "/page.html", encoding="utf-8").read()
assert open(t + "/page-id.html", encoding="utf-8").read() == p, "?id= page differs"
assert "<script" not in p.lower(), "script in the page"
assert '<form class="compare" method="get" action="/impact">' in p, "no GET form"
assert '<p class="summary">修改 8 条 · 重新编号 10 条 · 删除 1 条 · 受影响条文 %d 条</p>' % o["affected_units"] in p, "summary"
assert "其中 %d 处引用所在的规定公布早于旧版本" % o["earlier_citations"] in p, "earlier citation note"
assert p.count("（引用早于旧版本）") == o["earlier_citations"], "earlier citation marks"
rows = re.findall(r'<tr class="change-(\w+)">(.*?)</tr>', p, re.S)
assert [r[0] for r in rows] == [a["change"] for a in o["affected"]], [r[0] for r in rows]
links = [re.search(r'<td><a href="(/doc/[^"]+#a\d+)">([^<]+)</a></td>', r[1]).groups() for r in rows]
assert links == [("/doc/%s#a%d" % (a["id"], a["article_index"]), a["article"]) for a in o["affected"]], links
MINE = ("/doc/SL-2010-0098#", "/doc/SL-2015-0013#", "/doc/SL-2019-0042#")
rows = [r for r, l in zip(rows, links) if l[0].startswith(MINE)]
links = [l for l in links if l[0].startswith(MINE)]
assert links == [("/doc/SL-2010-0098#a0", "第一条"), ("/doc/SL-2015-0013#a3", "第四条"), ("/doc/SL-2015-0013#a9", "第十条"), ("/doc/SL-2019-0042#a2", "第三条"),
                 ("/doc/SL-2019-0042#a3", "第四条"), ("/doc/SL-2019-0042#a4", "第五条")], links
assert "现为第二十一条" in rows[5][1] and "（已删除）" in rows[4][1] and "接水工程费" in rows[4][1], rows
assert "<del>二</del>" in rows[3][1] and "<ins>一</ins>" in rows[3][1], rows[3][1]
assert 'href="/compare?a=SL-2012-0003&amp;b=SL-2021-0005"' in p, "no link to 新旧对照"
f = open(t + "/form.html", encoding="utf-8").read()
assert 'action="/impact"' in f and "<table" not in f and "error" not in f, f
e = open(t + "/page404.html", encoding="utf-8").read()
assert 'role="alert"' in e and "找不到文件：NOPE" in e, e
e = open(t + "/page400.html", encoding="utf-8").read()
assert "版本顺序颠倒" in e, e
d = open(t + "/doc.html", encoding="utf-8").read()
assert '<a class="impact-link" href="/impact?old=SL-2012-0003&amp;new=SL-2021-0005">影响分析</a>' in d, "no 影响分析 link"
PY

# ---- the report ----
R="$BIN/fagui-indexer --index $tmp/idx report impact --old SL-2012-0003 --new SL-2021-0005"
$R --format json >"$tmp/r.json" || fail "report impact json"
$R --format tsv >"$tmp/r.tsv" || fail "report impact tsv"
$R --format csv >"$tmp/r.csv" || fail "report impact csv"
python3 - "$tmp" <<'PY' || fail "report impact output"
import csv, io, json, sys
t = sys.argv[1]
api = json.load(open(t + "/water.json"))
assert json.load(open(t + "/r.json")) == api, "report json differs from the API"
want = [[a["id"], a["article"], str(a["article_index"]), a["cited"], a["change"], a["new_article"] or ""] for a in api["affected"]]
assert len(want) >= 6, want
def cols(rows):
    h = rows[0]
    assert h == ["id", "title", "level", "status", "region", "article", "article_index", "cited", "change",
                 "old_article", "new_article", "old_text", "new_text", "cites_earlier_version"], h
    return [[r[h.index(k)] for k in ("id", "article", "article_index", "cited", "change", "new_article")] for r in rows[1:]]
tsv = [l.split("\t") for l in open(t + "/r.tsv", encoding="utf-8").read().splitlines()]
assert all(len(r) == 14 for r in tsv), [len(r) for r in tsv]
assert [r[13] for r in tsv[1:]] == ["1" if a["cites_earlier_version"] else "0" for a in api["affected"]], tsv
assert cols(tsv) == want, cols(tsv)
raw = open(t + "/r.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
assert cols(rows) == want, cols(rows)
assert "\n" in rows[2][12], "CSV keeps the 款 of a text in one field"
PY
"$BIN/fagui-indexer" --index "$tmp/idx" report impact --old NOPE --new SL-2021-0005 2>"$tmp/r.err"
[ $? -eq 2 ] && grep -q "找不到文件：NOPE" "$tmp/r.err" || fail "report impact with an unknown id"
"$BIN/fagui-indexer" --index "$tmp/idx" report impact --old SL-2021-0005 --new SL-2012-0003 2>"$tmp/r.err"
[ $? -eq 2 ] && grep -q "版本顺序颠倒" "$tmp/r.err" || fail "report impact reversed"
"$BIN/fagui-indexer" --index "$tmp/idx" report impact --old SL-2012-0003 2>"$tmp/r.err"
[ $? -eq 2 ] && grep -q "needs --old OLD_ID --new NEW_ID" "$tmp/r.err" || fail "report impact without --new"
kill $pid
wait $pid 2>/dev/null
pid=

# ---- the real corpus: what the 2023 amendment of 民事诉讼法 touches ----
LAWS="$SHARED/corpus/laws"
if [ ! -f "$LAWS/catalogue.tsv" ]; then
	echo "ok (real corpus part skipped: $LAWS not present)"
	exit 0
fi
case "$BIN" in *asan*) echo "ok (real corpus part skipped under ASan)"; exit 0 ;; esac
REAL=${FAGUI_REAL_INDEX:-}
if [ -z "$REAL" ]; then
	REAL="$tmp/real"
	"$BIN/fagui-indexer" --quiet --index "$REAL" --catalogue "$LAWS/catalogue.tsv" "$LAWS" || fail "indexing the real corpus"
fi
"$BIN/fagui-indexer" --index "$REAL" report catalogue --format json >"$tmp/cat.json" || fail "catalogue of the real corpus"
ids=$(python3 - "$tmp/cat.json" <<'PY'
import json, sys
docs = json.load(open(sys.argv[1]))["documents"]
def find(date):
    return [d["id"] for d in docs if d["title"] == "中华人民共和国民事诉讼法" and d["published"] == date][0]
print(find("2021-12-24"), find("2023-09-01"))
PY
) || fail "民事诉讼法 2021 and 2023 not in the real catalogue"
set -- $ids
"$BIN/fagui-indexer" --index "$REAL" report impact --old "$1" --new "$2" --format json >"$tmp/msl.json" || fail "report impact 民事诉讼法"
python3 - "$tmp/msl.json" <<'PY' || fail "民事诉讼法 impact"
import json, sys
o = json.load(open(sys.argv[1]))
a = o["affected"]
kinds = {k: sum(1 for x in a if x["change"] == k) for k in ("modified", "renumbered", "deleted")}
assert a and all(x["status"] == "现行有效" for x in a), o["affected_units"]
print("real corpus: 民事诉讼法 %s → %s: changes %s; affected %d citations (%d by rules older than the old version), %d articles in %d rules (%s)" % (
    o["old"]["published"], o["new"]["published"], o["changes"], len(a), o["earlier_citations"], o["affected_units"], o["affected_rules"], kinds))
PY
echo "ok"
