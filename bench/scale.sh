#!/bin/sh
# scale.sh - how Fagui scales with the corpus: for corpora of x1, x10 and
# x40 the size of ../shared/corpus/laws (built by tools/gen-corpus.py from
# its real articles), measures full indexing (wall and CPU time, articles/s,
# peak RSS, index size, peak disk use), in-process query latency p50/p99 per
# query class (tools/fg-bench-query: wall and thread-CPU time) and, when
# fagui-searchd runs, HTTP latency and throughput with wrk; then times an
# incremental update after 1% of the x10 corpus changed, against the full
# build. Prints a Markdown table (also saved under bench/out/).
#
# Sizes whose corpus and index would not fit the free disk are skipped, with
# the estimate said. Not part of `make test`: x10 takes tens of minutes on
# two cores, x40 hours.
#
# Environment: BIN, SHARED; SCALE_FACTORS ("1 10 40"), SCALE_DIR (work
# directory, default /tmp/fagui-scale), SCALE_RUNS (runs per query, 5),
# SCALE_WRK_SECS (10), SCALE_UPDATE (factor for the update test, 10; empty
# to skip), SCALE_KEEP=1 (keep corpora and indexes), SCALE_REUSE=1 (reuse a
# corpus already generated in SCALE_DIR and, if present, its index and
# build measurements from an earlier run).
set -u
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}" "${SHARED:=../shared}"
SRC="$SHARED/corpus/laws"
W="${SCALE_DIR:-/tmp/fagui-scale}"
FACTORS="${SCALE_FACTORS:-1 10 40}"
RUNS="${SCALE_RUNS:-5}"
WRK_SECS="${SCALE_WRK_SECS:-10}"
UPDATE="${SCALE_UPDATE-10}"
KEEP="${SCALE_KEEP:-0}"
REUSE="${SCALE_REUSE:-0}"
SEED=1

if [ ! -d "$SRC" ]; then
	echo "bench-scale: skipped: source corpus $SRC not found (set SHARED)"
	exit 0
