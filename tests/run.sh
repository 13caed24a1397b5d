#!/bin/sh
# run.sh - the whole suite: C unit tests (given as arguments), then every
# tests/test_*.sh integration script. A script exiting 77 is a skip (it
# prints why). Environment: BIN (program directory), SHARED (../shared).
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}" "${SHARED:=../shared}"
export BIN SHARED
fail=0
sh tests/run-unit.sh "$@" || fail=1
for t in tests/test_*.sh; do
	[ -e "$t" ] || continue
	start=$(date +%s)
	out=$(sh "$t" 2>&1)
	rc=$?
	secs=$(( $(date +%s) - start ))
	case $rc in
	0) echo "PASS  $(basename "$t") (${secs}s)" ;;
	77) echo "SKIP  $(basename "$t"): $(echo "$out" | grep -i 'skip' | tail -1)" ;;
	*) echo "FAIL  $(basename "$t") (exit $rc, ${secs}s)"; echo "$out" | tail -40; fail=1 ;;
	esac
done
[ $fail -eq 0 ] && echo "all tests passed" || echo "some tests FAILED"
exit $fail
