#!/bin/sh
# test_cleanup.sh - citations and the cleanup report (规章和规范性文件清理)
# end to end over corpus/: the indexer's cleanup and citations reports in
# TSV, CSV (Chinese, with a BOM) and JSON, then fagui-searchd's /api/cleanup
# (filters, the region hierarchy, the derived 制定机关, date refusal, CSV
# download, group=rule with counts, actions, sorting and paging), the
# /cleanup page (one row per rule, findings in <details>), stale citations
# split by what changed (renumbered, modified, deleted → 修改; a whole rule
# in a basis clause → 核查; an unchanged article → nothing), /api/doc/{id}
# citations, /api/doc/{id}/cited-by, the cites filter and the citation links
# on document pages. Every planted case of corpus/README.md must be found,
# and documents that must not be flagged must not be.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
for tool in curl python3; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }
[ -x "$BIN/fagui-searchd" ] || { echo "FAIL: $BIN/fagui-searchd is missing"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-cleanup.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Indexed as of 2023-06-01, before the 有效期 of SL-2018-0023 (2023-12-31) and SL-2021-0036 (2026-03-14) ran
# out, as an index updated in place keeps a file's status until the file changes: the report must notice the
# lapse by the calendar (their records say 现行有效, the calendar 失效: expired, 宣布失效). SL-2016-0028 is
# recorded 失效: nothing to do.
FAGUI_TODAY=2023-06-01 "$BIN/fagui-indexer" --index "$tmp/index" corpus >"$tmp/index.log" 2>&1 ||
	{ echo "FAIL: indexing corpus"; cat "$tmp/index.log"; exit 1; }
TODAY=2026-11-27
for f in tsv csv json; do
	"$BIN/fagui-indexer" --index "$tmp/index" report cleanup --today $TODAY --format $f --output "$tmp/cleanup.$f" ||
		{ echo "FAIL: report cleanup --format $f"; exit 1; }
done
"$BIN/fagui-indexer" --index "$tmp/index" report cleanup --today $TODAY --reason expired --level 规范性文件 \
	--format json >"$tmp/expired.json" || { echo "FAIL: report cleanup --reason expired"; exit 1; }
"$BIN/fagui-indexer" --index "$tmp/index" report cleanup --today $TODAY --years 12 --reason not-revised \
	--format json >"$tmp/years12.json" || { echo "FAIL: report cleanup --years 12"; exit 1; }
"$BIN/fagui-indexer" --index "$tmp/index" report cleanup --today $TODAY --validity-years 6 --reason expired \
	--format json >"$tmp/validity6.json" || { echo "FAIL: report cleanup --validity-years 6"; exit 1; }
"$BIN/fagui-indexer" --index "$tmp/index" report cleanup --reason bogus >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: an unknown reason must exit 2"; exit 1; }
"$BIN/fagui-indexer" --index "$tmp/index" report cleanup --today 2024-13-45 >/dev/null 2>"$tmp/baddate.err"
[ $? -eq 2 ] && grep -q "YYYY-MM-DD" "$tmp/baddate.err" || { echo "FAIL: report cleanup --today 2024-13-45 must exit 2"; exit 1; }
"$BIN/fagui-indexer" --index "$tmp/index" report cleanup --today $TODAY --group rule --format json \
	--output "$tmp/rules.json" || { echo "FAIL: report cleanup --group rule"; exit 1; }
"$BIN/fagui-indexer" --index "$tmp/index" report cleanup --today $TODAY --action 废止 --format json \
	--output "$tmp/repeal.json" || { echo "FAIL: report cleanup --action 废止"; exit 1; }
"$BIN/fagui-indexer" --index "$tmp/index" report citations --format json >"$tmp/citations.json" ||
	{ echo "FAIL: report citations"; exit 1; }

"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 \
	--access-log "$tmp/access.log" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"

python3 - "$port" "$tmp" "$TODAY" <<'PYEOF' || exit 1
import csv, io, json, re, sys, urllib.parse, urllib.request, urllib.error

port, TMP, TODAY = sys.argv[1], sys.argv[2], sys.argv[3]
BASE = "http://127.0.0.1:%s" % port
failures = []

def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)
    return cond

def get(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=30) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8")

def q(**kw):
    return urllib.parse.urlencode(kw)

