#!/bin/sh
# test_golden.sh - golden tests of the text core: every tests/data/tokenize/
# NAME.in is run through fg-dump (with the arguments in NAME.args, default
# "tokens") and compared byte for byte with NAME.expected; any difference is
# printed as a diff and fails. BIN gives the program directory (default bin).
# To accept a deliberate change, regenerate: BIN=bin sh tests/test_golden.sh --update
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}"
dump="$BIN/fg-dump"
if [ ! -x "$dump" ]; then
	echo "test_golden: $dump not built (run make)" >&2
	exit 1
fi
update=0
[ "$1" = "--update" ] && update=1
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
fail=0 n=0
for in in tests/data/tokenize/*.in; do
	[ -e "$in" ] || continue
	base=${in%.in}
	args=tokens
	[ -f "$base.args" ] && args=$(cat "$base.args")
	# shellcheck disable=SC2086
	"$dump" $args "$in" >"$tmp"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL $in: fg-dump $args exited with $rc"
		fail=1
		continue
	fi
	n=$((n + 1))
	if [ $update = 1 ]; then
		cp "$tmp" "$base.expected"
	elif ! cmp -s "$tmp" "$base.expected"; then
		echo "FAIL $in (fg-dump $args):"
		diff -u "$base.expected" "$tmp"
		fail=1
	fi
done
if [ $n -eq 0 ]; then
	echo "test_golden: no cases in tests/data/tokenize" >&2
	exit 1
fi
[ $fail -eq 0 ] && echo "test_golden: $n cases passed"
exit $fail
