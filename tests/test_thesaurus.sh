#!/bin/sh
# test_thesaurus.sh - the colloquial-to-statute thesaurus end to end over
# corpus/: a layperson question whose everyday word (司机) appears nowhere
# in the sample corpus finds the articles about 驾驶人 through the shipped
# data/thesaurus.tsv (fg-search's default, and fagui-searchd's /api/search),
# finds nothing with --thesaurus '', and is searched as given with a table
# of our own; an unreadable table is an error; plain (BM25) search ignores
# the thesaurus. Also the other relaxed-only evidence: words of an article's
# headings (章, 节) count for it.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
for tool in curl python3; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-th.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

"$BIN/fagui-indexer" --index "$tmp/index" -q corpus >"$tmp/index.log" 2>&1 ||
	{ echo "FAIL: indexing corpus"; cat "$tmp/index.log"; exit 1; }
q=司机要守什么规矩
# the thesaurus alone: the learned table (data/learned.tsv, tests/test_learned.sh) also leads 司机 somewhere
FAGUI_LEARNED=
export FAGUI_LEARNED
S="$BIN/fg-search --index $tmp/index --stopwords stopwords/stopwords.txt"

# summary of a result: "relaxed total" then "title article marked-words" per hit
summary() {
	python3 -c '
import json, re, sys
r = json.load(sys.stdin)
print(r["relaxed"], r["total"])
for h in r["hits"]:
    print(h["title"], h["article"], ",".join(sorted(set(re.findall(r"<mark>(.*?)</mark>", h["snippet"])))))'
}

$S --thesaurus '' "$q" | summary >"$tmp/none" || { echo "FAIL: search without thesaurus"; exit 1; }
grep -q '^True 0$' "$tmp/none" || { echo "FAIL: without a thesaurus $q should find nothing"; cat "$tmp/none"; exit 1; }

$S "$q" | summary >"$tmp/default" || { echo "FAIL: search with the default thesaurus"; exit 1; }
head -1 "$tmp/default" | grep -q '^True ' || { echo "FAIL: not relaxed"; cat "$tmp/default"; exit 1; }
[ "$(sed -n '2,$p' "$tmp/default" | grep -c '示例省道路交通安全条例 第.*条 驾驶人$')" -ge 3 ] ||
	{ echo "FAIL: the default thesaurus should find 驾驶人 articles"; cat "$tmp/default"; exit 1; }

# a table of our own: 规矩 -> 行驶 (not in the shipped table)
printf '# test table\n规矩\t行驶\n' >"$tmp/th.tsv"
$S --thesaurus "$tmp/th.tsv" "$q" | summary >"$tmp/own" || { echo "FAIL: search with --thesaurus FILE"; exit 1; }
sed -n '2,$p' "$tmp/own" | grep -q '行驶' || { echo "FAIL: --thesaurus FILE not used"; cat "$tmp/own"; exit 1; }
grep -q '驾驶人' "$tmp/own" && { echo "FAIL: --thesaurus FILE should replace the default"; cat "$tmp/own"; exit 1; }

$S --thesaurus "$tmp/missing.tsv" "$q" >/dev/null 2>"$tmp/err" && { echo "FAIL: a missing table should fail"; exit 1; }
grep -q "cannot open $tmp/missing.tsv" "$tmp/err" || { echo "FAIL: error message"; cat "$tmp/err"; exit 1; }

# headings: 宣传 is only in the heading 第二章 宣传教育 of the provincial road traffic regulation, so a
# question about it finds that chapter's articles (第七条-第十条) through the H terms, and not without them
hq=宣传方面有哪些要求
$S --limit 30 "$hq" | summary >"$tmp/heading" || { echo "FAIL: heading search"; exit 1; }
[ "$(grep -c '^示例省道路交通安全条例 第[七八九十]条 ' "$tmp/heading")" -ge 3 ] ||
	{ echo "FAIL: $hq should find the articles under 第二章 宣传教育"; cat "$tmp/heading"; exit 1; }
FAGUI_TUNE=relax_heading=0 $S --limit 30 "$hq" | summary >"$tmp/noheading" || { echo "FAIL: search"; exit 1; }
grep -q '^示例省道路交通安全条例 第[七八九十]条 ' "$tmp/noheading" &&
	{ echo "FAIL: without heading terms $hq should not find 第七条-第十条"; cat "$tmp/noheading"; exit 1; }

# plain BM25 is the comparison: the thesaurus never applies
$S --plain "$q" | summary >"$tmp/plain" || { echo "FAIL: plain search"; exit 1; }
grep -q '驾驶人' "$tmp/plain" && { echo "FAIL: plain search expanded"; cat "$tmp/plain"; exit 1; }

# fagui-searchd: the default table, and --thesaurus ''
for th in default none; do
	: >"$tmp/sd.err" # the previous server's port must not be read (lib.sh wait_port)
	if [ $th = default ]; then
		"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 1 >/dev/null 2>"$tmp/sd.err" &
	else
		"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 1 --thesaurus '' \
			>/dev/null 2>"$tmp/sd.err" &
	fi
	pid=$!
	wait_port $pid "$tmp/sd.err"
	curl -s --max-time 10 -G "http://127.0.0.1:$port/api/search" --data-urlencode "q=$q" | summary >"$tmp/sd.$th" ||
		{ echo "FAIL: /api/search"; cat "$tmp/sd.err"; exit 1; }
	kill $pid
	wait $pid 2>/dev/null
	pid=
done
cmp -s "$tmp/sd.default" "$tmp/default" || { echo "FAIL: searchd differs from fg-search"; diff "$tmp/sd.default" "$tmp/default"; exit 1; }
cmp -s "$tmp/sd.none" "$tmp/none" || { echo "FAIL: searchd --thesaurus ''"; cat "$tmp/sd.none"; exit 1; }
"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --thesaurus "$tmp/missing.tsv" >/dev/null 2>"$tmp/sd.err" &&
	{ echo "FAIL: searchd with a missing table should fail"; exit 1; }
grep -q "cannot load thesaurus" "$tmp/sd.err" || { echo "FAIL: searchd error message"; cat "$tmp/sd.err"; exit 1; }
echo "thesaurus ok"
