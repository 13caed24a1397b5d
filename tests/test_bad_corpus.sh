#!/bin/sh
# test_bad_corpus.sh - fagui-indexer on a generated corpus of broken and
# awkward files (tests/gen-bad-corpus.sh: invalid UTF-8, UTF-16, NUL bytes,
# single lines of 12 MB (indexed) and 50 MB (over the file size limit), empty
# and front-matter-only files, random bytes, 10,000 levels of Markdown
# nesting, odd article numbering, CRLF, odd file names, a symlink loop). The run must finish with exit 3 (partial), index every good
# file (found by its marker word through fg-search, counted by --stats),
# name every bad file on stderr with a reason, stay under a peak RSS bound
# (MAX_RSS_MB, default 600; measured with /usr/bin/time -v), and a second,
# incremental run over the same corpus must change nothing.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}" "${MAX_RSS_MB:=600}"
[ -x "$BIN/fagui-indexer" ] && [ -x "$BIN/fg-search" ] || { echo "skip: $BIN/fagui-indexer or fg-search not built"; exit 77; }
T=$(mktemp -d /tmp/fagui-bad.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
C="$T/corpus"
IDX="$T/index"
jget() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# Sanitizer builds are several times slower and bigger: a shorter long line, no RSS bound.
sanitized=0
case "$BIN" in *asan*) sanitized=1 ;; esac
big=50 long=12
[ $sanitized -eq 1 ] && long=3
BIG_MB=$big LONG_MB=$long sh tests/gen-bad-corpus.sh "$C" || fail "generating the corpus failed"

timed=""
[ -x /usr/bin/time ] && timed="/usr/bin/time -v -o $T/time"
start=$(date +%s)
$timed "$BIN/fagui-indexer" --index "$IDX" "$C" >"$T/out" 2>"$T/err"
rc=$?
secs=$(($(date +%s) - start))
[ $rc -eq 3 ] || { tail -20 "$T/err"; fail "exit status $rc, expected 3 (partial success)"; }
grep -q "built:" "$T/err" || fail "no summary line"

# every good file is searchable by its marker and not reported; warned ones are both
n=0
while IFS= read -r p; do
	n=$((n + 1))
	total=$("$BIN/fg-search" --index "$IDX" "fgmark$n" | jget 'd["total"]') || fail "fg-search fgmark$n failed"
	[ "$total" -ge 1 ] || fail "good file $p (marker fgmark$n) is not in the index"
	grep -qF "$C/$p:" "$T/err" && fail "good file $p reported: $(grep -F "$C/$p:" "$T/err")"
done <"$C/.expect-good"
ngood=$n
n=0
while IFS= read -r p; do
	n=$((n + 1))
	total=$("$BIN/fg-search" --index "$IDX" "fgwarn$n" | jget 'd["total"]') || fail "fg-search fgwarn$n failed"
	[ "$total" -ge 1 ] || fail "file $p (marker fgwarn$n) should be indexed despite its problem"
	grep -qF "$C/$p: " "$T/err" || fail "file $p indexed with a problem but not reported"
done <"$C/.expect-warn"
nwarn=$n

# every bad file is reported with its path and a reason
nbad=0
while IFS= read -r p; do
	nbad=$((nbad + 1))
	line=$(grep -F "$C/$p: " "$T/err" | head -1)
	[ -n "$line" ] || fail "bad file $p not reported on stderr"
	reason=${line##*"$C/$p: "}
	[ -n "$reason" ] || fail "no reason given for $p"
done <"$C/.expect-fail"
grep -q "symbolic link loop" "$T/err" || fail "the symlink loop is not reported"

# --stats counts them: good + warned, plus at most the symlinked copy and the badly named file
stats=$("$BIN/fagui-indexer" --index "$IDX" --stats) || fail "--stats failed"
docs=$(echo "$stats" | jget 'd["documents"]')
want=$((ngood + nwarn))
[ "$docs" -ge "$want" ] && [ "$docs" -le $((want + 2)) ] || fail "--stats: $docs documents, expected $want (+2 at most)"

# peak memory
rss_mb="?"
if [ -n "$timed" ]; then
	rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$T/time")
	rss_mb=$((rss_kb / 1024))
	if [ $sanitized -eq 0 ] && [ "$rss_mb" -ge "$MAX_RSS_MB" ]; then
		fail "peak RSS ${rss_mb} MB with a ${long} MB single-line file, limit ${MAX_RSS_MB} MB"
	fi
fi

# an incremental run over the same corpus changes nothing and fails the same files
"$BIN/fagui-indexer" --index "$IDX" "$C" >"$T/out2" 2>"$T/err2"
rc=$?
[ $rc -eq 3 ] || { tail -5 "$T/err2"; fail "second run: exit $rc, expected 3"; }
stats2=$("$BIN/fagui-indexer" --index "$IDX" --stats) || fail "--stats after the second run failed"
[ "$(echo "$stats2" | jget 'd["documents"]')" -eq "$docs" ] || fail "second run changed the document count: $stats2"
while IFS= read -r p; do
	grep -qF "$C/$p: " "$T/err2" || fail "second run: bad file $p not reported"
done <"$C/.expect-fail"

echo "bad corpus: $ngood good and $nwarn warned files indexed ($docs documents), $nbad bad files reported," \
	"single lines of ${long} MB (indexed) and ${big} MB (refused), ${secs}s, peak RSS ${rss_mb} MB"
