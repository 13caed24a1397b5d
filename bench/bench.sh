#!/bin/sh
# bench.sh - Fagui side by side with Groonga 13 on the real corpus, in one run:
#   1. indexing ../shared/corpus/laws: wall time, CPU time, peak RSS, index size,
#      against Groonga's fast mode (static index construction: load the units,
#      then create the index column) and, as an extra row, its slow mode (the
#      index column created before the load)
#   2. HTTP throughput with wrk (2-4 character queries, top 10): req/s, p50, p99
#      and the server's CPU time per request, against groonga-httpd (its fast
#      server: nginx workers, cache off, ranked by -_score) and, as extra rows,
#      groonga's built-in HTTP server; the same on a mix of single characters and
#      4-character phrases (bench/queries-mix.txt); and layperson questions (STARD
#      train) one at a time (wrk -t1 -c1): Fagui's question latency
#   3. in-process query latency (fg-bench-query), when that tool is built
#   4. relevance on STARD train (bench/eval.sh)
# Every measurement runs RUNS times (default 3) and the median is reported;
# the two engines alternate within each round so that load from other work on
# the machine falls on both. Prints Markdown on stdout (also kept in
# bench/out/bench-<date>.md).
#
#   make bench                      (BIN=bin SHARED=../shared)
#   RUNS=5 DURATION=20s sh bench/bench.sh
#
# Environment: BIN, SHARED, RUNS (3), DURATION (wrk, 10s), CONNECTIONS (32),
# WRK_THREADS (2), SERVER_THREADS (2: searchd threads, groonga-httpd workers,
# groonga threads), BENCH_SKIP (space-separated parts to skip: index http mix
# questions query eval), TMPDIR. Everything runs in a fresh mktemp directory under
# TMPDIR, on ports picked free at start, so two benchmarks can run side by side.
# To measure the HTTP parts only, on indexes already built: FAGUI_INDEX=DIR (a
# Fagui index of the corpus) and GROONGA_DB=DIR (the directory holding Groonga's
# db, built as part 1 builds it) with BENCH_SKIP="index ...". BIN_BEFORE=DIR
# serves a second Fagui build (another commit's bin/) beside BIN on the same
# index, as the rows "before": a before/after comparison in one run.
set -eu

BIN=${BIN:-bin}
SHARED=${SHARED:-../shared}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_THREADS=${SERVER_THREADS:-2}
BENCH_SKIP=${BENCH_SKIP:-}
FAGUI_INDEX=${FAGUI_INDEX:-}
GROONGA_DB=${GROONGA_DB:-}
BIN_BEFORE=${BIN_BEFORE:-}
CORPUS=$SHARED/corpus/laws
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
QUERIES=$HERE/queries.txt
MIXQ=$HERE/queries-mix.txt
STOPWORDS=$ROOT/stopwords/stopwords.txt

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }
skipping() { case " $BENCH_SKIP " in *" $1 "*) return 0 ;; esac; return 1; }

# --- prerequisites -----------------------------------------------------------
for p in fagui-indexer fagui-searchd fg-parse fg-search; do
	[ -x "$BIN/$p" ] || die "$BIN/$p is missing: run make first"
done
command -v python3 >/dev/null 2>&1 || die "python3 is missing (apt-get install python3)"
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 ||
	die "GNU time (/usr/bin/time -v) is missing: apt-get install time"
command -v curl >/dev/null 2>&1 || die "curl is missing (apt-get install curl)"
if ! skipping http; then
	command -v wrk >/dev/null 2>&1 || die "wrk is missing: apt-get install wrk (or BENCH_SKIP=http)"
fi
[ -f "$QUERIES" ] || die "$QUERIES is missing"
if [ ! -d "$CORPUS" ] || [ ! -f "$CORPUS/catalogue.tsv" ]; then
	echo "bench: skipped: the real corpus $CORPUS (with catalogue.tsv) is not there;" \
		"it lives in the shared data beside the project (SHARED=$SHARED)" >&2
	exit 0
fi
HAVE_GROONGA=1
if ! command -v groonga >/dev/null 2>&1; then
	HAVE_GROONGA=0
	note "groonga is not installed: Groonga columns are skipped (apt-get install groonga-bin)"
