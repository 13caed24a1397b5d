#!/bin/sh
# test_long_id.sh - long document ids through fagui-indexer and fagui-searchd:
# a document whose front-matter id is 120 bytes long is indexed under its
# whole id (its unit and record terms were once cut in fixed buffers, so it
# could not be fetched and a status event on it added a duplicate), can be
# fetched by /api/doc/<id>, and an event on it replaces it in place (same
# document and unit counts, new status); an id over FG_ID_MAX (160 bytes) is
# refused for that file alone, with a message naming it, and the run exits 3.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
for tool in curl python3; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-longid.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "FAIL: $*"; exit 1; }
jget() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

long=SL-LONG-$(printf '%0112d' 0)   # 120 bytes
huge=SL-HUGE-$(printf '%0292d' 0)   # 300 bytes
[ ${#long} -eq 120 ] && [ ${#huge} -eq 300 ] || fail "test ids: ${#long} ${#huge}"

mkdir "$tmp/c"
doc() { # FILE ID TITLE
	cat >"$tmp/c/$1" <<EOF
---
title: $3
id: $2
level: 地方性法规
status: 现行有效
published: 2020-01-01
---

# $3

第一条 为了规范长编号文件的管理，制定本办法。

第二条 本办法自公布之日起施行。
EOF
}
doc long.md "$long" 示例省长编号文件管理办法
doc huge.md "$huge" 示例省超长编号文件管理办法
doc short.md SL-SHORT-1 示例省短编号文件管理办法

"$BIN/fagui-indexer" --index "$tmp/index" "$tmp/c" 2>"$tmp/log"
rc=$?
[ $rc -eq 3 ] || { cat "$tmp/log"; fail "indexing with a 300-byte id exited $rc, want 3"; }
grep -q "huge\.md: id is 300 bytes long" "$tmp/log" || fail "no message naming huge.md: $(cat "$tmp/log")"
grep -q "long\.md\|short\.md" "$tmp/log" && fail "other files reported: $(cat "$tmp/log")"
stats=$("$BIN/fagui-indexer" --index "$tmp/index" --stats) || fail "--stats"
[ "$(echo "$stats" | jget 'd["documents"]')" -eq 2 ] || fail "want 2 documents: $stats"

"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"
getdoc() { curl -s --max-time 10 -o "$tmp/doc.json" -w '%{http_code}' "http://127.0.0.1:$port/api/doc/$1"; }

code=$(getdoc "$long")
[ "$code" = 200 ] || fail "/api/doc/<120-byte id> answered $code: $(cat "$tmp/doc.json")"
[ "$(jget 'd["id"]' <"$tmp/doc.json")" = "$long" ] || fail "wrong document: $(cat "$tmp/doc.json")"
[ "$(jget 'len(d["articles"])' <"$tmp/doc.json")" -eq 2 ] || fail "articles: $(cat "$tmp/doc.json")"
[ "$(jget 'd["status"]' <"$tmp/doc.json")" = 现行有效 ] || fail "status before the event"

"$BIN/fagui-indexer" --index "$tmp/index" event --id "$long" --status 已废止 --date 2024-05-01 2>"$tmp/log" ||
	fail "event on the 120-byte id: $(cat "$tmp/log")"
after=$("$BIN/fagui-indexer" --index "$tmp/index" --stats) || fail "--stats after the event"
[ "$after" = "$stats" ] || fail "the event changed the counts (a duplicate?): $stats -> $after"
code=$(getdoc "$long")
[ "$code" = 200 ] || fail "/api/doc after the event answered $code"
[ "$(jget 'd["status"]' <"$tmp/doc.json")" = 已废止 ] || fail "status after the event: $(jget 'd["status"]' <"$tmp/doc.json")"
n=$("$BIN/fg-search" --index "$tmp/index" --limit 50 "长编号文件" |
	python3 -c 'import json,sys; print(sum(h["id"] == sys.argv[1] for h in json.load(sys.stdin)["hits"]))' "$long")
[ "$n" -eq 2 ] || fail "search finds $n units of the long-id document, want 2"
echo "ok"
