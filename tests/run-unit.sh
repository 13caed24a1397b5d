#!/bin/sh
# run-unit.sh - run the C unit test binaries given as arguments; with
# LEAKCHECK=1 run each under valgrind memcheck (any error fails).
fail=0
for t in "$@"; do
	if [ "${LEAKCHECK:-0}" = 1 ]; then
		valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
			"$t" >"$t.log" 2>&1
	else
		"$t" >"$t.log" 2>&1
	fi
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "PASS  $(basename "$t")"
	else
		echo "FAIL  $(basename "$t") (exit $rc)"; tail -30 "$t.log"; fail=1
	fi
done
exit $fail
