#!/bin/sh
# test_columns.sh - the in-memory columns (fg_xcols: facet counts and the
# static prior read from arrays instead of the index) change nothing that a
# user sees: every query of a mix gives the same JSON (hits, scores, totals,
# facets) with them (the default) and without them (FAGUI_COLS=0), on one
# merged database and on shards kept apart (--keep-shards: prior from the
# columns, facets from value spies). Also checks that a full build merges its parallel shards into
# one database and that an update keeps it that way, and that searchd's
# threads see an index change in their facets, and that searchd loads its
# columns and builds its title map in the background (once at start, once per
# index change), shared by its threads.
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=bin}"
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail=0
die() { echo "FAIL: $*"; fail=1; }

"$BIN/fagui-indexer" --quiet --index "$T/one" --shards 3 corpus || die "build (merged) failed"
[ "$(grep -c . "$T/one/index.stub")" = 1 ] || die "a merged build should list one database: $(cat "$T/one/index.stub")"
[ -d "$T/one/gen-000001/s0" ] && [ ! -e "$T/one/gen-000001/s1" ] || die "merged build left shard directories: $(ls "$T/one/gen-000001")"
"$BIN/fagui-indexer" --quiet --index "$T/kept" --shards 3 --keep-shards corpus || die "build (kept shards) failed"
[ "$(grep -c . "$T/kept/index.stub")" = 3 ] || die "--keep-shards --shards 3 should list three databases"
# an update with --shards again keeps the merged layout (no rebuild)
out=$("$BIN/fagui-indexer" --index "$T/one" --shards 3 corpus 2>&1)
echo "$out" | grep -q "updated:" || die "second run with --shards 3 should update in place: $out"
[ "$(grep -c . "$T/one/index.stub")" = 1 ] || die "update changed the layout"

# Queries: short words, phrases, operators, fields, a question (relaxed),
# an article reference; then the same with filters, doc unit, date sort, paging.
cat >"$T/queries" <<'EOF'
罚款
法
水
许可
人民政府
行政许可
示例省
听证
"依法追究刑事责任"
罚款 OR 吊销
许可 -撤销
标题:条例
物业公司不修电梯业主应该怎么办
示例省城市供水条例第十条
EOF
run() { # INDEX COLS ARGS... QUERY -> normalized JSON
	idx=$1 cols=$2
	shift 2
	FAGUI_COLS=$cols "$BIN/fg-search" --index "$idx" --stopwords stopwords/stopwords.txt "$@" |
		python3 -c '
import json, sys
d = json.load(sys.stdin)
d.pop("took_ms", None)
for h in d["hits"]:
    h["score"] = round(h["score"], 6)
print(json.dumps(d, ensure_ascii=False, sort_keys=True))'
}
# compare INDEX LABEL: one searchd with columns and one without (FAGUI_COLS=0)
# answer every query of the list with each of the variants below alike
. tests/lib.sh
# Each server writes its own, new stderr file: the shell truncates a redirected file in the
# child, after `&` has returned, so reusing a file could show the previous server's port.
ncompare=0
compare() {
	ncompare=$((ncompare + 1))
	aerr="$T/a$ncompare.err" berr="$T/b$ncompare.err"
	: >"$aerr"
	: >"$berr"
	"$BIN/fagui-searchd" --index "$1" --listen 127.0.0.1:0 --threads 2 --access-log /dev/null \
		--stopwords stopwords/stopwords.txt 2>>"$aerr" &
	pa=$!
	wait_port $pa "$aerr"
	porta=$port
	FAGUI_COLS=0 "$BIN/fagui-searchd" --index "$1" --listen 127.0.0.1:0 --threads 2 --access-log /dev/null \
		--stopwords stopwords/stopwords.txt 2>>"$berr" &
	pb=$!
	wait_port $pb "$berr"
	portb=$port
	python3 - "$porta" "$portb" "$T/queries" "$2" <<'EOF' || fail=1
import json, sys, urllib.parse, urllib.request
pa, pb, qfile, label = sys.argv[1:5]
variants = ["", "&unit=doc", "&sort=date", "&status=" + urllib.parse.quote("现行有效"),
            "&level=" + urllib.parse.quote("地方性法规,地方政府规章"), "&offset=3&limit=5"]
def get(port, q, v):
    url = "http://127.0.0.1:%s/api/search?q=%s%s" % (port, urllib.parse.quote(q), v)
    d = json.load(urllib.request.urlopen(url, timeout=30))
    d.pop("took_ms", None)
    for h in d["hits"]:
        h["score"] = round(h["score"], 6)
    return d
# Value spies (no columns) cannot count one per document or article version
# under a collapse key (unit=doc, relaxed questions): there the total is
# Xapian's estimate and says so (facets_exact false); the hits must agree.
n = bad = est = 0
for q in open(qfile, encoding="utf-8").read().splitlines():
    for v in variants:
        for _ in range(2):  # both server threads
            a, b = get(pa, q, v), get(pb, q, v)
            if a["facets_exact"] and not b["facets_exact"]:
                est += 1
                a, b = a["hits"], b["hits"]
            a, b = json.dumps(a, ensure_ascii=False, sort_keys=True), json.dumps(b, ensure_ascii=False, sort_keys=True)
            n += 1
            if a != b:
                bad += 1
                print("FAIL: %s: %r%s differs with and without columns\n  with:    %s\n  without: %s"
                      % (label, q, v, a[:400], b[:400]))
print("test_columns: %s: %d searches, %d differ with and without columns, %d estimated without" % (label, n, bad, est))
sys.exit(1 if bad else 0)
EOF
	kill $pa $pb 2>/dev/null
	wait $pa $pb 2>/dev/null
}
compare "$T/one" "merged"
compare "$T/kept" "kept shards"

