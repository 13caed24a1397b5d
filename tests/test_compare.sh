#!/bin/sh
# test_compare.sh - the 新旧对照 through the real programs over corpus/:
# /api/compare (its fields kept; warnings for one document twice, two rules
# and reversed versions; the 只看变化 view; Chinese errors, with the rule's
# versions when only one id is given), the /compare page (只看变化 by
# default when most articles are unchanged, the 全部条文 toggle, the
# version <select>s reached from one id, a name or a pair, the stacked
# phone layout's class and CSS, changes marked as words and phrases), the
# indexer's `report compare`, then headless Chromium (tests/browser/
# compare.test.js: choosing versions with the form, the toggle, no
# horizontal scrolling and old over new at 375 px, no table cell under two
# characters; screenshots in tests/out/), skipped without chromium, node or
# playwright-core.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
sample_setup compare curl python3
"$BIN/fagui-indexer" --index "$tmp/index" report compare --a SL-2021-0005 --b SL-2012-0003 --format json \
	>"$tmp/report.json" || { echo "FAIL: report compare"; exit 1; }
"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"

python3 - "$port" "$tmp" <<'EOF' || exit 1
import json, re, sys, urllib.error, urllib.parse, urllib.request

port, TMP = sys.argv[1], sys.argv[2]
BASE = "http://127.0.0.1:%s" % port
failures = []

def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)
    return cond

def http(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=20) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()

def get_json(path, want=200):
    st, body = http(path)
    check(st == want, "%s: status %d, want %d" % (path, st, want))
    return json.loads(body)

def q(**kw):
    return urllib.parse.urlencode(kw)

HAN = re.compile("[\u4e00-\u9fff]")

def pieces(text, spans):
    b = text.encode()
    return [b[s:e].decode() for s, e in spans]

# ---- /api/compare: the fields it had, and the new ones ----
OLD, NEW = "SL-2012-0003", "SL-2021-0005"
c = get_json("/api/compare?" + q(a=OLD, b=NEW))
check({"a", "b", "rows", "summary"} <= set(c) and {"warnings", "view", "versions"} <= set(c), "api: fields %s" % sorted(c))
check(set(c["a"]) >= {"id", "title", "level", "status", "published", "effective"}, "api: side fields")
ROW = {"a_label", "a_text", "b_label", "b_text", "change", "a_index", "b_index", "similarity", "a_changed", "b_changed"}
check(all(set(r) >= ROW for r in c["rows"]), "api: row fields")
check(set(c["summary"]) == {"same", "modified", "added", "deleted", "renumbered"}, "api: summary %s" % c["summary"])
check(c["warnings"] == [] and c["view"] == "all" and "omitted" not in c, "api: two versions in order, no warning, all rows")
check(len(c["rows"]) == sum(c["summary"].values()) == 31, "api: 31 rows: %s" % c["summary"])
check([v["id"] for v in c["versions"]] == [OLD, NEW] and set(c["versions"][0]) >= {"id", "title", "effective", "status"},
      "api: versions of the rule %s" % c["versions"])

# words and phrases, not characters
rows = {r["a_label"] or r["b_label"]: r for r in c["rows"]}
r = rows["第二十七条"]
check(pieces(r["a_text"], r["a_changed"]) == ["二千", "一万"] and pieces(r["b_text"], r["b_changed"]) == ["五千", "三万"],
      "api: numbers whole: %s / %s" % (pieces(r["a_text"], r["a_changed"]), pieces(r["b_text"], r["b_changed"])))
r = rows["第四条"]
check(pieces(r["a_text"], r["a_changed"]) == ["建设行政", "环境保护", "价格"], "api: 第四条 old %s" % pieces(r["a_text"], r["a_changed"]))
check(pieces(r["b_text"], r["b_changed"]) == ["住房和城乡建设", "健康", "生态环境", "发展改革"],
      "api: 第四条 new %s" % pieces(r["b_text"], r["b_changed"]))
r = rows["第三条"]
check(pieces(r["b_text"], r["b_changed"]) == ["节约用水的具体管理，依照《示例省节约用水条例》执行。"],
      "api: a sentence added whole: %s" % pieces(r["b_text"], r["b_changed"]))
