#!/bin/sh
# eval.sh - relevance of Fagui on the STARD train split: builds the index of the
# real corpus under bench/out/index (or reuses it while the corpus and
# fagui-indexer are unchanged), then runs
#   fg-search --eval ../shared/eval/stard/train.jsonl --stopwords stopwords/stopwords.txt
# and prints its Markdown table (Recall@10, Recall@100, MRR@10 for the default
# behaviour and the plain BM25 baseline).
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
"$BIN/fg-search" "$@" || die "fg-search --eval failed"
