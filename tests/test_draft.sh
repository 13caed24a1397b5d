#!/bin/sh
# test_draft.sh - the draft check against true superior law (issue 14 part 6)
# end to end over corpus/, through fagui-indexer and fagui-searchd: a
# 地方政府规章 draft of 示例省白河市 about dogs (the rules planted for it:
# 示例国动物防疫样本法, 示例国行政处罚样本法, 示例省养犬管理条例 in two versions,
# 示例省青川市养犬管理条例, 示例省白河市犬只登记办法; corpus/README.md "Draft
# check") posted to POST /api/similar and to the /draft page with its level
# and region. Checked: superior law is higher *and* binding on 白河市
# (national laws, 示例省's rules, never 青川市's), superior first, then same
# level and region, then reference; one direction per conflicting pair; no
# hit twice and the versions of one rule collapsed to the one in force; the
# summary counts (可能与上位法抵触 N · 与同级规定不一致 M · 其他地区参考 K)
# equal to the hits; the article on 设定权 of the penalty law shown for every
# article setting a fine (and a 规范性文件 draft setting one refused by it);
# the region resolved along the hierarchy (白河 -> 示例省·白河市); bad levels
# and regions refused with a 400 and a clear message; the page showing the
# draft text once beside its matches; the conflict scan giving no level
# finding between the rules of two cities.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
sample_setup draft curl python3
"$BIN/fagui-indexer" --index "$tmp/index" report conflicts --format json >"$tmp/conflicts.json" ||
	{ echo "FAIL: report conflicts"; exit 1; }

"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 \
	--access-log "$tmp/access.log" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"

python3 - "$port" "$tmp" <<'EOF' || exit 1
import html, json, re, sys, urllib.parse, urllib.request, urllib.error

port, TMP = sys.argv[1], sys.argv[2]
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
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()

def similar(obj, want=200):
    st, h, body = http("/api/similar", json.dumps(obj, ensure_ascii=False).encode(), "application/json")
    check(st == want, "POST /api/similar %s: status %d, want %d: %s" % (obj, st, want, body[:300]))
    check(h.get("Content-Type", "").startswith("application/json"), "POST /api/similar: JSON content type")
    return json.loads(body)

DRAFT = """第一条 为了规范本市养犬行为，保障市民人身安全，结合本市实际，制定本办法。
第二条 饲养人应当自取得犬只之日起三十日内办理犬只登记。
第三条 饲养人未按规定为犬只接种狂犬病疫苗的，由农业农村主管部门责令限期改正；逾期不改正的，处五百元以上一千元以下罚款。
第四条 携犬只出户未用牵引绳牵领的，由公安机关责令改正；拒不改正的，处五十元以上二百元以下罚款。
第五条 遛犬未即时清除犬粪的，由城市管理部门责令改正，对个人处五十元以上二百元以下罚款；对单位处一千元以上五千元以下罚款。
"""
ORDER = {"superior": 0, "same_level": 1, "reference": 2}

def hit(art, id_, label):
    h = [x for x in art["hits"] if x["id"] == id_ and x["article"] == label]
    return h[0] if h else None

def levels(h):
    return [c for c in h["conflicts"] if c["type"] == "level"]

def check_shape(r, name):
    """Order by relation, no hit twice, versions collapsed, the summary equal to the hits."""
    n = {"superior": 0, "superior_conflicts": 0, "same_level": 0, "same_level_conflicts": 0, "reference": 0,
         "unclassified": 0}
    for a in r["articles"]:
        rel = [ORDER.get(h["relation"], 9) for h in a["hits"]]
        check(rel == sorted(rel), "%s %s: relations out of order: %s" % (name, a["label"], [h["relation"] for h in a["hits"]]))
        keys = [(h["id"], h["article_index"]) for h in a["hits"]]
        check(len(keys) == len(set(keys)), "%s %s: a hit listed twice: %s" % (name, a["label"], keys))
        check("SL-2016-0052" not in [h["id"] for h in a["hits"]],
              "%s %s: the 2016 version of 示例省养犬管理条例 not collapsed" % (name, a["label"]))
        for h in a["hits"]:
            if h["relation"] == "superior":
                check(h["status"] in ("现行有效", "尚未生效"), "%s: superior law not in force: %s" % (name, h["id"]))
                check(h["region"] in ("全国", "示例省") or h["region"].startswith("示例省白河") or h["title"].startswith("白河市"),
                      "%s %s: superior law of another region: %s %s" % (name, a["label"], h["title"], h["region"]))
            if h["relation"] != "superior":
                check(not levels(h) or h["relation_note"] in ("下位规定", "下级地区的规定"),
                      "%s %s: %s (%s) is no superior law but has a level finding: %s" %
                      (name, a["label"], h["title"], h["relation_note"], levels(h)))
            notes = " ".join(c["note"] for c in levels(h))
            check(not ("更严格" in notes and "更宽松" in notes), "%s: %s reported both ways: %s" % (name, h["title"], notes))
            check(len(levels(h)) <= 1, "%s: %s has %d level findings" % (name, h["title"], len(levels(h))))
            k = h["relation"] or "unclassified"
            n[k] += 1
            if k in ("superior", "same_level") and h["conflicts"]:
                n[k + "_conflicts"] += 1
    check(r["summary"] == n, "%s: summary %s, counted %s" % (name, r["summary"], n))
    return n

