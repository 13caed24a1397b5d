#!/bin/sh
# test_http.sh - fagui-searchd end to end: index corpus/ into a temporary
# directory, start the daemon on 127.0.0.1 with a port it picks, and check the
# JSON API, pages, errors, escaping, security headers, metrics, a reindex
# seen without restart, and a clean shutdown on SIGTERM.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
: "${BIN:=bin}"
for tool in curl python3; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done
[ -x "$BIN/fagui-indexer" ] || { echo "skip: $BIN/fagui-indexer does not exist yet"; exit 77; }
[ -x "$BIN/fagui-searchd" ] || { echo "FAIL: $BIN/fagui-searchd is missing"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fagui-http.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# First a part of the corpus, so that the full reindex below must be picked up live.
"$BIN/fagui-indexer" --index "$tmp/index" corpus/national >"$tmp/index1.log" 2>&1 ||
	{ echo "FAIL: indexing corpus/national"; cat "$tmp/index1.log"; exit 1; }

"$BIN/fagui-searchd" --index "$tmp/index" --listen 127.0.0.1:0 --threads 2 \
	--access-log "$tmp/access.log" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
wait_port "$pid" "$tmp/stderr"

python3 - "$port" "$BIN" "$tmp" <<'EOF' || exit 1
import json, re, subprocess, sys, urllib.parse

port, BIN, TMP = sys.argv[1], sys.argv[2], sys.argv[3]
BASE = "http://127.0.0.1:%s" % port
failures = []
counts = {}  # (route, status) -> requests we made

CSP = ("default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'none'; "
       "frame-ancestors 'none'")

def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)

def check(cond, msg):
    if not cond:
        fail(msg)
    return cond

def curl(path, method=None, data=None, headers=(), route=None, raw=False):
    """Request path; returns (status, headers dict (lowercase), body bytes)."""
    args = ["curl", "--max-time", "5", "-s", "-S", "-D", "-", "-o", TMP + "/body"]
    if raw:
        args.append("--path-as-is")
    if method:
        args += ["-X", method]
    if method == "HEAD":
        args = [a for a in args if a not in ("-X", "HEAD")] + ["-I"]
    if data is not None:
        args += ["--data-binary", "@" + TMP + "/upload"]
        with open(TMP + "/upload", "wb") as f:
            f.write(data)
    for h in headers:
        args += ["-H", h]
    args.append(BASE + path)
    open(TMP + "/body", "wb").close()
    p = subprocess.run(args, capture_output=True)
    if p.returncode != 0:
        fail("curl %s %s: exit %d %s" % (method or "GET", path[:80], p.returncode, p.stderr.decode()[:200]))
        return 0, {}, b""
    blocks = p.stdout.decode("latin-1").replace("\r", "").strip().split("\n\n")
    lines = blocks[-1].split("\n")
    status = int(lines[0].split()[1])
    hdrs = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            hdrs[k.strip().lower()] = v.strip()
    with open(TMP + "/body", "rb") as f:
        body = f.read()
    if route:
        counts[(route, status)] = counts.get((route, status), 0) + 1
    return status, hdrs, body

def q(**kw):
    return urllib.parse.urlencode(kw)

def get_json(path, route, want=200):
    st, h, body = curl(path, route=route)
    check(st == want, "%s: status %d, want %d (%s)" % (path[:100], st, want, body[:200]))
    check(h.get("content-type") == "application/json; charset=utf-8",
          "%s: content-type %r" % (path[:80], h.get("content-type")))
    try:
        return json.loads(body), h
    except ValueError:
        fail("%s: body is not JSON: %r" % (path[:80], body[:200]))
        return None, h

def expect_error(path, want, route, method=None, data=None, raw=False, contains=None):
    st, h, body = curl(path, method=method, data=data, route=route, raw=raw)
    label = "%s %s" % (method or "GET", path[:90])
    check(st == want, "%s: status %d, want %d (%r)" % (label, st, want, body[:200]))
    check(h.get("content-type", "").startswith("application/json"),
          "%s: error content-type %r" % (label, h.get("content-type")))
    try:
        j = json.loads(body)
    except ValueError:
        fail("%s: error body is not JSON: %r" % (label, body[:200]))
        return
    check(isinstance(j, dict) and list(j) == ["error"] and isinstance(j["error"], str) and j["error"],
          "%s: error body %r is not {\"error\": \"...\"}" % (label, j))
    check(re.search("[\u4e00-\u9fff]", j.get("error", "")), "%s: error %r is not in Chinese" % (label, j.get("error")))
    if contains:
        check(contains in j.get("error", ""), "%s: error %r lacks %r" % (label, j.get("error"), contains))
    check(h.get("content-security-policy") == CSP, "%s: CSP header missing" % label)
    return h