# ---- the indexer report, three formats agree ----
rep = json.load(open(TMP + "/cleanup.json"))
rows_tsv = list(csv.DictReader(open(TMP + "/cleanup.tsv", encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
check(open(TMP + "/cleanup.csv", "rb").read(3) == b"\xef\xbb\xbf", "the CSV report starts with a UTF-8 BOM")
rows_csv = list(csv.DictReader(open(TMP + "/cleanup.csv", encoding="utf-8-sig", newline="")))
F = rep["findings"]
check(len(F) == len(rows_tsv) == len(rows_csv) == rep["total"],
      "report formats disagree: json %d tsv %d csv %d" % (len(F), len(rows_tsv), len(rows_csv)))
check([(r["id"], r["reason"], r["article"]) for r in rows_tsv] == [(f["id"], f["reason"], f["article"]) for f in F],
      "TSV rows differ from JSON findings")
REASON_ZH = {"stale-citation": ("引用已修改的法规", "引用已废止的法规"), "expired": ("已过有效期",),
             "outdated-term": ("使用已撤销机构名称或过时用语",), "not-revised": ("长期未修订",)}
check([(r["统一编号"], r["条文"]) for r in rows_csv] == [(f["id"], f["article"]) for f in F] and
      all(r["原因"] in REASON_ZH[f["reason"]] for r, f in zip(rows_csv, F)), "CSV rows differ from JSON findings")
check(sum(rep["counts"].values()) == len(F), "counts do not add up")
for f in F:
    check(f["reason"] in ("stale-citation", "expired", "outdated-term", "not-revised"), "bad reason %r" % f["reason"])
    check(f["action"] in ("修改", "宣布失效", "核查"), "bad action %r" % f["action"])
    check(f["priority"] in ("high", "medium", "low"), "bad priority %r" % f["priority"])
    check((f["reason"] == "stale-citation") == (f["change"] != ""), "change of %r" % f)
    check(f["evidence"], "empty evidence: %r" % f)

def found(findings, id, reason, article=None, evidence=None):
    for f in findings:
        if f["id"] == id and f["reason"] == reason and (article is None or f["article"] == article) and \
                (evidence is None or evidence in f["evidence"]):
            return f
    return None

def flagged(findings, id, reason):
    return any(f["id"] == id and f["reason"] == reason for f in findings)

def planted(findings, where):
    # (a) stale citations
    for id, art, ev in [("SL-2022-0021", "第一条", "《示例省城市市容和环境卫生管理规定》"),
                        ("SL-2022-0021", "第五条", "《示例省城市市容和环境卫生管理规定》第七条"),
                        ("SL-2015-0013", "第四条", "《示例省城市供水条例》第十二条"),
                        ("SL-2015-0013", "第十条", "《示例省城市供水条例》第二十七条"),
                        ("SL-2020-0031", "第八条", "《示例省实施行政许可若干规定》"),
                        ("SL-2014-0024", "一", "《示例省实施行政许可若干规定》第八条")]:
        f = found(findings, id, "stale-citation", art, ev)
        if check(f, "%s: stale citation %s %s %s not found" % (where, id, art, ev)):
            check(f["action"] == "修改", "%s: stale citation action %r" % (where, f["action"]))
    f = found(findings, "SL-2022-0021", "stale-citation", "第一条")
    check(f and "SL-2005-0020" in f["note"] and "已废止" in f["note"], "%s: repealed rule not named in note" % where)
    f = found(findings, "SL-2015-0013", "stale-citation", "第四条")
    check(f and "SL-2021-0005" in f["note"], "%s: newer version not named in note" % where)
    f = found(findings, "SL-2020-0031", "stale-citation", "第八条")
    check(f and "SL-2023-0019" in f["note"], "%s: renamed current version not named" % where)
    # citations that are current must not be flagged
    for id in ("SL-2022-0026", "SL-2024-0030", "SL-2021-0005", "SL-2023-0019", "SL-2019-0006"):
        check(not flagged(findings, id, "stale-citation"), "%s: %s flagged for a stale citation" % (where, id))
    # (b) expired
    f = found(findings, "SL-2018-0023", "expired", "第七条", "有效期五年")
    if check(f, "%s: SL-2018-0023 expired validity not found" % where):
        check(f["action"] == "宣布失效" and "2023-12-31" in f["note"], "%s: SL-2018-0023 action/note" % where)
    for id in ("SL-2015-0025", "SL-2015-0016", "SL-2014-0024", "SL-2013-0032"):
        check(found(findings, id, "expired"), "%s: old 规范性文件 %s without validity not flagged" % (where, id))
    for id in ("SL-2022-0015", "SL-2024-0030", "SL-2016-0028", "SL-2022-0026", "SL-2022-0021", "SL-2014-0011"):
        check(not flagged(findings, id, "expired"), "%s: %s wrongly flagged expired" % (where, id))
    # (c) abolished agency names, each where the corpus README plants it
    for term, ids in [("工商行政管理", ["SL-2013-0032", "SL-2014-0011", "SL-2014-0024", "SL-2015-0016"]),
                      ("食品药品监督管理", ["SL-2014-0011", "SL-2013-0032", "SL-2014-0024"]),
                      ("国土资源", ["SL-2013-0022", "SL-2014-0024"]),
                      ("卫生和计划生育", ["SL-2015-0025", "SL-2014-0011", "SL-2015-0016"]),
                      ("安全生产监督管理局", ["SL-2015-0016", "SL-2013-0022"]),
                      ("环境保护厅", ["SL-2013-0022"])]:
        for id in ids:
            f = found(findings, id, "outdated-term", None, term)
            if check(f, "%s: %s in %s not found" % (where, term, id)):
                check(f["action"] == "修改" and "→" in f["evidence"], "%s: %s evidence/action" % (where, id))
    for id, arts in [("SL-2014-0011", ["第三条", "第五条", "第十二条", "第十四条", "第十五条"]),
                     ("SL-2013-0022", ["第三条", "第四条", "第七条"]),
                     ("SL-2015-0016", ["第三条", "第六条", "第八条", "第九条", "第十条"]),
                     ("SL-2015-0025", ["第三条", "第七条", "第八条"]),
                     ("SL-2013-0032", ["第二条", "第六条", "第七条"])]:
        for a in arts:
            check(found(findings, id, "outdated-term", a), "%s: outdated term in %s %s not found" % (where, id, a))
    # the 2021 water-supply regulation renamed its agencies; versions not in force are not checked
    for id in ("SL-2021-0005", "SL-2023-0019", "SL-2012-0003", "SL-2010-0017", "SL-2026-0029"):
        check(not flagged(findings, id, "outdated-term"), "%s: %s wrongly flagged outdated-term" % (where, id))
    # (d) not revised for ten years
    for id in ("SL-2014-0011", "SL-2013-0022", "SL-2013-0032"):
        f = found(findings, id, "not-revised")
        check(f and f["action"] == "修改", "%s: not-revised %s not found" % (where, id))
    for id in ("SL-2021-0005", "SL-2012-0003", "SL-2023-0019", "SL-2016-0028", "SL-2005-0020", "SL-2018-0010",
               "SL-2019-0027"):
        check(not flagged(findings, id, "not-revised"), "%s: %s wrongly flagged not-revised" % (where, id))
    # only rules in force, except stale citations of rules not yet in force
    status = {}
    for f in findings:
        status[f["id"]] = f["status"]
        # (失效: in force but for its lapsed 有效期, status by the calendar: it is to be 宣布失效)
        check(f["status"] == "现行有效" or (f["status"] == "尚未生效" and f["reason"] == "stale-citation") or
              (f["status"] == "失效" and f["reason"] == "expired"),
              "%s: finding for %s (%s)" % (where, f["id"], f["status"]))

planted(F, "report")

# ---- report options ----
ex = json.load(open(TMP + "/expired.json"))["findings"]
check(ex and all(f["reason"] == "expired" and f["level"] == "规范性文件" for f in ex), "--reason/--level filter")
y12 = json.load(open(TMP + "/years12.json"))["findings"]
check(flagged(y12, "SL-2013-0022", "not-revised") and not flagged(y12, "SL-2015-0013", "not-revised"),
      "--years 12 threshold")
v6 = json.load(open(TMP + "/validity6.json"))["findings"]
check(flagged(v6, "SL-2015-0025", "expired") and not flagged(v6, "SL-2021-0034", "expired")
      and flagged(F, "SL-2021-0034", "expired"), "--validity-years 6")

# ---- the API ----
st, h, body = get("/api/cleanup?" + q(today=TODAY))
check(st == 200 and h.get("Content-Type", "").startswith("application/json"), "/api/cleanup status %s" % st)
api = json.loads(body)
check(api["findings"] == F, "/api/cleanup differs from the indexer report")
check(api["counts"] == rep["counts"], "/api/cleanup counts")
planted(api["findings"], "api")
st, h, body = get("/api/cleanup?" + q(today=TODAY, reason="outdated-term", region="示例省青川市"))
api = json.loads(body)
check(api["findings"] and all(f["reason"] == "outdated-term" and f["region"] == "示例省青川市" for f in api["findings"]),
      "/api/cleanup reason+region filter")
check(api["counts"]["outdated-term"] == len(api["findings"]) and api["counts"]["expired"] == 0, "filtered counts")
st, h, body = get("/api/cleanup?" + q(today=TODAY, level="地方政府规章", authority="青川市"))
api = json.loads(body)
check(api["findings"] and all(f["level"] == "地方政府规章" and "青川市" in f["authority"] for f in api["findings"]),
      "/api/cleanup level+authority filter")
st, h, body = get("/api/cleanup?" + q(today=TODAY, format="csv"))
check(st == 200 and h.get("Content-Type", "").startswith("text/csv") and
      "attachment" in h.get("Content-Disposition", ""), "CSV download headers")
check(body.startswith("\ufeff"), "the CSV download starts with a BOM")
rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"), newline="")))
check(len(rows) == len(F), "CSV download rows %d, want %d" % (len(rows), len(F)))
check(rows and list(rows[0])[:8] == ["统一编号", "法规名称", "条文", "条文序号", "原因", "依据", "建议", "说明"],
      "CSV headers: %r" % (list(rows[0]) if rows else None))
check(all(r["原因"] in sum(REASON_ZH.values(), ()) and r["建议"] in ("修改", "宣布失效", "核查") and
          r["优先级"] in ("高", "中", "低") for r in rows), "CSV values are Chinese")
check(not any(code in body for code in ("outdated-term", "stale-citation", "not-revised")), "no reason codes in the CSV")
for bad in (q(reason="bogus"), q(today="2026-13-99x"), q(years="0"), q(format="xml")):
    st, h, body = get("/api/cleanup?" + bad)
    check(st == 400 and "error" in json.loads(body), "/api/cleanup?%s: status %s" % (bad, st))

# ---- the page ----
st, h, page = get("/cleanup?" + q(today=TODAY))
check(st == 200 and h.get("Content-Type", "").startswith("text/html"), "/cleanup status %s" % st)
check(page.count('class="finding"') == len(F), "/cleanup rows")
check('href="/api/cleanup?format=csv&amp;today=' + TODAY in page, "/cleanup CSV export link")
check("SL-2018-0023" in page and "有效期五年" in page and '<select name="reason">' in page, "/cleanup content")
st, h, page = get("/cleanup?" + q(today=TODAY, reason="expired"))
check(page.count('class="finding"') == len([f for f in F if f["reason"] == "expired"]), "/cleanup filter")
check("reason=expired" in page, "/cleanup export link keeps the filter")
st, h, page = get("/cleanup?" + q(reason="<script>"))
check(st == 400 and "<script>" not in page, "/cleanup escapes a bad reason")

# ---- stale citations split by what changed (the 新旧对照 alignment) ----
# SL-2017-0046 (2017) cites the 2012 示例省城市供水条例, amended in 2021: 第二十一条 is 第二十条 now (same text),
# 第八条 did not change, and its 第一条 is a basis clause naming the whole rule.
f = found(F, "SL-2017-0046", "stale-citation", "第四条", "《示例省城市供水条例》第二十一条")
check(f and f["change"] == "renumbered" and f["action"] == "修改" and f["priority"] == "high" and
      f["current_article"] == "第二十条" and "已修改为第二十条" in f["note"] and f["cited_id"] == "SL-2012-0003" and
      f["current_id"] == "SL-2021-0005", "renumbered article: %r" % f)
f = found(F, "SL-2017-0046", "stale-citation", "第一条")
check(f and f["change"] == "amended" and f["action"] == "核查" and f["priority"] == "low" and f["basis"] and
      "制定依据已修改" in f["note"], "basis clause of an amended rule: %r" % f)
check(not found(F, "SL-2017-0046", "stale-citation", "第三条"), "an unchanged article (第八条) is no finding")
f = found(F, "SL-2015-0013", "stale-citation", "第十条")
check(f and f["change"] == "renumbered" and f["current_article"] == "第二十六条" and "已修改为第二十六条" in f["note"]
      and "条文内容有变化" in f["note"], "renumbered and modified: %r" % f)
f = found(F, "SL-2015-0013", "stale-citation", "第四条")
check(f and f["change"] == "modified" and f["action"] == "修改" and "第十二条的内容已修改" in f["note"], "modified: %r" % f)
f = found(F, "SL-2015-0013", "stale-citation", "第一条")
check(f and f["change"] == "amended" and f["action"] == "核查", "basis clause 根据《示例省城市供水条例》: %r" % f)
for art in ("第一条", "第五条"):
    f = found(F, "SL-2022-0021", "stale-citation", art)
    check(f and f["change"] == "repealed" and f["priority"] == "high", "repealed rule cited in %s: %r" % (art, f))
check(found(F, "SL-2022-0021", "stale-citation", "第一条")["basis_repealed"], "SL-2022-0021 was made under a repealed rule")
f = found(F, "SL-2020-0031", "stale-citation", "第八条")
check(f and f["change"] == "renamed" and f["action"] == "修改", "renamed rule: %r" % f)
for f in F:
    if f["reason"] == "stale-citation":
        check(f["change"] in ("modified", "renumbered", "deleted", "repealed", "renamed", "amended", "no-article",
                              "unverified"), "bad change %r" % f["change"])
        check((f["action"] == "修改") == (f["change"] in ("modified", "renumbered", "deleted", "repealed", "renamed")),
              "action of a %s citation: %s" % (f["change"], f["action"]))

# ---- where a rule belongs, who made it ----
f = found(F, "SL-2017-0046", "stale-citation", "第四条")
check(f and f["region"] == "示例省" and f["locality"] == "白河市", "a city read from the title: %r" % f)
check(f and f["authority"] == "白河市人民政府", "制定机关 read from the history line: %r" % (f and f["authority"]))
check(all(f["authority"] for f in F), "every finding has its 制定机关")
def api(**kw):
    st, h, body = get("/api/cleanup?" + q(today=TODAY, **kw))
    check(st == 200, "/api/cleanup?%s: %s %s" % (q(**kw), st, body[:200]))
    return json.loads(body) if st == 200 else {"findings": [], "rules": []}
def ids_of(findings):
    return {f["id"] for f in findings}
province = ids_of(api(region="示例省")["findings"])
check(province == ids_of(f for f in F if f["region"].startswith("示例省")) and
      {"SL-2015-0013", "SL-2018-0023", "SL-2017-0046", "SL-2014-0011"} <= province,
      "the province gives its own rules and its cities': %r" % sorted(province))
for place in ("白河", "白河市", "示例省白河市"):
    got = ids_of(api(region=place)["findings"])
    check(got == ids_of(f for f in F if "白河市" in f["region"] or f["locality"] == "白河市") and
          "SL-2017-0046" in got and "SL-2018-0023" in got and "SL-2015-0013" not in got,
          "region=%s gives the city: %r" % (place, sorted(got)))
check(ids_of(api(region="青川")["findings"]) == ids_of(f for f in F if "青川市" in f["region"]), "region=青川")
check(not api(region="山东省")["findings"] and not api(region="济南")["findings"], "no such province or city")
got = api(region="白河,青川")["findings"]
check(ids_of(got) == ids_of(f for f in F if "白河市" in f["region"] or "青川市" in f["region"] or
                            f["locality"] == "白河市"), "a list of places")
got = api(authority="白河市人民政府")["findings"]
check("SL-2017-0046" in ids_of(got) and all("白河市人民政府" in f["authority"] for f in got),
      "the authority filter uses the derived 制定机关: %r" % sorted(ids_of(got)))

# ---- dates and other bad parameters are refused, in Chinese ----
for bad in (q(today="2024-13-45"), q(today="2024-02-30"), q(group="x"), q(sort="x"), q(order="x"),
            q(action="删除"), q(limit="0"), q(offset="-1"), q(level="省级")):
    st, h, body = get("/api/cleanup?" + bad)
    msg = json.loads(body).get("error", "") if st == 400 else ""
    check(st == 400 and any(0x4e00 <= ord(ch) <= 0x9fff for ch in msg), "/api/cleanup?%s: %s %r" % (bad, st, msg))
st, h, page = get("/cleanup?" + q(today="2024-13-45"))
check(st == 400 and "YYYY-MM-DD" in page and 'role="alert"' in page and "基准日" in page, "/cleanup refuses a bad date")

# ---- group=rule ----
R = api(group="rule", limit="1000")
by_id = {}
for f in F:
    by_id.setdefault(f["id"], []).append(f)
check(R["group"] == "rule" and R["total"] == len(by_id) == len(R["rules"]) and R["total_findings"] == len(F) and
      R["counts"] == rep["counts"], "group=rule totals: %r" % {k: R[k] for k in R if k != "rules"})
for r in R["rules"]:
    check(set(r) >= {"id", "title", "level", "region", "locality", "authority", "status", "published", "action",
                     "priority", "total", "counts", "reasons", "findings"}, "rule fields %r" % sorted(r))
    check(r["findings"] == by_id.get(r["id"]) and r["total"] == len(r["findings"]) == sum(r["counts"].values()),
          "the findings of rule %s" % r["id"])
    check(r["action"] in ("修改", "废止", "宣布失效", "核查") and r["priority"] in ("high", "medium", "low"), "rule action")
    check(r["reasons"] and all(x in ("引用已修改或废止的法规", "已过有效期", "使用已撤销机构名称或过时用语", "长期未修订")
                               for x in r["reasons"]), "rule reasons %r" % r["reasons"])
check([r["total"] for r in R["rules"]] == sorted((r["total"] for r in R["rules"]), reverse=True),
      "rules sorted by the number of findings")
check(sum(R["actions"].values()) == R["total"] and
      all(R["actions"][a] == sum(r["action"] == a for r in R["rules"]) for a in R["actions"]), "actions counted")
rule = {r["id"]: r for r in R["rules"]}
check(rule["SL-2018-0023"]["action"] == "宣布失效", "expired → 宣布失效")
check(rule["SL-2022-0021"]["action"] == "废止", "made under a repealed rule → 废止")
check(rule["SL-2015-0013"]["action"] == "修改" and rule["SL-2015-0013"]["priority"] == "high", "stale articles → 修改")
only_review = [r["id"] for r in R["rules"] if all(f["action"] == "核查" for f in r["findings"])]
check(only_review and all(rule[i]["action"] == "核查" for i in only_review), "only 核查 findings → 核查")
cli = json.load(open(TMP + "/rules.json"))
check(cli["rules"] == R["rules"] and cli["total"] == R["total"], "report cleanup --group rule equals the API")
rp = json.load(open(TMP + "/repeal.json"))["findings"]
check(rp and {f["id"] for f in rp} == {r["id"] for r in R["rules"] if r["action"] == "废止"}, "--action 废止")
for key, order in (("level", "asc"), ("date", "asc"), ("date", "desc"), ("findings", "asc")):
    got = api(group="rule", limit="1000", sort=key, order=order)["rules"]
    LEVELS = ["宪法", "法律", "行政法规", "监察法规", "司法解释", "地方性法规", "自治条例和单行条例", "部门规章", "地方政府规章",
              "规范性文件"]
    k = {"level": lambda r: LEVELS.index(r["level"]), "date": lambda r: r["published"], "findings": lambda r: r["total"]}[key]
    check([k(r) for r in got] == sorted((k(r) for r in got), reverse=order == "desc"), "sort=%s order=%s" % (key, order))
page2 = api(group="rule", limit="5", offset="5")
check(page2["total"] == R["total"] and page2["limit"] == 5 and page2["offset"] == 5 and
      [r["id"] for r in page2["rules"]] == [r["id"] for r in R["rules"][5:10]], "group=rule paging")
check([r["id"] for r in api(group="rule", limit="5", page="2")["rules"]] == [r["id"] for r in R["rules"][5:10]],
      "group=rule page=2")
got = api(group="rule", action="修改,核查")
check(got["rules"] and all(r["action"] in ("修改", "核查") for r in got["rules"]) and
      got["total"] == sum(r["action"] in ("修改", "核查") for r in R["rules"]), "action filter")
got = api(group="rule", region="白河")
check({r["id"] for r in got["rules"]} == ids_of(api(region="白河")["findings"]), "group=rule with a region")
st, h, body = get("/api/cleanup?" + q(today=TODAY, format="csv", action="废止"))
rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"), newline="")))
check(rows and {r["统一编号"] for r in rows} == {r["id"] for r in R["rules"] if r["action"] == "废止"},
      "CSV of the rules to repeal")

# ---- the page: one row per rule ----
st, h, page = get("/cleanup?" + q(today=TODAY))
check(page.count('<tr class="rule"') == len(R["rules"]) <= 100, "/cleanup: one row per rule")
check(page.count("<details>") == len(R["rules"]) and page.count('<li class="finding"') == len(F),
      "/cleanup: the findings folded in <details>")
check("<script" not in page.lower(), "/cleanup has no script")
for r in R["rules"][:3]:
    check('data-id="%s" data-action="%s" data-findings="%d"' % (r["id"], r["action"], r["total"]) in page,
          "/cleanup row of %s" % r["id"])
rows_order = re.findall(r'<tr class="rule" data-id="([^"]+)"', page)
check(rows_order == [r["id"] for r in R["rules"]], "/cleanup in the API's order")
check("已修改为第二十条" in page and "白河市人民政府" in page, "/cleanup shows the new article and the 制定机关")
st, h, page = get("/cleanup?" + q(today=TODAY, sort="date", order="desc"))
dated = [r["id"] for r in api(group="rule", limit="1000", sort="date", order="desc")["rules"]]
check(re.findall(r'<tr class="rule" data-id="([^"]+)"', page) == dated, "/cleanup sorted by date")
check('<option value="date" selected>' in page, "/cleanup keeps the sort in its form")
st, h, page = get("/cleanup?" + q(today=TODAY, region="白河"))
check(set(re.findall(r'<tr class="rule" data-id="([^"]+)"', page)) == ids_of(api(region="白河")["findings"]),
      "/cleanup with a region")
st, h, page = get("/cleanup?" + q(today=TODAY, page="2"))
check(st == 200 and "没有这一页" in page and '<tr class="rule"' not in page, "/cleanup page 2 of one")
st, h, page = get("/cleanup?" + q(today=TODAY, action="宣布失效"))
check(set(re.findall(r'<tr class="rule" data-id="([^"]+)"', page)) ==
      {r["id"] for r in R["rules"] if r["action"] == "宣布失效"} and "action=%E5%AE%A3" in page, "/cleanup action filter")

# ---- citations of a document ----
st, h, body = get("/api/doc/SL-2015-0013")
doc = json.loads(body)
cits = doc["citations"]
def cit(text):
    return next((c for c in cits if c["text"] == text), None)
c = cit("《示例省城市供水条例》第十二条")
check(c and c["resolved"] and c["id"] == "SL-2012-0003" and c["kind"] == "basis" and c["article"] == "第十二条"
      and c["unit_index"] == 3 and c["article_index"] == 11, "SL-2015-0013 第四条 citation: %r" % c)
c = cit("《示例省城市供水条例》第二十七条")
check(c and c["id"] == "SL-2012-0003" and c["article_index"] == 26, "2012 numbering resolves to the 2012 version")
c = cit("《示例省二次供水设施卫生规范》")
check(c and not c["resolved"] and c["id"] == "" and c["title"] == "示例省二次供水设施卫生规范", "unresolved kept")
c = cit("《中华人民共和国行政处罚法》")
check(c and not c["resolved"], "real law not in the corpus stays unresolved")
for c in cits:
    check(set(c) >= {"text", "title", "article", "id", "resolved", "kind", "unit_index"}, "citation fields")

def doc_cits(id):
    return json.loads(get("/api/doc/" + id)[2])["citations"]
c = [c for c in doc_cits("SL-2021-0005") if c["text"] == "本条例第十条"]
check(c and c[0]["kind"] == "internal" and c[0]["id"] == "SL-2021-0005" and c[0]["article_index"] == 9,
      "internal 本条例第十条")
c = [c for c in doc_cits("SL-2021-0005") if c["text"] == "前款"]
check(c and c[0]["article_index"] == c[0]["unit_index"], "前款 is the citing article")
c = [c for c in doc_cits("SL-2021-0005") if c["text"] == "《示例城镇供水管理样本条例》"]
check(c and c[0]["id"] == "SL-2019-0006", "national sample regulation resolves")
c = [c for c in doc_cits("SL-2022-0026") if "行政許可實施辦法" in c["text"]]
check(c and c[0]["id"] == "SL-2023-0019", "traditional-character title resolves")
c = [c for c in doc_cits("SL-2016-0018") if c["text"] == "《中华人民共和国行政许可法》"]
check(c and c[0]["kind"] == "basis", "根据《…》 is a basis clause")
c = [c for c in doc_cits("SL-2020-0031") if c["text"] == "《示例省实施行政许可若干规定》"]
check(c and c[0]["id"] == "SL-2016-0018", "old title resolves to the version in force in 2020")
c = [c for c in doc_cits("SL-2014-0024") if c["text"].startswith("《示例省实施行政许可若干规定》")]
check(c and c[0]["id"] == "SL-2010-0017", "old title resolves to the version in force in 2014")
c = [c for c in doc_cits("SL-2021-0008") if c["text"] == "《中华人民共和国民法典》第六百五十二条"]
check(c and c[0]["article"] == "第六百五十二条" and not c[0]["resolved"], "民法典 with article")

# ---- cited by ----
st, h, body = get("/api/doc/SL-2005-0020/cited-by")
cb = json.loads(body)
check(st == 200 and cb["id"] == "SL-2005-0020", "cited-by status")
got = [(x["id"], x["article"], x["article_index"]) for x in cb["cited_by"]]
check(got == [("SL-2022-0021", "第一条", 0), ("SL-2022-0021", "第五条", 4)], "cited-by SL-2005-0020: %r" % got)
for x in cb["cited_by"]:
    check(set(x) >= {"id", "title", "article", "article_index", "text"}, "cited-by fields")
cb = json.loads(get("/api/doc/SL-2012-0003/cited-by")[2])["cited_by"]
ids = {x["id"] for x in cb}
check({"SL-2015-0013", "SL-2018-0010", "SL-2019-0035"} <= ids and "SL-2021-0005" not in ids, "cited-by 2012: %r" % ids)
cb = json.loads(get("/api/doc/SL-2023-0019/cited-by")[2])["cited_by"]
check(any(x["id"] == "SL-2022-0026" for x in cb), "cited-by SL-2023-0019 includes the Big5 notice")
st, h, body = get("/api/doc/NO-SUCH/cited-by")
check(st == 404 and "error" in json.loads(body), "cited-by unknown id: %s" % st)

# ---- the cites filter ----
st, h, body = get("/api/search?" + q(cites="SL-2005-0020"))
res = json.loads(body)
check(st == 200 and sorted((x["id"], x["article"]) for x in res["hits"]) ==
      [("SL-2022-0021", "第一条"), ("SL-2022-0021", "第五条")], "cites filter: %r" % body[:300])
st, h, body = get("/api/search?" + q(q="罚款", cites="SL-2012-0003"))
res = json.loads(body)
check(res["hits"] and all(x["id"] != "SL-2012-0003" for x in res["hits"]) and
      any(x["id"] == "SL-2015-0013" and x["article"] == "第十条" for x in res["hits"]), "cites with a query")
st, h, body = get("/api/search?" + q(cites="NO-SUCH"))
check(st == 200 and json.loads(body)["total"] == 0, "cites filter of an unknown id matches nothing")

# ---- links on document pages ----
st, h, page = get("/doc/SL-2015-0013")
check('href="/doc/SL-2012-0003#a11"' in page and '《示例省城市供水条例》第十二条</a>' in page, "citation link with article")
check('《示例省二次供水设施卫生规范》</a>' not in page, "unresolved citation is not a link")
st, h, page = get("/doc/SL-2005-0020")
check("被引用" in page and 'href="/doc/SL-2022-0021#a4"' in page, "被引用 list")
st, h, page = get("/doc/SL-2015-0025")   # a plain-text (GB18030) document
check('href="/doc/SL-2012-0003#a0"' in page, "citation link in a plain-text document")

if failures:
    print("%d failure(s)" % len(failures))
    sys.exit(1)
print("cleanup and citations: all checks passed (%d findings)" % len(F))
PYEOF