# ---- a 地方政府规章 of 白河市 ----
r = similar({"text": DRAFT, "level": "地方政府规章", "region": "白河", "limit": 5})
check(r["draft"] == {"level": "地方政府规章", "region": "白河", "place": "示例省·白河市"}, "draft place: %s" % r["draft"])
check([a["label"] for a in r["articles"]] == ["第一条", "第二条", "第三条", "第四条", "第五条"], "five articles")
n = check_shape(r, "白河 draft")
check(n["superior_conflicts"] >= 3 and n["same_level_conflicts"] >= 1 and n["reference"] >= 1, "summary: %s" % n)
A = {a["label"]: a for a in r["articles"]}
# 第三条: the national law first, a looser fine, one level finding
h = A["第三条"]["hits"][0]
check(h["id"] == "SL-2020-0050" and h["article"] == "第五条" and h["relation"] == "superior",
      "第三条: 示例国动物防疫样本法 第五条 first: %s %s" % (h["id"], h["article"]))
check(any(c["type"] == "amount" and c["source"] == "五百元以上一千元以下" and c["target"] == "一千元以上五千元以下"
          for c in h["conflicts"]) and len(levels(h)) == 1 and "更宽松" in levels(h)[0]["note"],
      "第三条: the fine below the national law's: %s" % h["conflicts"])
# 第四条: the province's rule in force is superior; 青川市's rule is reference, never superior law
h = hit(A["第四条"], "SL-2023-0053", "第七条")
check(h and h["relation"] == "superior" and h["relation_note"] == "上位法" and len(levels(h)) == 1 and
      "地方政府规章）比上位法（地方性法规）更宽松" in levels(h)[0]["note"], "第四条: 示例省养犬管理条例 第七条: %s" % h)
q = hit(A["第四条"], "SL-2021-0054", "第四条")
check(q and q["relation"] == "reference" and q["relation_note"] == "其他地区" and not levels(q) and
      all("上位法" not in c["note"] for c in q["conflicts"]), "第四条: 青川市's rule is reference: %s" % q)
pw = hit(A["第四条"], "SL-2021-0051", "第四条")
check(pw and pw["relation"] == "superior" and pw["relation_note"] == "上位法（设定权）",
      "第四条: the penalty law's article on 地方政府规章 (设定权): %s" % pw)
check(hit(A["第一条"], "SL-2021-0051", "第四条") is None and hit(A["第二条"], "SL-2021-0051", "第四条") is None,
      "设定权 only for articles setting a penalty")
# 第五条: fines for individuals and units against one fine: one pair, one direction
h = hit(A["第五条"], "SL-2023-0053", "第八条")
check(h and [(c["source"], c["target"]) for c in h["conflicts"] if c["type"] == "amount"] ==
      [("五十元以上二百元以下", "二百元以上五百元以下")] and len(levels(h)) == 1 and "更宽松" in levels(h)[0]["note"],
      "第五条: the fine for individuals paired, one direction: %s" % (h and h["conflicts"]))
# 第二条: the same-level rule of 白河市
h = hit(A["第二条"], "SL-2022-0055", "第四条")
check(h and h["relation"] == "same_level" and not levels(h) and
      any(c["type"] == "time" and c["source"] == "三十日内" and c["target"] == "十五日内" for c in h["conflicts"]),
      "第二条: 白河市犬只登记办法 第四条 same level, 十五日内: %s" % h)
