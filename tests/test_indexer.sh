#!/bin/sh
# test_indexer.sh - fagui-indexer on the bundled corpus through its real
# interface: full build, --stats, every catalogue entry indexed, search of
# planted texts (single characters, traditional characters, GB18030 and Big5
# files), incremental updates (change, add, delete, no-op), the catalogue
# report, a second indexer refused by the lock, and a killed rebuild leaving
# the previous index intact.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}"
T=$(mktemp -d /tmp/fagui-idx.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
IDX="$T/index"
search() { "$BIN/fg-search" --index "$IDX" "$@"; }
jget() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# full build
"$BIN/fagui-indexer" --index "$IDX" corpus 2>"$T/log" || { cat "$T/log"; fail "indexing corpus/ failed"; }
grep -q "built:" "$T/log" || fail "no summary line: $(cat "$T/log")"
stats=$("$BIN/fagui-indexer" --index "$IDX" --stats) || fail "--stats failed"
ndocs=$(echo "$stats" | jget 'd["documents"]')
narts=$(echo "$stats" | jget 'd["articles"]')
ncat=$(($(wc -l <corpus/catalogue.tsv) - 1))
[ "$ndocs" -eq "$ncat" ] || fail "indexed $ndocs documents, catalogue lists $ncat"
[ "$narts" -gt 300 ] || fail "only $narts articles"
echo "corpus: $ndocs documents, $narts articles"

# every catalogue entry is there with its id, and the report lists them
"$BIN/fagui-indexer" --index "$IDX" report catalogue --format tsv >"$T/cat.tsv" || fail "report catalogue failed"
[ $(($(wc -l <"$T/cat.tsv") - 1)) -eq "$ncat" ] || fail "catalogue report has $(wc -l <"$T/cat.tsv") lines"
tail -n +2 corpus/catalogue.tsv | cut -f10 | sort >"$T/ids.want"
tail -n +2 "$T/cat.tsv" | cut -f1 | sort >"$T/ids.got"
cmp -s "$T/ids.want" "$T/ids.got" || { diff "$T/ids.want" "$T/ids.got"; fail "ids differ from the catalogue"; }
"$BIN/fagui-indexer" --index "$IDX" report catalogue --format json | python3 -c "
import json,sys; d=json.load(sys.stdin); assert len(d['documents'])==$ncat" || fail "json catalogue report"
"$BIN/fagui-indexer" --index "$IDX" report catalogue --format csv | head -1 | grep -q '^id,title,number' || fail "csv header"

# each catalogue title finds its own document among the first (versions share a title)
tail -n +2 corpus/catalogue.tsv | cut -f2,10 | while IFS="$(printf '\t')" read -r name id; do
	got=$(search --doc --limit 3 "标题:\"$name\"" | jget '" ".join(h["id"] for h in d["hits"])')
	case " $got " in *" $id "*) ;; *) echo "title '$name' -> '$got', want $id"; exit 1 ;; esac
done || fail "title search"

# a phrase is an exact substring; single characters work; traditional folds to simplified
n1=$(search --limit 100 "行政许可" | jget 'd["total"]')
n2=$(search --limit 100 "行政許可" | jget 'd["total"]')
[ "$n1" -gt 0 ] && [ "$n1" -eq "$n2" ] || fail "行政许可 $n1 vs 行政許可 $n2"
search "行政许可" | jget 'all("<mark>" in h["snippet"] for h in d["hits"])' | grep -q True || fail "snippets not highlighted"
n=$(search "罚" | jget 'd["total"]')
[ "$n" -gt 0 ] || fail "single character query found nothing"

# phrases with repeated characters: the reduced phrase (every other bigram) must not
# match a text where the kept bigrams sit closer (大小大 for 大小小大)
mkdir -p "$T/rep"
cat >"$T/rep/rep.md" <<'EOF'
# 示例省重复字样本规定

第一条 大小大。

第二条 大小小大。

第三条 天天向上，向上天天。

第四条 哈哈哈。

第五条 哈哈哈哈。

第六条 依法追究刑事责任。

