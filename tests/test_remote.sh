#!/bin/sh
# test_remote.sh - searching past one machine: corpus/ split in two halves,
# each indexed on its own (with the whole corpus/catalogue.tsv) and served
# by its own xapian-tcpsrv on 127.0.0.1; a stub file of two "remote
# HOST:PORT" lines must give fg-search the same totals, the same hits (as
# sets, ties at the cut-off aside) and the same first hit as one index of
# the whole corpus/, for 2-character queries, phrases, AND, OR, NOT, fields,
# status and level filters and unit=doc. fagui-searchd is then pointed at
# the stub and one /api/search total compared. Skips (77) when xapian-tcpsrv
# is missing.
#
# Xapian 1.4's stub syntax for TCP is "remote HOST:PORT"; "remote :PROG ARGS"
# (leading colon) runs PROG over a pipe instead.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}"
TCPSRV=$(command -v xapian-tcpsrv) || { echo "skip: xapian-tcpsrv not installed (Debian package xapian-tools)"; exit 77; }
T=$(mktemp -d /tmp/fagui-remote.XXXXXX)
PIDS=""
# Stop searchd first (it holds connections to the servers), then each
# xapian-tcpsrv with its connection children: they share a process group (the
# server runs in its own session), TERM first, then KILL what is left (a child
# can hang in its signal handler).
cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	for f in "$T"/*.pid; do
		[ -f "$f" ] && kill -TERM "-$(cat "$f")" 2>/dev/null
	done
	sleep 0.3
	for f in "$T"/*.pid; do
		[ -f "$f" ] && kill -KILL "-$(cat "$f")" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "FAIL: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
	python3 - "$1" <<'EOF'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
EOF
}

# split corpus/ in two halves, same relative paths, the whole catalogue in each
(cd corpus && find . -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.txt' \) ! -name 'README*' ! -name '.*' |
	sed 's|^\./||' | sort) >"$T/files"
n=$(wc -l <"$T/files")
[ "$n" -ge 4 ] || fail "only $n files in corpus/"
i=0
while IFS= read -r f; do
	i=$((i + 1))
	h="$T/half$((i % 2 + 1))"
	mkdir -p "$h/$(dirname "$f")"
	cp "corpus/$f" "$h/$f"
done <"$T/files"
for h in 1 2; do
	cp corpus/catalogue.tsv "$T/half$h/"
	"$BIN/fagui-indexer" --quiet --index "$T/idx$h" "$T/half$h" 2>"$T/log$h" || { cat "$T/log$h"; fail "indexing half $h"; }
done
"$BIN/fagui-indexer" --quiet --index "$T/whole" corpus 2>"$T/logw" || { cat "$T/logw"; fail "indexing corpus/"; }

# one xapian-tcpsrv per half: the first serves the shard directories its
# index.stub lists, the second the index.stub itself (each connection opens the
# then-current generation). Each in its own session, as xapian-tcpsrv signals
# its whole process group on SIGTERM.
: >"$T/remote.stub"
for h in 1 2; do
	if [ $h = 1 ]; then
		dbs=$(sed -n 's/^[a-z]* //p' "$T/idx$h/index.stub" | while IFS= read -r p; do
			case $p in /*) echo "$p" ;; *) echo "$T/idx$h/$p" ;; esac
		done)
	else
		dbs="$T/idx$h/index.stub"
	fi
	[ -n "$dbs" ] || fail "no shard listed in $T/idx$h/index.stub"
	port=$(free_port)
	# shellcheck disable=SC2086 # one argument per shard path (no spaces in $T)
	setsid sh -c 'echo $$ >"$0"; exec "$@"' "$T/srv$h.pid" "$TCPSRV" --interface 127.0.0.1 --port "$port" $dbs \
		>"$T/srv$h.log" 2>&1 &
	wait_port "$port" || { cat "$T/srv$h.log"; fail "xapian-tcpsrv for half $h did not listen on $port"; }
	echo "remote 127.0.0.1:$port" >>"$T/remote.stub"
done

# the same queries on the whole index and through the two remotes
compare() {
	"$BIN/fg-search" --index "$T/whole" --limit 100 "$@" >"$T/a.json" 2>"$T/a.err" || { cat "$T/a.err"; fail "whole: $*"; }
	"$BIN/fg-search" --index "$T/remote.stub" --limit 100 "$@" >"$T/b.json" 2>"$T/b.err" ||
		{ cat "$T/b.err"; fail "remote: $*"; }
	python3 - "$T/a.json" "$T/b.json" "$*" <<'EOF' || fail "remote differs from the whole index for: $*"
import json, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
q = sys.argv[3]
def key(h):
    return (h["id"], h["article_index"])
def firm(d):
    """Hits above the score at the cut-off (all when every match is listed)."""
    hits = d["hits"]
    if len(hits) >= d["total"]:
        return {key(h) for h in hits}, None
    cut = hits[-1]["score"]
    return {key(h) for h in hits if h["score"] > cut + 1e-9}, cut
ok = True
if a["total"] != b["total"]:
    print("%s: total %d (whole) vs %d (remote)" % (q, a["total"], b["total"])); ok = False
sa, ca = firm(a)
sb, cb = firm(b)
if sa != sb:
    print("%s: hit sets differ: only whole %s, only remote %s" % (q, sorted(sa - sb)[:5], sorted(sb - sa)[:5])); ok = False
if a["hits"] or b["hits"]:
    if not a["hits"] or not b["hits"]:
        print("%s: one side has no hits" % q); ok = False
    elif key(a["hits"][0]) != key(b["hits"][0]):
        # a tie for the first place may be broken either way
        tied = len(a["hits"]) > 1 and abs(a["hits"][0]["score"] - a["hits"][1]["score"]) < 1e-9
        if not (tied and abs(a["hits"][0]["score"] - b["hits"][0]["score"]) < 1e-9):
            print("%s: top-1 %s (whole) vs %s (remote)" % (q, key(a["hits"][0]), key(b["hits"][0]))); ok = False
    elif abs(a["hits"][0]["score"] - b["hits"][0]["score"]) > 1e-6 * max(1.0, abs(a["hits"][0]["score"])):
        print("%s: top-1 score %g vs %g" % (q, a["hits"][0]["score"], b["hits"][0]["score"])); ok = False
print("%-28s total %4d  top %s" % (q, a["total"], key(a["hits"][0]) if a["hits"] else "-"))
sys.exit(0 if ok else 1)
EOF
}
compare 罚款
compare 供水
compare 法
compare 行政许可
compare '"食品 安全"'
compare 罚款 供水
compare '听证 OR 公示'
compare '许可 -变更'
compare '标题:供水'
compare '机关:人民政府'
compare '同句(罚款 供水)'
compare --status 现行有效 罚款
compare --level 规范性文件 许可
compare --doc 罚款
compare --doc 供水 水质
compare 房东不退押金怎么办
nz=$("$BIN/fg-search" --index "$T/remote.stub" 罚款 | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$nz" -gt 0 ] || fail "罚款 finds nothing through the remotes"

# fagui-searchd in front of the stub
if [ -x "$BIN/fagui-searchd" ]; then
	port=$(free_port)
	"$BIN/fagui-searchd" --index "$T/remote.stub" --listen "127.0.0.1:$port" >"$T/sd.log" 2>&1 &
	PIDS="$PIDS $!"
	if wait_port "$port"; then
		want=$("$BIN/fg-search" --index "$T/whole" 行政许可 | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
		got=$(curl -fsS --max-time 10 "http://127.0.0.1:$port/api/search?q=%E8%A1%8C%E6%94%BF%E8%AE%B8%E5%8F%AF" |
			python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') || fail "searchd over the stub: request failed"
		[ "$got" = "$want" ] || fail "searchd over the stub: total $got, whole index $want"
		echo "searchd over the stub: /api/search?q=行政许可 total $got (whole index $want)"
	else
		echo "NOTE: fagui-searchd did not start on the stub file: $(tail -2 "$T/sd.log")"
	fi
fi
echo "remote: $(wc -l <"$T/remote.stub") xapian-tcpsrv shards agree with one index of corpus/"
