#!/bin/sh
# test_lookup.sh - rule and article look-up through fg-search and fagui-searchd
# (issue 12): a query naming a rule puts that rule first (its version in force,
# or the version of the year named), above rules whose names merely contain
# the name (a province's 实施《…》办法, a judicial interpretation); NAME第X条
# finds that article with every name form (full title, without 中华人民共和国,
# in 《》, a nested short name, an abbreviation from the abbreviations file,
# Arabic numerals); a name that exists never gives zero hits. Runs on corpus/
# plus two planted rules: a province's implementing measures of the sample
# law and a numbered interpretation (二).
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}"
[ -x "$BIN/fg-search" ] || { echo "skip: $BIN/fg-search does not exist yet"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-lookup.XXXXXX")
pid=
trap 'test -n "$pid" && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp -r corpus "$tmp/c"
cat >"$tmp/c/province/water-law-implementation-2019.md" <<'DOC'
---
title: 示例省实施《中华人民共和国示例城乡供水法》办法
id: SL-2019-0099
level: 地方性法规
status: 现行有效
region: 示例省
published: 2019-07-26
---

# 示例省实施《中华人民共和国示例城乡供水法》办法

第一条 为了实施《中华人民共和国示例城乡供水法》，结合本省实际，制定本办法。

第二条 本省行政区域内的城乡供水活动，适用《示例城乡供水法》和本办法。

第三条 县级以上人民政府应当将城乡供水设施建设纳入国民经济和社会发展规划，示例城乡供水法规定的职责由城市供水主管部门履行。

第十条 违反示例城乡供水法和本办法规定的，依法处理。
DOC
cat >"$tmp/c/national/water-interpretation-2.md" <<'DOC'
---
title: 最高人民法院关于审理供用水合同纠纷案件适用法律若干问题的解释（二）
id: SL-2022-0098
level: 司法解释
status: 现行有效
region: 全国
published: 2022-03-01
---

# 最高人民法院关于审理供用水合同纠纷案件适用法律若干问题的解释（二）

第一条 供水单位依照示例城乡供水法第七条请求赔偿的，人民法院应予支持。

第二条 本解释自公布之日起施行。
DOC
# a numbered series of interpretations named after the law (城乡供水法解释二: LAW解释 with a number)
for n in 一:2020-01-10 二:2023-03-01; do
	num=${n%%:*} date=${n#*:}
	cat >"$tmp/c/national/water-law-interpretation-$num.md" <<DOC
---
title: 最高人民法院关于适用《中华人民共和国示例城乡供水法》若干问题的解释（$num）
level: 司法解释
status: 现行有效
region: 全国
published: $date
---

# 最高人民法院关于适用《中华人民共和国示例城乡供水法》若干问题的解释（$num）

第一条 供水企业的赔偿责任，依照示例城乡供水法的规定确定（解释$num）。

第二条 本解释自公布之日起施行（解释$num）。
DOC
done
# a code filed as two documents with one title (as 民法典 is): the catalogue names the parts; the
# files are named by part (合同编 before 总则编 in file order, as 民法典's are)
for part in 总则编:1:2 合同编:3:4; do
	name=${part%%:*} rest=${part#*:} a=${rest%%:*} b=${rest#*:}
	cat >"$tmp/c/national/code-$name.md" <<DOC
# 中华人民共和国示例法典

## 第一编 $name

第$(python3 -c "import sys; print('一二三四'[int(sys.argv[1])-1])" "$a")条 本编规定示例法典的$name事项之一。

第$(python3 -c "import sys; print('一二三四'[int(sys.argv[1])-1])" "$b")条 本编规定示例法典的$name事项之二。
DOC
	printf 'national/code-%s.md\t示例法典 %s\t法律\t全国\t民事\t2020-05-28\t2021-01-01\t0\t1\tSL-CODE-%s\t\t示例国全国人民代表大会\t现行有效\t\n' "$name" "$name" "$a" >>"$tmp/c/catalogue.tsv"
done
# a rule named without its kind (反倾销 for 反倾销条例): the regulation before the rules that merely name it
cat >"$tmp/c/national/anti-dumping.md" <<'DOC'
---
title: 中华人民共和国示例反倾销条例
level: 行政法规
region: 全国
published: 2004-03-31
---

第一条 为了维护对外贸易秩序和公平竞争，制定本条例。

第二条 进口产品以倾销方式进入示例国市场的，依照本条例采取反倾销措施。
DOC
cat >"$tmp/c/national/anti-dumping-cases.md" <<'DOC'
---
title: 最高人民法院关于审理示例反倾销行政案件应用法律若干问题的规定
level: 司法解释
region: 全国
published: 2002-11-21
---

第一条 人民法院依法受理对示例反倾销行政行为提起的示例反倾销行政案件，示例反倾销行政案件的示例反倾销措施。

第二条 示例反倾销行政案件由中级人民法院管辖。
DOC
# a repealed law (示例供热法, in the test's repealed.tsv) that the corpus lacks: a rule whose title holds
# its name, and an interpretation citing one of its articles
cat >"$tmp/c/national/heating-rules.md" <<'DOC'
---
title: 示例供热法实施细则
level: 部门规章
region: 全国
published: 2010-01-01
---

第七条 供热单位应当按时供热。
DOC
cat >"$tmp/c/national/heating-cases.md" <<'DOC'
---
title: 最高人民法院关于审理供热纠纷案件若干问题的解释
level: 司法解释
region: 全国
published: 2012-01-01
---

第一条 本解释适用于供热纠纷案件。

第二条 供热单位违反示例供热法第七条规定未按时供热的，应当承担违约责任。
DOC
mkdir -p "$tmp/data"
printf '# test abbreviations\n城乡供水法\t示例城乡供水法\n供用水合同解释\t最高人民法院关于审理供用水合同纠纷案件适用法律若干问题的解释\n' \
	>"$tmp/data/abbreviations.tsv"
printf '# test repealed rules\n示例城乡燃气法\t2020-01-01\t中华人民共和国示例城乡供水法\n示例供热法\t2019-01-01\t中华人民共和国示例城乡供水法\n' \
	>"$tmp/data/repealed.tsv"
FAGUI_DATA="$tmp/data"
export FAGUI_DATA
"$BIN/fagui-indexer" --quiet --index "$tmp/idx" "$tmp/c" || [ $? -eq 3 ] || fail "indexing"

# first QUERY: "title<TAB>article<TAB>published<TAB>total" of the first hit
first() {
	"$BIN/fg-search" --index "$tmp/idx" --limit 3 "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)
h = d["hits"][0] if d["hits"] else {"title": "-", "article": "-", "published": "-"}
print("%s\t%s\t%s\t%d" % (h["title"], h["article"], h["published"], d["total"]))'
}
expect() { # QUERY TITLE [ARTICLE] [PUBLISHED]
	got=$(first "$1") || fail "search '$1'"
	t=$(echo "$got" | cut -f1) a=$(echo "$got" | cut -f2) p=$(echo "$got" | cut -f3)
	[ "$t" = "$2" ] || fail "'$1': first hit '$t', expected '$2'"
	[ -z "${3:-}" ] || [ "$a" = "$3" ] || fail "'$1': first article '$a', expected '$3'"
	[ -z "${4:-}" ] || [ "$p" = "$4" ] || fail "'$1': first version published '$p', expected '$4'"
}
LAW="中华人民共和国示例城乡供水法（样本）"
IMPL="示例省实施《中华人民共和国示例城乡供水法》办法"
INTERP2="最高人民法院关于审理供用水合同纠纷案件适用法律若干问题的解释（二）"

# rule look-up: the law itself, not the rules naming it
expect "示例城乡供水法" "$LAW"
expect "中华人民共和国示例城乡供水法" "$LAW"
expect "《示例城乡供水法》" "$LAW"
expect "城乡供水法" "$LAW"              # the abbreviation
# a query that is only a rule's name lists its units in article order (its version in force first)
"$BIN/fg-search" --index "$tmp/idx" --limit 4 "示例城乡供水法" | python3 -c '
import json, sys
h = json.load(sys.stdin)["hits"]
got = [x["article"] for x in h if x["title"] == sys.argv[1]]
assert len(got) == 4 and len({x["published"] for x in h}) == 1, h
assert got == ["第一条", "第二条", "第三条", "第四条"], got
' "$LAW" || fail "a rule name alone should list its articles in order"
expect "$IMPL" "$IMPL"
expect "示例省实施《示例城乡供水法》办法" "$IMPL"
expect "$INTERP2" "$INTERP2"              # the numbered part (二) is a rule of its own
# versions: the one in force, or the year named
expect "示例省城市供水条例" "示例省城市供水条例" "" "2021-07-29"
expect "示例省城市供水条例 2012" "示例省城市供水条例" "" "2012-05-30"
# the version meant by a qualifier: 旧 / 原 / 修订前的 the one before the version in force, 新 the newest,
# a year (2012年…, …（2012年修正）, 2015年: the version in force that year); with an article or not
for q in 旧示例省城市供水条例 原示例省城市供水条例 修订前的示例省城市供水条例 2012年示例省城市供水条例 \
	2012年修正的示例省城市供水条例 "示例省城市供水条例（2012年修正）" "示例省城市供水条例(2012)" \
	2015年示例省城市供水条例; do
	expect "$q" "示例省城市供水条例" "" "2012-05-30"
done
for q in 新示例省城市供水条例 现行示例省城市供水条例 修订后的示例省城市供水条例; do
	expect "$q" "示例省城市供水条例" "" "2021-07-29"
done
for q in 旧示例省城市供水条例第五条 "《示例省城市供水条例》（2012年修订）第五条" 修订前的示例省城市供水条例5条 \
	"示例省城市供水条例 2012 第五条" "示例省城市供水条例第五条 2012" "2012 示例省城市供水条例第五条" \
	示例省城市供水条例2012年版第五条; do
	expect "$q" "示例省城市供水条例" "第五条" "2012-05-30"
done
expect "新《示例省城市供水条例》第五条" "示例省城市供水条例" "第五条" "2021-07-29"
"$BIN/fg-search" --index "$tmp/idx" --limit 1 "旧示例省城市供水条例第五条" | python3 -c '
import json, sys
r = json.load(sys.stdin)["rule"]
assert r["published"] == "2012-05-30" and r["status"] == "已修改", r
' || fail "the card of 旧NAME第X条 should show the version before the one in force"
# 原 before a repealed rule's name: its notice
"$BIN/fg-search" --index "$tmp/idx" --limit 1 "原示例城乡燃气法" | python3 -c '
import json, sys
assert "示例城乡燃气法》已于2020年1月1日废止" in json.load(sys.stdin).get("notice", ""), "notice"
' || fail "原 + a repealed name should give its notice"
# LAW解释 / LAW司法解释 and a number: the interpretation of that law, as its title names it
SERIES="最高人民法院关于适用《中华人民共和国示例城乡供水法》若干问题的解释"
expect "示例城乡供水法解释" "$SERIES（一）"
expect "城乡供水法司法解释" "$SERIES（一）"   # the law through its abbreviation
for q in 示例城乡供水法解释二 "示例城乡供水法司法解释（二）" 示例城乡供水法解释2; do
	expect "$q" "$SERIES（二）"
done
expect "示例城乡供水法解释二第二条" "$SERIES（二）" "第二条"
"$BIN/fg-search" --index "$tmp/idx" --limit 1 "示例城乡供水法司法解释（二）第一条" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["rule"]["title"].endswith("（二）") and d["hits"][0]["title"].endswith("（二）"), d["rule"]
' || fail "NAME（二）第X条 should show the card of （二）, not of the series' first"
# several numbers sharing one 条
"$BIN/fg-search" --index "$tmp/idx" --limit 2 "示例省城市供水条例5、6条" | python3 -c '
import json, sys
h = json.load(sys.stdin)["hits"]
assert [x["article"] for x in h] == ["第五条", "第六条"] and {x["title"] for x in h} == {"示例省城市供水条例"}, h
' || fail "NAME X、Y条 should give both articles"
# the same for a name holding 《》 (the parser cannot split it), and a missing one said in the notice
"$BIN/fg-search" --index "$tmp/idx" --limit 3 "示例省实施《示例城乡供水法》办法第二、三、九十九条" | python3 -c '
import json, sys
d = json.load(sys.stdin)
h = d["hits"]
assert [x["article"] for x in h[:2]] == ["第二条", "第三条"] and h[0]["title"] == sys.argv[1], h
assert "第九十九条" in d.get("notice", "") and d["rule"]["title"] == sys.argv[1], d
' "$IMPL" || fail "NAME《…》X、Y、Z条 should give each article and say which is missing"
# the words around a reference: 根据《NAME》第X条的规定
for q in "根据《示例省城市供水条例》第五条的规定" "依照示例省城市供水条例第五条" "示例省城市供水条例第五条是怎么规定的"; do
	expect "$q" "示例省城市供水条例" "第五条" "2021-07-29"
done

# the parts of a code: one rule for NAME第X条, each part named in hits
CODE="中华人民共和国示例法典"
expect "示例法典第三条" "$CODE · 合同编" "第三条"
expect "示例法典第一条" "$CODE · 总则编" "第一条"
expect "示例法典 合同编" "$CODE · 合同编"
# the code's name alone, or an article it lacks: its parts in the order of their articles
for q in 示例法典 示例法典第九条; do
	"$BIN/fg-search" --index "$tmp/idx" --limit 4 "$q" | python3 -c '
import json, sys
h = json.load(sys.stdin)["hits"]
got = [x["article"] for x in h]
assert got == ["第一条", "第二条", "第三条", "第四条"], got
' || fail "'$q' should list the code's parts in article order"
done

# region + topic: the rule of that place whose name holds the words, in force, the most general name first
expect "示例省 供水" "示例省城市供水条例" "" "2021-07-29"
expect "示例省青川市 供水" "示例省青川市城市供水管理办法"
expect "示例省 物业" "示例省物业管理条例"

# a 文号 alone, with any brackets: the document of that number (the units citing it after)
for q in "白市监规〔2018〕3号" "白市监规[2018]3号" "白市监规(2018)3号" "白市监规（2018）3号"; do
	expect "$q" "示例省白河市餐饮服务食品安全量化分级管理暂行办法"
done
expect "白河市人民政府令第22号" "示例省白河市犬只登记办法"
expect "示例省人民代表大会常务委员会公告第45号" "示例省城市供水条例" "" "2012-05-30"
# a 文号 alone: that document's card (the version of that number) and its units in article order
"$BIN/fg-search" --index "$tmp/idx" --limit 3 "示例省人民代表大会常务委员会公告第45号" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["rule"]["title"] == "示例省城市供水条例" and d["rule"]["published"] == "2012-05-30", d.get("rule")
assert [h["article"] for h in d["hits"]] == ["第一条", "第二条", "第三条"], d["hits"]
' || fail "a 文号 alone should show its document's card and its articles in order"
# a 文号 and an article: that document's article (the version the number names)
expect "白河市人民政府令第22号第三条" "示例省白河市犬只登记办法" "第三条"
expect "白市监规[2018]3号第二条" "示例省白河市餐饮服务食品安全量化分级管理暂行办法" "第二条"
expect "示例省人民代表大会常务委员会公告第45号第五条" "示例省城市供水条例" "第五条" "2012-05-30"
expect "示例省人民代表大会常务委员会公告第18号 第五条" "示例省城市供水条例" "第五条" "2021-07-29"
"$BIN/fg-search" --index "$tmp/idx" --limit 1 "白河市人民政府令第22号第九十九条" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["hits"] and "第九十九条" in d.get("notice", ""), d
' || fail "a 文号 and an article it lacks should say so and show the document"

# a rule's name and topic words: that rule's matching articles before a rule that names it in its title and text
expect "示例城乡供水法 主管部门" "$LAW"
expect "主管部门 《示例城乡供水法》" "$LAW"

# a name without its kind (three characters or more): 示例反倾销 is 示例反倾销条例
expect "示例反倾销" "中华人民共和国示例反倾销条例"
expect "示例反倾销 管辖" "最高人民法院关于审理示例反倾销行政案件应用法律若干问题的规定"

# article look-up
expect "示例城乡供水法第七条" "$LAW" "第七条"
expect "示例城乡供水法第7条" "$LAW" "第七条"
expect "示例城乡供水法第七条第一款" "$LAW" "第七条"
expect "《示例城乡供水法》第七条第1款第二项" "$LAW" "第七条"
expect "《示例城乡供水法》第七条" "$LAW" "第七条"
expect "城乡供水法第七条" "$LAW" "第七条"
expect "示例省实施《示例城乡供水法》办法第十条" "$IMPL" "第十条"
expect "示例省实施《中华人民共和国示例城乡供水法》办法第3条" "$IMPL" "第三条"
expect "${INTERP2}第一条" "$INTERP2" "第一条"
# a numbered part of a series by its number, after the full name or an abbreviation: 公司法解释三
INTERP2_BASE="最高人民法院关于审理供用水合同纠纷案件适用法律若干问题的解释"
expect "${INTERP2_BASE}二" "$INTERP2"
expect "供用水合同解释二" "$INTERP2"
expect "供用水合同解释（二）第一条" "$INTERP2" "第一条"
expect "供用水合同解释2 第1条" "$INTERP2" "第一条"
expect "供用水合同解释2" "$INTERP2"      # a numbered rule, not article 2 of the series' first

# an article written without 第 or 条, with what a pasted reference ends with, or before the name
for q in "示例城乡供水法7条" "示例城乡供水法第7" "示例城乡供水法 7" "《示例城乡供水法》7条" "城乡供水法七条" \
	"示例城乡供水法第七条。" "示例城乡供水法 第7条，" "第七条 示例城乡供水法" "第7条《示例城乡供水法》"; do
	expect "$q" "$LAW" "第七条"
done
# several articles of one rule: each of them, first
for q in "示例城乡供水法第七条、第三条" "示例城乡供水法第7条和第3条" "示例城乡供水法第七条 第三条"; do
	"$BIN/fg-search" --index "$tmp/idx" --limit 2 "$q" | python3 -c '
import json, sys
d = json.load(sys.stdin)
got = sorted(x["article"] for x in d["hits"] if x["title"] == sys.argv[1])
assert got == ["第七条", "第三条"] or got == ["第三条", "第七条"], d["hits"]
assert d["query"] == sys.argv[2], d["query"]
' "$LAW" "$q" || fail "'$q' should find both articles"
done

# never zero hits for a name that exists
for q in "示例城乡供水法" "城乡供水法" "示例省实施《示例城乡供水法》办法第十条" "$INTERP2"; do
	n=$(first "$q" | cut -f4)
	[ "$n" -gt 0 ] || fail "'$q' gives no hit"
done
# an article of a repealed law: the texts citing it, not a rule whose title merely holds its name
expect "示例供热法第七条" "最高人民法院关于审理供热纠纷案件若干问题的解释" "第二条"
# a name that does not exist is an ordinary search
n=$(first "示例城乡燃气法第七条" | cut -f4)
[ "$n" -eq 0 ] || fail "an unknown rule's article found $n hits"

# the same through fagui-searchd
. tests/lib.sh
: >"$tmp/sd.err"
"$BIN/fagui-searchd" --index "$tmp/idx" --listen 127.0.0.1:0 --threads 1 --access-log /dev/null >/dev/null 2>>"$tmp/sd.err" &
pid=$!
wait_port $pid "$tmp/sd.err"
got=$(curl -s --max-time 10 -G "http://127.0.0.1:$port/api/search" --data-urlencode "q=城乡供水法第七条" |
	python3 -c 'import json,sys; h=json.load(sys.stdin)["hits"][0]; print(h["title"], h["article"])')
[ "$got" = "$LAW 第七条" ] || fail "searchd: '$got'"
# the rule card: present when the query names a rule, with its versions; absent otherwise
api() { curl -s --max-time 10 -G "http://127.0.0.1:$port/api/search" --data-urlencode "q=$1"; }
api "示例省城市供水条例" | python3 -c '
import json, sys
r = json.load(sys.stdin).get("rule")
assert r, "no rule card"
assert set(r) == {"id", "title", "level", "status", "published", "effective", "versions", "cited_by"}, sorted(r)
assert r["title"] == "示例省城市供水条例" and r["status"] == "现行有效" and r["published"] == "2021-07-29", r
assert [v["published"] for v in r["versions"]] == ["2012-05-30", "2021-07-29"], r["versions"]
assert all(set(v) == {"id", "published", "status"} for v in r["versions"])
assert isinstance(r["cited_by"], int)
' || fail "rule card of 示例省城市供水条例"
api "示例省城市供水条例 2012" | python3 -c '
import json, sys
r = json.load(sys.stdin)["rule"]
assert r["published"] == "2012-05-30" and r["status"] == "已修改", r
' || fail "rule card of the 2012 version"
api "示例城乡供水法" | python3 -c '
import json, sys
r = json.load(sys.stdin)["rule"]
assert r["title"] == "中华人民共和国示例城乡供水法（样本）" and r["cited_by"] >= 2, r
' || fail "rule card of the sample law (cited by the planted rules)"
api "示例城乡供水法第九十九条" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert "没有这一条" in d.get("notice", ""), d.get("notice")
assert d["hits"] and d["hits"][0]["title"] == "中华人民共和国示例城乡供水法（样本）", d["hits"][:1]
assert d["rule"]["title"] == "中华人民共和国示例城乡供水法（样本）"
' || fail "a missing article of an existing rule: notice and the rule"
api "示例城乡供水法第七条" | python3 -c '
import json, sys
assert "notice" not in json.load(sys.stdin)
' || fail "a notice for an article that exists"
api "示例反倾销" | python3 -c '
import json, sys
r = json.load(sys.stdin).get("rule")
assert r and r["title"] == "中华人民共和国示例反倾销条例", r
' || fail "rule card of a rule named without its kind"
# a rule the index does not hold: repealed (data/repealed.tsv) or unknown, said in the notice
for q in 示例城乡燃气法第七条 示例城乡燃气法 "《中华人民共和国示例城乡燃气法》第7条"; do
	api "$q" | python3 -c '
import json, sys
n = json.load(sys.stdin).get("notice", "")
assert "示例城乡燃气法》已于2020年1月1日废止" in n and "示例城乡供水法" in n, n
' || fail "no repealed notice for '$q'"
done
api "示例城乡煤气法第七条" | python3 -c '
import json, sys
n = json.load(sys.stdin).get("notice", "")
assert n == "没有找到名为“示例城乡煤气法”的法规。", n
' || fail "no notice for an unknown rule's article"
for q in "违反第七条" "示例城乡煤气法" "供水 第七条"; do
	api "$q" | python3 -c '
import json, sys
assert "notice" not in json.load(sys.stdin)
' || fail "a notice for '$q', which names no rule"
done
api "供水 水质" | python3 -c '
import json, sys
assert "rule" not in json.load(sys.stdin)
' || fail "a rule card for a topic search"
curl -s --max-time 10 -G "http://127.0.0.1:$port/search" --data-urlencode "q=示例省城市供水条例" >"$tmp/page.html"
grep -q 'class="rule-card"' "$tmp/page.html" || fail "no rule card on the search page"
grep -q 'href="/doc/SL-2012-0003"' "$tmp/page.html" || fail "the rule card does not link the 2012 version"
curl -s --max-time 10 -G "http://127.0.0.1:$port/search" --data-urlencode "q=示例城乡供水法第九十九条" >"$tmp/page2.html"
grep -q 'class="notice"' "$tmp/page2.html" || fail "no notice on the page for a missing article"
# suggestions: by prefix, then substring, one per rule, the version in force; bad limits refused
curl -s --max-time 10 -G "http://127.0.0.1:$port/api/suggest" --data-urlencode "q=示例省城市供" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["query"] == "示例省城市供", d
s = d["suggestions"]
assert s and s[0]["title"] == "示例省城市供水条例" and s[0]["status"] == "现行有效", s
assert all(set(x) == {"id", "title", "level", "status"} for x in s)
assert [x["title"] for x in s].count("示例省城市供水条例") == 1, s
' || fail "/api/suggest by prefix"
# an abbreviation begun that names a numbered series: its numbered rules too
curl -s --max-time 10 -G "http://127.0.0.1:$port/api/suggest" --data-urlencode "q=供用水合同解" | python3 -c '
import json, sys
t = [x["title"] for x in json.load(sys.stdin)["suggestions"]]
assert "最高人民法院关于审理供用水合同纠纷案件适用法律若干问题的解释（二）" in t, t
' || fail "/api/suggest of a series abbreviation"
# LAW解释 begun: the interpretations of that law, a series in the order of its numbers
curl -s --max-time 10 -G "http://127.0.0.1:$port/api/suggest" --data-urlencode "q=示例城乡供水法解" | python3 -c '
import json, sys
t = [x["title"] for x in json.load(sys.stdin)["suggestions"]]
s = "最高人民法院关于适用《中华人民共和国示例城乡供水法》若干问题的解释"
assert t[:2] == [s + "（一）", s + "（二）"], t
' || fail "/api/suggest of LAW解 (the law's interpretations, in number order)"
curl -s --max-time 10 -G "http://127.0.0.1:$port/api/suggest" --data-urlencode "q=城乡供水" | python3 -c '
import json, sys
s = json.load(sys.stdin)["suggestions"]
assert s[0]["title"] == "中华人民共和国示例城乡供水法（样本）", s
' || fail "/api/suggest by substring"
# the home page offers the most cited national rules in force as the query is typed (<datalist>), without JavaScript
curl -s --max-time 10 "http://127.0.0.1:$port/" >"$tmp/home.html" || fail "home page"
python3 - "$tmp/home.html" <<'PY' || fail "home page datalist"
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
assert 'list="rule-names"' in h and '<datalist id="rule-names">' in h, "no datalist"
names = re.findall(r'<option value="([^"]*)">', h.split('<datalist id="rule-names">')[1].split("</datalist>")[0])
assert "中华人民共和国示例城乡供水法（样本）" in names, names
assert not any("示例省" in n for n in names), names  # national rules only
assert len(names) == len(set(names)), names
assert "<script" not in h
PY
for lim in 0 51 x; do
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/api/suggest?q=%E7%A4%BA&limit=$lim")
	[ "$code" = 400 ] || fail "/api/suggest limit=$lim gave $code"
done
# 您要找的是不是: one character away from a rule name
curl -s --max-time 10 -G "http://127.0.0.1:$port/search" --data-urlencode "q=示例省城市供水条列" >"$tmp/page3.html"
grep -q 'class="did-you-mean"' "$tmp/page3.html" && grep -q '示例省城市供水条例</a>' "$tmp/page3.html" ||
	fail "no 您要找的是不是 for a one-character typo"
curl -s --max-time 10 -G "http://127.0.0.1:$port/search" --data-urlencode "q=示例省城市供水条例" >"$tmp/page4.html"
grep -q 'class="did-you-mean"' "$tmp/page4.html" && fail "您要找的是不是 for an exact rule name"
kill $pid
wait $pid 2>/dev/null
pid=
echo "lookup ok"
