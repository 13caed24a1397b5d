#!/bin/sh
# run.sh - build the libFuzzer targets (tests/fuzz/fuzz_*.c, see build.mk)
# into build-fuzz/ and run each: first replay its saved crash inputs
# (tests/fuzz/regressions/<target>/), then fuzz for FUZZ_SECONDS (default 5)
# starting from tests/fuzz/seeds/<target>/ plus the inputs kept by earlier
# runs (build-fuzz/corpus/<target>/). Prints executions and coverage per
# target. A crash is copied into tests/fuzz/regressions/<target>/ so that it
# is replayed by every later run once fixed; the script then fails.
#
# Environment: FUZZ_SECONDS, FUZZ_TARGETS (space-separated names, default
# all), FUZZ_JOBS (make -j), CLANG/CLANGXX. Exit 77 (skip) when clang or
# libFuzzer is missing.
cd "$(dirname "$0")/../.." || exit 1
: "${FUZZ_SECONDS:=5}" "${CLANG:=clang}" "${CLANGXX:=clang++}"
FB=build-fuzz

if ! command -v "$CLANG" >/dev/null 2>&1 || ! command -v "$CLANGXX" >/dev/null 2>&1; then
	echo "skip: $CLANG/$CLANGXX not installed (Debian: clang libclang-rt-14-dev)"
	exit 77
fi
mkdir -p "$FB"
probe="$FB/probe.c"
printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$probe"
if ! "$CLANG" -fsanitize=fuzzer,address,undefined "$probe" -o "$FB/probe" >"$FB/probe.log" 2>&1; then
	echo "skip: $CLANG cannot link libFuzzer with ASan/UBSan (Debian: libclang-rt-14-dev)"
	cat "$FB/probe.log"
	exit 77
fi

jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
if ! make --no-print-directory -f tests/fuzz/build.mk -j"$jobs" FUZZ_CC="$CLANG" FUZZ_CXX="$CLANGXX" FB="$FB"; then
	echo "fuzz: build failed"
	exit 1
fi

targets=${FUZZ_TARGETS:-$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')}
# Leaks are errors; the fuzzers' own quarantine is kept small so RSS stays bounded.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=64}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
fail=0
total_execs=0
printf '%-12s %10s %8s %8s  %s\n' target executions cov ft result
for t in $targets; do
	bin="$FB/fuzz_$t"
	log="$FB/fuzz_$t.log"
	[ -x "$bin" ] || { echo "fuzz: no $bin"; fail=1; continue; }
	# 1. replay the regressions
	reg="tests/fuzz/regressions/$t"
	if [ -d "$reg" ] && [ -n "$(ls -A "$reg" 2>/dev/null)" ]; then
		if ! "$bin" -runs=1 "$reg"/* >"$FB/fuzz_$t.replay.log" 2>&1; then
			printf '%-12s %10s %8s %8s  %s\n' "$t" - - - "FAIL (regression input crashes again)"
			grep -E 'ERROR|invariant|Running:' "$FB/fuzz_$t.replay.log" | tail -5
			fail=1
			continue
		fi
	fi
	# 2. fuzz from the seeds and the kept corpus
	corpus="$FB/corpus/$t"
	art="$FB/artifacts/$t/"
	mkdir -p "$corpus" "$art"
	rm -f "$art"*
	seeds="tests/fuzz/seeds/$t"
	[ -d "$seeds" ] || seeds=""
	"$bin" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
		-artifact_prefix="$art" "$corpus" $seeds >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | sed 's/cov: //')
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | sed 's/ft: //')
	total_execs=$((total_execs + ${execs:-0}))
	if [ $rc -eq 0 ]; then
		printf '%-12s %10s %8s %8s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" ok
	else
		fail=1
		printf '%-12s %10s %8s %8s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "FAIL (exit $rc)"
		grep -E 'ERROR|invariant|SUMMARY|runtime error' "$log" | head -5
		mkdir -p "$reg"
		for a in "$art"crash-* "$art"leak-* "$art"timeout-* "$art"oom-*; do
			[ -f "$a" ] || continue
			cp "$a" "$reg/" && echo "  saved $reg/$(basename "$a") (replay: $bin $reg/$(basename "$a"))"
		done
		echo "  log: $log"
	fi
done
echo "fuzz: $total_execs executions in total, ${FUZZ_SECONDS}s per target"
exit $fail
