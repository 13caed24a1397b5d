#!/bin/sh
# test_catalogue.sh - the catalogue (目录) and the change log page through
# fagui-indexer and fagui-searchd (issue 14, parts 1 and 3), over corpus/
# plus one planted document whose title and 文号 hold a comma and quotes:
#   - GET /api/catalogue: the JSON contract, one row per catalogue.tsv line
#     (ids, metadata, the status /api/doc shows, the article count), every
#     filter (q with 中华人民共和国 optional, full/half width and traditional
#     characters; level, status, region with its hierarchy, authority, each
#     with several values; from/to), sort and order, paging, facets over the
#     filtered set, CSV (BOM, Chinese header, RFC 4180 quoting, CRLF, one row
#     per document, download headers) and TSV, bad parameters (400 and a
#     Chinese message);
#   - the page /catalogue: the GET form, counts, facet links that add a
#     filter, chips that remove one, the table, paging (at most 100 a page),
#     sort and export links carrying the filters, no <script>;
#   - /changes.atom with no events dated by the index (not 1970), then status
#     events (fagui-indexer event) showing at once in /api/catalogue, on
#     /catalogue and on /changes (newest first, paged, old -> new status,
#     reason, links).
# The checks are tests/catalogue_checks.py. Dates are those of
# corpus/README.md: FAGUI_TODAY=2026-11-27.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
for tool in curl python3; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }
[ -x "$BIN/fagui-searchd" ] || { echo "FAIL: $BIN/fagui-searchd is missing"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-cat.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
FAGUI_TODAY=2026-11-27
export FAGUI_TODAY

cp -r corpus "$tmp/c"
# a title and a 文号 with an ASCII comma and quotes: CSV must quote them
cat >"$tmp/c/province/quoted-title-2025.md" <<'DOC'
---
title: 示例省关于"放管服"改革的通知,第二批
id: SL-2025-0099
number: 示政发〔2025〕1号,附件"一"
authority: 示例省人民政府
level: 规范性文件
status: 现行有效
region: 示例省
published: 2025-01-15
---

# 示例省关于"放管服"改革的通知,第二批

第一条 本通知自公布之日起施行。

第二条 各地应当按照本通知执行。
DOC

"$BIN/fagui-indexer" --index "$tmp/index" -q "$tmp/c" >"$tmp/index.log" 2>&1 ||
	{ echo "FAIL: indexing corpus"; cat "$tmp/index.log"; exit 1; }
"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 \
	--access-log "$tmp/access.log" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"

python3 tests/catalogue_checks.py "$port" "$BIN" "$tmp" || { cat "$tmp/stderr" | head -60; exit 1; }
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
[ $rc -eq 0 ] || { echo "FAIL: searchd exited $rc after SIGTERM"; exit 1; }
echo "ok"
