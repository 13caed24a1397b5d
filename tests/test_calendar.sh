#!/bin/sh
# test_calendar.sh - status by the calendar (lib/doc/calendar.h) end to end on
# the sample corpus, indexed once: a rule past its 有效期 (示例省白河市餐饮服务
# 食品安全量化分级管理暂行办法, 有效期至 2023-12-31) is 失效 from 2024-01-01
# and a 尚未生效 rule (示例省生态环境保护条例, in force from 2027-03-01) is
# 现行有效 from that day, in hits, the status filter, the status facet, the
# document (/api/doc), the rule card and fagui-searchd's page — without an
# event or a re-index. FAGUI_TODAY sets the day (the programs' "today").
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
for tool in curl python3; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-cal.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "FAIL: $*"; exit 1; }

FAGUI_TODAY=2023-06-01 "$BIN/fagui-indexer" --index "$tmp/index" --quiet corpus >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "indexing"; }
S="$BIN/fg-search --index $tmp/index"
CAT=示例省白河市餐饮服务食品安全量化分级管理暂行办法
ECO=示例省生态环境保护条例

# day status-filter query -> "total title:status ... | facet"
look() {
	day=$1 filt=$2
	shift 2
	FAGUI_TODAY=$day $S ${filt:+--status "$filt"} --doc --limit 3 "$@" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r["total"], " ".join(h["title"] + ":" + h["status"] for h in r["hits"]), "|", json.dumps(r["facets"]["status"], ensure_ascii=False, sort_keys=True))'
}
expect() { # what got want
	case "$2" in *"$3"*) ;; *) fail "$1: expected '$3' in: $2" ;; esac
}
refuse() {
	case "$2" in *"$3"*) fail "$1: did not expect '$3' in: $2" ;; esac
}

# before, on and after the last day of the 有效期
r=$(look 2023-12-31 "" "$CAT"); expect "on its last day" "$r" "$CAT:现行有效"
r=$(look 2024-01-01 "" "$CAT"); expect "the day after" "$r" "$CAT:失效"
expect "facet the day after" "$r" '"失效"'
refuse "facet the day after" "$r" '"现行有效"'
r=$(look 2024-01-01 现行有效 "$CAT"); refuse "status=现行有效 the day after" "$r" "$CAT"
r=$(look 2024-01-01 失效 "$CAT"); expect "status=失效 the day after" "$r" "$CAT:失效"
r=$(look 2023-06-01 失效 "$CAT"); refuse "status=失效 before" "$r" "$CAT"
r=$(look 2023-06-01 现行有效 "$CAT"); expect "status=现行有效 before" "$r" "$CAT:现行有效"

# a pending rule comes into force on its effective date
r=$(look 2027-02-28 "" "$ECO"); expect "pending" "$r" "$ECO:尚未生效"
r=$(look 2027-02-28 现行有效 "$ECO"); refuse "status=现行有效 while pending" "$r" "$ECO"
r=$(look 2027-02-28 尚未生效 "$ECO"); expect "status=尚未生效 while pending" "$r" "$ECO:尚未生效"
r=$(look 2027-03-01 "" "$ECO"); expect "in force" "$r" "$ECO:现行有效"
r=$(look 2027-03-01 现行有效 "$ECO"); expect "status=现行有效 once in force" "$r" "$ECO:现行有效"
r=$(look 2027-03-01 尚未生效 "$ECO"); refuse "status=尚未生效 once in force" "$r" "$ECO"

# the document and the rule card agree
for day in 2023-12-31:现行有效 2024-01-01:失效; do
	d=${day%%:*} want=${day#*:}
	got=$(FAGUI_TODAY=$d $S --docview SL-2018-0023 | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
	[ "$got" = "$want" ] || fail "/api/doc on $d: $got, expected $want"
	got=$(FAGUI_TODAY=$d $S "$CAT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rule"]["status"])')
	[ "$got" = "$want" ] || fail "rule card on $d: $got, expected $want"
done

# fagui-searchd, started on a day after the 有效期: API and page agree
FAGUI_TODAY=2024-01-01 "$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 >/dev/null 2>"$tmp/sd.err" &
pid=$!
wait_port $pid "$tmp/sd.err"
got=$(curl -s --max-time 10 "http://127.0.0.1:$port/api/doc/SL-2018-0023" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
[ "$got" = 失效 ] || fail "searchd /api/doc: $got"
n=$(curl -s --max-time 10 -G "http://127.0.0.1:$port/api/search" --data-urlencode "q=$CAT" --data-urlencode "status=现行有效" |
	python3 -c 'import json,sys; print(sum(h["title"] == sys.argv[1] for h in json.load(sys.stdin)["hits"]))' "$CAT")
[ "$n" = 0 ] || fail "searchd /api/search with status=现行有效 lists $CAT"
curl -s --max-time 10 -G "http://127.0.0.1:$port/search" --data-urlencode "q=$CAT" >"$tmp/p.html"
python3 - "$tmp/p.html" "$CAT" <<'PY' || fail "searchd results page"
import re, sys
h, cat = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
assert re.search(r'"badge[^"]*">失效</span>', h), "no 失效 badge on the results page"
assert not re.search(r'"badge[^"]*">现行有效</span>[^<]*<[^>]*>[^<]*' + cat, h)
PY
curl -s --max-time 10 -G "http://127.0.0.1:$port/doc/SL-2018-0023" >"$tmp/d.html"
grep -q '>失效<' "$tmp/d.html" || fail "searchd document page does not say 失效"
echo "calendar ok"
