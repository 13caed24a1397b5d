#!/bin/sh
# test_worktools.sh - similar and conflicting provisions, versions and
# status changes end to end over corpus/: the indexer's similar, conflicts,
# compare and changes reports (TSV, CSV, JSON), then fagui-searchd's POST
# /api/similar, the /draft page, /api/compare and the /compare page, the
# versions in /api/doc, asof searches, and an event command (status change in
# place, kept across a rebuild) seen through search, /api/changes and
# /changes.atom. Every planted conflict C1-C4 of corpus/README.md must be
# found with its type and spans.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
for tool in curl python3; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-wt.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

"$BIN/fagui-indexer" --index "$tmp/index" -q corpus >"$tmp/index.log" 2>&1 ||
	{ echo "FAIL: indexing corpus"; cat "$tmp/index.log"; exit 1; }
IX="$BIN/fagui-indexer --index $tmp/index"
$IX report conflicts >"$tmp/conflicts.tsv" || { echo "FAIL: report conflicts"; exit 1; }
$IX report conflicts --format csv >"$tmp/conflicts.csv" || { echo "FAIL: report conflicts csv"; exit 1; }
$IX report conflicts --format json >"$tmp/conflicts.json" || { echo "FAIL: report conflicts json"; exit 1; }
$IX report similar --id SL-2015-0013 --article 9 --format json >"$tmp/similar.json" || { echo "FAIL: report similar"; exit 1; }
$IX report similar --id SL-2015-0013 --article 9 >"$tmp/similar.tsv" || { echo "FAIL: report similar tsv"; exit 1; }
printf '第一条 物业服务合同终止的，原物业服务企业应当在三十日内退出物业管理区域。\n第二条 食品小作坊和食品摊贩应当投保食品安全责任保险。\n' >"$tmp/draft.txt"
$IX report similar --text-file "$tmp/draft.txt" --format json >"$tmp/draft.json" || { echo "FAIL: report similar --text-file"; exit 1; }
$IX report compare --a SL-2012-0003 --b SL-2021-0005 --format json >"$tmp/compare.json" || { echo "FAIL: report compare"; exit 1; }
$IX report compare --a SL-2012-0003 --b SL-2021-0005 --format csv >"$tmp/compare.csv" || { echo "FAIL: report compare csv"; exit 1; }
$IX report similar --id NO-SUCH --article 0 >/dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL: unknown id must exit 2"; exit 1; }
$IX report similar >/dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL: similar without --id/--text-file must exit 2"; exit 1; }

"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 \
	--access-log "$tmp/access.log" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"

python3 - "$port" "$BIN" "$tmp" <<'EOF' || exit 1
import csv, datetime, io, json, subprocess, sys, urllib.parse, urllib.request, urllib.error
import xml.etree.ElementTree as ET

port, BIN, TMP = sys.argv[1], sys.argv[2], sys.argv[3]
BASE = "http://127.0.0.1:%s" % port
failures = []

def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)
    return cond

def http(path, data=None, ctype=None):
    req = urllib.request.Request(BASE + path, data=data)
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()

def get_json(path, want=200):
    st, h, body = http(path)
    check(st == want, "%s: status %d, want %d" % (path, st, want))
    return json.loads(body)

def post_json(path, obj, want=200):
    st, h, body = http(path, json.dumps(obj).encode(), "application/json")
    check(st == want, "POST %s %s: status %d, want %d: %s" % (path, obj, st, want, body[:200]))
    check(h.get("Content-Type", "").startswith("application/json"), "POST %s: JSON content type" % path)
    return json.loads(body)