QUERY = "行政许可"

# ---- health and a live reindex ----
health, _ = get_json("/healthz", "/healthz")
check(health is not None and set(health) == {"status", "documents", "articles"}, "healthz keys: %r" % (health,))
docs_before = health["documents"] if health else 0
check(health and health["status"] == "ok" and docs_before > 0 and health["articles"] > 0, "healthz values: %r" % (health,))
p = subprocess.run([BIN + "/fagui-indexer", "--index", TMP + "/index", "corpus"], capture_output=True)
check(p.returncode in (0, 3), "full reindex failed: %s" % p.stderr.decode()[-400:])
health, _ = get_json("/healthz", "/healthz")
check(health and health["documents"] > docs_before,
      "reindex not seen without restart: %d documents before, %r after" % (docs_before, health))
ndocs = health["documents"] if health else 0
narts = health["articles"] if health else 0

# ---- search API ----
HIT_KEYS = {"id", "title", "number", "authority", "level", "status", "region", "published", "effective",
            "article", "article_index", "score", "snippet", "url", "matched_articles", "heading"}
res, h = get_json("/api/search?" + q(q=QUERY), "/api/search")
check(h.get("content-security-policy") == CSP and h.get("x-content-type-options") == "nosniff"
      and h.get("referrer-policy") == "no-referrer", "API security headers: %r" % h)
hits = res["hits"] if res else []
check(res and {"query", "total", "took_ms", "hits", "facets"} <= set(res), "result keys: %r" % (res and list(res)))
check(res and res["query"] == QUERY, "query echoed: %r" % (res and res.get("query")))
check(res and isinstance(res["total"], int) and res["total"] >= len(hits) > 0, "total/hits: %r" % (res and res.get("total")))
check(res and isinstance(res["took_ms"], (int, float)) and res["took_ms"] >= 0, "took_ms")
check(len(hits) == 10 or (res and len(hits) == res["total"]), "default limit is 10: %d hits" % len(hits))
for hit in hits:
    check(HIT_KEYS <= set(hit), "hit keys missing: %r" % (HIT_KEYS - set(hit)))
    check(hit.get("url") == "/doc/%s#a%d" % (hit.get("id"), hit.get("article_index", -1)), "hit url %r" % hit.get("url"))
    check("<mark>" in hit.get("snippet", ""), "snippet without <mark>: %r" % hit.get("snippet"))
    check("<script" not in hit.get("snippet", ""), "snippet not escaped")
facets = res["facets"] if res else {}
check(set(facets) >= {"level", "status", "region", "year"}, "facet names: %r" % list(facets))
for name, values in facets.items():
    check(isinstance(values, dict) and all(isinstance(c, int) and c > 0 for c in values.values()),
          "facet %s values: %r" % (name, values))

# paging
page2, _ = get_json("/api/search?" + q(q=QUERY, limit=2, offset=1), "/api/search")
if res and page2 and len(hits) >= 3:
    check(len(page2["hits"]) == 2, "limit=2 gives %d hits" % len(page2["hits"]))
    check([(x["id"], x["article_index"]) for x in page2["hits"]] == [(x["id"], x["article_index"]) for x in hits[1:3]],
          "offset=1 limit=2 is not hits 2-3 of the first page")

# filters: each facet value filters every hit, and the count matches
for field in ("level", "status", "region"):
    if not facets.get(field):
        continue
    value, count = sorted(facets[field].items(), key=lambda kv: kv[1])[0]
    r2, _ = get_json("/api/search?" + q(q=QUERY, limit=100, **{field: value}), "/api/search")
    if r2:
        # A strict match is counted exactly; a relaxed one (too few strict matches) may find more.
        check(r2["total"] == count if not r2.get("relaxed") else r2["total"] >= count,
              "%s=%s: total %d, facet said %d" % (field, value, r2["total"], count))
        check(r2["hits"] and all(x[field] == value for x in r2["hits"]), "%s=%s: a hit has another %s" % (field, value, field))
