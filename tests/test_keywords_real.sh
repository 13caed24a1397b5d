#!/bin/sh
# test_keywords_real.sh - every data/keywords file names a rule of the real
# corpus (../shared/corpus/laws) and only articles that rule has, in the
# version the file names or else the newest (tests/keywords_real.py). A
# keyword line for an article that does not exist would never be indexed:
# this catches typos in labels and files written against the wrong version.
cd "$(dirname "$0")/.." || exit 1
: "${SHARED:=../shared}"
LAWS="$SHARED/corpus/laws"
if [ ! -f "$LAWS/catalogue.tsv" ]; then
	echo "skip: $LAWS not present (the real corpus lives beside the project in ../shared)"
	exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
out=$(python3 tests/keywords_real.py "$LAWS" data/keywords) || { echo "$out"; echo "FAIL: keyword files do not match the corpus"; exit 1; }
echo "$out"
# the checker itself fails on a planted wrong label and a wrong rule
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-kwr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf 'rule\t中华人民共和国刑法\n第九百条\t不存在\n' >"$tmp/a.tsv"
printf 'rule\t中华人民共和国不存在法\n第一条\t词\n' >"$tmp/b.tsv"
for f in a b; do
	python3 tests/keywords_real.py "$LAWS" "$tmp" "$tmp/$f.tsv" >/dev/null && { echo "FAIL: $f.tsv should be refused"; exit 1; }
done
exit 0