def ix(*args):
    p = subprocess.run([BIN + "/fagui-indexer", "--index", TMP + "/index"] + list(args), capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()

# ---- the planted conflicts (corpus/README.md): higher rule, lower rule, type, spans ----
PLANTED = [
    ("C1", "SL-2021-0005", "第二十六条", "SL-2015-0013", "第十条", "amount", "五千元以上三万元以下", "二千元以上一万元以下"),
    ("C2", "SL-2018-0010", "第十七条", "SL-2020-0014", "第十条", "time", "十五日内", "三十日内"),
    ("C3", "SL-2014-0011", "第十三条", "SL-2022-0015", "第三条", "modality", "可以投保食品安全责任保险",
     "应当投保食品安全责任保险"),
    ("C4", "SL-2017-0012", "第十三条", "SL-2015-0016", "第十条", "amount", "一万元以上五万元以下", "三万元以上十万元以下"),
    ("C4", "SL-2017-0012", "第八条", "SL-2015-0016", "第六条", "time", "三日内", "二十四小时内"),
]

def find_pair(rows, a, aart, b, bart, typ):
    for r in rows:
        if r["type"] == typ and ((r["a_id"], r["a_article"], r["b_id"], r["b_article"]) == (a, aart, b, bart)):
            return r, False
        if r["type"] == typ and ((r["b_id"], r["b_article"], r["a_id"], r["a_article"]) == (a, aart, b, bart)):
            return r, True
    return None, False

tsv = list(csv.DictReader(open(TMP + "/conflicts.tsv", encoding="utf-8"), delimiter="\t"))
csvrows = list(csv.DictReader(open(TMP + "/conflicts.csv", encoding="utf-8", newline="")))
jrows = json.load(open(TMP + "/conflicts.json", encoding="utf-8"))["conflicts"]
for name, rows in (("tsv", tsv), ("csv", csvrows), ("json", jrows)):
    check(len(rows) == len(tsv) and len(rows) > 0, "report conflicts %s: %d rows (tsv %d)" % (name, len(rows), len(tsv)))
    for c, a, aart, b, bart, typ, aspan, bspan in PLANTED:
        r, swapped = find_pair(rows, a, aart, b, bart, typ)
        if not check(r is not None, "report conflicts %s: %s %s %s / %s %s %s not found" % (name, c, a, aart, b, bart, typ)):
            continue
        spans = (r["b_span"], r["a_span"]) if swapped else (r["a_span"], r["b_span"])
        check(spans == (aspan, bspan), "report conflicts %s: %s spans %s, want %s" % (name, c, spans, (aspan, bspan)))
        check(not swapped, "report conflicts %s: %s lists the higher-level rule first" % (name, c))
        lv, _ = find_pair(rows, a, aart, b, bart, "level")
        check(lv is not None, "report conflicts %s: %s has a level finding" % (name, c))
    # consistent pairs are not reported
    for a, aart, b, bart in (("SL-2018-0010", "第十七条", "SL-2024-0030", "第五条"),
                             ("SL-2018-0010", "第十二条", "SL-2020-0014", "第八条")):
        for typ in ("amount", "time", "modality"):
            r, _ = find_pair(rows, a, aart, b, bart, typ)
            check(r is None, "report conflicts %s: consistent pair %s %s / %s %s reported as %s" % (name, a, aart, b, bart, typ))
    # only rules in force, never two articles of one document
    for r in rows:
        check(r["a_id"] != r["b_id"], "report conflicts %s: pair within one document %s" % (name, r["a_id"]))
        check(r["a_id"] not in ("SL-2012-0003", "SL-2010-0017", "SL-2016-0018", "SL-2005-0020") and
              r["b_id"] not in ("SL-2012-0003", "SL-2010-0017", "SL-2016-0018", "SL-2005-0020"),
              "report conflicts %s: a rule not in force: %s / %s" % (name, r["a_id"], r["b_id"]))
c3 = find_pair(tsv, "SL-2014-0011", "第十三条", "SL-2022-0015", "第三条", "level")[0]
check(c3 and "下位法（规范性文件）比上位法（地方性法规）更严格" in c3["note"], "C3: lower rule stricter: %s" % (c3 and c3["note"]))
c2 = find_pair(tsv, "SL-2018-0010", "第十七条", "SL-2020-0014", "第十条", "level")[0]
check(c2 and "更宽松" in c2["note"], "C2: lower rule looser: %s" % (c2 and c2["note"]))

# ---- report similar ----
sim = json.load(open(TMP + "/similar.json", encoding="utf-8"))
check(sim["source"]["article"] == "第十条", "report similar: source 第十条")
hits = sim["hits"]
check(len(hits) > 0 and all(0 < h["similarity"] <= 1 for h in hits), "report similar: similarities in (0, 1]")
# hits come grouped by document: the best hit of each of the first two documents (the group sizes move with
# the corpus's statistics)
top = []
for h in hits:
    if h["id"] not in [t[0] for t in top]:
        top.append((h["id"], h["article"]))
top = top[:2]
check(("SL-2021-0005", "第二十六条") in top and ("SL-2012-0003", "第二十七条") in top,
      "report similar: the two versions' fine articles first: %s" % top)
check(all(not (h["id"] == "SL-2015-0013" and h["article_index"] == 9) for h in hits), "report similar: source excluded")
h26 = [h for h in hits if h["id"] == "SL-2021-0005" and h["article"] == "第二十六条"][0]
check(any(c["type"] == "amount" and c["source"] == "二千元以上一万元以下" and c["target"] == "五千元以上三万元以下"
          for c in h26["conflicts"]), "report similar: C1 amount conflict on the hit: %s" % h26["conflicts"])
h27 = [h for h in hits if h["id"] == "SL-2012-0003" and h["article"] == "第二十七条"][0]
check(h27["conflicts"] == [], "report similar: the 2012 article has the same fine: %s" % h27["conflicts"])
ids = [h["id"] for h in hits]
check(all(ids.index(x) == i or ids[i - 1] == x for i, x in enumerate(ids)), "report similar: hits grouped by document: %s" % ids)
tsvsim = list(csv.DictReader(open(TMP + "/similar.tsv", encoding="utf-8"), delimiter="\t"))
check(len(tsvsim) == len(hits) and "amount: 二千元以上一万元以下 -> 五千元以上三万元以下" in
      [r for r in tsvsim if r["id"] == "SL-2021-0005"][0]["conflicts"], "report similar tsv: conflicts column")
draft = json.load(open(TMP + "/draft.json", encoding="utf-8"))
check(len(draft.get("articles", [])) == 2, "report similar --text-file: two articles")

# ---- POST /api/similar ----
r = post_json("/api/similar", {"id": "SL-2015-0013", "article_index": 9, "limit": 5})
check(len(r["hits"]) <= 5 and r["hits"][0]["url"].startswith("/doc/"), "api similar: limit and url")
for f in ("id", "title", "number", "authority", "level", "status", "region", "published", "effective", "article",
          "article_index", "score", "snippet", "url", "similarity", "conflicts"):
    check(f in r["hits"][0], "api similar: hit field %s" % f)
for c, a, aart, b, bart, typ, aspan, bspan in PLANTED:
    # the lower rule's article as the source finds the higher one with the conflict
    doc = get_json("/api/doc/" + b)
    idx = [x["index"] for x in doc["articles"] if x["label"] == bart][0]
    res = post_json("/api/similar", {"id": b, "article_index": idx})
    hit = [h for h in res["hits"] if h["id"] == a and h["article"] == aart]
    if check(hit, "api similar %s: %s %s not among the hits of %s %s" % (c, a, aart, b, bart)):
        cs = [x for x in hit[0]["conflicts"] if x["type"] == typ]
        check(any(x["source"] == bspan and x["target"] == aspan for x in cs),
              "api similar %s: %s conflict %s -> %s, got %s" % (c, typ, bspan, aspan, cs))
        check(any(x["type"] == "level" for x in hit[0]["conflicts"]), "api similar %s: level finding" % c)
one = post_json("/api/similar", {"text": "物业服务合同终止的，原物业服务企业应当在三十日内退出物业管理区域。"})
check("hits" in one and "articles" not in one, "api similar text: one article answers hits")
hit = [h for h in one["hits"] if h["id"] == "SL-2018-0010" and h["article"] == "第十七条"]
check(hit and any(x["type"] == "time" and x["source"] == "三十日内" and x["target"] == "十五日内" for x in hit[0]["conflicts"]),
      "api similar text: C2 found from a pasted article")
many = post_json("/api/similar", {"text": open(TMP + "/draft.txt", encoding="utf-8").read(), "level": "地方政府规章"})
check([a["label"] for a in many.get("articles", [])] == ["第一条", "第二条"], "api similar text: articles split")
if len(many.get("articles", [])) == 2:
    h = [x for x in many["articles"][1]["hits"] if x["id"] == "SL-2014-0011" and x["article"] == "第十三条"]
    check(h and any(x["type"] == "modality" and x["source"] == "应当投保食品安全责任保险" for x in h[0]["conflicts"]),
          "api similar text: C3 from the second draft article")
post_json("/api/similar", {"id": "NO-SUCH", "article_index": 0}, want=404)
post_json("/api/similar", {"text": ""}, want=400)
post_json("/api/similar", {"text": "x", "id": "y"}, want=400)
post_json("/api/similar", {"text": "罚款", "limit": 0}, want=400)
st, h, body = http("/api/similar", b"{not json", "application/json")
check(st == 400 and b"error" in body, "api similar: bad JSON is 400")
# a body over the limit: curl, which reads the early 413 instead of failing on the closed upload
with open(TMP + "/big", "wb") as f:
    f.write(b"x" * (2 * 1024 * 1024))
p = subprocess.run(["curl", "--max-time", "10", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                    "Content-Type: application/json", "--data-binary", "@" + TMP + "/big", BASE + "/api/similar"],
                   capture_output=True)
check(p.stdout == b"413", "api similar: body over 1 MiB is 413 (%s)" % p.stdout)

# ---- /draft ----
st, h, body = http("/draft")
page = body.decode()
check(st == 200 and "<textarea" in page and 'method="post"' in page and "<script" not in page, "draft page: form")
form = urllib.parse.urlencode({"text": open(TMP + "/draft.txt", encoding="utf-8").read(), "level": "地方政府规章"}).encode()
st, h, body = http("/draft", form, "application/x-www-form-urlencoded")
page = body.decode()
check(st == 200, "draft post: status %d" % st)
for span in ("三十日内", "十五日内", "应当投保食品安全责任保险", "可以投保食品安全责任保险"):
    check('<mark class="diff">%s</mark>' % span in page, "draft page: span %s marked" % span)
check("/doc/SL-2018-0010#a" in page and "相似度" in page, "draft page: links to the matches")
st, h, body = http("/draft", b"text=%ZZ", "application/x-www-form-urlencoded")
check(st == 400, "draft page: bad form is 400")

# ---- versions, comparison ----
doc = get_json("/api/doc/SL-2021-0005")
check([v["id"] for v in doc.get("versions", [])] == ["SL-2012-0003", "SL-2021-0005"], "api doc: versions of 供水条例")
doc = get_json("/api/doc/SL-2023-0019")
check([v["id"] for v in doc.get("versions", [])] == ["SL-2010-0017", "SL-2016-0018", "SL-2023-0019"],
      "api doc: versions across the rename: %s" % [v["id"] for v in doc.get("versions", [])])
check(set(doc["versions"][0]) >= {"id", "title", "published", "effective", "status"}, "api doc: version fields")
cmp = get_json("/api/compare?a=SL-2012-0003&b=SL-2021-0005")
rows = cmp["rows"]
def row(a_label=None, b_label=None):
    for r in rows:
        if (a_label is None or r["a_label"] == a_label) and (b_label is None or r["b_label"] == b_label):
            return r
check(cmp["a"]["id"] == "SL-2012-0003" and cmp["b"]["id"] == "SL-2021-0005", "compare: sides")
r = row(b_label="第十二条之一")
check(r and r["change"] == "added" and r["a_label"] == "", "compare: 第十二条之一 added")
r = row(a_label="第二十条")
check(r and r["change"] == "deleted" and "接水工程费" in r["a_text"] and r["b_label"] == "", "compare: 第二十条 deleted")
r = row(a_label="第二十七条")
if check(r and r["change"] == "modified" and r["b_label"] == "第二十六条", "compare: 第二十七条 -> 第二十六条 modified: %s" % r):
    check("二千元以上一万元以下" in r["a_text"] and "五千元以上三万元以下" in r["b_text"], "compare: the changed fine")
    a_changed = "".join(r["a_text"].encode()[s:e].decode() for s, e in r["a_changed"])
    b_changed = "".join(r["b_text"].encode()[s:e].decode() for s, e in r["b_changed"])
    check(a_changed == "二千一万" and b_changed == "五千三万", "compare: fine spans (whole numbers) %r / %r" % (a_changed, b_changed))
r = row(a_label="第十一条")
check(r and r["change"] == "modified" and r["b_label"] == "第十一条", "compare: 第十一条 modified")
r = row(a_label="第二十一条")
check(r and r["change"] == "renumbered" and r["b_label"] == "第二十条", "compare: 第二十一条 -> 第二十条 renumbered")
check(cmp["summary"]["added"] == 1 and cmp["summary"]["deleted"] == 1, "compare: one added, one deleted: %s" % cmp["summary"])
rep = json.load(open(TMP + "/compare.json", encoding="utf-8"))
check(rep["rows"] == rows, "report compare json equals /api/compare")
crow = list(csv.DictReader(open(TMP + "/compare.csv", encoding="utf-8", newline="")))
check(len(crow) == len(rows) and {"change", "a_label", "b_label"} <= set(crow[0]), "report compare csv")
get_json("/api/compare?a=SL-2012-0003&b=NO-SUCH", want=404)
get_json("/api/compare?a=SL-2012-0003", want=400)
st, h, body = http("/compare?a=SL-2012-0003&b=SL-2021-0005")
page = body.decode()
check(st == 200 and 'class="change-added"' in page and 'class="change-deleted"' in page, "compare page: rows")
check("<del>二千</del>" in page and "<ins>五千</ins>" in page, "compare page: changed spans marked")
st, h, body = http("/doc/SL-2021-0005")
check("/compare?a=SL-2012-0003&amp;b=SL-2021-0005" in body.decode(), "doc page: link to the comparison")

# ---- asof ----
def asof_hits(q, asof):
    r = get_json("/api/search?" + urllib.parse.urlencode({"q": q, "asof": asof, "limit": 50}))
    return [(h["id"], h["article"]) for h in r["hits"]]
old = asof_hits("接管取水", "2015-01-01")
check(("SL-2012-0003", "第二十七条") in old and not any(i == "SL-2021-0005" for i, _ in old),
      "asof 2015-01-01: the 2012 text only: %s" % old)
today = datetime.date.today().isoformat()
new = asof_hits("接管取水", today)
check(("SL-2021-0005", "第二十六条") in new and not any(i == "SL-2012-0003" for i, _ in new),
      "asof today: the 2021 text only: %s" % new)
check(not any(i == "SL-2005-0020" for i, _ in asof_hits("市容", today)), "asof today: the repealed 2005 rule is gone")
check(any(i == "SL-2005-0020" for i, _ in asof_hits("市容", "2010-01-01")), "asof 2010: the 2005 rule in force")
lic = asof_hits("行政许可", "2018-01-01")
check(any(i == "SL-2016-0018" for i, _ in lic) and not any(i in ("SL-2010-0017", "SL-2023-0019") for i, _ in lic),
      "asof 2018: only the 2016 licensing version: %s" % sorted(set(i for i, _ in lic if i.startswith("SL-201") or i.startswith("SL-202"))))

# ---- a status event ----
rc, out, err = ix("event", "--id", "SL-2015-0013", "--status", "已废止", "--date", "2026-11-01", "--note", "被新办法取代")
check(rc == 0, "event: exit %d %s" % (rc, err))
r = get_json("/api/search?" + urllib.parse.urlencode({"q": "接管取水", "status": "已废止"}))
check(any(h["id"] == "SL-2015-0013" for h in r["hits"]), "event: search sees the new status")
r = get_json("/api/search?" + urllib.parse.urlencode({"q": "接管取水", "status": "现行有效"}))
check(not any(h["id"] == "SL-2015-0013" for h in r["hits"]), "event: old status gone from the filter")
doc = get_json("/api/doc/SL-2015-0013")
check(doc["status"] == "已废止" and any("被新办法取代" in e["event"] for e in doc["history"]), "event: document status and history")
check(any(i == "SL-2015-0013" for i, _ in asof_hits("接管取水", "2026-10-01")) and
      not any(i == "SL-2015-0013" for i, _ in asof_hits("接管取水", "2026-11-02")), "event: asof before/after the repeal")
ch = get_json("/api/changes")["changes"]
check(len(ch) == 1 and ch[0]["id"] == "SL-2015-0013" and ch[0]["status"] == "已废止" and ch[0]["previous"] == "现行有效"
      and ch[0]["title"] == "示例省青川市城市供水管理办法" and ch[0]["date"] == "2026-11-01", "changes: %s" % ch)
st, h, body = http("/changes.atom")
check(st == 200 and h.get("Content-Type", "").startswith("application/atom+xml"), "atom: status and type")
feed = ET.fromstring(body)
A = "{http://www.w3.org/2005/Atom}"
entries = feed.findall(A + "entry")
check(len(entries) == 1 and "已废止" in entries[0].find(A + "title").text and feed.find(A + "updated") is not None,
      "atom: one entry")
rc, out, err = ix("report", "changes")
check(rc == 0 and "SL-2015-0013\t示例省青川市城市供水管理办法\t已废止\t现行有效" in out, "report changes: %s" % out)
rc, out, err = ix("event", "--id", "NO-SUCH", "--status", "已废止", "--date", "2026-11-01")
check(rc == 2, "event: unknown id exits 2")
rc, out, err = ix("event", "--id", "SL-2015-0013", "--status", "作废了", "--date", "2026-11-01")
check(rc == 2, "event: unknown status exits 2")
rc, out, err = ix("event", "--id", "SL-2015-0013", "--status", "已废止", "--date", "2026-13-01")
check(rc == 2, "event: bad date exits 2")
# a full rebuild keeps the event
rc, out, err = ix("--rebuild", "-q", "corpus")
check(rc == 0, "rebuild: exit %d %s" % (rc, err))
doc = get_json("/api/doc/SL-2015-0013")
check(doc["status"] == "已废止", "rebuild: the event is applied again")
check(len(get_json("/api/changes")["changes"]) == 1, "rebuild: the change log is kept")
new = asof_hits("接管取水", today)
check(("SL-2021-0005", "第二十六条") in new and not any(i == "SL-2012-0003" for i, _ in new), "rebuild: asof still works")

if failures:
    print("%d failure(s)" % len(failures))
    sys.exit(1)
print("ok")
EOF
