#!/bin/sh
# test_keywords.sh - everyday words of single articles (data/keywords, K
# terms) end to end over corpus/: a question whose words are only in the
# keywords of 示例省道路交通安全条例 第三十三条 finds that article first (fg-search
# and fagui-searchd's /api/search), not with the K weight at 0 nor from an
# index built with --keywords '', and articles without keywords through the
# words associated with them (qassoc.c) only while associations are on; strict scores are the same with and
# without keywords (they are not part of an article's length); changing the keywords rebuilds the index
# in full while the same keywords only update it; two files naming one article add up; a missing or malformed
# keyword directory fails with a message and leaves the index as it was.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
for tool in curl python3; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-kw.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "FAIL: $*"; exit 1; }

q=开长途犯困了怎么办
S="$BIN/fg-search --index $tmp/index --stopwords stopwords/stopwords.txt"
first() { python3 -c '
import json, sys
r = json.load(sys.stdin)
h = r["hits"]
print(r["total"], (h[0]["title"] + " " + h[0]["article"]) if h else "-")'; }

"$BIN/fagui-indexer" --index "$tmp/index" corpus >"$tmp/log1" 2>&1 || { cat "$tmp/log1"; fail "indexing corpus"; }
grep -q 'built:' "$tmp/log1" || { cat "$tmp/log1"; fail "first run should build"; }
$S "$q" | first >"$tmp/r1" || fail "search"
grep -q ' 示例省道路交通安全条例 第三十三条$' "$tmp/r1" || { cat "$tmp/r1"; fail "$q should find 第三十三条 first"; }
FAGUI_TUNE=keywords=0 $S "$q" | first >"$tmp/r0" || fail "search"
grep -q '^0 -$' "$tmp/r0" || { cat "$tmp/r0"; fail "with keywords=0 $q should find nothing"; }

# word associations (lib/search/qassoc.c): the body bigrams of 第三十三条, whose keywords hold the
# question's words, find articles without keywords that share none of the question's words
# (停车 -> 第五十七条 公共停车场) at assoc=0.3 (off by default), where only 第三十三条 matches
arts() { python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r["total"], " ".join(h["article"] for h in r["hits"]))'; }
FAGUI_TUNE=assoc=0.3 $S "$q" | arts >"$tmp/a1" || fail "search"
grep -q '^[2-9][0-9]* 第三十三条 .*第五十七条' "$tmp/a1" || { cat "$tmp/a1"; fail "$q should find 第三十三条, then 第五十七条 through associated words"; }
$S "$q" | arts >"$tmp/a0" || fail "search"
grep -q '^1 第三十三条$' "$tmp/a0" || { cat "$tmp/a0"; fail "by default (assoc=0) $q should find 第三十三条 only"; }

# fagui-searchd ranks the same way
"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 1 >/dev/null 2>"$tmp/sd.err" &
pid=$!
wait_port $pid "$tmp/sd.err"
curl -s --max-time 10 -G "http://127.0.0.1:$port/api/search" --data-urlencode "q=$q" | first >"$tmp/sd" ||
	{ cat "$tmp/sd.err"; fail "/api/search"; }
cmp -s "$tmp/sd" "$tmp/r1" || { cat "$tmp/sd"; fail "searchd differs from fg-search"; }
kill $pid
wait $pid 2>/dev/null
pid=

# keywords do not count in an article's length: a strict query scores the same without them
sq=连续驾驶机动车
$S "$sq" | python3 -c 'import json,sys; print([(h["article"], h["score"]) for h in json.load(sys.stdin)["hits"]])' >"$tmp/s1" ||
	fail "strict search"

# same keywords: an update; other keywords: a full build
"$BIN/fagui-indexer" --index "$tmp/index" corpus >"$tmp/log2" 2>&1 || { cat "$tmp/log2"; fail "update"; }
grep -q 'updated:.*0 new or changed' "$tmp/log2" || { cat "$tmp/log2"; fail "same keywords should only update"; }
"$BIN/fagui-indexer" --index "$tmp/index" --keywords '' corpus >"$tmp/log3" 2>&1 || { cat "$tmp/log3"; fail "--keywords ''"; }
grep -q 'built:' "$tmp/log3" || { cat "$tmp/log3"; fail "other keywords should rebuild"; }
$S "$q" | first >"$tmp/r3" || fail "search"
grep -q '^0 -$' "$tmp/r3" || { cat "$tmp/r3"; fail "an index without keywords should not find $q"; }
$S "$sq" | python3 -c 'import json,sys; print([(h["article"], h["score"]) for h in json.load(sys.stdin)["hits"]])' >"$tmp/s3" ||
	fail "strict search"
grep -q '第三十三条' "$tmp/s1" || { cat "$tmp/s1"; fail "$sq should find 第三十三条"; }
cmp -s "$tmp/s1" "$tmp/s3" || { cat "$tmp/s1" "$tmp/s3"; fail "keywords changed strict scores"; }

# a bad keyword directory: usage error, index untouched
mkdir "$tmp/kw"
printf 'rule\t示例省道路交通安全条例\n第三十三\t犯困\n' >"$tmp/kw/bad.tsv"
"$BIN/fagui-indexer" --index "$tmp/index" --keywords "$tmp/kw" corpus >"$tmp/log4" 2>&1
[ $? -eq 2 ] || { cat "$tmp/log4"; fail "a malformed keyword file should exit 2"; }
grep -q "bad.tsv:2: '第三十三' is not an article label" "$tmp/log4" || { cat "$tmp/log4"; fail "message"; }
"$BIN/fagui-indexer" --index "$tmp/index" --keywords "$tmp/missing" corpus >"$tmp/log5" 2>&1
[ $? -eq 2 ] || { cat "$tmp/log5"; fail "a missing keyword directory should exit 2"; }
grep -q "cannot open $tmp/missing" "$tmp/log5" || { cat "$tmp/log5"; fail "message"; }
$S "$q" | first >"$tmp/r5" || fail "search after failed runs"
cmp -s "$tmp/r5" "$tmp/r3" || fail "failed runs changed the index"

# a directory of our own: its words, after a rebuild
printf 'rule\t示例省道路交通安全条例\n第三十九条\t开长途犯困\n' >"$tmp/kw/bad.tsv"
"$BIN/fagui-indexer" --index "$tmp/index" --keywords "$tmp/kw" corpus >"$tmp/log6" 2>&1 || { cat "$tmp/log6"; fail "own keywords"; }
$S "$q" | first >"$tmp/r6" || fail "search"
grep -q ' 示例省道路交通安全条例 第三十九条$' "$tmp/r6" || { cat "$tmp/r6"; fail "own keywords not used"; }

# two files naming the same article: the words of both (data/keywords/learned.tsv adds to hand-written files)
printf 'rule	中华人民共和国示例省道路交通安全条例
第三十九条	打瞌睡
' >"$tmp/kw/learned.tsv"
"$BIN/fagui-indexer" --index "$tmp/index" --keywords "$tmp/kw" corpus >"$tmp/log7" 2>&1 || { cat "$tmp/log7"; fail "two files"; }
for w in "$q" 打瞌睡怎么办; do
	$S "$w" | first >"$tmp/r7" || fail "search"
	grep -q ' 示例省道路交通安全条例 第三十九条$' "$tmp/r7" || { cat "$tmp/r7"; fail "$w: both files' words should find 第三十九条"; }
done
echo "keywords ok"
