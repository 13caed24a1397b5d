#!/bin/sh
# test_items.sh - documents without articles split into their numbered items
# (issue 13), end to end over corpus/ through the real programs: the units,
# labels and headings fg-parse gives the two planted normative documents
# (SL-2021-0036, GB18030 plain text; SL-2024-0037, Markdown) and the
# metadata read from their text (文号, signature, 有效期); then fg-search and
# fagui-searchd: hits with label, heading and snippet, the search page's
# label, the document pages' anchors, /api/doc, look-up by name + label
# (二（二）4, 二、（二）, 第四项, and a label the document lacks), similar
# provisions, versions and 新旧对照 of a second version planted here, the
# cleanup report's expired finding from a stated 有效期, and the page of a
# plan planted here whose part 一、 says something of its own (a unit, its
# title shown once) and whose part 二、 only names itself with a long 《》
# name (no unit: the heading of its items, shown once).
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
for tool in curl python3; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-items.XXXXXX")
pid=
trap 'test -n "$pid" && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

A=corpus/province/law-enforcement-plan-2021.txt
B=corpus/baihe/service-efficiency-measures-2024.md
"$BIN/fg-parse" --json "$A" "$B" >"$tmp/parse.jsonl" || fail "fg-parse $A $B"

# a second version of SL-2024-0037: item 2 changed, an item inserted after it, the last item deleted
cp -r corpus "$tmp/c"
cat >"$tmp/c/baihe/service-efficiency-measures-2025.md" <<'DOC'
---
title: 示例省白河市关于提升政务服务效能优化营商环境的若干措施
id: SL-2025-0099
level: 规范性文件
status: 现行有效
region: 示例省白河市
published: 2025-10-10
supersedes: SL-2024-0037
---

# 示例省白河市关于提升政务服务效能优化营商环境的若干措施

白政办发[2025]7号

各县（区）人民政府，市人民政府各部门：

为进一步压减办事环节、缩短办理时限，持续优化营商环境，现提出以下措施。

## 一、提升审批效率

### （一）压减办理时限

1. **企业开办一日办结**。企业设立登记、公章刻制、申领发票和员工参保登记在一个工作日内办结，全程免费。

2. **工程建设项目分类审批**。社会投资简易低风险项目从立项到取得施工许可不超过十个工作日。

3. **不动产登记一窗受理**。不动产登记、交易和缴税在一个窗口一次受理，五个工作日内办结。

### （二）推行告知承诺

4. **扩大告知承诺范围**。对申请材料齐全、作出书面承诺的，审批机关当场作出许可决定。对办理食品经营许可的，核发有效期为五年的许可证。

5. **加强承诺事后核查**。审批机关应当在作出决定之日起三十日内进行核查；发现承诺不实的，依法撤销许可决定。

## 二、强化服务保障

### （一）建设帮办代办队伍

6. **设立帮办代办窗口**。市、县（区）政务服务中心设立帮办代办窗口，为企业提供免费帮办代办服务。

7. **建立企业诉求快速响应机制**。企业反映的问题应当在五个工作日内答复；2024年12月1日起，答复情况纳入部门绩效考核。

## 三、组织实施

各县（区）人民政府和市人民政府各部门要制定具体落实方案。本措施自2026年1月1日起施行，有效期至2028年12月31日。

示例省白河市人民政府办公室

2025年10月10日
DOC
# parts with and without text of their own (plain text)
cat >"$tmp/c/baihe/river-opinions.txt" <<'DOC'
示例省白河市关于加强河湖管理保护的意见

各县（区）人民政府，市人民政府各部门：
　　为加强河湖管理保护，提出如下意见。
　　一、总体要求
　　坚持生态优先、绿色发展，以河湖长制为抓手，统筹推进河湖治理。
　　（一）基本原则
　　坚持保护优先，坚持系统治理。
　　（二）主要目标
　　到2027年，全市主要河湖水质稳定达标。
　　二、修改《示例省白河市人民政府关于河道采砂管理若干问题的规定》和《示例省白河市湖泊保护办法》中有关河湖长制的规定
　　1.将第三条修改为：
　　“河湖长负责组织领导相应河湖的管理和保护工作。”
　　2.将第九条修改为：
　　“河湖长应当定期巡查河湖。”
DOC
"$BIN/fagui-indexer" --index "$tmp/index" "$tmp/c" >"$tmp/index.log" 2>&1 || { cat "$tmp/index.log"; fail "indexing"; }
"$BIN/fg-search" --index "$tmp/index" --limit 5 执法音像记录 >"$tmp/search.json" || fail "fg-search 执法音像记录"
TODAY=2026-12-03
"$BIN/fagui-indexer" --index "$tmp/index" report cleanup --today $TODAY --reason expired --format json \
	>"$tmp/expired.json" || fail "report cleanup --reason expired"

"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"

python3 - "$port" "$tmp" <<'PYEOF' || exit 1
import json, sys, urllib.parse, urllib.request, urllib.error