# the merged and the sharded index rank alike (same statistics): same totals, facets and scores
while IFS= read -r q; do
	# (where the sharded total is an estimate, its scores and facets still agree)
	b=$(run "$T/kept" 1 "$q" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"] if d["facets_exact"] else "est", sorted(h["score"] for h in d["hits"]), json.dumps(d["facets"], sort_keys=True))')
	case $b in est*) t=est ;; *) t= ;; esac
	a=$(run "$T/one" 1 "$q" | T=$t python3 -c 'import json,os,sys; d=json.load(sys.stdin); print(os.environ["T"] or d["total"], sorted(h["score"] for h in d["hits"]), json.dumps(d["facets"], sort_keys=True))')
	[ "$a" = "$b" ] || die "'$q': merged and sharded indexes differ: $a / $b"
done <"$T/queries"


# searchd: its threads share one copy of the columns, reloaded after an index
# change; facets then count the new document (compared with FAGUI_COLS=0)
cp -r corpus "$T/c"
"$BIN/fagui-indexer" --quiet --index "$T/live" "$T/c" || die "build of the live index failed"
"$BIN/fagui-searchd" --index "$T/live" --listen 127.0.0.1:0 --threads 2 --access-log /dev/null 2>"$T/sd.err" &
SD=$!
trap 'kill $SD 2>/dev/null; rm -rf "$T"' EXIT
wait_port $SD "$T/sd.err"
api() { curl -fsS "http://127.0.0.1:$port/api/search?q=$1&limit=3" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["total"], json.dumps(d["facets"], sort_keys=True, ensure_ascii=False))'; }
q=%E4%BE%9B%E6%B0%B4 # 供水
for i in 1 2 3 4; do before=$(api $q) || die "searchd query failed"; done
cat >"$T/c/zz-added.md" <<'EOF'
---
title: 测试镇供水设施保护办法
level: 地方政府规章
region: 示例省测试镇
published: 2024-05-06
---
# 测试镇供水设施保护办法

第一条 为了保护供水设施，制定本办法。

第二条 损坏供水设施的，依法处理。
EOF
"$BIN/fagui-indexer" --quiet --index "$T/live" "$T/c" || die "update of the live index failed"
for i in 1 2 3 4; do after=$(api $q) || die "searchd query after the update failed"; done
want=$(run "$T/live" 0 供水 | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["total"], json.dumps(d["facets"], sort_keys=True, ensure_ascii=False))')
[ "$after" = "$want" ] || die "searchd after the update: $after; without columns: $want"
# the columns load in the background: once at start and once after the update
# (queries meanwhile answer from the index: the comparisons above hold either way)
loads() { curl -fsS "http://127.0.0.1:$port/metrics" | sed -n 's/^fagui_columns_loads_total //p'; }
i=0
while [ "$(loads)" != 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(loads)" = 2 ] || die "searchd should have loaded its columns twice (start, update): $(loads) loads"
curl -fsS "http://127.0.0.1:$port/metrics" | grep -qx 'fagui_columns_loading 0' || die "columns still loading"
for i in 1 2 3 4; do after=$(api $q) || die "searchd query failed"; done
[ "$after" = "$want" ] || die "searchd with the new columns: $after; without columns: $want"
[ "$after" != "$before" ] || die "searchd facets did not change after the update: $after"
echo "$after" | grep -q '示例省测试镇' || die "the added document's region is not counted: $after"
# the rule-name map is shared by the threads too: built once at start and once
# after the update (by the loader, which queries needing it wait for), and it
# knows the added rule
for i in 1 2 3 4; do
	curl -fsS "http://127.0.0.1:$port/api/suggest?q=%E6%B5%8B%E8%AF%95%E9%95%87" | grep -q '测试镇供水设施保护办法' ||
		die "suggestions after the update do not offer the added rule"
done
builds=$(curl -fsS "http://127.0.0.1:$port/metrics" | sed -n 's/^fagui_title_maps_built_total //p')
[ "$builds" = 2 ] || die "searchd should have built its title map twice (start, update), built it ${builds:-?} times"
kill $SD 2>/dev/null
wait $SD 2>/dev/null

[ $fail = 0 ] && echo "test_columns: ok"
exit $fail