r2, _ = get_json("/api/search?" + q(q=QUERY, status="现行有效", limit=100), "/api/search")
check(r2 and all(x["status"] == "现行有效" for x in r2["hits"]), "status=现行有效 filter")
if facets.get("year"):
    year = sorted(facets["year"])[0]
    r2, _ = get_json("/api/search?" + q(q=QUERY, limit=100, **{"from": year + "-01-01", "to": year + "-12-31"}), "/api/search")
    check(r2 and r2["hits"] and all(x["published"].startswith(year) for x in r2["hits"]), "from/to year filter %s" % year)

# unit=doc: one hit per document with its matched articles
rd, _ = get_json("/api/search?" + q(q=QUERY, unit="doc", limit=50), "/api/search")
if rd:
    ids = [x["id"] for x in rd["hits"]]
    check(ids and len(ids) == len(set(ids)), "unit=doc repeats documents: %r" % ids)
    check(all(x["matched_articles"] >= 1 for x in rd["hits"]), "unit=doc matched_articles")
    check(rd["total"] <= (res["total"] if res else 0), "unit=doc total above article total")
    check(sum(x["matched_articles"] for x in rd["hits"]) >= len(ids), "unit=doc matched_articles sum")

# sort=date: newest first
rs, _ = get_json("/api/search?" + q(q=QUERY, sort="date", limit=50), "/api/search")
if rs:
    dates = [x["published"] for x in rs["hits"] if x["published"]]
    check(dates == sorted(dates, reverse=True), "sort=date order: %r" % dates)

# filter only, no words
rf, _ = get_json("/api/search?" + q(status="现行有效"), "/api/search")
check(rf and rf["total"] > 0, "filter-only search")

# ---- documents ----
if hits:
    top = hits[0]
    doc, _ = get_json("/api/doc/" + urllib.parse.quote(top["id"]), "/api/doc")
    if doc:
        check(doc.get("id") == top["id"] and doc.get("title") == top["title"], "doc id/title")
        check(isinstance(doc.get("articles"), list) and top["article_index"] < len(doc["articles"]), "doc articles")
    st, h, body = curl("/doc/%s?%s" % (urllib.parse.quote(top["id"]), q(hl=QUERY)), route="/doc")
    html = body.decode("utf-8", "replace")
    check(st == 200 and h.get("content-type") == "text/html; charset=utf-8", "doc page status/type")
    check('id="a%d"' % top["article_index"] in html, "doc page lacks the anchor a%d" % top["article_index"])
    check("<mark>" in html, "doc page without highlights")
    for label in ("文号", "制定机关", "效力级别", "时效性", "地区", "公布日期", "施行日期", "有效期至"):
        check("<th scope=\"row\">%s</th>" % label in html, "doc page lacks metadata row %s" % label)
    check(h.get("content-security-policy") == CSP and h.get("x-content-type-options") == "nosniff", "doc page headers")
    check("<script" not in html.lower(), "doc page carries a script")
    # every article of every document hit is anchored
    for x in (rd["hits"] if rd else [])[:5]:
        d, _ = get_json("/api/doc/" + urllib.parse.quote(x["id"]), "/api/doc")
        st, h, body = curl("/doc/" + urllib.parse.quote(x["id"]), route="/doc")
        anchors = set(re.findall(r'id="a(\d+)"', body.decode()))
        want = {str(i) for i, a in enumerate(d["articles"] if d else []) if a.get("label") or a.get("article")}
        check(want <= anchors, "doc %s: articles without anchors: %r" % (x["id"], sorted(want - anchors)[:5]))

# ---- errors ----
expect_error("/api/doc/no-such-document", 404, "/api/doc", contains="no-such-document")
expect_error("/api/nothing-here", 404, "other")
expect_error("/no/such/route", 404, "other")
bad = [
    (q(q=QUERY, limit=0), "每页条数（limit）应为 1 到 100 之间的整数"),
    (q(q=QUERY, limit=101), "每页条数（limit）应为 1 到 100 之间的整数"),
    (q(q=QUERY, limit="ten"), "每页条数（limit）应为 1 到 100 之间的整数"),
    (q(q=QUERY, offset=-1), "起始位置（offset）"),
    (q(q=QUERY, offset=9995), "最多只能翻到第 10000 条"),
    (q(q=QUERY, unit="page"), "结果单位（unit）"),
    (q(q=QUERY, sort="random"), "排序（sort）"),
    (q(q=QUERY, **{"from": "2020-02-30"}), "起始日期（from）不是有效日期"),
    (q(q=QUERY, to="yesterday"), "截止日期（to）不是有效日期"),
    (q(q=QUERY, asof="2020/01/01"), "时点（asof）不是有效日期"),
    ("q=%FF%FE", "参数 q 不是有效的 UTF-8 编码"),
    ("q=%E8%A1", "参数 q 不是有效的 UTF-8 编码"),
    ("q=%ZZ", "参数 q 的百分号编码不完整"),
    ("q=abc&level=%C0%AF", "参数 level 不是有效的 UTF-8 编码"),
    ("q=a%00b", "参数 q 不是有效的 UTF-8 编码"),
    (q(q="(" + QUERY), None),
    (q(q='"' + QUERY), None),
    ("q=", "请输入检索词"),
]
for qs, msg in bad:
    expect_error("/api/search?" + qs, 400, "/api/search", contains=msg)