sup = [x["relation"] for x in A["第二条"]["hits"]]
check(sup.index("same_level") > sup.index("superior"), "第二条: superior before same level: %s" % sup)

# the region as written: 示例省白河市 and 白河市 mean the same
r2 = similar({"text": DRAFT, "level": "地方政府规章", "region": "示例省白河市", "limit": 5})
check(r2["draft"]["place"] == "示例省·白河市" and r2["summary"] == r["summary"], "示例省白河市 = 白河: %s" % r2["summary"])
# a province's draft: 示例省's rules of the same level are same level, the cities' rules below it
r3 = similar({"text": DRAFT, "level": "地方性法规", "region": "示例省", "limit": 5})
check(r3["draft"]["place"] == "示例省", "province place: %s" % r3["draft"])
check_shape(r3, "示例省 draft")
h = hit({"hits": [x for a in r3["articles"] for x in a["hits"]]}, "SL-2023-0053", "第七条")
check(h and h["relation"] == "same_level", "province draft: 示例省养犬管理条例 is same level: %s" % (h and h["relation"]))
q = [x for a in r3["articles"] for x in a["hits"] if x["id"] == "SL-2021-0054"]
check(q and all(x["relation"] == "reference" and x["relation_note"] == "下级地区的规定" for x in q),
      "province draft: 青川市's 地方性法规 is below it: %s" % [(x["relation"], x["relation_note"]) for x in q])
# a level without region: only national rules can be superior law
r4 = similar({"text": DRAFT, "level": "地方政府规章", "limit": 5})
check(r4["draft"]["place"] == "", "no region: %s" % r4["draft"])
sups = [x for a in r4["articles"] for x in a["hits"] if x["relation"] == "superior"]
check(sups and all(x["region"] == "全国" for x in sups), "no region: local superior law: %s" % [x["title"] for x in sups])
# no level: nothing classified
r5 = similar({"text": DRAFT, "limit": 5})
check(all(x["relation"] == "" for a in r5["articles"] for x in a["hits"]) and
      r5["summary"]["unclassified"] == sum(len(a["hits"]) for a in r5["articles"]), "no level: unclassified")
check("SL-2016-0052" not in json.dumps(r5), "no level: versions still collapse")
# one article answers "source" and "hits", with the draft and the summary
one = similar({"text": "携犬只出户未用牵引绳牵领的，由公安机关责令改正；拒不改正的，处五十元以上二百元以下罚款。",
               "level": "地方政府规章", "region": "白河市"})
check("hits" in one and "summary" in one and one["hits"] and one["hits"][0]["relation"] == "superior",
      "one article: %s" % {k: one.get(k) for k in ("summary", "draft")})
# a 规范性文件 may set no fine at all (设定权)
nf = similar({"text": "第一条 携犬只出户未用牵引绳牵领的，由公安机关处五十元罚款。", "level": "规范性文件", "region": "白河市"})
p = [x for x in nf["hits"] if x["id"] == "SL-2021-0051" and x["article"] == "第五条"]
check(p and p[0]["relation"] == "superior" and any(c["type"] == "power" and c["source"] == "罚款" and
      "不得设定行政处罚" in c["note"] for c in p[0]["conflicts"]), "规范性文件 setting a fine: %s" % p)
check(nf["summary"]["superior_conflicts"] >= 1, "规范性文件: counted as a possible conflict")
# an indexed article as the source: relations too, same order as before
art = similar({"id": "SL-2015-0013", "article_index": 9})
h = [x for x in art["hits"] if x["id"] == "SL-2021-0005" and x["article"] == "第二十六条"]
check(h and h[0]["relation"] == "superior", "article source: the province's 供水条例 is superior law of 青川市's rule")
check("summary" not in art and "draft" not in art, "article source: no draft summary")

# ---- bad values ----
for body, words in (({"text": DRAFT, "level": "省级法规"}, "level"),
                    ({"text": DRAFT, "region": "白河市"}, "效力级别"),
                    ({"text": DRAFT, "level": "地方政府规章", "region": "火星省"}, "索引中没有地区"),
                    ({"text": DRAFT, "level": "地方政府规章", "region": "white river"}, "不是地名"),
                    ({"text": DRAFT, "level": "地方政府规章", "region": 5}, "region"),
                    ({"text": DRAFT, "level": "法律", "region": "白河市"}, "全国性"),
                    ({"text": DRAFT, "level": "地方性法规", "region": "全国"}, "不能是“全国”"),
                    ({"id": "SL-2015-0013", "article_index": 9, "region": "白河市"}, "text")):
    e = similar(body, want=400)
    check(words in e.get("error", ""), "400 for %s: %s" % (body, e))

