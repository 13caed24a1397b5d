#!/bin/sh
# test_parse_real.sh - parse every file of the real corpus in $SHARED with
# fg-parse: none may fail, report the article total (it must be near the
# ~147,000 of the corpus notes), and the seed document's UTF-8 and GB18030
# versions must give identical units. Skips when $SHARED is absent.
: "${BIN:=bin}" "${SHARED:=../shared}"
LAWS="$SHARED/corpus/laws"
SEED="$SHARED/corpus/seed"
if [ ! -d "$LAWS" ] || [ ! -d "$SEED" ]; then
	echo "skip: $SHARED/corpus not found"
	exit 77
fi
[ -x "$BIN/fg-parse" ] || { echo "missing $BIN/fg-parse (run make)"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

nfiles=$(find "$LAWS" -name '*.md' | wc -l)
start=$(date +%s)
find "$LAWS" -name '*.md' -print0 | xargs -0 "$BIN/fg-parse" --summary >"$tmp/sum" 2>"$tmp/err"
secs=$(( $(date +%s) - start ))
if [ -s "$tmp/err" ]; then
	echo "FAIL: some files did not parse:"; head -20 "$tmp/err"; exit 1
fi
parsed=$(wc -l <"$tmp/sum")
if [ "$parsed" -ne "$nfiles" ]; then
	echo "FAIL: $parsed of $nfiles files parsed"; exit 1
fi
articles=$(awk -F'\t' '{ sub("articles=", "", $3); s += $3 } END { print s + 0 }' "$tmp/sum")
units=$(awk -F'\t' '{ sub("units=", "", $2); s += $2 } END { print s + 0 }' "$tmp/sum")
echo "parsed $nfiles files in ${secs}s: $articles articles, $units units"
if [ "$articles" -lt 146000 ] || [ "$articles" -gt 148500 ]; then
	echo "FAIL: article total $articles is far from the ~147,009 expected"; exit 1
fi
if [ "$secs" -gt 30 ]; then
	echo "FAIL: parsing took ${secs}s"; exit 1
fi

# the seed document: UTF-8 and GB18030 give the same units
u8="$SEED/山西省贯彻落实法治政府建设实施纲要的实施方案.txt"
gb="$SEED/山西省贯彻落实法治政府建设实施纲要的实施方案.gb18030.txt"
"$BIN/fg-parse" --json "$u8" >"$tmp/u8.json" || { echo "FAIL: $u8"; exit 1; }
"$BIN/fg-parse" --json "$gb" >"$tmp/gb.json" || { echo "FAIL: $gb"; exit 1; }
grep -q '"encoding":"UTF-8"' "$tmp/u8.json" || { echo "FAIL: seed not read as UTF-8"; exit 1; }
grep -q '"encoding":"GB18030"' "$tmp/gb.json" || { echo "FAIL: seed not read as GB18030"; exit 1; }
strip() { sed -e 's/"path":"[^"]*",//' -e 's/"encoding":"[^"]*",//' "$1"; }
strip "$tmp/u8.json" >"$tmp/u8.cmp"
strip "$tmp/gb.json" >"$tmp/gb.cmp"
if ! cmp -s "$tmp/u8.cmp" "$tmp/gb.cmp"; then
	echo "FAIL: the seed's UTF-8 and GB18030 versions parse differently"; exit 1
fi
nseed=$(grep -o '"kind":"' "$tmp/u8.json" | wc -l)
[ "$nseed" -gt 1 ] || { echo "FAIL: seed gave $nseed units"; exit 1; }
echo "seed: $nseed units, identical in UTF-8 and GB18030"
