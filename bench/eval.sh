#!/bin/sh
# eval.sh - relevance of Fagui on the STARD train split: builds the index of the
# real corpus under bench/out/index (or reuses it while the corpus and
# fagui-indexer are unchanged), then runs
#   fg-search --eval ../shared/eval/stard/train.jsonl --stopwords stopwords/stopwords.txt
# and prints its Markdown table (Recall@10, Recall@100, MRR@10 for the default
# behaviour and the plain BM25 baseline).
#
# Those figures are in-sample: data/learned.tsv and data/keywords/learned.tsv are
# learned from these very questions. So it then measures held out (EVAL_HELDOUT=0
# skips it): for each half of the questions, the two learned files made again
# from that half only (tools/learn-assoc.py --range), an index with those
# article words, and the other half asked with that table; it prints
# bench/eval_halves.py's table (per half, all, rules without hand-written keywords).
#
#   make eval                                (BIN=bin SHARED=../shared)
#   EVAL_MAX=200 sh bench/eval.sh            (first 200 questions only)
#   sh bench/eval.sh --adopt DIR             (take DIR, a fresh full index of the
#                                             same corpus and binary, as the cache)
#   EVAL_INDEX=/tmp/me/index make eval       (keep the cached index there instead of
#                                             bench/out/index: one per engineer or build)
set -eu

BIN=${BIN:-bin}
SHARED=${SHARED:-../shared}
EVAL_MAX=${EVAL_MAX:-}
CORPUS=$SHARED/corpus/laws
EVAL=$SHARED/eval/stard/train.jsonl
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT=$HERE/out
INDEX=${EVAL_INDEX:-$OUT/index}
KEYF=$INDEX.key

die() { echo "eval: $*" >&2; exit 1; }

ADOPT=""
case "${1:-}" in
--adopt) [ $# -eq 2 ] && [ -d "$2" ] || die "usage: eval.sh [--adopt INDEX_DIR]"; ADOPT=$2 ;;
"") ;;
*) die "usage: eval.sh [--adopt INDEX_DIR]" ;;
esac

for p in fagui-indexer fg-search; do
	[ -x "$BIN/$p" ] || die "$BIN/$p is missing: run make first"
done
[ -f "$ROOT/stopwords/stopwords.txt" ] || die "stopwords/stopwords.txt is missing"
if [ ! -f "$CORPUS/catalogue.tsv" ] || [ ! -f "$EVAL" ]; then
	echo "eval: skipped: needs $CORPUS (with catalogue.tsv) and $EVAL from the shared data (SHARED=$SHARED)" >&2
	exit 0
fi

# The cache key: every corpus file's path, size and mtime, the indexer binary's,
# and the data the indexer reads (keywords, thesaurus, stop words).
key=$({
	find "$CORPUS" -type f -printf '%P %s %T@\n' | LC_ALL=C sort
	find "$ROOT/data" "$ROOT/stopwords" -type f -printf '%P %s\n' -exec md5sum {} \; | LC_ALL=C sort
	stat -c '%s %Y' "$BIN/fagui-indexer"
	md5sum "$ROOT/tools/learn-assoc.py" "$EVAL"
} | md5sum | cut -d' ' -f1)

mkdir -p "$OUT" "$(dirname "$INDEX")"
if [ -n "$ADOPT" ]; then
	rm -rf "$INDEX" "$KEYF"
	mv "$ADOPT" "$INDEX"
	echo "$key" >"$KEYF"
elif [ ! -f "$INDEX/index.stub" ] || [ "$(cat "$KEYF" 2>/dev/null)" != "$key" ]; then
	echo "eval: building the index of $CORPUS into $INDEX (a few minutes)" >&2
	rm -rf "$INDEX" "$INDEX.tmp" "$KEYF"
	rc=0
	"$BIN/fagui-indexer" --index "$INDEX.tmp" --catalogue "$CORPUS/catalogue.tsv" --quiet "$CORPUS" || rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 3 ] || die "fagui-indexer failed ($rc)"
	mv "$INDEX.tmp" "$INDEX"
	echo "$key" >"$KEYF"
else
	echo "eval: reusing $INDEX (corpus, data and fagui-indexer unchanged)" >&2
fi

set -- --index "$INDEX" --eval "$EVAL" --stopwords "$ROOT/stopwords/stopwords.txt"
[ -n "$EVAL_MAX" ] && set -- "$@" --max "$EVAL_MAX"
echo "In sample (the learned files come from these questions: overstated; the held-out table follows):"
"$BIN/fg-search" "$@" || die "fg-search --eval failed"
[ "${EVAL_HELDOUT:-1}" = 1 ] && [ -z "$EVAL_MAX" ] || exit 0

# Held out: learn on one half, measure on the other.
command -v python3 >/dev/null 2>&1 || die "python3 is needed for the held-out measurement"
n=$(wc -l <"$EVAL")
h=$((n / 2))
STOP=$ROOT/stopwords/stopwords.txt
for half in 1 2; do
	if [ $half = 1 ]; then range=1-$h; else range=$((h + 1))-$n; fi
	H=$INDEX-learn$half
	if [ "$(cat "$H.key" 2>/dev/null)" != "$key" ] || [ ! -f "$H/index.stub" ]; then
		echo "eval: held out: learning from questions $range, indexing into $H" >&2
		rm -rf "$H" "$H.key" "$H.data"
		mkdir -p "$H.data/keywords"
		for f in "$ROOT"/data/keywords/*.tsv; do
			[ "$(basename "$f")" = learned.tsv ] || ln -s "$f" "$H.data/keywords/"
		done
		python3 "$ROOT/tools/learn-assoc.py" "$EVAL" "$CORPUS" "$STOP" --range "$range" --article-words \
			>"$H.data/keywords/learned.tsv" 2>/dev/null || die "learn-assoc.py --article-words failed"
		python3 "$ROOT/tools/learn-assoc.py" "$EVAL" "$CORPUS" "$STOP" --range "$range" \
			>"$H.data/learned.tsv" 2>/dev/null || die "learn-assoc.py failed"
		rc=0
		"$BIN/fagui-indexer" --index "$H" --catalogue "$CORPUS/catalogue.tsv" --keywords "$H.data/keywords" \
			--quiet "$CORPUS" || rc=$?
		[ $rc -eq 0 ] || [ $rc -eq 3 ] || die "fagui-indexer failed ($rc)"
		echo "$key" >"$H.key"
	fi
done
sed -n "1,${h}p" "$EVAL" >"$OUT/eval-half1.jsonl"
sed -n "$((h + 1)),${n}p" "$EVAL" >"$OUT/eval-half2.jsonl"
# the first half is asked of what the second taught, and the other way round
for half in 1 2; do
	other=$((3 - half))
	FAGUI_LEARNED=$INDEX-learn$other.data/learned.tsv FAGUI_EVAL_PLAIN=0 FAGUI_EVAL_DEPTH=100 \
		FAGUI_EVAL_DUMP=$OUT/eval-dump$half.jsonl "$BIN/fg-search" --index "$INDEX-learn$other" \
		--eval "$OUT/eval-half$half.jsonl" --stopwords "$STOP" >/dev/null || die "fg-search --eval (half $half) failed"
done
echo
echo "Held out (each half asked of the learned files of the other):"
python3 "$HERE/eval_halves.py" "$EVAL" "$ROOT/data/keywords" "$OUT/eval-dump1.jsonl" "$OUT/eval-dump2.jsonl" ||
	die "eval_halves.py failed"