port, TMP = sys.argv[1], sys.argv[2]
BASE = "http://127.0.0.1:%s" % port
failures = []

def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)
    return cond

def get(path, body=None):
    req = urllib.request.Request(BASE + path, data=body, headers={"Content-Type": "application/json"} if body else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")

def get_json(path, body=None):
    st, text = get(path, body)
    check(st == 200, "%s: status %d %s" % (path, st, text[:200]))
    return json.loads(text) if st == 200 else {}

def search(q, **kw):
    return get_json("/api/search?" + urllib.parse.urlencode(dict(q=q, **kw)))

# ---- the parser: units, labels, headings, metadata read from the text ----
docs = {}
for line in open(TMP + "/parse.jsonl", encoding="utf-8"):
    d = json.loads(line)
    docs[d["path"].split("/")[-1]] = d
A, B = docs["law-enforcement-plan-2021.txt"], docs["service-efficiency-measures-2024.md"]
check(A["encoding"] == "GB18030" and A["format"] == "text", "A: GB18030 plain text: %s %s" % (A["encoding"], A["format"]))
labels = [u["label"] for u in A["units"]]
want = ["", "一（一）", "一（二）", "二（一）1", "二（一）2", "二（二）3", "二（二）4", "二（二）5", "二（三）6", "二（三）7",
        "三（一）", "三（二）", "三（三）", ""]
check(labels == want, "A: labels %s" % labels)
kinds = [u["kind"] for u in A["units"]]
check(kinds[0] == "preamble" and kinds[-1] == "appendix" and set(kinds[1:-1]) == {"text"}, "A: kinds %s" % kinds)
u = A["units"][7]
check(u["heading"] == "二、重点任务 / （二）规范执法程序 / 5.落实重大执法决定法制审核制度", "A: heading of 5: %s" % u["heading"])
check("（1）执法主体是否合法" in u["text"] and "未经法制审核" in u["text"], "A: the list after a lead-in stays in item 5")
check(A["units"][10]["heading"] == "三、保障措施 / （一）加强组织领导", "A: run-in title: %s" % A["units"][10]["heading"])
check(A["units"][-1]["text"].startswith("示例省人民政府\n2021年3月15日"), "A: the signature is the appendix")
m = A["meta"]
check((m["number"], m["authority"], m["published"], m["effective"], m["expires"]) ==
      ("示政发〔2021〕6号", "示例省人民政府", "2021-03-15", "2021-03-15", "2026-03-14"), "A: metadata from the text %s" % m)
labels = [u["label"] for u in B["units"]]
check(labels == ["", "一（一）1", "一（一）2", "一（二）3", "一（二）4", "二（一）5", "二（一）6", "二（二）7", "三", ""],
      "B: labels %s" % labels)
check(B["units"][3]["heading"] == "一、提升审批效率 / （二）推行告知承诺 / 3. 扩大告知承诺范围", "B: heading %s" % B["units"][3]["heading"])
m = B["meta"]
check((m["number"], m["authority"], m["published"], m["effective"], m["expires"]) ==
      ("白政办发[2024]11号", "示例省白河市人民政府办公室", "2024-11-20", "2025-01-01", "2027-12-31"),
      "B: metadata from the text %s" % m)

# ---- hits: label, index, heading, snippet (fg-search and the API agree) ----
fs = json.load(open(TMP + "/search.json", encoding="utf-8"))
for r, where in ((fs, "fg-search"), (search("执法音像记录"), "/api/search")):
    h = r["hits"][0] if r.get("hits") else {}
    check(h.get("id") == "SL-2021-0036" and h.get("article") == "二（二）4" and h.get("article_index") == 6,
          "%s: first hit %s" % (where, {k: h.get(k) for k in ("id", "article", "article_index")}))
    check(h.get("heading") == "二、重点任务 / （二）规范执法程序 / 4.建立执法全过程音像记录制度", "%s: heading %s" % (where, h.get("heading")))
    check("<mark>执法音像记录</mark>" in h.get("snippet", ""), "%s: snippet %s" % (where, h.get("snippet")))
    check(h.get("url") == "/doc/SL-2021-0036#a6", "%s: url %s" % (where, h.get("url")))
st, page = get("/search?" + urllib.parse.urlencode(dict(q="执法音像记录")))
check(st == 200 and '<span class="label">二、（二）4.</span>' in page, "search page: the label as shown")

# ---- document pages: anchors, headings; /api/doc ----
st, page = get("/doc/SL-2021-0036")
check(st == 200 and '<section id="a6" class="unit">\n<p>4.建立执法全过程音像记录制度</p>' in page, "plain text page: anchor a6")
check('<h2 class="heading">二、重点任务</h2>' in page and '<h3 class="heading">（二）规范执法程序</h3>' in page,
      "plain text page: part and section headings")
check(page.count("4.建立执法全过程音像记录制度") == 1, "plain text page: an item's title shown once")
st, page = get("/doc/SL-2024-0037")
check(st == 200 and 'id="a3" class="unit"' in page and page.index('id="a3"') < page.index("扩大告知承诺范围"),
      "markdown page: anchor a3 at the list item")
doc = get_json("/api/doc/SL-2021-0036")
check((doc.get("number"), doc.get("authority"), doc.get("published"), doc.get("effective"), doc.get("expires")) ==
      ("示政发〔2021〕6号", "示例省人民政府", "2021-03-15", "2021-03-15", "2026-03-14"), "/api/doc: metadata")
arts = doc.get("articles", [])
check(len(arts) == 14 and arts[6]["label"] == "二（二）4" and arts[6]["index"] == 6 and
      arts[6]["heading"].endswith("4.建立执法全过程音像记录制度"), "/api/doc: units and labels")

# a part that says something of its own is a unit; one that only names itself heads its items
r = search("河湖长制为抓手")
rid = r["hits"][0]["id"] if r.get("hits") else ""
st, page = get("/doc/" + urllib.parse.quote(rid))
part2 = "二、修改《示例省白河市人民政府关于河道采砂管理若干问题的规定》和《示例省白河市湖泊保护办法》中有关河湖长制的规定"
check(st == 200 and '<section id="a1" class="unit">\n<p>一、总体要求</p>\n<p>坚持生态优先' in page,
      "part with text of its own: a unit, anchored")
check(page.count("一、总体要求") == 1 and page.count(part2) == 1, "parts: each title shown once")
check('<h2 class="heading">%s</h2>\n<section id="a4" class="unit">\n<p>1.将第三条修改为：</p>' % part2 in page,
      "part that only names itself: the heading of its first item")

# ---- look-up by name + label ----
NAME = "示例省人民政府关于推进行政执法规范化建设的实施方案"
for q in (NAME + " 二（二）4", NAME + " 二、（二）4.", NAME + "二(二)4", NAME + " 第四项", NAME + "第4项"):
    r = search(q)
    h = r["hits"][0] if r.get("hits") else {}
    check(h.get("id") == "SL-2021-0036" and h.get("article") == "二（二）4", "look-up %s: %s" % (q, h.get("article")))
    check(r.get("rule", {}).get("id") == "SL-2021-0036", "look-up %s: rule card" % q)
r = search(NAME + " 二、（二）")
check([h["article"] for h in r["hits"][:3]] == ["二（二）3", "二（二）4", "二（二）5"], "look-up of a section: %s" %
      [h["article"] for h in r["hits"][:3]])
r = search(NAME + " 二（九）")
check("没有这一项" in r.get("notice", "") and r["hits"] and r["hits"][0]["id"] == "SL-2021-0036", "missing item: notice")
r = search("示例省城市供水条例 二")
check("notice" not in r, "a rule with articles: no item notice")

# ---- similar provisions, versions and 新旧对照 ----
sim = get_json("/api/similar", json.dumps({"id": "SL-2025-0099", "article_index": 4}).encode())
hits = [(h["id"], h["article"]) for h in sim.get("hits", [])]
check(("SL-2024-0037", "一（二）3") in hits, "similar: the same item of the other version: %s" % hits[:5])
check(sim.get("source", {}).get("article") == "一（二）4", "similar: source label %s" % sim.get("source"))
doc = get_json("/api/doc/SL-2025-0099")
check([v["id"] for v in doc.get("versions", [])] == ["SL-2024-0037", "SL-2025-0099"], "versions %s" % doc.get("versions"))
cmp = get_json("/api/compare?a=SL-2024-0037&b=SL-2025-0099")
rows = {(r["a_label"], r["b_label"]): r["change"] for r in cmp.get("rows", [])}
for pair, change in [(("一（一）1", "一（一）1"), "same"), (("一（一）2", "一（一）2"), "modified"),
                     (("", "一（一）3"), "added"), (("一（二）3", "一（二）4"), "renumbered"),
                     (("二（二）7", ""), "deleted"), (("三", "三"), "modified")]:
    check(rows.get(pair) == change, "compare %s: %s, want %s" % (pair, rows.get(pair), change))

# ---- the cleanup report: expired from the stated 有效期 ----
rep = json.load(open(TMP + "/expired.json", encoding="utf-8"))
f = [f for f in rep["findings"] if f["id"] == "SL-2021-0036" and f["reason"] == "expired"]
check(f and "2026-03-14" in f[0]["note"] and f[0]["action"] == "宣布失效", "cleanup: SL-2021-0036 expired %s" % f)
check(f and f[0]["article"] == "三（三）" and "有效期5年" in f[0]["evidence"], "cleanup: the item that states it %s" % f)
check(not [f for f in rep["findings"] if f["id"] in ("SL-2024-0037", "SL-2025-0099")], "cleanup: running validity flagged")

if failures:
    print("%d failure(s)" % len(failures))
    sys.exit(1)
print("test_items: all checks passed")
PYEOF