fi
for p in fagui-indexer fg-bench-query; do
	[ -x "$BIN/$p" ] || { echo "bench-scale: $BIN/$p missing: run make"; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench-scale: /usr/bin/time missing (Debian package time)"; exit 1; }
mkdir -p "$W" bench/out
OUT="bench/out/scale-$(date +%Y%m%d-%H%M%S).md"
SD_PID=""
SAMPLER=""
cleanup() {
	[ -n "$SD_PID" ] && kill "$SD_PID" 2>/dev/null
	[ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
	rm -f "$W/wrk.lua"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "bench-scale: $*" >&2; }
src_kb=$(du -sk "$SRC" | cut -f1)
free_kb() { df -Pk "$W" | awk 'NR==2{print $4}'; }
tget() { sed -n "s/^[[:space:]]*$1: //p" "$2" | head -1; }
# m:ss or h:mm:ss -> seconds
secs() { echo "$1" | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; printf "%.1f", s}'; }
jget() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# Peak disk use of a directory while a command runs, sampled every 2 s.
sample_disk() {
	echo 0 >"$2"
	while :; do
		k=$(du -sk "$1" 2>/dev/null | cut -f1)
		[ -n "$k" ] && [ "$k" -gt "$(cat "$2")" ] && echo "$k" >"$2"
		sleep 2
	done
}

# The HTTP query mix: the 2-4 character queries of fg-bench-query's default mix.
cat >"$W/wrk.lua" <<'EOF'
local qs = {"罚款","许可","合同","听证","土地","税收","登记","公示","审批","供水","押金","工资",
  "人民政府","行政许可","环境保护","劳动合同","食品安全","知识产权","安全生产","消费者",
  "未成年人","违法所得","法律责任","交通事故","医疗","房屋征收","水污染","档案"}
local function enc(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
local paths = {}
for i, q in ipairs(qs) do paths[i] = "/api/search?q=" .. enc(q) end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
EOF

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# http FACTOR INDEX -> "req/s p50 p99" or "-"
http_bench() {
	command -v wrk >/dev/null || { echo "- (no wrk)"; return; }
	[ -x "$BIN/fagui-searchd" ] || { echo "- (no searchd)"; return; }
	port=$(free_port)
	"$BIN/fagui-searchd" --index "$2" --listen "127.0.0.1:$port" --access-log /dev/null 2>"$W/searchd.log" &
	SD_PID=$!
	i=0
	until curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$SD_PID" 2>/dev/null; then
			kill "$SD_PID" 2>/dev/null
			SD_PID=""
			echo "- (searchd did not start)"
			return
		fi
		sleep 0.2
	done
	# warm up first, as the in-process figures do: the columns load on the first query (~1 s at x40)
	# and each server thread's database handle fills its block caches
	wrk -t2 -c2 -d3s -s "$W/wrk.lua" "http://127.0.0.1:$port" >/dev/null 2>&1
	wrk -t2 -c2 -d"${WRK_SECS}s" --latency -s "$W/wrk.lua" "http://127.0.0.1:$port" >"$W/wrk-$1.txt" 2>&1
	kill "$SD_PID" 2>/dev/null
	wait "$SD_PID" 2>/dev/null
	SD_PID=""
	awk '
	function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
	/^[[:space:]]+50%/ { p50 = ms($2) } /^[[:space:]]+99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
	/Non-2xx/ { bad = $NF }
	END { if (rps == "") print "- (wrk failed)"; else printf "%.0f %.1f %.1f%s\n", rps, p50, p99, bad ? " (" bad " non-2xx)" : "" }
	' "$W/wrk-$1.txt"
}

ROWS=""
QROWS=""
UPD=""
for f in $FACTORS; do
	C="$W/c$f" I="$W/i$f"
	# corpus (~1.05x source per factor) + building shards and the compacted copy
	# side by side (x10 measured: ~23x the source's Markdown per factor at the peak)
	need_kb=$((src_kb * f * 25))
	have_kb=$(free_kb)
	[ "$REUSE" = 1 ] && [ -f "$C/catalogue.tsv" ] && need_kb=$((need_kb - src_kb * f))
	[ "$REUSE" = 1 ] && [ -f "$I.time" ] && [ -f "$I/index.stub" ] && need_kb=0
	if [ "$need_kb" -gt "$have_kb" ]; then
		log "x$f skipped: needs about $((need_kb / 1024)) MiB, $((have_kb / 1024)) MiB free in $W"
		ROWS="$ROWS| x$f | skipped: needs ~$((need_kb / 1048576)) GiB of disk, $((have_kb / 1048576)) GiB free | | | | | | | |
"
		continue
	fi
	if [ "$REUSE" = 1 ] && [ -f "$C/catalogue.tsv" ]; then
		log "x$f: reusing corpus $C"
	else
		rm -rf "$C"
		log "x$f: generating corpus in $C"
		python3 tools/gen-corpus.py --quiet --src "$SRC" --factor "$f" --seed "$SEED" --out "$C" >/dev/null ||
			{ log "x$f: corpus generation failed"; continue; }
	fi
	if [ "$REUSE" = 1 ] && [ -f "$I.time" ] && [ -f "$I/index.stub" ]; then
		log "x$f: reusing index $I and its build measurements"
		[ -f "$I.disk" ] || echo 0 >"$I.disk"
	else
		rm -rf "$I"
		mkdir -p "$I"
		log "x$f: indexing (load average $(cut -d' ' -f1-3 /proc/loadavg))"
		sample_disk "$I" "$I.disk" &
		SAMPLER=$!
		/usr/bin/time -v "$BIN/fagui-indexer" --quiet --index "$I" "$C" 2>"$I.time"
		rc=$?
		kill "$SAMPLER" 2>/dev/null
		wait "$SAMPLER" 2>/dev/null
		SAMPLER=""
		if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
			log "x$f: fagui-indexer failed (exit $rc):"
			tail -5 "$I.time" >&2
			rm -f "$I.time"
			continue
		fi
	fi
	wall=$(secs "$(tget 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$I.time")")
	cpu=$(awk -v u="$(tget 'User time (seconds)' "$I.time")" -v s="$(tget 'System time (seconds)' "$I.time")" \
		'BEGIN{printf "%.0f", u + s}')
	rss=$(($(tget 'Maximum resident set size (kbytes)' "$I.time") / 1024))
	stats=$("$BIN/fagui-indexer" --index "$I" --stats)
	docs=$(echo "$stats" | jget 'd["documents"]')
	arts=$(echo "$stats" | jget 'd["articles"]')
	size=$(($(du -sk "$I" | cut -f1) / 1024))
	peak=$(($(cat "$I.disk") / 1024))
	aps=$(awk -v a="$arts" -v w="$wall" 'BEGIN{printf "%.0f", a / w}')
	acps=$(awk -v a="$arts" -v c="$cpu" 'BEGIN{printf "%.0f", a / c}')
	log "x$f: $docs documents, $arts articles, ${wall}s wall, ${cpu}s CPU, $rss MiB RSS, $size MiB"

	log "x$f: queries in-process ($RUNS runs each, load average $(cut -d' ' -f1-3 /proc/loadavg))"
	"$BIN/fg-bench-query" --index "$I" --runs "$RUNS" --json >"$W/q$f.json" 2>"$W/q$f.err" ||
		log "x$f: some queries failed: $(head -3 "$W/q$f.err")"
	q() { jget "'%.1f / %.1f (CPU %.1f / %.1f)' % (lambda c: (c['p50_ms'], c['p99_ms'], c['cpu_p50_ms'], c['cpu_p99_ms']))(d['classes']['$1'])" <"$W/q$f.json"; }
	qshort=$(q short) qphrase=$(q phrase) qand=$(q and) qquest=$(q question)
	log "x$f: HTTP (wrk -t2 -c2 ${WRK_SECS}s)"
	http=$(http_bench "$f" "$I")
	ROWS="$ROWS| x$f | $docs | $arts | $wall | $cpu | $aps ($acps per CPU s) | $rss | $size | $peak | $qshort | $http |
"
	QROWS="$QROWS| x$f | $qshort | $qphrase | $qand | $qquest |
"

	if [ "$f" = "$UPDATE" ]; then
		log "x$f: changing 1% of the files, incremental update"
		chg=$(python3 tools/gen-corpus.py --change 0.01 --seed "$SEED" --out "$C" | jget 'd["changed"]')
		/usr/bin/time -v "$BIN/fagui-indexer" --quiet --index "$I" "$C" 2>"$I.update.time"
		urc=$?
		uwall=$(secs "$(tget 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$I.update.time")")
		ucpu=$(awk -v u="$(tget 'User time (seconds)' "$I.update.time")" \
			-v s="$(tget 'System time (seconds)' "$I.update.time")" 'BEGIN{printf "%.1f", u + s}')
		urss=$(($(tget 'Maximum resident set size (kbytes)' "$I.update.time") / 1024))
		ratio=$(awk -v a="$uwall" -v b="$wall" 'BEGIN{printf "%.1f", 100 * a / b}')
		cratio=$(awk -v a="$ucpu" -v b="$cpu" 'BEGIN{printf "%.1f", 100 * a / b}')
		ustats=$("$BIN/fagui-indexer" --index "$I" --stats | jget 'd["documents"]')
		UPD="| x$f | $chg of $docs files (1%) | exit $urc | ${uwall}s wall, ${ucpu}s CPU, $urss MiB RSS | ${wall}s wall, ${cpu}s CPU | $ratio% wall, $cratio% CPU | $ustats documents after |"
		log "x$f: update ${uwall}s vs full ${wall}s ($ratio%)"
	fi
	if [ "$KEEP" != 1 ]; then
		rm -rf "$I" "$C"
	fi
done

{
	echo "## Fagui at scale ($(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), Xapian $(pkg-config --modversion xapian-core 2>/dev/null))"
	echo
	echo "Corpora from tools/gen-corpus.py (seed $SEED) over $SRC; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "Query latencies in ms, p50 / p99 wall (thread CPU in brackets), $RUNS runs of each query, warm cache, top 10 with facets."
	echo
	echo "| size | documents | articles | index wall s | index CPU s | articles/s wall | peak RSS MiB | index MiB | peak disk MiB | 2–4 char queries p50 / p99 ms | HTTP req/s, p50, p99 ms |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	printf "%s" "$ROWS"
	echo
	echo "| size | 2–4 char | phrases | AND | questions |"
	echo "|---|---|---|---|---|"
	printf "%s" "$QROWS"
	if [ -n "$UPD" ]; then
		echo
		echo "| incremental | changed | status | update | full build | update / full |"
		echo "|---|---|---|---|---|---|"
		echo "$UPD"
	fi
} | tee "$OUT"
log "saved $OUT"