fi
GHTTPD=$(command -v groonga-httpd 2>/dev/null || { [ -x /usr/sbin/groonga-httpd ] && echo /usr/sbin/groonga-httpd; } || true)
if [ $HAVE_GROONGA = 1 ] && [ -z "$GHTTPD" ] && ! skipping http; then
	note "groonga-httpd is not installed: its rows are skipped (apt-get install groonga-httpd)"
fi
case "$RUNS" in '' | *[!0-9]*) die "RUNS must be a number" ;; esac
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"

BIN=$(cd "$BIN" && pwd)
[ -z "$BIN_BEFORE" ] || BIN_BEFORE=$(cd "$BIN_BEFORE" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/fagui-bench.XXXXXX")
PIDS=""
cleanup() {
	for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
	for pid in $PIDS; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
R=$T/results.tsv   # part  metric  engine  run  value
: >"$R"
rec() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$R"; }

# GNU time -v output -> "wall_s cpu_s maxrss_kb"
time_fields() {
	python3 - "$1" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
def num(label):
    m = re.search(r"^\s*" + re.escape(label) + r".*:\s+(\S+)\s*$", t, re.M)
    return m.group(1) if m else "0"
w = num("Elapsed (wall clock) time").split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(w)))
cpu = float(num("User time (seconds)")) + float(num("System time (seconds)"))
print("%.2f %.2f %s" % (wall, cpu, num("Maximum resident set size")))
EOF
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_http() { # URL PID NAME
	i=0
	while [ $i -lt 300 ]; do
		kill -0 "$2" 2>/dev/null || die "$3 exited on start (log: $T/$3.log): $(tail -3 "$T/$3.log" 2>/dev/null)"
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.2
		i=$((i + 1))
	done
	die "$3 did not answer $1 within 60 s"
}

OUT_DIR=$HERE/out
mkdir -p "$OUT_DIR"
STAMP=$(date -u +%Y-%m-%dT%H:%MZ)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem_gb=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
groonga_version=$( [ $HAVE_GROONGA = 1 ] && groonga --version | head -1 | cut -d' ' -f1,2 || echo "Groonga absent")
xapian_version=$(xapian-config --version 2>/dev/null | awk '{ print $NF }' || echo "?")
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")

{
	echo "# Fagui benchmark, $STAMP"
	echo
	echo "- machine: $(nproc) cores ($cpu_model), ${mem_gb} GB RAM, $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- Fagui $rev (Xapian $xapian_version); $groonga_version; wrk $(wrk --version 2>&1 | head -1 | awk '{ print $2 }' || true)"
	echo "- corpus: $CORPUS ($(find "$CORPUS" -name '*.md' | wc -l) Markdown files); medians of $RUNS runs; engines alternate within each run"
	echo
} >"$T/report.md"

# --- 1. indexing ---------------------------------------------------------------
UNITS=0
if ! skipping index || { ! skipping http && { [ -z "$GROONGA_DB" ] || [ -z "$FAGUI_INDEX" ]; }; }; then
	note "extracting units with fg-parse for Groonga"
	ext=$(python3 "$HERE/extract-articles.py" --static "$BIN/fg-parse" "$CORPUS" "$T/load-static.grn") ||
		die "extract-articles.py failed"
	python3 "$HERE/extract-articles.py" "$BIN/fg-parse" "$CORPUS" "$T/load.grn" >/dev/null ||
		die "extract-articles.py failed"
	UNITS=$(echo "$ext" | sed -n 's/.*units=\([0-9]*\).*/\1/p')
	note "$ext"
fi

index_fagui() { # RUN
	rm -rf "$T/fagui"
	rc=0
	/usr/bin/time -v -o "$T/time.fagui" "$BIN/fagui-indexer" --index "$T/fagui" \
		--catalogue "$CORPUS/catalogue.tsv" --quiet "$CORPUS" 2>"$T/fagui-indexer.log" || rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 3 ] || die "fagui-indexer failed ($rc): $(tail -5 "$T/fagui-indexer.log")"
	set -- "$1" $(time_fields "$T/time.fagui")
	rec index wall fagui "$1" "$2"
	rec index cpu fagui "$1" "$3"
	rec index rss fagui "$1" "$4"
	rec index size fagui "$1" "$(du -sk "$T/fagui" | cut -f1)"
	note "run $1: fagui-indexer ${2}s wall"
}

