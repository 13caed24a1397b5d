#!/bin/sh
# names.sh - rule and article look-up on the real corpus (issue 12): every
# catalogue entry by its full title, by its name and in 《》, and 1,000 articles
# as NAME第X条 (bench/names.py builds the checks from the catalogue); prints
# the fraction whose first hit is right. Uses the evaluation's index
# (bench/eval.sh builds or reuses bench/out/index).
#
#   make names        (BIN=bin SHARED=../shared)
set -eu
BIN=${BIN:-bin}
SHARED=${SHARED:-../shared}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CAT=$SHARED/corpus/laws/catalogue.tsv
if [ ! -f "$CAT" ]; then
	echo "names: skipped: needs $CAT from the shared data (SHARED=$SHARED)" >&2
	exit 0
fi
EVAL_MAX=1 BIN=$BIN SHARED=$SHARED sh "$HERE/eval.sh" >/dev/null
INDEX=$HERE/out/index
OUT=$HERE/out/names
mkdir -p "$OUT"
"$BIN/fagui-indexer" --index "$INDEX" report catalogue --format tsv >"$OUT/catalogue.tsv"
(cd "$ROOT" && python3 bench/names.py "$CAT" "$OUT/catalogue.tsv" "$BIN/fg-search" "$INDEX" "$OUT")
echo "rules (full title, name, 《name》):"
FAGUI_NAMES_FAILS=$OUT/rules.fails "$BIN/fg-search" --index "$INDEX" --names "$OUT/rules.tsv"
echo "articles (NAME第X条):"
FAGUI_NAMES_FAILS=$OUT/articles.fails "$BIN/fg-search" --index "$INDEX" --names "$OUT/articles.tsv"
echo "(failures: $OUT/rules.fails, $OUT/articles.fails)"