expect_error("/api/search?" + q(q="法" * 400), 413, "/api/search", contains="过长")
expect_error("/api/search?q=" + "a" * 5000, 413, "/api/search", contains="链接过长")
expect_error("/api/search?" + "&".join("p%d=1" % i for i in range(70)), 413, "/api/search", contains="参数过多")
for m in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
    h = expect_error("/api/search?" + q(q=QUERY), 405, "/api/search", method=m, data=b"x" if m in ("POST", "PUT") else None)
    check(h and h.get("allow") == "GET, HEAD", "%s: Allow header %r" % (m, h and h.get("allow")))
expect_error("/api/search", 413, "/api/search", method="POST", data=b"x" * (2 * 1024 * 1024), contains="请求体过大")
st, h, body = curl("/healthz", method="HEAD", route="/healthz")  # curl -I stores the headers as the body
check(st == 200 and b"{" not in body and h.get("content-type", "").startswith("application/json"), "HEAD /healthz: %d %r" % (st, body[:50]))
expect_error("/static/../../etc/passwd", 404, "/static", raw=True)
expect_error("/static/..%2f..%2fetc%2fpasswd", 404, "/static")
expect_error("/static/%2e%2e", 404, "/static")
expect_error("/static/.hidden", 404, "/static")
st, h, body = curl("/static/style.css", route="/static")
check(st == 200 and h.get("content-type", "").startswith("text/css") and b"mark" in body, "style.css")

# ---- pages and escaping ----
st, h, body = curl("/", route="/")
html = body.decode()
check(st == 200 and '<form class="search" action="/search" method="get"' in html and 'name="viewport"' in html, "home page")
check(h.get("content-security-policy") == CSP and h.get("x-content-type-options") == "nosniff"
      and h.get("referrer-policy") == "no-referrer", "home page security headers: %r" % h)
st, h, body = curl("/search?" + q(q=QUERY), route="/search")
html = body.decode()
check(st == 200 and "<mark>" in html, "results page highlights")
check(res and ("共 %s 条结果" % format(res["total"], ",")) in html and "毫秒" in html, "results page total and time")
check('data-facet="level"' in html and "仅现行有效" in html and "按文件" in html and "日期" in html, "results page controls")
check(res and res["total"] <= 10 or "下一页" in html, "results page pager")
check('class="badge badge-ok"' in html or 'class="badge badge-old"' in html, "status badge")
check(hits and ('href="/doc/%s?hl=' % hits[0]["id"]) in html and ("#a%d\"" % hits[0]["article_index"]) in html, "hit link")
st, h, body = curl("/search?" + q(q="(" + QUERY), route="/search")
check(st == 400 and 'class="error"' in body.decode(), "bad query page: %d" % st)
st, h, body = curl("/search?" + q(q="zzzzqqqxxyy"), route="/search")
check(st == 200 and 'class="empty"' in body.decode(), "empty state")
st, h, body = curl("/search?" + q(q=QUERY, offset=10), route="/search")
check(st == 200 and "上一页" in body.decode(), "second page has 上一页")

# ---- one layout, Chinese messages that keep the query, honest counts ----
NAV = ["/catalogue", "/cleanup", "/draft", "/check", "/compare", "/changes"]
for path, route in (("/", "/"), ("/search?" + q(q=QUERY), "/search"), ("/doc/no-such-doc", "/doc"),
                    ("/catalogue", "/catalogue"), ("/cleanup", "/cleanup"), ("/draft", "/draft"), ("/changes", "/changes")):
    st, h, body = curl(path, route=route)
    html = body.decode()
    nav = re.search(r'<nav class="site"[^>]*>(.*?)</nav>', html)
    check(nav and all(('href="%s"' % n) in nav.group(1) for n in NAV), "%s: the site header links %r" % (path, nav and nav.group(1)[:200]))
