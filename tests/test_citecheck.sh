#!/bin/sh
# test_citecheck.sh - the citation check (issue 12 part 6) through the real
# programs: fagui-indexer builds corpus/ plus a code filed as two parts (as
# 民法典 is), with a test abbreviations file; fagui-searchd answers POST
# /api/cite-check for a text with planted citations — right (正确), an
# article that does not exist, a repealed rule, a renumbered article of an
# amended rule (with the article and text in force), a deleted article, a
# changed one, a rule not yet in force on the date, a renamed rule, bare
# names, an abbreviation, a code's part, an unknown rule, a revision
# published but not yet in force on the date, a rule whose version of the
# date is not indexed — and every field is checked (offsets in bytes, code
# points and UTF-16 units too); /check renders the marks
# and the verdicts without JavaScript, /draft shows the 引用核对 section; bad
# input (not JSON, no text, text not a string, invalid UTF-8, empty, bad
# date, too long, a huge body, wrong methods) gives 400/405/413 with a
# Chinese message and the server keeps running.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
[ -x "$BIN/fagui-searchd" ] || { echo "skip: $BIN/fagui-searchd does not exist yet"; exit 77; }
for tool in python3 curl; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-citecheck.XXXXXX")
pid=
trap 'test -n "$pid" && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	[ -s "$tmp/sd.err" ] && tail -30 "$tmp/sd.err"
	exit 1
}