第七条 依法追究，刑事责任。
EOF
"$BIN/fagui-indexer" --quiet --index "$T/repi" "$T/rep" || fail "build of the repeated-character corpus"
for qa in "大小小大:第二条" "大小大:第一条" "小小大:第二条" "天天向上:第三条" "哈哈哈哈:第五条" "哈哈哈:第五条 第四条" \
	"依法追究刑事责任:第六条" "向上天天:第三条"; do
	q=${qa%%:*} want=${qa#*:}
	got=$("$BIN/fg-search" --index "$T/repi" --limit 20 "$q" | jget '" ".join(sorted(h["article"] for h in d["hits"]))')
	[ "$got" = "$want" ] || fail "phrase '$q' matched '$got', want '$want'"
done

# the GB18030 and Big5 files are indexed and searchable by their text
for f in $(tail -n +2 corpus/catalogue.tsv | cut -f1 | grep '\.txt$'); do
	id=$(awk -F'\t' -v p="$f" '$1==p {print $10}' corpus/catalogue.tsv)
	u=$(search --docview "$id" | jget 'len(d["articles"])') || fail "docview $id"
	[ "$u" -gt 0 ] || fail "$f has no units"
done

# incremental: no-op, change, add, delete
cp -r corpus "$T/c"
"$BIN/fagui-indexer" --index "$T/i2" "$T/c" 2>/dev/null || fail "build copy"
"$BIN/fagui-indexer" --index "$T/i2" "$T/c" 2>"$T/log" || fail "no-op update"
grep -q "0 new or changed, 0 deleted" "$T/log" || fail "no-op update touched files: $(cat "$T/log")"
f=$(find "$T/c" -name '*.md' ! -name 'README*' | sort | head -1)
printf '\n第九百九十九条 本条为增量更新测试而加入，含有独特词语甲乙丙丁戊己。\n' >>"$f"
"$BIN/fagui-indexer" --index "$T/i2" "$T/c" 2>"$T/log" || fail "update after change"
grep -q "1 new or changed, 0 deleted" "$T/log" || fail "change not seen: $(cat "$T/log")"
n=$("$BIN/fg-search" --index "$T/i2" "甲乙丙丁戊己" | jget 'd["total"]')
[ "$n" -eq 1 ] || fail "changed text found $n times"
cp "$f" "$T/c/zz-new.md"
sed -i 's/^id: .*/id: SL-TEST-NEW/' "$T/c/zz-new.md"
"$BIN/fagui-indexer" --index "$T/i2" "$T/c" 2>"$T/log" || fail "update after add"
n=$("$BIN/fg-search" --index "$T/i2" "甲乙丙丁戊己" | jget 'd["total"]')
[ "$n" -eq 2 ] || fail "added file: $n hits"
rm "$f"
"$BIN/fagui-indexer" --index "$T/i2" "$T/c" 2>"$T/log" || fail "update after delete"
grep -q "1 deleted" "$T/log" || fail "delete not seen: $(cat "$T/log")"
n=$("$BIN/fg-search" --index "$T/i2" "甲乙丙丁戊己" | jget 'd["total"]')
[ "$n" -eq 1 ] || fail "deleted file still found ($n)"

# a second indexer is refused while one runs; a killed rebuild leaves the index intact
before=$("$BIN/fagui-indexer" --index "$IDX" --stats)
# the lock is held until the refusal was seen (a fixed time is too short for a slow sanitized start)
flock "$IDX/.lock" sh -c 'i=0; while [ ! -e "$0" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done' "$T/unlock" &
i=0
while flock -n "$IDX/.lock" true && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done # until it is held
"$BIN/fagui-indexer" --index "$IDX" corpus 2>"$T/log" && { touch "$T/unlock"; fail "second indexer not refused"; }
touch "$T/unlock"
grep -q "another fagui-indexer" "$T/log" || fail "lock message: $(cat "$T/log")"
wait
"$BIN/fagui-indexer" --index "$IDX" --rebuild corpus 2>/dev/null &
pid=$!
sleep 0.2
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
after=$("$BIN/fagui-indexer" --index "$IDX" --stats)
# either the kill came first (same generation) or the rebuild had finished (next one, same content)
strip() { echo "$1" | sed 's/"generation":[0-9]*//'; }
[ "$(strip "$before")" = "$(strip "$after")" ] || fail "killed rebuild changed the index: $before -> $after"
"$BIN/fagui-indexer" --index "$IDX" --rebuild corpus 2>/dev/null || fail "rebuild after kill"
[ "$(ls -d "$IDX"/gen-* | wc -l)" -eq 1 ] || fail "stale generations left: $(ls "$IDX")"

# usage errors
"$BIN/fagui-indexer" --index "$IDX" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no PATH should exit 2"
"$BIN/fagui-indexer" corpus >/dev/null 2>&1; [ $? -eq 2 ] || fail "no --index should exit 2"
"$BIN/fagui-indexer" --index "$T/x" /nonexistent >/dev/null 2>&1; [ $? -eq 1 ] || fail "missing PATH should exit 1"
echo "ok"