singles = [(r["a_label"], p) for r in c["rows"] for p in pieces(r["a_text"], r["a_changed"]) + pieces(r["b_text"], r["b_changed"])
           if len(p) == 1 and HAN.match(p) and p not in "一二三四五六七八九十"]
check(not singles, "api: no lone Han character marked: %s" % singles)

# the 只看变化 view
v = get_json("/api/compare?" + q(a=OLD, b=NEW, view="changes"))
check(v["view"] == "changes" and all(r["change"] in ("modified", "added", "deleted") for r in v["rows"]), "api: changes view rows")
check(len(v["rows"]) + v["omitted"] == len(c["rows"]) and v["omitted"] == c["summary"]["same"] + c["summary"]["renumbered"],
      "api: changes view omits the unchanged texts: %d + %d" % (len(v["rows"]), v["omitted"]))
check(v["summary"] == c["summary"], "api: changes view keeps the whole summary")
check(v["rows"] == [r for r in c["rows"] if r["change"] in ("modified", "added", "deleted")], "api: changes view rows equal")

# warnings
def codes(path):
    j = get_json(path)
    return [w["code"] for w in j["warnings"]], j
w, j = codes("/api/compare?" + q(a=NEW, b=OLD))
check(w == ["reversed"] and HAN.search(j["warnings"][0]["message"]) and "交换" in j["warnings"][0]["message"],
      "api: reversed versions warned: %s" % j["warnings"])
w, j = codes("/api/compare?" + q(a=OLD, b="SL-2016-0018"))
check(w == ["different_rules"] and "示例省城市供水条例" in j["warnings"][0]["message"], "api: two rules warned: %s" % j["warnings"])
w, j = codes("/api/compare?" + q(a=OLD, b=OLD))
check(w == ["same_document"], "api: one document twice warned: %s" % w)
w, j = codes("/api/compare?" + q(a="SL-2010-0017", b="SL-2023-0019"))
check(w == [], "api: renamed versions of one rule are not two rules: %s" % w)
rep = json.load(open(TMP + "/report.json", encoding="utf-8"))
check([x["code"] for x in rep.get("warnings", [])] == ["reversed"], "report compare: the warning too: %s" % rep.get("warnings"))

# errors: Chinese, with what to do next
def error(path, want):
    j = get_json(path, want)
    check("error" in j and HAN.search(j["error"]) and not re.search("give|document id|no document", j["error"]),
          "%s: Chinese error %r" % (path, j.get("error")))
    return j
j = error("/api/compare?" + q(a=OLD), 400)
check("/api/compare?a=" in j["error"] and [x["id"] for x in j.get("versions", [])] == [OLD, NEW], "api: one id: the versions to choose from")
error("/api/compare?" + q(id="SL-2023-0019"), 400)
error("/api/compare", 400)
j = error("/api/compare?" + q(a=OLD, b="NO-SUCH"), 404)
check("NO-SUCH" in j["error"], "api: the unknown id named")
j = error("/api/compare?" + q(a="NO-SUCH", b=NEW), 404)
check("NO-SUCH" in j["error"], "api: the unknown old id named")
error("/api/compare?" + q(a=OLD, b=NEW, view="some"), 400)
error("/api/compare?" + q(a="x" * 200, b=NEW), 400)

# ---- the /compare page ----
st, p = http("/compare?" + q(a=OLD, b=NEW))
check(st == 200 and "<script" not in p, "page: 200, no script")
check('<strong aria-current="page">只看变化' in p, "page: 只看变化 by default (most articles unchanged)")
check('class="change-same"' not in p and p.count('<tr class="gap">') >= 3, "page: unchanged articles folded")
check('href="/compare?a=SL-2012-0003&amp;b=SL-2021-0005&amp;view=all">全部条文（31 条）' in p, "page: link to 全部条文")
check('<table class="compare compare-stack">' in p and 'data-side="旧"' in p and 'data-side="新"' in p, "page: the stacking table")
check('<select name="a">' in p and '<option value="SL-2012-0003" selected>' in p and
      re.search(r'<select name="b">.*<option value="SL-2021-0005" selected>', p), "page: version selects with the pair chosen")
check('<form class="compare" method="get" action="/compare">' in p and 'name="name"' in p, "page: ids and name still accepted")
for mark in ("<del>二千</del>", "<ins>五千</ins>", "<del>建设行政</del>", "<ins>住房和城乡建设</ins>", "<ins>生态环境</ins>"):
    check(mark in p, "page: %s" % mark)
