#!/bin/sh
# test_browser.sh - headless Chromium over the fagui-searchd pages (see
# tests/browser/search.test.js): search, highlights, a facet, a document at
# its article, the citation check page (tests/browser/check.test.js), the
# catalogue and change log pages (tests/browser/catalogue.test.js), every
# page at 1280 and 375 px (tests/browser/pages.test.js),
# screenshots in tests/out/. Skips (77) without chromium,
# node or npm, or when playwright-core cannot be installed.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
[ -x /usr/bin/chromium ] || { echo "skip: /usr/bin/chromium is not installed"; exit 77; }
for tool in node npm curl; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }
[ -x "$BIN/fagui-searchd" ] || { echo "FAIL: $BIN/fagui-searchd is missing"; exit 1; }
if [ ! -d tests/browser/node_modules/playwright-core ]; then
	(cd tests/browser && npm install --no-save --no-audit --no-fund playwright-core@1) >/dev/null 2>&1 ||
		{ echo "skip: cannot install playwright-core with npm (offline?)"; exit 77; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-browser.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

"$BIN/fagui-indexer" --index "$tmp/index" corpus >"$tmp/index.log" 2>&1 ||
	{ echo "FAIL: indexing corpus"; cat "$tmp/index.log"; exit 1; }
"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 \
	--access-log "$tmp/access.log" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"

mkdir -p tests/out "$tmp/profile" "$tmp/profile-check" "$tmp/profile-catalogue"
timeout 120 node tests/browser/search.test.js "http://127.0.0.1:$port" "$PWD/tests/out" "$tmp/profile"
rc=$?
# the citation check page (tests/browser/check.test.js)
timeout 120 node tests/browser/check.test.js "http://127.0.0.1:$port" "$PWD/tests/out" "$tmp/profile-check" || rc=1
# the catalogue and the change log pages (tests/browser/catalogue.test.js)
timeout 120 node tests/browser/catalogue.test.js "http://127.0.0.1:$port" "$PWD/tests/out" "$tmp/profile-catalogue" || rc=1
# every page at 1280 and 375 px: overflow, header links, contrast, table cells (tests/browser/pages.test.js);
# its screenshots stay in their own temporary directory, printed below
shots=$(mktemp -d "${TMPDIR:-/tmp}/fagui-pages.XXXXXX")
mkdir -p "$tmp/profile-pages"
timeout 300 node tests/browser/pages.test.js "http://127.0.0.1:$port" "$shots" "$tmp/profile-pages" || rc=1
echo "page screenshots: $shots"
kill -TERM "$pid"
wait "$pid"
src=$?
pid=
[ $src -eq 0 ] || { echo "FAIL: searchd exited $src after SIGTERM"; exit 1; }
[ $rc -eq 0 ] && echo "screenshots: tests/out/search.png tests/out/doc.png tests/out/search-phone.png tests/out/rule-card.png tests/out/rule-card-phone.png tests/out/check.png tests/out/check-phone.png tests/out/catalogue.png tests/out/catalogue-phone.png"
exit $rc