# groonga: static index construction (the load, then column_create of the
# index: the DB the HTTP part serves); groonga-slow: the index column created
# before the load, every record indexed as it comes (DB removed afterwards).
index_groonga() { # RUN groonga|groonga-slow
	db=$T/$2
	in=$T/load-static.grn
	[ "$2" = groonga ] || in=$T/load.grn
	rm -rf "$db"
	mkdir "$db"
	/usr/bin/time -v -o "$T/time.$2" groonga -n "$db/db" <"$in" >"$T/$2-load.out" 2>&1 ||
		die "groonga load failed: $(tail -c 300 "$T/$2-load.out")"
	loaded=$(grep -E ',[0-9]+\]$' "$T/$2-load.out" | tail -1 | sed -n 's/.*,\([0-9]*\)\]$/\1/p')
	[ "$loaded" = "$UNITS" ] || die "groonga loaded '$loaded' of $UNITS units: $(tail -c 300 "$T/$2-load.out")"
	tail -1 "$T/$2-load.out" | grep -Eq '(true|[0-9])\]$' ||
		die "groonga failed to build its index: $(tail -c 300 "$T/$2-load.out")"
	set -- "$1" "$2" $(time_fields "$T/time.$2")
	rec index wall "$2" "$1" "$3"
	rec index cpu "$2" "$1" "$4"
	rec index rss "$2" "$1" "$5"
	rec index size "$2" "$1" "$(du -sk "$db" | cut -f1)"
	[ "$2" = groonga ] || rm -rf "$db"
	note "run $1: $2 ${3}s wall"
}

if ! skipping index; then
	r=1
	while [ $r -le "$RUNS" ]; do
		if [ $((r % 2)) -eq 1 ] || [ $HAVE_GROONGA = 0 ]; then
			index_fagui $r
			[ $HAVE_GROONGA = 0 ] || index_groonga $r groonga
		else
			index_groonga $r groonga
			index_fagui $r
		fi
		[ $HAVE_GROONGA = 0 ] || index_groonga $r groonga-slow
		r=$((r + 1))
	done
elif ! skipping http; then
	if [ -n "$FAGUI_INDEX" ]; then
		[ -f "$FAGUI_INDEX/index.stub" ] || die "FAGUI_INDEX=$FAGUI_INDEX is not a Fagui index"
		ln -s "$(cd "$FAGUI_INDEX" && pwd)" "$T/fagui"
	else
		index_fagui 0
	fi
	if [ -n "$GROONGA_DB" ] && [ $HAVE_GROONGA = 1 ]; then
		[ -f "$GROONGA_DB/db" ] || die "GROONGA_DB=$GROONGA_DB does not hold a Groonga db"
		ln -s "$(cd "$GROONGA_DB" && pwd)" "$T/groonga"
	else
		[ $HAVE_GROONGA = 0 ] || index_groonga 0 groonga
	fi
fi

# --- 2. HTTP throughput ------------------------------------------------------------
# The request template of http.lua for an engine: groonga-httpd answers Groonga's /d/select.
template_of() { case "$1" in ghttpd) echo groonga-ranked ;; fagui-before) echo fagui ;;
	fagui-before-nofacets) echo fagui-nofacets ;; *) echo "$1" ;; esac; }

# CPU time (user + system) of processes, in clock ticks.
cpu_ticks() { # PID...
	t=0
	for p in "$@"; do
		v=$(awk '{ print $14 + $15 }' /proc/$p/stat 2>/dev/null || echo 0)
		t=$((t + v))
	done
	echo $t
}

# The processes that serve an engine (groonga-httpd: its master and workers).
pids_of() { case "$1" in fagui-before*) echo "$FBPID" ;; fagui*) echo "$FPID" ;;
	ghttpd) echo "$GHPID $(cat /proc/$GHPID/task/*/children 2>/dev/null)" ;; *) echo "$GPID" ;; esac; }

