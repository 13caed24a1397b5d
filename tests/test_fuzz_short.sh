#!/bin/sh
# test_fuzz_short.sh - every libFuzzer target (tests/fuzz/) for 3 seconds,
# after replaying its saved crash inputs (tests/fuzz/regressions/). Skips
# when clang or libFuzzer is missing, and in the sanitizer run of the suite
# (the targets are ASan/UBSan builds of their own, already run by the plain
# suite). Longer runs: make fuzz (FUZZ_SECONDS=300).
cd "$(dirname "$0")/.." || exit 1
case "${BIN:-bin}" in
*asan*) echo "skip: the fuzz targets carry their own ASan/UBSan and run in the plain suite"; exit 77 ;;
esac
FUZZ_SECONDS=${FUZZ_SECONDS:-3} sh tests/fuzz/run.sh