check(not re.search(r"<(del|ins)>[\u4e00-\u9fff]</\1>(?=[\u4e00-\u9fff])", p.replace("<del>二</del>", "").replace("<ins>一</ins>", "")),
      "page: no lone character marked in a word")
st, p = http("/compare?" + q(a=OLD, b=NEW, view="all"))
check('<strong aria-current="page">全部条文' in p and 'class="change-same"' in p and '<tr class="gap">' not in p, "page: 全部条文")
check('view=changes">只看变化' in p, "page: link back to 只看变化")
st, p = http("/compare?" + q(a="SL-2016-0018", b="SL-2023-0019"))
check('<strong aria-current="page">全部条文' in p, "page: 全部条文 by default when most articles changed")
st, p = http("/compare?" + q(a=NEW, b=OLD))
check('data-code="reversed"' in p and 'href="/compare?a=SL-2012-0003&amp;b=SL-2021-0005">交换两边' in p, "page: reversed warned, swap link")
st, p = http("/compare?" + q(a=OLD, b="SL-2016-0018"))
check(st == 200 and 'data-code="different_rules"' in p and 'href="/compare?id=SL-2016-0018"' in p, "page: two rules warned")

# choosing: one id, only a, only b, a name
st, p = http("/compare?" + q(id=NEW))
check(st == 200 and '<option value="SL-2012-0003" selected>' in p and '<table' not in p, "page: ?id= offers the pair before it")
check(re.search(r'<select name="b">.*<option value="SL-2021-0005" selected>', p, re.S), "page: ?id= selects it as new")
st, p = http("/compare?" + q(a="SL-2010-0017"))
check(re.search(r'<select name="b">.*<option value="SL-2016-0018" selected>', p, re.S), "page: only a: the next version as new")
st, p = http("/compare?" + q(b="SL-2023-0019"))
check(re.search(r'<select name="a">.*<option value="SL-2016-0018" selected>', p, re.S) and p.count("<option") == 6,
      "page: only b: three versions, the one before as old")
st, p = http("/compare?" + q(name="城市供水条例"))
check(st == 200 and '<option value="SL-2012-0003" selected>' in p, "page: a rule's name gives its versions")
st, p = http("/compare?" + q(name="没有这样的法规名称"))
check(st == 200 and "没有找到" in p and 'value="没有这样的法规名称"' in p, "page: unknown name, kept in the box")
st, p = http("/compare?" + q(id="SL-2015-0013"))
check(st == 200 and "只有这一个版本" in p, "page: a rule with one version")
st, p = http("/compare?" + q(a="NO-SUCH", b=NEW))
check(st == 404 and "找不到编号为“NO-SUCH”的文件" in p and 'value="NO-SUCH"' in p, "page: unknown id, Chinese, kept")
st, p = http("/compare?" + q(a=OLD, b=NEW, view="x"))
check(st == 400 and "view" in p and HAN.search(p), "page: bad view")
st, p = http("/compare")
check(st == 200 and 'name="name"' in p and 'name="a"' in p and "<table" not in p, "page: the empty form")

# the phone layout: old over new below 40em
st, css = http("/static/tools.css")
m = re.search(r"@media \(max-width: 40em\) \{(.*?)\n\}", css, re.S)
check(st == 200 and m and "table.compare-stack" in m.group(1) and "display: block" in m.group(1), "css: stacked below 40em")

if failures:
    print("%d compare checks failed" % len(failures))
    sys.exit(1)
print("compare: all checks passed")
EOF

# ---- headless Chromium: the page as a person uses it ----
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null 2>&1 || [ ! -d tests/browser/node_modules/playwright-core ]; then
	echo "compare: browser part skipped (needs /usr/bin/chromium, node and tests/browser/node_modules/playwright-core)"
	exit 0
fi
mkdir -p tests/out "$tmp/profile"
timeout 120 node tests/browser/compare.test.js "http://127.0.0.1:$port" "$PWD/tests/out" "$tmp/profile" || exit 1
echo "screenshots: tests/out/compare-pick-1280.png tests/out/compare-1280.png tests/out/compare-375.png tests/out/compare-warning-375.png"