# SET: the part of the report and its queries: http (bench/queries.txt, wrk -tWRK_THREADS
# -cCONNECTIONS), http-mix (bench/queries-mix.txt, the same), http-q (STARD questions, one at a time).
wrk_run() { # ENGINE PORT RUN DURATION [SET]
	set_=${5:-http}
	case $set_ in
	http) qf=$QUERIES c="-t$WRK_THREADS -c$CONNECTIONS" ;;
	http-mix) qf=$MIXQ c="-t$WRK_THREADS -c$CONNECTIONS" ;;
	http-q) qf=$T/questions.txt c="-t1 -c1" ;;
	esac
	c0=$(cpu_ticks $(pids_of "$1"))
	# shellcheck disable=SC2086
	wrk $c -d"$4" --latency -s "$HERE/http.lua" "http://127.0.0.1:$2" \
		-- "$qf" "$(template_of "$1")" >"$T/wrk.$1.$3" 2>&1 || die "wrk failed on $1: $(tail -3 "$T/wrk.$1.$3")"
	[ "$3" = warm ] && return 0
	c1=$(cpu_ticks $(pids_of "$1"))
	n=$(awk '/requests in/ { print $1 }' "$T/wrk.$1.$3")
	rec "$set_" cpu "$1" "$3" "$(awk -v a="$c0" -v b="$c1" -v n="${n:-0}" -v hz="$(getconf CLK_TCK)" \
		'BEGIN { printf "%.3f", (n > 0 ? (b - a) * 1000 / hz / n : 0) }')"
	python3 - "$T/wrk.$1.$3" <<'EOF' | while read -r k v; do rec "$set_" "$k" "$1" "$3" "$v"; done
import re, sys
t = open(sys.argv[1]).read()
def ms(s):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", s)
    return float(m.group(1)) * {"us": 1e-3, "ms": 1, "s": 1e3, "m": 6e4}[m.group(2)]
print("rps", re.search(r"Requests/sec:\s*([\d.]+)", t).group(1))
for p in ("50", "99"):
    print("p" + p, "%.2f" % ms(re.search(r"^\s*" + p + r"%\s+(\S+)", t, re.M).group(1)))
m = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", t)
print("non2xx", m.group(1) if m else 0)
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
print("errors", sum(map(int, m.groups())) if m else 0)
EOF
}

# groonga-httpd (nginx with the Groonga module) on $T/groonga/db at PORT:
# SERVER_THREADS workers, Groonga's query cache off, everything (pid, logs,
# temp files) under $T/ghttpd; in the foreground, so that $! is its master.
start_ghttpd() { # PORT
	mkdir -p "$T/ghttpd"
	user=""
	[ "$(id -u)" = 0 ] && user="user root root;" # the workers must read the DB in the private $T
	cat >"$T/ghttpd/groonga-httpd.conf" <<EOF
worker_processes $SERVER_THREADS;
daemon off;
$user
pid $T/ghttpd/groonga-httpd.pid;
error_log $T/ghttpd/error.log;
events {
  worker_connections 1024;
}
http {
  access_log off;
  keepalive_timeout 65;
  groonga_database $T/groonga/db;
  groonga_database_auto_create off;
  groonga_cache_limit 0;
  groonga_log_path $T/ghttpd/groonga.log;
  groonga_query_log_path off;
  server {
    listen 127.0.0.1:$1;
    location /d/ {
      groonga on;
    }
  }
}
EOF
	"$GHTTPD" -p "$T/ghttpd/" -e "$T/ghttpd/error.log" -c "$T/ghttpd/groonga-httpd.conf" >"$T/ghttpd.log" 2>&1 &
	GHPID=$!
	PIDS="$PIDS $GHPID"
}

