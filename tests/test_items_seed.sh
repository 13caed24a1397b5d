#!/bin/sh
# test_items_seed.sh - the project's reference document (../shared/corpus/
# seed: a provincial plan with no 第X条, in UTF-8 and GB18030) split into its
# items (issue 13): the same units in both encodings (the preamble, then
# each item at the finest level that carries text: 2 sections of part 一,
# the 40 numbered items of part 二, 4 sections of part 三: 47 units), labels
# and headings as the outline gives them, no unit over 2,500 characters.
# The 3 parts and the 7 sections of part 二 are lines that only name
# themselves: they are no units but the headings of the units below, so all
# 3 parts and 13 sections are in the headings and the document page shows
# each once, above its first item, with every unit anchored. 异议审查制度 is
# answered first by item 12 (二（二）12, 12.加强规范性文件监督管理) in both
# files, then looked up by name + label. Skips when ../shared is absent.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}" "${SHARED:=../shared}"
SEED="$SHARED/corpus/seed"
[ -d "$SEED" ] || { echo "skip: $SEED is absent (the seed document lives beside the project)"; exit 77; }
[ -x "$BIN/fg-parse" ] || { echo "skip: $BIN/fg-parse does not exist yet"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
U="$SEED/山西省贯彻落实法治政府建设实施纲要的实施方案.txt"
G="$SEED/山西省贯彻落实法治政府建设实施纲要的实施方案.gb18030.txt"
for f in "$U" "$G"; do
	[ -f "$f" ] || { echo "skip: $f is absent"; exit 77; }
done
command -v curl >/dev/null 2>&1 || { echo "skip: curl is not installed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-seed.XXXXXX")
pid=
trap 'test -n "$pid" && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$BIN/fg-parse" --json "$U" >"$tmp/utf8.json" || fail "fg-parse $U"
"$BIN/fg-parse" --json "$G" >"$tmp/gb.json" || fail "fg-parse $G"
mkdir "$tmp/c"
cp "$U" "$G" "$tmp/c/"
"$BIN/fagui-indexer" --index "$tmp/index" "$tmp/c" >"$tmp/index.log" 2>&1 || { cat "$tmp/index.log"; fail "indexing the seed"; }
"$BIN/fg-search" --index "$tmp/index" --limit 5 异议审查制度 >"$tmp/hits.json" || fail "fg-search 异议审查制度"
NAME="山西省贯彻落实《法治政府建设实施纲要（2015－2020年）》的实施方案"
"$BIN/fg-search" --index "$tmp/index" --limit 5 "$NAME 二（二）12" >"$tmp/lookup1.json" || fail "look-up by label"
"$BIN/fg-search" --index "$tmp/index" --limit 5 "$NAME第十二项" >"$tmp/lookup2.json" || fail "look-up by 第十二项"
"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hits"][0]["id"])' "$tmp/hits.json") || fail "no hit"
curl -s --max-time 10 -o "$tmp/page.html" "http://127.0.0.1:$port/doc/$id" || fail "GET /doc/$id"

python3 - "$tmp" <<'PYEOF' || exit 1
import html, json, re, sys
TMP = sys.argv[1]
failures = []

def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)

u8 = json.load(open(TMP + "/utf8.json", encoding="utf-8"))
gb = json.load(open(TMP + "/gb.json", encoding="utf-8"))
check(u8["encoding"] == "UTF-8" and gb["encoding"] == "GB18030", "encodings %s %s" % (u8["encoding"], gb["encoding"]))
key = lambda d: [(u["kind"], u["label"], u["heading"], u["text"]) for u in d["units"]]
check(key(u8) == key(gb), "UTF-8 and GB18030 give different units")
units = u8["units"]
labels = [u["label"] for u in units]
want = ["", "一（一）", "一（二）"]
sections = [8, 5, 6, 6, 6, 5, 4]  # the items of 二（一）…（七）
n = 1
for s, count in zip("一二三四五六七", sections):
    for _ in range(count):
        want.append("二（%s）%d" % (s, n))
        n += 1
want += ["三（一）", "三（二）", "三（三）", "三（四）"]
check(labels == want, "labels: %s" % labels)
check(len(units) == 47 and n - 1 == 40, "units: %d (the preamble, 2 + 40 + 4 items)" % len(units))
check(units[0]["kind"] == "preamble" and all(u["kind"] == "text" for u in units[1:]), "kinds")
big = max(len(u["text"]) for u in units)
check(big < 2500, "largest unit %d characters" % big)
# the outline the seed has: 3 parts and 13 sections, all of them in the headings; the 10 that
# only name themselves (一、 二、 三、 and 二（一）…（七）) head units, the others are units
parts, sections = [], []
for u in units[1:]:
    h = u["heading"].split(" / ")
    if h[0] not in parts:
        parts.append(h[0])
    if len(h) > 1 and h[:2] not in sections:
        sections.append(h[:2])
check(len(parts) == 3 and len(sections) == 13, "outline: %d parts, %d sections" % (len(parts), len(sections)))
for u in units[1:]:
    lines = u["text"].split("\n")
    check(len(lines) > 1 and lines[0] == u["heading"].split(" / ")[-1], "%s: a title and text of its own" % u["label"])
u12 = units[labels.index("二（二）12")]
check(u12["heading"] == "二、主要任务和具体措施 / （二）完善依法行政制度体系 / 12.加强规范性文件监督管理",
      "heading of item 12: %s" % u12["heading"])
check(u12["text"].startswith("12.加强规范性文件监督管理\n") and "异议审查制度" in u12["text"], "text of item 12")

hits = json.load(open(TMP + "/hits.json", encoding="utf-8"))["hits"]
check(len(hits) == 2, "异议审查制度: %d hits, want one per file" % len(hits))
for h in hits:
    check(h["article"] == "二（二）12" and h["article_index"] == 14, "异议审查制度: hit %s #%d" % (h["article"], h["article_index"]))
    check(h["heading"] == u12["heading"], "异议审查制度: heading %s" % h["heading"])
    check("<mark>异议审查制度</mark>" in h["snippet"], "异议审查制度: snippet")
for f in ("lookup1.json", "lookup2.json"):
    r = json.load(open(TMP + "/" + f, encoding="utf-8"))
    check(r["hits"] and r["hits"][0]["article"] == "二（二）12", "%s: first hit %s" % (f, r["hits"][:1]))
# the document page: each part and section title once, as a heading or as its unit's first line,
# then every unit anchored in order
page = html.unescape(re.sub(r"<(?!/?(h2|h3|section)\b)[^>]*>", "", open(TMP + "/page.html", encoding="utf-8").read()))
body = page[page.index('<section id="a0"'):]
for t in parts + [s[1] for s in sections]:
    check(body.count(t) == 1, "page: %s shown %d times" % (t, body.count(t)))
for t in ("二、主要任务和具体措施", "（七）全面提高政府工作人员法治思维和依法行政能力"):
    check('<h2 class="heading">%s</h2>' % t in body or '<h3 class="heading">%s</h3>' % t in body, "page: heading %s" % t)
check(re.findall(r'<section id="a(\d+)"', body) == [str(i) for i in range(len(units))], "page: anchors a0…a46 in order")
check(body.index("（二）完善依法行政制度体系") < body.index('<section id="a11"') < body.index("9.完善政府立法工作机制"),
      "page: a section title above its first item")
if failures:
    sys.exit(1)
print("test_items_seed: 47 units in both encodings, 异议审查制度 -> 二（二）12")
PYEOF