# ---- the /draft page ----
st, h, body = http("/draft")
page = body.decode()
check(st == 200 and 'name="level"' in page and 'name="region"' in page and 'list="places"' in page and
      '<option value="示例省">' in page and '<option value="白河市">' in page and "<script" not in page,
      "draft page: form with level, region and the places of the index")
form = urllib.parse.urlencode({"text": DRAFT, "level": "地方政府规章", "region": "白河"}).encode()
st, h, body = http("/draft", form, "application/x-www-form-urlencoded")
page = body.decode()
check(st == 200, "draft post: status %d" % st)
s = r["summary"]
m = re.search(r'<p class="counts">(.*?)</p>', page)
nums = tuple(map(int, re.findall(r"<b>(\d+)</b>", m.group(1)))) if m else ()
shown = (page.count('class="match rel-superior has-conflict"'), page.count('class="match rel-same_level has-conflict"'),
         page.count('class="match rel-reference'))
check(m and "可能与上位法抵触" in m.group(1) and "与同级规定不一致" in m.group(1) and "其他地区参考" in m.group(1) and
      nums == shown and nums[0] >= 3 and nums[1] >= 1, "draft page: summary %s, matches shown %s" % (nums, shown))
check(page.index('class="draft-summary"') < page.index('id="citecheck"') < page.index('id="d0"'),
      "draft page: the summary at the top, then citations, then the articles")
check("示例省·白河市" in page, "draft page: the place shown")
sections = re.findall(r'<section class="draft-article" id="d\d+">(.*?)</section>', page, re.S)
check(len(sections) == 5, "draft page: five articles (%d)" % len(sections))
for line, sec in zip(DRAFT.splitlines(), sections):
    sides = re.findall(r'<div class="side draft-side">.*?<div class="text">(.*?)</div>', sec, re.S)
    text = re.sub(r"<[^>]+>", "", sides[0]) if sides else ""
    check(len(sides) == 1 and html.unescape(text) == line, "draft page: the draft text once: %s" % line[:12])
    heads = re.findall(r'<h3 class="rel rel-(\w+)">', sec)
    check([ORDER[x] for x in heads] == sorted(ORDER[x] for x in heads) and len(heads) == len(set(heads)),
          "draft page: groups in order: %s" % heads)
check('<h3 class="rel rel-superior">上位法' in sections[3] and "/doc/SL-2023-0053#a" in sections[3] and
      'rel-note">其他地区' in sections[3], "draft page: 第四条 superior law and reference")
check("SL-2016-0052" not in page, "draft page: versions collapsed")
check('<mark class="diff">五十元以上二百元以下</mark>' in sections[3] and 'class="match rel-superior has-conflict"' in sections[3],
      "draft page: the conflicting spans marked")
form = urllib.parse.urlencode({"text": DRAFT, "level": "地方政府规章", "region": "火星省"}).encode()
st, h, body = http("/draft", form, "application/x-www-form-urlencoded")
check(st == 400 and "索引中没有地区“火星省”" in body.decode() and "<textarea" in body.decode(),
      "draft page: unknown region is a 400 with the message and the form")

# ---- the conflict scan: no level finding between two cities' rules ----
rows = json.load(open(TMP + "/conflicts.json", encoding="utf-8"))["conflicts"]
pair = [x for x in rows if {x["a_id"], x["b_id"]} == {"SL-2021-0054", "SL-2022-0055"}]
check(pair and not [x for x in pair if x["type"] == "level"], "scan: 青川市 and 白河市 rules compared without a level finding: %s" %
      [(x["type"], x["note"]) for x in pair])
lv = [x for x in rows if {x["a_id"], x["b_id"]} == {"SL-2023-0053", "SL-2021-0054"} and x["type"] == "level"]
check(lv and lv[0]["a_id"] == "SL-2023-0053", "scan: the province's rule over 青川市's, superior first: %s" % lv)

if failures:
    print("%d failure(s)" % len(failures))
    sys.exit(1)
print("ok")
EOF