# Peak RSS of a process and its children (groonga-httpd's workers), KiB.
tree_hwm() { # PID
	kids=$(cat /proc/$1/task/*/children 2>/dev/null || true)
	total=0
	for p in $1 $kids; do
		h=$(awk '/VmHWM/ { print $2 }' /proc/$p/status 2>/dev/null || echo 0)
		total=$((total + ${h:-0}))
	done
	echo $total
}

if ! skipping http; then
	FPORT=$(free_port)
	"$BIN/fagui-searchd" --index "$T/fagui" --listen "127.0.0.1:$FPORT" --threads "$SERVER_THREADS" \
		--stopwords "$STOPWORDS" --access-log "$T/access.log" >"$T/fagui-searchd.log" 2>&1 &
	FPID=$!
	PIDS="$PIDS $FPID"
	wait_http "http://127.0.0.1:$FPORT/healthz" $FPID fagui-searchd
	ENGINES="fagui fagui-nofacets"
	if [ -n "$BIN_BEFORE" ]; then
		FBPORT=$(free_port)
		"$BIN_BEFORE/fagui-searchd" --index "$T/fagui" --listen "127.0.0.1:$FBPORT" --threads "$SERVER_THREADS" \
			--stopwords "$STOPWORDS" --access-log "$T/access-before.log" >"$T/fagui-before.log" 2>&1 &
		FBPID=$!
		PIDS="$PIDS $FBPID"
		wait_http "http://127.0.0.1:$FBPORT/healthz" $FBPID fagui-before
		ENGINES="fagui-before fagui-before-nofacets $ENGINES"
	fi
	if [ $HAVE_GROONGA = 1 ] && [ -n "$GHTTPD" ]; then
		HPORT=$(free_port)
		start_ghttpd "$HPORT"
		wait_http "http://127.0.0.1:$HPORT/d/status" $GHPID ghttpd
		ENGINES="$ENGINES ghttpd"
	fi
	if [ $HAVE_GROONGA = 1 ]; then
		GPORT=$(free_port)
		# --cache-limit 0: Groonga's query cache would otherwise answer repeated queries from memory
		groonga --protocol http -s --bind-address 127.0.0.1 -p "$GPORT" -t "$SERVER_THREADS" --cache-limit 0 \
			"$T/groonga/db" >"$T/groonga.log" 2>&1 &
		GPID=$!
		PIDS="$PIDS $GPID"
		wait_http "http://127.0.0.1:$GPORT/d/status" $GPID groonga
		ENGINES="$ENGINES groonga-ranked groonga"
	fi
	port_of() { case "$1" in fagui-before*) echo "$FBPORT" ;; fagui*) echo "$FPORT" ;; ghttpd) echo "$HPORT" ;;
		*) echo "$GPORT" ;; esac; }
	for e in $ENGINES; do
		note "warming up $e"
		wrk_run "$e" "$(port_of "$e")" warm 3s
	done
	r=1
	while [ $r -le "$RUNS" ]; do
		order=$ENGINES
		[ $((r % 2)) -eq 0 ] && order=$(echo "$ENGINES" | tr ' ' '\n' | sort -r | tr '\n' ' ')
		for e in $order; do
			wrk_run "$e" "$(port_of "$e")" $r "$DURATION"
			note "run $r: $e $(grep Requests/sec "$T/wrk.$e.$r")"
		done
		if ! skipping mix; then
			for e in $order; do
				case $e in groonga | groonga-ranked) continue ;; esac # the slow modes: 2-4 characters only
				wrk_run "$e" "$(port_of "$e")" $r "$DURATION" http-mix
				note "run $r: $e, mix $(grep Requests/sec "$T/wrk.$e.$r")"
			done
		fi
		if ! skipping questions && [ -f "$SHARED/eval/stard/train.jsonl" ]; then
			[ -f "$T/questions.txt" ] || python3 -c 'import json, sys
for l in open(sys.argv[1]):
    print(" ".join(json.loads(l)["query"].split()))' "$SHARED/eval/stard/train.jsonl" >"$T/questions.txt"
			for e in $order; do
				case $e in fagui*) ;; *) continue ;; esac # Groonga has no question ranking to compare
				wrk_run "$e" "$(port_of "$e")" $r "$DURATION" http-q
				note "run $r: $e, questions $(grep Requests/sec "$T/wrk.$e.$r")"
			done
		fi
		r=$((r + 1))
	done
	rec http hwm fagui 1 "$(awk '/VmHWM/ { print $2 }' /proc/$FPID/status)"
	[ -z "${FBPID:-}" ] || rec http hwm fagui-before 1 "$(awk '/VmHWM/ { print $2 }' /proc/$FBPID/status)"
	[ $HAVE_GROONGA = 0 ] || rec http hwm groonga 1 "$(awk '/VmHWM/ { print $2 }' /proc/$GPID/status)"
	[ -z "${GHPID:-}" ] || rec http hwm ghttpd 1 "$(tree_hwm $GHPID)"
	for pid in $PIDS; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
	PIDS=""
fi

# --- 3. in-process latency ---------------------------------------------------------
if ! skipping query; then
	if [ -x "$BIN/fg-bench-query" ]; then
		awk 'NF && !/^#/ { print "http-mix\t" $0 }' "$QUERIES" >"$T/queries.tsv"
		r=1
		while [ $r -le "$RUNS" ]; do
			for mode in default http-mix http-mix-nofacets; do
				case $mode in
				default) set -- ;;
				http-mix) set -- --queries "$T/queries.tsv" ;;
				*) set -- --queries "$T/queries.tsv" --no-facets ;;
				esac
				"$BIN/fg-bench-query" --index "$T/fagui" --stopwords "$STOPWORDS" --runs 3 "$@" \
					>"$T/bq.$mode.$r" 2>"$T/bq.err" || die "fg-bench-query failed: $(tail -3 "$T/bq.err")"
				awk -F'\t' -v m="$mode" -v r=$r 'NR > 1 {
					c = ($1 == "http-mix") ? m : ($1 == "all" ? "built-in mix, all" : "built-in: " $1)
					if (m == "http-mix-nofacets" && $1 == "all") next
					if (m != "default" && $1 == "all") next
					printf "query\tp50\t%s\t%s\t%s\n", c, r, $4
					printf "query\tp99\t%s\t%s\t%s\n", c, r, $5
					printf "query\tcpu50\t%s\t%s\t%s\n", c, r, $8
					printf "query\tcpu99\t%s\t%s\t%s\n", c, r, $9
					printf "query\tn\t%s\t%s\t%s\n", c, r, $2
				}' "$T/bq.$mode.$r" >>"$R"
			done
			r=$((r + 1))
		done
	else
		note "skipped in-process latency: $BIN/fg-bench-query is not built"
	fi
fi

# --- report --------------------------------------------------------------------------
python3 - "$R" "$UNITS" "$HAVE_GROONGA" "$DURATION" "$CONNECTIONS" "$WRK_THREADS" "$SERVER_THREADS" \
	>>"$T/report.md" <<'EOF'
import statistics, sys
from collections import defaultdict
path, units, have_groonga, duration, conns, wthreads, sthreads = sys.argv[1:]
have_groonga = have_groonga == "1"
vals = defaultdict(list)
for line in open(path):
    part, metric, engine, run, v = line.rstrip("\n").split("\t")
    vals[(part, metric, engine)].append(float(v))
def med(part, metric, engine):
    v = vals.get((part, metric, engine))
    return statistics.median(v) if v else None
def ratio(a, b):
    return "%.2f×" % (a / b) if a is not None and b else "—"
def f(v, fmt):
    return fmt % v if v is not None else "—"

if vals.get(("index", "wall", "fagui")):
    n = len(vals[("index", "wall", "fagui")])
    print("## 1. Indexing the full corpus (%s units; median of %d)\n" % (units, n))
    print("| | Fagui (fagui-indexer) | Groonga, static index | Fagui / Groonga static "
          "| Groonga, index before load (slow) | Fagui / Groonga slow |")
    print("|---|---|---|---|---|---|")
    rows = [("wall time, s", "wall", 1, "%.1f"), ("CPU time (user+sys), s", "cpu", 1, "%.1f"),
            ("peak RSS, MiB", "rss", 1024, "%.0f"), ("index size, MiB", "size", 1024, "%.0f")]
    for label, m, div, fmt in rows:
        a, b, c = (med("index", m, e) for e in ("fagui", "groonga", "groonga-slow"))
        a, b, c = (x / div if x is not None else None for x in (a, b, c))
        print("| %s | %s | %s | %s | %s | %s |" % (label, f(a, fmt), f(b, fmt) if have_groonga else "skipped",
              ratio(a, b), f(c, fmt) if have_groonga else "skipped", ratio(a, c)))
    fw, gw = med("index", "wall", "fagui"), med("index", "wall", "groonga")
    fs, gs = med("index", "size", "fagui"), med("index", "size", "groonga")
    runs = lambda e: ", ".join("%.1f" % x for x in vals.get(("index", "wall", e), [])) or "—"
    print("\nWall times of each run, s: Fagui %s; Groonga static %s; Groonga slow %s."
          % (runs("fagui"), runs("groonga"), runs("groonga-slow")))
    print("Goal (issue 16): Fagui's build wall time at most 2× Groonga's static build (now %s, i.e. Groonga / "
          "Fagui %s, goal ≥ 0.50×), index at most 2.5× Groonga's size (now %s).\n"
          % (ratio(fw, gw), ratio(gw, fw), ratio(fs, gs)))

names = {"fagui": "Fagui `/api/search` (with facets)", "fagui-nofacets": "Fagui `/api/search?facets=0`",
         "fagui-before": "Fagui before (BIN_BEFORE), with facets",
         "fagui-before-nofacets": "Fagui before (BIN_BEFORE), `facets=0`",
         "ghttpd": "groonga-httpd `/d/select`, `sort_keys=-_score`, cache off",
         "groonga-ranked": "Groonga built-in server, `sort_keys=-_score` (slow mode)",
         "groonga": "Groonga built-in server, match order (slow mode)"}
order = ("fagui-before", "fagui-before-nofacets", "fagui", "fagui-nofacets", "ghttpd", "groonga-ranked", "groonga")
titles = {"http": "## 2. HTTP, 2–4 character queries, top 10 (wrk -t%s -c%s -d%s; %s server threads or workers; median of %d)\n",
          "http-mix": "## 2b. HTTP, single characters and 4-character phrases (bench/queries-mix.txt), top 10 "
                      "(wrk -t%s -c%s -d%s; %s server threads or workers; median of %d)\n",
          "http-q": "## 2c. HTTP, layperson questions (STARD train, 1,235), top 10, one at a time "
                    "(wrk -t1 -c1 -d%s; %s server threads; median of %d)\n"}
for part in ("http", "http-mix", "http-q"):
    engines = [e for e in order if vals.get((part, "rps", e))]
    if not engines:
        continue
    n = len(vals[(part, "rps", engines[0])])
    if part == "http-q":
        print(titles[part] % (duration, sthreads, n))
    else:
        print(titles[part] % (wthreads, conns, duration, sthreads, n))
    print("| engine | requests/s | p50 ms | p99 ms | server CPU ms a request | non-2xx | socket errors | server peak RSS MiB |")
    print("|---|---|---|---|---|---|---|---|")
    for e in engines:
        hwm = med("http", "hwm", "fagui-before" if e.startswith("fagui-before") else "fagui" if e.startswith("fagui")
                  else "ghttpd" if e == "ghttpd" else "groonga")
        print("| %s | %s | %s | %s | %s | %d | %d | %s |" % (
            names[e], f(med(part, "rps", e), "%.0f"), f(med(part, "p50", e), "%.1f"),
            f(med(part, "p99", e), "%.1f"), f(med(part, "cpu", e), "%.2f"), sum(vals[(part, "non2xx", e)]),
            sum(vals[(part, "errors", e)]), f(hwm / 1024 if hwm else None, "%.0f")))
    gs = [g for g in ("ghttpd", "groonga-ranked", "groonga") if vals.get((part, "rps", g))]
    if gs:
        short = {"ghttpd": "groonga-httpd, ranked", "groonga-ranked": "built-in server, ranked",
                 "groonga": "built-in server, match order"}
        print("\n| Fagui / Groonga (req/s, p50, p99; CPU a request) | " + " | ".join("vs %s" % short[g] for g in gs) + " |")
        print("|---|" + "---|" * len(gs))
        for fe in ("fagui-before", "fagui-before-nofacets", "fagui", "fagui-nofacets"):
            if not vals.get((part, "rps", fe)):
                continue
            cells = ["%s, %s, %s; %s" % (ratio(med(part, "rps", fe), med(part, "rps", g)),
                                         ratio(med(part, "p50", fe), med(part, "p50", g)),
                                         ratio(med(part, "p99", fe), med(part, "p99", g)),
                                         ratio(med(part, "cpu", fe), med(part, "cpu", g))) for g in gs]
            print("| %s | %s |" % (names[fe], " | ".join(cells)))
    if part == "http":
        print("\nGoal (issue 16): at least 1.0× groonga-httpd's requests/s at equal or better p99 with the default "
              "response (facets on), at least 1.5× with `facets=0`; also on the mix (2b).\n")
    elif part == "http-q":
        print("\nGoal (issue 16): questions at p50 ≤ 12 ms and p99 ≤ 40 ms with facets on.\n")
    else:
        print()

if any(k[0] == "query" for k in vals):
    print("## 3. In-process latency (fg-bench-query, one thread, fg_search + JSON; median over runs)\n")
    print("| class | queries | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms |")
    print("|---|---|---|---|---|---|")
    seen = []
    for (part, metric, engine) in vals:
        if part == "query" and engine not in seen:
            seen.append(engine)
    for c in seen:
        print("| %s | %.0f | %s | %s | %s | %s |" % (c, med("query", "n", c), f(med("query", "p50", c), "%.2f"),
              f(med("query", "p99", c), "%.2f"), f(med("query", "cpu50", c), "%.2f"),
              f(med("query", "cpu99", c), "%.2f")))
    print("\n`http-mix` is bench/queries.txt (the HTTP mix) with facets, as the API computes them; "
          "`http-mix-nofacets` the same without facet counting; the other classes are fg-bench-query's built-in mix.\n")
EOF

# --- 4. relevance ---------------------------------------------------------------------
if ! skipping eval; then
	{
		echo "## 4. Relevance, STARD train (bench/eval.sh)"
		echo
	} >>"$T/report.md"
	if [ -d "$T/fagui" ]; then
		BIN=$BIN SHARED=$SHARED sh "$HERE/eval.sh" --adopt "$T/fagui" >>"$T/report.md" ||
			die "eval.sh failed"
	else
		BIN=$BIN SHARED=$SHARED sh "$HERE/eval.sh" >>"$T/report.md" || die "eval.sh failed"
	fi
	echo >>"$T/report.md"
fi

{
	echo "## Commands"
	echo
	echo '```'
	echo "fagui-indexer --index DIR --catalogue $CORPUS/catalogue.tsv --quiet $CORPUS"
	echo "python3 bench/extract-articles.py $BIN/fg-parse $CORPUS load.grn    # untimed: the same units for Groonga"
	echo "python3 bench/extract-articles.py --static $BIN/fg-parse $CORPUS load-static.grn    # the index column created after the load"
	echo "groonga -n DB < load-static.grn    # static index construction: tables, load, then the TokenBigram/NormalizerAuto WITH_POSITION|WITH_SECTION index of title,text"
	echo "groonga -n DB < load.grn    # the slow mode: the index column created before the load"
	echo "groonga-httpd -p TMP/ -c TMP/groonga-httpd.conf    # worker_processes $SERVER_THREADS; groonga_cache_limit 0; listen 127.0.0.1:PORT; location /d/ { groonga on; }"
	echo "fagui-searchd --index DIR --listen 127.0.0.1:PORT --threads $SERVER_THREADS"
	echo "groonga --protocol http -s --bind-address 127.0.0.1 -p PORT -t $SERVER_THREADS --cache-limit 0 DB"
	echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/http.lua URL -- bench/queries.txt|bench/queries-mix.txt fagui|fagui-nofacets|groonga-ranked|groonga"
	echo "wrk -t1 -c1 -d$DURATION --latency -s bench/http.lua URL -- questions.txt fagui|fagui-nofacets    # the STARD train questions, one a line"
	echo "server CPU a request: (utime + stime of the server's processes, /proc/PID/stat) over the run / requests"
	echo "fg-bench-query --index DIR --stopwords stopwords/stopwords.txt --runs 3 [--queries FILE] [--no-facets]"
	echo "fg-search --index DIR --eval $SHARED/eval/stard/train.jsonl --stopwords stopwords/stopwords.txt"
	echo '```'
} >>"$T/report.md"

cp "$T/report.md" "$OUT_DIR/bench-$(date -u +%Y%m%d-%H%M%S).md"
cat "$T/report.md"