cp -r corpus "$tmp/c"
# a code filed as two documents with one title (as 民法典 is): 第一条–第二条, 第三条–第四条
for part in 总则编:一:二:1 合同编:三:四:3; do
	name=${part%%:*} rest=${part#*:} a=${rest%%:*} rest=${rest#*:} b=${rest%%:*} n=${rest#*:}
	cat >"$tmp/c/national/code-$n.md" <<DOC
# 中华人民共和国示例法典

## $name

第${a}条 本编规定示例法典的${name}事项之一。

第${b}条 本编规定示例法典的${name}事项之二。
DOC
	printf 'national/code-%s.md\t示例法典 %s\t法律\t全国\t民事\t2020-05-28\t2021-01-01\t0\t1\tSL-CODE-%s\t\t示例国全国人民代表大会\t现行有效\t\n' "$n" "$name" "$n" >>"$tmp/c/catalogue.tsv"
done
# a revision whose earlier version is not in the corpus (its history starts in 2008)
cat >"$tmp/c/province/archives-2022.md" <<'DOC'
---
title: 示例省档案管理条例
id: SL-2022-0097
level: 地方性法规
status: 现行有效
region: 示例省
published: 2022-05-27
effective: 2022-07-01
---

# 示例省档案管理条例

2008年3月28日 示例省第十届人民代表大会常务委员会第三次会议通过

2022年5月27日 示例省第十三届人民代表大会常务委员会第三十四次会议修订

<!-- INFO END -->

第一条 为了加强档案管理，制定本条例。

第二条 本条例自2022年7月1日起施行。
DOC
mkdir -p "$tmp/data"
printf '# test abbreviations\n供水法\t示例城乡供水法\n' >"$tmp/data/abbreviations.tsv"
FAGUI_DATA="$tmp/data"
export FAGUI_DATA
"$BIN/fagui-indexer" --quiet --index "$tmp/idx" "$tmp/c" || [ $? -eq 3 ] || fail "indexing"

: >"$tmp/sd.err"
"$BIN/fagui-searchd" --index "$tmp/idx" --listen 127.0.0.1:0 --threads 2 --access-log /dev/null \
	--static searchd/static >/dev/null 2>>"$tmp/sd.err" &
pid=$!
wait_port $pid "$tmp/sd.err"
base="http://127.0.0.1:$port"

# post FILE to PATH with a JSON content type: the body to $tmp/out, the status printed
post() { curl -s --max-time 30 -o "$tmp/out" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$1" "$base$2"; }

# ---- the API on a text with planted citations, on 2021-06-01 ----
python3 - "$tmp/req1.json" <<'PY'
import json, sys
text = ("\U00020000本合同依照《示例城镇供水管理样本条例》第五条订立。物业服务依照《示例省物业管理条例》第九十九条处理。"
        "根据《示例省城市市容和环境卫生管理规定》第七条清扫。违反《示例省城市供水条例》第二十七条的，依法处罚；"
        "示例省城市供水条例第二十条规定的接水工程费不再收取，第十二条另有规定的除外。"
        "《示例省生态环境保护条例》第三条所列情形。退出时间适用示例省物业管理条例第十七条。"
        "接管取水依照供水法第七条处理。合同订立适用示例法典第三条，示例法典第九条不存在。"
        "许可期限依照《示例省实施行政许可若干规定》第八条。另见《示例省节约用水条例》第三条。")
json.dump({"text": text, "date": "2021-06-01"}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
code=$(post "$tmp/req1.json" /api/cite-check)
[ "$code" = 200 ] || { cat "$tmp/out"; fail "cite-check: HTTP $code"; }
python3 - "$tmp/out" "$tmp/req1.json" <<'PY' || fail "cite-check fields"
import json, sys
o = json.load(open(sys.argv[1]))
text = json.load(open(sys.argv[2]))["text"]
raw = text.encode("utf-8")
cs = o["citations"]
assert o["date"] == "2021-06-01" and o["truncated"] is False and o["total"] == len(cs), o
want_keys = {"text", "start", "end", "start_char", "end_char", "start_utf16", "end_utf16", "title", "article", "id", "resolved", "exists",
             "status", "amended_after", "current_id", "current_article", "current_text", "note", "verdict", "kind",
             "detail", "url", "current_url", "num", "sub", "articles", "article_index", "current_index",
             "amended_on", "repealed_on", "resolved_title", "article_text", "published", "effective", "current_title"}
for c in cs:
    assert want_keys <= set(c), sorted(want_keys - set(c))
    # byte and character offsets both point at the citation's text
    assert raw[c["start"]:c["end"]].decode("utf-8") == c["text"], c
    assert text[c["start_char"]:c["end_char"]] == c["text"], c
    u16 = text.encode("utf-16-le")  # JavaScript's string indexes: 𠀀 at the start counts two
    assert u16[2 * c["start_utf16"]:2 * c["end_utf16"]].decode("utf-16-le") == c["text"], c
    assert c["start_utf16"] == c["start_char"] + 1, c
by = {c["text"]: c for c in cs}
def get(t):
    assert t in by, (t, sorted(by))
    return by[t]
def check(t, **want):
    c = get(t)
    for k, v in want.items():
        assert c[k] == v, (t, k, c[k], v, c)
    return c
# the order of the text, and nothing else found (第十二条 alone names no rule)
assert [c["text"] for c in cs] == [
    "《示例城镇供水管理样本条例》第五条", "《示例省物业管理条例》第九十九条", "《示例省城市市容和环境卫生管理规定》第七条",
    "《示例省城市供水条例》第二十七条", "示例省城市供水条例第二十条", "《示例省生态环境保护条例》第三条",
    "示例省物业管理条例第十七条", "供水法第七条", "示例法典第三条", "示例法典第九条",
    "《示例省实施行政许可若干规定》第八条", "《示例省节约用水条例》第三条"], [c["text"] for c in cs]
# right
c = check("《示例城镇供水管理样本条例》第五条", kind="ref", resolved=True, exists=True, id="SL-2019-0006",
          status="现行有效", amended_after=False, current_id="SL-2019-0006", current_article="第五条",
          verdict="ok", note="正确", title="示例城镇供水管理样本条例", article="第五条", num=5)
assert c["current_text"].startswith("第五条") and c["current_text"] == c["article_text"], c
assert c["url"] == "/doc/SL-2019-0006#a%d" % c["article_index"] and c["article_index"] >= 0, c
# an article that does not exist
check("《示例省物业管理条例》第九十九条", resolved=True, exists=False, id="SL-2018-0010", verdict="no-article",
      note="条文不存在（《示例省物业管理条例》共22条）", article_index=-1, current_article="", current_text="")
# a repealed rule (2020-12-30, before the date)
check("《示例省城市市容和环境卫生管理规定》第七条", kind="basis", resolved=True, exists=True, id="SL-2005-0020",
      status="已废止", repealed_on="2020-12-30", verdict="repealed", note="已废止")
# a renumbered article of an amended rule: the 2012 version was in force on the date
c = check("《示例省城市供水条例》第二十七条", resolved=True, exists=True, id="SL-2012-0003", status="现行有效",
          amended_after=True, amended_on="2021-07-29", current_id="SL-2021-0005", current_article="第二十六条",
          verdict="renumbered")
assert c["note"].startswith("已修改，现为第二十六条"), c["note"]
assert c["current_text"].startswith("第二十六条") and "五千元以上三万元以下" in c["current_text"], c
assert "二千元以上一万元以下" in c["article_text"], c
assert c["current_url"] == "/doc/SL-2021-0005#a%d" % c["current_index"], c
# a deleted article, written without 《》
check("示例省城市供水条例第二十条", kind="bare", resolved=True, exists=True, id="SL-2012-0003", amended_after=True,
      current_id="SL-2021-0005", current_article="", verdict="deleted", note="已修改，该条已删除")
# not yet in force on the date (published 2026)
check("《示例省生态环境保护条例》第三条", resolved=True, id="SL-2026-0029", status="尚未生效", verdict="pending",
      note="尚未生效", effective="2027-03-01")
# a bare name, after 适用
check("示例省物业管理条例第十七条", kind="bare", resolved=True, exists=True, id="SL-2018-0010", verdict="ok",
      note="正确", title="示例省物业管理条例", article="第十七条", current_article="第十七条")
# an abbreviation (the test's abbreviations file: 供水法 -> 示例城乡供水法)
check("供水法第七条", kind="bare", resolved=True, exists=True, id="SL-2016-0002", title="供水法", verdict="ok",
      note="正确", resolved_title="中华人民共和国示例城乡供水法（样本）")
# a code's part: the article is in the second file; a missing one counts the whole code
check("示例法典第三条", resolved=True, exists=True, id="SL-CODE-3", verdict="ok", note="正确")
check("示例法典第九条", resolved=True, exists=False, verdict="no-article", note="条文不存在（《中华人民共和国示例法典》共4条）")
# amended in 2016 (in force on the date) and in 2023, renamed: the article's text changed
c = check("《示例省实施行政许可若干规定》第八条", id="SL-2016-0018", amended_after=True, amended_on="2023-04-20",
          current_id="SL-2023-0019", current_article="第八条", verdict="changed", note="已修改，条文内容有变化")
assert "十个工作日" in c["current_text"] and "十五个工作日" in c["article_text"], c
# an unknown rule
check("《示例省节约用水条例》第三条", resolved=False, exists=False, id="", status="", amended_after=False,
      current_id="", current_article="", current_text="", verdict="not-found", note="未找到该法规", url="")
assert o["counts"] == {"ok": 4, "no-article": 2, "repealed": 1, "renumbered": 1, "deleted": 1, "pending": 1,
                       "changed": 1, "not-found": 1}, o["counts"]
PY

# ---- without a date: the versions in force now ----
python3 - "$tmp/req2.json" <<'PY'
import json, sys
text = ("《示例省城市供水条例》第二十七条；《示例省生态环境保护条例》；《示例省实施行政许可若干规定》；"
        "河南省实施《水法》办法第十条；《示例省城市市容和环境卫生管理规定》。")
json.dump({"text": text}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
code=$(post "$tmp/req2.json" /api/cite-check)
[ "$code" = 200 ] || { cat "$tmp/out"; fail "cite-check without a date: HTTP $code"; }
python3 - "$tmp/out" <<'PY' || fail "cite-check without a date"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["date"] == "", o
by = {c["text"]: c for c in o["citations"]}
c = by["《示例省城市供水条例》第二十七条"]
assert c["id"] == "SL-2021-0005" and c["verdict"] == "ok" and c["amended_after"] is False, c
c = by["《示例省生态环境保护条例》"]
assert c["verdict"] == "pending" and c["status"] == "尚未生效" and c["exists"] is True and c["article"] == "", c
c = by["《示例省实施行政许可若干规定》"]
assert c["id"] == "SL-2016-0018" and c["status"] == "已修改" and c["verdict"] == "renamed", c
assert c["note"] == "已修改，现名《示例省行政许可实施办法》" and c["current_id"] == "SL-2023-0019", c
c = by["《示例省城市市容和环境卫生管理规定》"]
assert c["verdict"] == "repealed" and c["status"] == "已废止", c
# a name with 《》 inside that is no rule here: the bare name gives way to the 《》 reference in it
c = by["《水法》"]
assert c["verdict"] == "not-found" and c["kind"] == "ref", c
assert not any(t.startswith("河南省") for t in by), sorted(by)
PY

# ---- between the publication and the entry into force of a revision: the version before it ----
printf '{"text":"《示例省城市供水条例》第二十七条；《示例省档案管理条例》第二条；示例省档案管理条例第二条","date":"2021-09-01"}' >"$tmp/req3.json"
code=$(post "$tmp/req3.json" /api/cite-check)
[ "$code" = 200 ] || { cat "$tmp/out"; fail "cite-check on 2021-09-01: HTTP $code"; }
python3 - "$tmp/out" <<'PY' || fail "cite-check on 2021-09-01"
import json, sys
cs = json.load(open(sys.argv[1]))["citations"]
assert len(cs) == 3, cs
c = cs[0]  # the 2021 revision was published on 2021-07-29, in force from 2021-10-01
assert c["id"] == "SL-2012-0003" and c["status"] == "现行有效" and c["verdict"] == "renumbered", c
assert c["current_id"] == "SL-2021-0005" and c["current_article"] == "第二十六条", c
for c in cs[1:]:  # in force in 2021 in its 2008 version, which the index does not hold
    assert c["id"] == "SL-2022-0097" and c["verdict"] == "amended" and c["status"] == "现行有效", c
    assert c["note"] == "已修改，未收录该日有效的版本" and c["amended_after"] is True and c["amended_on"] == "2022-05-27", c
    assert "2008-03-28" in c["detail"], c
assert cs[2]["kind"] == "bare", cs[2]
PY

# ---- /check: the form, then the marked text and the verdicts, without JavaScript ----
code=$(curl -s --max-time 10 -o "$tmp/form.html" -w '%{http_code}' "$base/check")
[ "$code" = 200 ] || fail "GET /check: HTTP $code"
grep -q '<form class="draft check" method="post" action="/check">' "$tmp/form.html" || fail "/check has no form"
grep -q '<textarea id="text" name="text"' "$tmp/form.html" || fail "/check has no textarea"
grep -q 'name="date"' "$tmp/form.html" || fail "/check has no date field"
grep -q '<a href="/check">引用核对</a>' "$tmp/form.html" || fail "/check: the header has no 引用核对 link"
grep -qi '<script' "$tmp/form.html" && fail "/check has a script"
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text"])' "$tmp/req1.json" >"$tmp/text1"
code=$(curl -s --max-time 30 -o "$tmp/check.html" -w '%{http_code}' --data-urlencode "text@$tmp/text1" \
	--data-urlencode "date=2021-06-01" "$base/check")
[ "$code" = 200 ] || fail "POST /check: HTTP $code"
grep -qi '<script' "$tmp/check.html" && fail "/check results have a script"
python3 - "$tmp/check.html" <<'PY' || fail "/check results"
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
marks = re.findall(r'<mark class="cite cite-([a-z-]+)"[^>]*>(.*?)</mark>', h, re.S)
assert len(marks) == 12, marks
kinds = [k for k, _ in marks]
for k in ("ok", "no-article", "repealed", "renumbered", "deleted", "pending", "changed", "not-found"):
    assert k in kinds, (k, kinds)
# each resolved mark links to the cited article's anchor on the document page
assert '<mark class="cite cite-renumbered" title="已修改，现为第二十六条，条文内容有变化"><a href="/doc/SL-2012-0003#a' in h, h
assert re.search(r'<mark class="cite cite-ok" title="正确"><a href="/doc/SL-2016-0002#a\d+">供水法第七条</a></mark>', h)
assert '<mark class="cite cite-not-found" title="未找到该法规">《示例省节约用水条例》第三条</mark>' in h
# the table of verdicts: one row each, with the note and the article in force
rows = re.findall(r'<tr id="v(\d+)" class="cite-([a-z-]+)">', h)
assert len(rows) == 12 and [k for _, k in rows] == kinds, rows
assert "已修改，现为第二十六条" in h and "条文不存在（《示例省物业管理条例》共22条）" in h and "尚未生效" in h
assert re.search(r'<td class="current"><a href="/doc/SL-2021-0005#a\d+">示例省城市供水条例 第二十六条</a>', h)
assert "共找到 12 处引用：正确 4 处，需要注意 8 处。按 2021-06-01 有效的版本核对" in h
assert 'value="2021-06-01"' in h  # the form keeps what was posted
PY

# ---- /draft shows the verdicts on the draft's citations ----
printf '第一条 违反《示例省城市供水条例》第二十七条的，处五千元以上三万元以下罚款。\n第二条 依照示例省物业管理条例第九十九条处理。\n' >"$tmp/draft"
code=$(curl -s --max-time 30 -o "$tmp/draft.html" -w '%{http_code}' --data-urlencode "text@$tmp/draft" "$base/draft")
[ "$code" = 200 ] || fail "POST /draft: HTTP $code"
grep -q '<section class="citecheck" id="citecheck">' "$tmp/draft.html" || fail "/draft has no 引用核对 section"
grep -q '<h2>引用核对</h2>' "$tmp/draft.html" || fail "/draft: no 引用核对 heading"
grep -q 'cite cite-ok' "$tmp/draft.html" || fail "/draft: 第二十七条 of the version in force is right"
grep -q 'cite cite-no-article' "$tmp/draft.html" || fail "/draft: 第九十九条 does not exist"
grep -q 'class="draft-article"' "$tmp/draft.html" || fail "/draft lost its per-article matches"

# ---- bad input: a status, a JSON error in Chinese, no crash ----
# bad NAME CODE BODY-FILE PATTERN
bad() {
	code=$(post "$3" /api/cite-check)
	[ "$code" = "$2" ] || { cat "$tmp/out"; fail "$1: HTTP $code, want $2"; }
	python3 - "$tmp/out" "$4" <<'PY' || fail "$1: $(cat "$tmp/out")"
import json, sys
e = json.load(open(sys.argv[1]))["error"]
assert sys.argv[2] in e, (e, sys.argv[2])
PY
}
printf 'not json' >"$tmp/b1"
bad "not JSON" 400 "$tmp/b1" "请求体应为 JSON 对象"
printf '["text"]' >"$tmp/b2"
bad "a JSON array" 400 "$tmp/b2" "请求体应为 JSON 对象"
printf '{"date":"2021-06-01"}' >"$tmp/b3"
bad "no text" 400 "$tmp/b3" "缺少 text"
printf '{"text":42}' >"$tmp/b4"
bad "text not a string" 400 "$tmp/b4" "text 应为字符串"
printf '{"text":"\377\376\344\270"}' >"$tmp/b5"
bad "invalid UTF-8" 400 "$tmp/b5" "UTF-8"
printf '{"text":"a\\u0000b"}' >"$tmp/b5b"
bad "a NUL in the text" 400 "$tmp/b5b" "空字符"
printf '{"text":"  \\n "}' >"$tmp/b6"
bad "empty text" 400 "$tmp/b6" "请粘贴要核对的文字"
printf '{"text":"《示例省物业管理条例》第十七条","date":"2021-02-30"}' >"$tmp/b7"
bad "an impossible date" 400 "$tmp/b7" "日期格式应为 YYYY-MM-DD"
printf '{"text":"《示例省物业管理条例》第十七条","date":"2021/06/01"}' >"$tmp/b8"
bad "a date with slashes" 400 "$tmp/b8" "日期格式应为 YYYY-MM-DD"
printf '{"text":"《示例省物业管理条例》第十七条","date":20210601}' >"$tmp/b9"
bad "a date not a string" 400 "$tmp/b9" "日期格式应为 YYYY-MM-DD"
python3 -c 'import json,sys; json.dump({"text": "《示例省物业管理条例》第十七条" * 3000}, open(sys.argv[1], "w"), ensure_ascii=False)' "$tmp/b10"
bad "text too long" 413 "$tmp/b10" "最多核对 100000 字节"
head -c 1100000 /dev/zero | tr '\0' 'a' >"$tmp/b11"
bad "a huge body" 413 "$tmp/b11" "请求过大"
code=$(curl -s --max-time 10 -o "$tmp/out" -D "$tmp/hdr" -w '%{http_code}' "$base/api/cite-check")
[ "$code" = 405 ] || fail "GET /api/cite-check: HTTP $code"
grep -qi '^Allow: POST' "$tmp/hdr" || fail "405 without Allow: POST"
grep -q '请用 POST' "$tmp/out" || fail "405 message: $(cat "$tmp/out")"
# the page's errors: the form again, with the message
# page NAME CODE PATTERN CURL-ARGS...
page() {
	name=$1 want=$2 pat=$3
	shift 3
	code=$(curl -s --max-time 10 -o "$tmp/err.html" -w '%{http_code}' "$@" "$base/check")
	[ "$code" = "$want" ] || fail "/check $name: HTTP $code, want $want"
	grep -q "$pat" "$tmp/err.html" || fail "/check $name: no '$pat'"
	grep -q '<textarea id="text"' "$tmp/err.html" || fail "/check $name: the form is gone"
}
page "empty text" 400 "请粘贴要核对的文字" --data "text=+%0D%0A&date="
page "no text" 400 "请粘贴要核对的文字" --data "date=2021-06-01"
page "bad date" 400 "日期格式应为 YYYY-MM-DD" --data-urlencode "text=民法典第五百条" --data "date=2021-13-01"
page "invalid UTF-8" 400 "UTF-8" --data "text=%FF%FE"
page "broken escapes" 400 "百分号编码" --data "text=%E4%B"
python3 -c 'print("x" * 100001)' >"$tmp/long"
page "text too long" 413 "最多核对 100000 字节" --data-urlencode "text@$tmp/long"
code=$(curl -s --max-time 10 -o "$tmp/err.html" -w '%{http_code}' -X PUT "$base/check")
[ "$code" = 405 ] && grep -q '不支持该请求方法' "$tmp/err.html" || fail "PUT /check: HTTP $code"

# still serving, counted in the metrics, and a clean stop
curl -s --max-time 10 "$base/healthz" | grep -q '"status":"ok"' || fail "searchd died"
curl -s --max-time 10 "$base/metrics" | grep -q 'fagui_requests_total{route="/api/cite-check",status="200"}' ||
	fail "no /api/cite-check in the metrics"
kill -TERM $pid
wait $pid
rc=$?
pid=
[ $rc -eq 0 ] || fail "searchd exited $rc after SIGTERM"
echo "citecheck: ok"
