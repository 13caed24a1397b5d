#!/bin/sh
# test_thread_fail.sh - fagui-indexer when a thread cannot be started: an
# LD_PRELOAD shim makes the Nth pthread_create fail with EAGAIN (FG_FAIL_THREAD=N).
# A writer thread that does not start (full build, update) or a compaction
# thread (--keep-shards) must fail the run with exit 1 and a message, join
# only the threads that started, and leave the previous index as it was
# (its result was once ignored: a shard went missing silently, or an
# unstarted thread was joined).
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}"
: "${CC:=cc}"
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
command -v "$CC" >/dev/null 2>&1 || { echo "skip: no C compiler ($CC)"; exit 77; }
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-thr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# under ASan (make test-asan) the shim is preloaded before ASan's runtime, which ASan allows with this option
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS

cat >"$tmp/shim.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* pthread_create, failing with EAGAIN on call number $FG_FAIL_THREAD (1 = the first). */
int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg)
{
	static atomic_int calls;
	static int (*real)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "pthread_create");
	const char *n = getenv("FG_FAIL_THREAD");
	if (n && atomic_fetch_add(&calls, 1) + 1 == atoi(n))
		return EAGAIN;
	return real(t, a, fn, arg);
}
EOF
"$CC" -shared -fPIC -o "$tmp/shim.so" "$tmp/shim.c" -ldl 2>"$tmp/cc.log" ||
	{ echo "skip: cannot build the shim: $(cat "$tmp/cc.log")"; exit 77; }

IDX="$tmp/index"
"$BIN/fagui-indexer" --quiet --index "$IDX" --shards 2 corpus || fail "first build"
before=$("$BIN/fagui-indexer" --index "$IDX" --stats) || fail "--stats"
stub=$(cat "$IDX/index.stub")

# run N MESSAGE ARGS...: the indexer with the Nth thread failing must exit 1 with MESSAGE, index untouched
run() {
	n=$1 msg=$2
	shift 2
	FG_FAIL_THREAD=$n LD_PRELOAD="$tmp/shim.so" "$BIN/fagui-indexer" --index "$IDX" "$@" corpus 2>"$tmp/log"
	rc=$?
	[ $rc -eq 1 ] || { cat "$tmp/log"; fail "$*, thread $n failing: exit $rc, want 1"; }
	grep -q "$msg" "$tmp/log" || fail "$*, thread $n failing: no '$msg': $(cat "$tmp/log")"
	grep -q "index not changed (the previous index is intact)" "$tmp/log" || fail "$*: $(cat "$tmp/log")"
	[ "$(cat "$IDX/index.stub")" = "$stub" ] || fail "$*, thread $n failing: the stub changed"
	[ "$("$BIN/fagui-indexer" --index "$IDX" --stats)" = "$before" ] || fail "$*, thread $n failing: the index changed"
	[ "$(ls -d "$IDX"/gen-* | wc -l)" -eq 1 ] || fail "$*, thread $n failing: generations left: $(ls "$IDX")"
}
run 1 "cannot start a writer thread" --rebuild --shards 4
run 3 "cannot start a writer thread" --rebuild --shards 4
run 5 "cannot start a compaction thread" --rebuild --shards 3 --keep-shards
# an update: change a file so that there is something to write
cp -r corpus "$tmp/c"
cd "$tmp" || exit 1
printf '\n第九百九十九条 线程测试。\n' >>"$(find c -name '*.md' ! -name 'README*' | sort | head -1)"
FG_FAIL_THREAD=1 LD_PRELOAD="$tmp/shim.so" "$OLDPWD/$BIN/fagui-indexer" --index "$IDX" c 2>"$tmp/log"
rc=$?
[ $rc -eq 1 ] && grep -q "cannot start a writer thread" "$tmp/log" || fail "update, thread 1 failing: exit $rc: $(cat "$tmp/log")"
cd "$OLDPWD" || exit 1
[ "$("$BIN/fagui-indexer" --index "$IDX" --stats)" = "$before" ] || fail "update with a failing thread changed the index"
# the shim alone changes nothing
LD_PRELOAD="$tmp/shim.so" "$BIN/fagui-indexer" --quiet --index "$IDX" --rebuild --shards 3 corpus || fail "rebuild under the shim"
strip() { echo "$1" | sed 's/"generation":[0-9]*//'; }
[ "$(strip "$("$BIN/fagui-indexer" --index "$IDX" --stats)")" = "$(strip "$before")" ] || fail "rebuild gave other counts"
echo "ok"