for qs, want in (("q=%20%20", "请输入检索词"), (q(q=QUERY, **{"from": "2020-13-01"}), "起始日期（from）不是有效日期"),
                 (q(q=QUERY + ")"), "检索式有误")):
    st, h, body = curl("/search?" + qs, route="/search")
    html = body.decode()
    check(st == 400 and want in html and 'class="error"' in html, "page error %r: %d, %r missing" % (qs, st, want))
st, h, body = curl("/search?" + q(q=QUERY + ")"), route="/search")
check(('value="%s)"' % QUERY) in body.decode(), "a query with an error stays in the box")
long_q = QUERY * 200  # 800 characters, 2,400 bytes: cut to 341 characters, not refused
st, h, body = curl("/search?" + q(q=long_q), route="/search")
html = body.decode()
check(st == 200 and "检索词过长（800 个字）" in html and "只用了前 341 个字" in html, "a long query is cut with a notice: %d" % st)
check(('value="%s"' % (long_q[:341])) in html, "the cut query stays in the box")
for unit in ("article", "doc"):
    r1, _ = get_json("/api/search?" + q(q="条", unit=unit, limit=1), "/api/search")
    check(r1 and r1["total_exact"] and r1["facets_exact"], "%s: a small corpus gives exact counts: %r" % (unit, r1 and (r1["total_exact"], r1["facets_exact"])))
    if r1:
        lv = r1["facets"]["level"]
        check(sum(lv.values()) == r1["total"], "%s: level facet adds up to the total: %r vs %d" % (unit, lv, r1["total"]))
        years = list(r1["facets"]["year"])
        check(years == sorted(years, reverse=True), "%s: years newest first: %r" % (unit, years))
        for value, n in list(lv.items())[:3]:
            r2, _ = get_json("/api/search?" + q(q="条", unit=unit, level=value, limit=1), "/api/search")
            check(r2 and r2["total"] == n, "%s: facet %s says %d, a click gives %r" % (unit, value, n, r2 and r2["total"]))
        st, h, body = curl("/search?" + q(q="条", unit=unit), route="/search")
        check(("共 %s 条结果" % format(r1["total"], ",")) in body.decode() and "计数只含" not in body.decode(), "%s: page says 共 N" % unit)

# ---- the document page: contents, own-article links, whole articles, banner, back link ----
st, h, body = curl("/doc/SL-2021-0005", route="/doc")
html = body.decode()
check('<details class="toc" open><summary>目录（6 项）</summary>' in html and '<a href="#a0">第一章 总则</a>' in html,
      "a table of contents for a document with chapters")
check('<a class="ref" href="#a9">本条例第十条</a>' in html and '<a class="ref" href="#a19">本条例第十九条第二款</a>' in html,
      "本条例第X条 (第Y款) linked to its article")
m = re.search(r'<div id="a(\d+)" class="unit">(.*?)</div>', html, re.S)
check(m and m.group(2).count("<p>") >= 1, "an article is one block, its paragraphs inside")
check('class="banner"' not in html, "no banner on the version in force")
st, h, body = curl("/doc/SL-2012-0003", route="/doc")
html = body.decode()
check(re.search(r'class="banner"[^>]*>本文件<span class="badge[^"]*badge-amended">已修改</span>。现行有效的版本：<a href="/doc/SL-2021-0005">', html),
      "an amended version names and links the version in force")
st, h, body = curl("/search?" + q(q=QUERY, level="地方性法规", status="现行有效"), route="/search")
m = re.search(r'<li class="hit">\s*<h2><a href="([^"]+)"', body.decode())
href = m.group(1).replace("&amp;", "&") if m else ""
check("hl=" in href and "level=" in href and "status=" in href, "a hit link carries the query and filters: %r" % href)
st, h, body = curl(href.split("#")[0], route="/doc")
back = re.search(r'<p class="back"><a href="([^"]+)">', body.decode())
back = back.group(1).replace("&amp;", "&") if back else ""
check(back.startswith("/search?q=") and "level=" in back and "status=" in back, "the back link keeps the filters: %r" % back)
badges = {}
for status in ("现行有效", "已修改", "已废止", "失效", "尚未生效"):
    st, h, body = curl("/search?" + q(status=status), route="/search")
    m = re.search(r'<span class="(badge[^"]*)">%s</span>' % status, body.decode())
    if m:
        badges[status] = m.group(1)
check(len(badges) >= 4 and len(set(badges.values())) == len(badges), "each status has a badge of its own: %r" % badges)

INJECT = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>"]
for s in INJECT:
    for path, route in (("/search?" + q(q=s), "/search"),
                        ("/search?" + q(q=QUERY, level=s, region=s, authority=s), "/search"),
                        ("/search?" + q(q=QUERY, **{"from": s}), "/search"),
                        ("/doc/" + urllib.parse.quote(s, safe=""), "/doc"),
                        ("/doc/%s?%s" % (urllib.parse.quote(hits[0]["id"] if hits else "x"), q(hl=s)), "/doc")):
        st, h, body = curl(path, route=route)
        html = body.decode("utf-8", "replace")
        check(st in (200, 400, 404), "%s: status %d" % (path[:60], st))
        check("<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html,
              "%s: unescaped injection in the page" % path[:80])
        check(h.get("content-type") == "text/html; charset=utf-8" and h.get("content-security-policy") == CSP,
              "%s: page headers" % path[:60])
st, h, body = curl("/doc/no-such-document", route="/doc")
check(st == 404 and "text/html" in h.get("content-type", "") and "未找到" in body.decode(), "404 page")
st, h, body = curl("/search?" + q(q=QUERY, limit="x<b>"), route="/search")
check(st == 400 and "<b>" not in body.decode(), "bad limit page")
st, h, body = curl("/nope", route="other", headers=["Accept: text/html"])
check(st == 404 and "text/html" in h.get("content-type", ""), "unknown route for a browser gives an HTML page")

# ---- metrics ----
st, h, body = curl("/metrics")
text = body.decode()
check(st == 200 and h.get("content-type", "").startswith("text/plain"), "metrics status/type")
for (route, status), n in sorted(counts.items()):
    m = re.search(r'^fagui_requests_total\{route="%s",status="%d"\} (\d+)$' % (re.escape(route), status), text, re.M)
    check(m and int(m.group(1)) == n, "metrics %s %d: %s, want %d" % (route, status, m and m.group(1), n))
m = re.search(r'^fagui_index_documents (\d+)$', text, re.M)
check(m and int(m.group(1)) == ndocs, "fagui_index_documents")
m = re.search(r'^fagui_index_articles (\d+)$', text, re.M)
check(m and int(m.group(1)) == narts, "fagui_index_articles")
searches = sum(n for (r, s), n in counts.items() if r == "/api/search")
m = re.search(r'^fagui_request_duration_seconds_count\{route="/api/search"\} (\d+)$', text, re.M)
check(m and int(m.group(1)) == searches, "duration count for /api/search: %s, want %d" % (m and m.group(1), searches))
m = re.search(r'^fagui_request_duration_seconds_bucket\{route="/api/search",le="\+Inf"\} (\d+)$', text, re.M)
check(m and int(m.group(1)) == searches, "+Inf bucket")
check("# TYPE fagui_request_duration_seconds histogram" in text, "histogram type line")

with open(TMP + "/access.log", encoding="utf-8", errors="replace") as f:
    log = f.read().splitlines()
check(len(log) >= sum(counts.values()), "access log has %d lines for %d requests" % (len(log), sum(counts.values())))
check(all(re.match(r'^\S+ 127\.0\.0\.1 \S+ \S+ (\d{3}|-) \d+ [0-9.]+', l) for l in log), "access log format")
print("%d checks failed" % len(failures) if failures else "http: all checks passed (%d requests)" % sum(counts.values()))
sys.exit(1 if failures else 0)
EOF

kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
	echo "FAIL: searchd did not stop within 5 s of SIGTERM"
	exit 1
fi
wait "$pid"
rc=$?
pid=
[ $rc -eq 0 ] || { echo "FAIL: searchd exited $rc after SIGTERM"; tail -20 "$tmp/stderr"; exit 1; }
if grep -q "ERROR: AddressSanitizer\|runtime error:\|LeakSanitizer" "$tmp/stderr"; then
	echo "FAIL: sanitizer report"; grep -A20 "ERROR\|runtime error" "$tmp/stderr" | head -40; exit 1
fi
echo "searchd stopped cleanly"
exit 0
