#!/usr/bin/env python3
"""catalogue_checks.py - the checks of tests/test_catalogue.sh against a running
fagui-searchd serving TMP/index (corpus/ copied to TMP/c plus SL-2025-0099).

Usage: catalogue_checks.py PORT BIN TMP
"""
import csv, datetime, io, json, re, subprocess, sys, unicodedata
import urllib.error, urllib.parse, urllib.request
import xml.etree.ElementTree as ET

port, BIN, TMP = sys.argv[1], sys.argv[2], sys.argv[3]
BASE = "http://127.0.0.1:%s" % port
failures = []
LEVELS = ["宪法", "法律", "行政法规", "监察法规", "司法解释", "地方性法规", "自治条例和单行条例", "部门规章",
          "地方政府规章", "规范性文件"]
FIELDS = ["id", "title", "number", "authority", "level", "status", "region", "published", "effective", "expires",
          "articles"]
COLUMNS = ["编号", "标题", "文号", "制定机关", "效力级别", "时效性", "地区", "公布日期", "施行日期", "有效期至", "条数"]
HAN = re.compile("[\u4e00-\u9fff]")


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)
    return cond


def http(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=20) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def q(path, **params):
    return path + ("?" + urllib.parse.urlencode(params) if params else "")


def get_json(path, want=200):
    st, h, body = http(path)
    check(st == want, "%s: status %d, want %d: %s" % (path, st, want, body[:200]))
    check(h.get("Content-Type", "").startswith("application/json"), "%s: JSON content type" % path)
    return json.loads(body)


def cat(**params):
    return get_json(q("/api/catalogue", **params))


def page(path, want=200):
    st, h, body = http(path)
    check(st == want, "%s: status %d, want %d" % (path, st, want))
    check(h.get("Content-Type", "").startswith("text/html"), "%s: HTML" % path)
    return body.decode()


def ix(*args):
    p = subprocess.run([BIN + "/fagui-indexer", "--index", TMP + "/index"] + list(args), capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def key(title):
    """The title as q matches it, without the traditional-to-simplified step."""
    t = unicodedata.normalize("NFKC", title).casefold().replace("中华人民共和国", "")
    return re.sub(r"\s", "", t)


def ids(r):
    return [d["id"] for d in r["documents"]]


ALL = 1000

# ---- the whole catalogue against catalogue.tsv ----
tsv = list(csv.DictReader(open(TMP + "/c/catalogue.tsv", encoding="utf-8"), delimiter="\t"))
want_ids = {r["id"] for r in tsv} | {"SL-2025-0099"}
r = cat()
check(set(r) >= {"total", "documents", "facets"}, "contract: top-level keys %s" % sorted(r))
check(r["total"] == len(want_ids), "total %d, want %d (catalogue.tsv + 1 planted)" % (r["total"], len(want_ids)))
check(len(r["documents"]) == min(50, len(want_ids)), "default limit 50: %d rows" % len(r["documents"]))
check(set(r["facets"]) == {"level", "status", "region", "year"}, "facets: %s" % sorted(r["facets"]))
full = cat(limit=ALL)
docs = {d["id"]: d for d in full["documents"]}
check(set(docs) == want_ids and len(full["documents"]) == len(want_ids),
      "every document once: missing %s, extra %s" % (sorted(want_ids - set(docs)), sorted(set(docs) - want_ids)))
for d in full["documents"]:
    check(list(d) == FIELDS, "%s: fields %s" % (d["id"], list(d)))
    check(all(isinstance(d[k], str) for k in FIELDS[:-1]) and isinstance(d["articles"], int), "%s: types" % d["id"])
for row in tsv:
    d = docs.get(row["id"])
    if not d:
        continue
    for col, field in (("level", "level"), ("region", "region"), ("number", "number"), ("authority", "authority"),
                       ("published", "published"), ("expires", "expires")):
        if row[col]:
            check(d[field] == row[col], "%s: %s %r, catalogue.tsv %r" % (row["id"], field, d[field], row[col]))
ARTICLE = re.compile(r"^第[〇零一二三四五六七八九十百千]+条(之[一二三四五六七八九十]+)?$")
for i, d in docs.items():
    v = get_json("/api/doc/" + urllib.parse.quote(i))
    check(d["status"] == v["status"], "%s: status %s, /api/doc says %s" % (i, d["status"], v["status"]))
    check(d["title"] == v["title"] and d["effective"] == v["effective"], "%s: title and dates as /api/doc" % i)
    n = sum(1 for u in v["articles"] if ARTICLE.match(u["label"]))
    check(d["articles"] == n, "%s: articles %d, /api/doc has %d 第X条 units" % (i, d["articles"], n))
check(docs["SL-2019-0027"]["articles"] == 102, "the long regulation has 102 articles")
check(docs["SL-2021-0005"]["articles"] == 30, "SL-2021-0005: 29 articles and 第十二条之一")
check(docs["SL-2022-0026"]["articles"] == 0, "a notice without articles counts 0")
check(docs["SL-2018-0023"]["status"] == "失效", "the expired 暂行办法 is 失效 by the calendar: %s" % docs["SL-2018-0023"])
check(docs["SL-2026-0029"]["status"] == "尚未生效", "SL-2026-0029 尚未生效")


def expect(pred):
    return sorted(i for i, d in docs.items() if pred(d))


def got(**params):
    params.setdefault("limit", ALL)
    return sorted(ids(cat(**params)))


# ---- filters ----
for qq, pred in (("供水", lambda d: "供水" in key(d["title"])),
                 ("示例城乡供水法", lambda d: d["id"] == "SL-2016-0002"),
                 ("中华人民共和国示例城乡供水法", lambda d: d["id"] == "SL-2016-0002"),
                 ("（样本）", lambda d: "(样本)" in key(d["title"])),
                 ("(样本)", lambda d: "(样本)" in key(d["title"])),
                 ("示例 省物业", lambda d: "示例省物业" in key(d["title"])),
                 ("行政许可事项", lambda d: d["id"] == "SL-2022-0026"),
                 ("行政許可事項", lambda d: d["id"] == "SL-2022-0026"),
                 ("\"放管服\"", lambda d: d["id"] == "SL-2025-0099"),
                 ("没有这个标题", lambda d: False)):
    e = expect(pred)
    check(got(q=qq) == e, "q=%s: %s, want %s" % (qq, got(q=qq), e))
check(len(expect(lambda d: "(样本)" in key(d["title"]))) >= 3, "several （样本） titles")
for lv in ("法律", "规范性文件", "法律,行政法规", "法律，行政法规", "地方性法规, 地方政府规章"):
    vals = [v.strip() for v in re.split("[,，]", lv)]
    e = expect(lambda d: d["level"] in vals)
    check(got(level=lv) == e and e, "level=%s: %d, want %d" % (lv, len(got(level=lv)), len(e)))
check(got(level="宪法相关法") == expect(lambda d: d["level"] == "法律"), "a level's other spelling")
for stv in ("现行有效", "失效", "已修改,已废止"):
    vals = stv.split(",")
    e = expect(lambda d: d["status"] in vals)
    check(got(status=stv) == e and e, "status=%s: %d, want %d" % (stv, len(got(status=stv)), len(e)))
check(got(status="有效") == expect(lambda d: d["status"] == "现行有效"), "status=有效 means 现行有效")
check("SL-2018-0023" in got(status="失效") and "SL-2018-0023" not in got(status="现行有效"),
      "status follows the calendar (SL-2018-0023 expired 2023-12-31)")
province = expect(lambda d: d["region"].startswith("示例省"))
baihe = expect(lambda d: d["region"] == "示例省白河市")
for rg, e in (("示例省", province), ("示例", province), ("示例省白河市", baihe), ("白河市", baihe), ("白河", baihe),
              ("全国", expect(lambda d: d["region"] == "全国")),
              ("示例省青川市,示例省东岭县", expect(lambda d: d["region"] in ("示例省青川市", "示例省东岭县"))),
              ("河南", [])):
    check(got(region=rg) == e, "region=%s: %s, want %s" % (rg, got(region=rg), e))
check(len(province) > len(expect(lambda d: d["region"] == "示例省")) and baihe, "the province holds its cities")
for au in ("示例省人民政府", "示例省人民政府,示例省青川市人民政府"):
    vals = au.split(",")
    e = expect(lambda d: d["authority"] in vals)
    check(got(authority=au) == e and e, "authority=%s: %d, want %d" % (au, len(got(authority=au)), len(e)))
check(got(authority="示例省人民") == [], "authority is exact")
e = expect(lambda d: d["published"] and "2020-01-01" <= d["published"] <= "2021-12-31")
check(got(**{"from": "2020-01-01", "to": "2021-12-31"}) == e and e, "from/to: published in 2020-2021")
check(got(to="2009-12-31") == expect(lambda d: d["published"] and d["published"] <= "2009-12-31"), "to only")
check(got(**{"from": "2026-01-01"}) == expect(lambda d: d["published"] >= "2026-01-01"), "from only")
e = expect(lambda d: d["region"].startswith("示例省") and d["level"] == "规范性文件" and d["status"] == "现行有效")
check(got(region="示例省", level="规范性文件", status="现行有效") == e and e, "filters combine")

# ---- sort, order, paging ----
def published_order(rows, desc):
    dated = [d["published"] for d in rows if d["published"]]
    undated_last = all(d["published"] for d in rows[:len(dated)])
    return undated_last and dated == sorted(dated, reverse=desc)


rows = full["documents"]
check(published_order(rows, True), "default: newest first, undated last")
check(published_order(cat(limit=ALL, order="asc")["documents"], False), "order=asc: oldest first, undated last")
check(published_order(cat(limit=ALL, sort="published", order="desc")["documents"], True), "sort=published&order=desc")
for order in ("asc", "desc"):
    t = [d for d in cat(limit=ALL, sort="title", order=order)["documents"] if d["id"] != "SL-2022-0026"]
    keys = [key(d["title"]) for d in t]
    check(keys == sorted(keys, reverse=order == "desc"), "sort=title&order=%s" % order)
    lv = [LEVELS.index(d["level"]) for d in cat(limit=ALL, sort="level", order=order)["documents"]]
    check(lv == sorted(lv, reverse=order == "desc"), "sort=level&order=%s: %s" % (order, lv))
check(cat(limit=ALL, sort="title")["documents"] == cat(limit=ALL, sort="title", order="asc")["documents"],
      "sort=title ascends by default")
check(cat(limit=1, sort="level")["documents"][0]["level"] == "宪法", "sort=level: 宪法 first by default")
paged = []
for off in range(0, len(want_ids) + 7, 7):
    r = cat(limit=7, offset=off)
    check(r["total"] == len(want_ids), "offset=%d: total unchanged" % off)
    check(len(r["documents"]) == min(7, max(0, len(want_ids) - off)), "offset=%d: page size" % off)
    paged += ids(r)
check(paged == ids(full), "pages of 7 put together are the whole list, in order")
check(cat(offset=10000)["documents"] == [], "an offset past the end: no rows")
check(len(cat(limit=100000)["documents"]) == len(want_ids), "limit up to the whole catalogue")

# ---- facets over the filtered set ----
def facet_counts(sel, field, cut=None):
    c = {}
    for d in sel:
        v = d[field][:cut] if cut else d[field]
        if v:
            c[v] = c.get(v, 0) + 1
    return c


for params in ({}, {"region": "示例省"}, {"level": "规范性文件,地方政府规章"}, {"q": "供水"},
               {"from": "2015-01-01", "to": "2022-12-31", "status": "现行有效"}):
    r = cat(limit=ALL, **params)
    sel = r["documents"]
    f = r["facets"]
    check(f["level"] == facet_counts(sel, "level"), "facets level %s: %s" % (params, f["level"]))
    check(list(f["level"]) == sorted(f["level"], key=LEVELS.index), "facet level in the order of the hierarchy")
    check(f["status"] == facet_counts(sel, "status"), "facets status %s" % params)
    check(f["year"] == facet_counts(sel, "published", 4), "facets year %s" % params)
    check(list(f["year"]) == sorted(f["year"], reverse=True), "facet year newest first")
    check(sum(f["level"].values()) == r["total"], "facet level sums to the total %s" % params)
    for region, n in f["region"].items():
        check(n == len(got(**dict(params, region=region))), "facet region %s=%d is what its filter gives %s" % (region, n, params))
prov = cat(region="示例省")["facets"]["region"]
check(prov.get("示例省") == len(province) and prov.get("示例省白河市") == len(baihe), "region facet counts the cities: %s" % prov)

# ---- CSV and TSV ----
st, h, body = http(q("/api/catalogue", format="csv"))
check(st == 200 and h.get("Content-Type", "").startswith("text/csv"), "csv: status and type")
check(h.get("Content-Disposition") == "attachment; filename=catalogue.csv", "csv: download name")
check(body.startswith(b"\xef\xbb\xbf"), "csv: UTF-8 BOM")
text = body.decode("utf-8")[1:]
check(text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "csv: CRLF line ends")
table = list(csv.reader(io.StringIO(text, newline="")))
check(table[0] == COLUMNS, "csv: Chinese header %s" % table[0])
check(len(table) == len(want_ids) + 1, "csv: one row per document (%d rows, total %d)" % (len(table) - 1, len(want_ids)))
check([t[0] for t in table[1:]] == ids(full), "csv: the order of the JSON")
planted = [t for t in table if t[0] == "SL-2025-0099"]
check(planted and planted[0][1] == '示例省关于"放管服"改革的通知,第二批' and planted[0][2] == '示政发〔2025〕1号,附件"一"',
      "csv: a comma and quotes survive: %s" % planted)
check('"示例省关于""放管服""改革的通知,第二批"' in text, "csv: RFC 4180 quoting (doubled quotes)")
for t in table[1:]:
    d = docs[t[0]]
    check(t == [d[k] if k != "articles" else str(d[k]) for k in FIELDS], "csv row %s as JSON" % t[0])
st, h, body = http(q("/api/catalogue", format="csv", level="法律"))
check(len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))) == 1 + len(expect(lambda d: d["level"] == "法律")),
      "csv carries the filters")
st, h, body = http(q("/api/catalogue", format="csv", limit=3))
check(len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))) == 4, "csv with a limit")
st, h, body = http(q("/api/catalogue", format="tsv", region="示例省"))
check(st == 200 and h.get("Content-Type", "").startswith("text/tab-separated-values"), "tsv: type")
check(h.get("Content-Disposition") == "attachment; filename=catalogue.tsv", "tsv: download name")
lines = body.decode("utf-8").split("\n")
check(not body.startswith(b"\xef\xbb\xbf") and lines[0].split("\t") == COLUMNS, "tsv: header, no BOM")
check(lines[-1] == "" and len(lines) - 2 == len(province), "tsv: one line per document")
check(all(len(l.split("\t")) == 11 for l in lines[1:-1]), "tsv: 11 columns")

# ---- bad parameters: 400 and a Chinese message ----
for params, word in (({"from": "2020-13-01"}, "from"), ({"to": "2021-02-29"}, "to"), ({"from": "2020/01/01"}, "from"),
                     ({"from": "2022-01-01", "to": "2021-01-01"}, "晚于"), ({"sort": "date"}, "sort"),
                     ({"order": "up"}, "order"), ({"format": "xml"}, "format"), ({"limit": "0"}, "limit"),
                     ({"limit": "abc"}, "limit"), ({"limit": "100001"}, "limit"), ({"offset": "-1"}, "offset"),
                     ({"level": "法规"}, "效力级别"), ({"status": "有效期内"}, "时效性")):
    st, h, body = http(q("/api/catalogue", **params))
    msg = json.loads(body).get("error", "") if body.startswith(b"{") else ""
    check(st == 400 and HAN.search(msg) and word in msg, "%s: 400 with a Chinese message, got %d %s" % (params, st, msg))
body = page(q("/catalogue", **{"from": "2020-13-01"}), 400)
check('class="error"' in body and "不是有效日期" in body and 'name="q"' in body, "page: a bad date explained, form kept")
body = page(q("/catalogue", limit=101), 400)
check("1 到 100" in body, "page: at most 100 a page")
page(q("/catalogue", limit=100), 200)

# ---- the page /catalogue ----
body = page("/catalogue")
check("<script" not in body.lower(), "page: no script")
check('<form class="catalogue" method="get" action="/catalogue">' in body, "page: a GET form")
for name in ("q", "level", "status", "region", "authority", "from", "to", "sort", "order", "limit"):
    check('name="%s"' % name in body, "page: form field %s" % name)
check("共 %d 件" % len(want_ids) in body, "page: the count")
check(body.count('<a href="/doc/') == min(50, len(want_ids)) and 'href="/catalogue">目录</a>' in body and 'href="/changes">变更记录</a>' in body,
      "page: a row per document (at most 50) linking it, the header links 目录 and 变更记录")
check("/api/catalogue?format=csv" in body and "/api/catalogue?format=tsv" in body, "page: export links")
body = page(q("/catalogue", level="法律", region="全国", limit=1))
enc = lambda s: urllib.parse.quote(s)
nlaws = sum(1 for r in tsv if r["level"] == "法律" and r["region"] == "全国")
check(nlaws >= 2 and "共 %d 件" % nlaws in body and "第 1 / %d 页" % nlaws in body, "page: filtered count and pages")
check('rel="next" href="/catalogue?level=%s&amp;region=%s&amp;limit=1&amp;offset=1"' % (enc("法律"), enc("全国")) in body,
      "page: the next page keeps the filters")
check("/api/catalogue?level=%s&amp;region=%s&amp;format=csv" % (enc("法律"), enc("全国")) in body, "page: export carries filters")
check('class="chip" href="/catalogue?region=%s&amp;limit=1"' % enc("全国") in body, "page: a chip removes level")
check('<td class="num" data-label="条数">' in body and 'class="badge' in body, "page: article count and status badge")
body2 = page(q("/catalogue", level="法律", region="全国", limit=1, offset=nlaws - 1))
check('rel="prev"' in body2 and 'rel="next"' not in body2 and "第 %d / %d 页" % (nlaws, nlaws) in body2,
      "last page: previous link only")
body = page("/catalogue?q=" + enc("供水"))
m = re.search(r'<section class="facet" data-facet="level">(.*?)</section>', body, re.S)
check(m and 'href="/catalogue?q=%s&amp;level=%s"' % (enc("供水"), enc("地方性法规")) in m.group(1),
      "page: a level facet adds its filter to q")
check('data-facet="year"' in body and "from=" in body, "page: a year facet")
body = page(q("/catalogue", sort="title"))
check("标题 ↑" in body and 'href="/catalogue?sort=title&amp;order=desc"' in body, "page: sort links flip the order")
page(q("/catalogue", level="法律,行政法规", status="现行有效"))

# ---- the change log: empty feed, then events ----
st, h, body = http("/changes.atom")
A = "{http://www.w3.org/2005/Atom}"
feed = ET.fromstring(body)
upd = feed.find(A + "updated").text or ""
ok = re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", upd)
when = datetime.datetime.strptime(upd, "%Y-%m-%dT%H:%M:%SZ") if ok else datetime.datetime(1970, 1, 1)
check(ok and abs((datetime.datetime.utcnow() - when).total_seconds()) < 3600 and not feed.findall(A + "entry"),
      "an empty feed is dated by the index build: %r" % upd)
body = page("/changes")
check("暂无时效性变更记录" in body and "<script" not in body, "/changes with no events")

before = cat(limit=ALL)
in_force = before["facets"]["status"]["现行有效"]
events = [("SL-2015-0013", "已废止", "2026-11-01", "被新办法取代", "SL-2021-0005"),
          ("SL-2013-0032", "失效", "2026-10-01", "清理后宣布失效", ""),
          ("SL-2014-0024", "已废止", "2026-11-15", "", "")]
rc, out, err = ix("event", "--id", events[0][0], "--status", events[0][1], "--date", events[0][2], "--note", events[0][3],
                  "--superseded-by", events[0][4])
check(rc == 0, "event: exit %d %s" % (rc, err))
r = cat(q="青川市城市供水")
check(r["documents"] and r["documents"][0]["status"] == "已废止", "the event shows at once in /api/catalogue: %s" % r)
r = cat(limit=ALL)
check(r["facets"]["status"]["现行有效"] == in_force - 1 and r["facets"]["status"].get("已废止", 0) == 2,
      "the facets follow the event: %s" % r["facets"]["status"])
check("SL-2015-0013" not in got(status="现行有效") and "SL-2015-0013" in got(status="已废止"), "the filter follows the event")
body = page(q("/catalogue", q="青川市城市供水"))
check('<span class="badge badge-old badge-repealed">已废止</span>' in body, "the event shows at once on /catalogue")
for i, s, d, note, by in events[1:]:
    rc, out, err = ix("event", "--id", i, "--status", s, "--date", d, *(["--note", note] if note else []))
    check(rc == 0, "event %s: exit %d %s" % (i, rc, err))
body = page("/changes")
dates = re.findall(r'<td class="date" data-label="变更日期">([^<]*)</td>', body)
check(dates == ["2026-11-15", "2026-11-01", "2026-10-01"], "/changes newest first: %s" % dates)
check("共 3 条" in body and "<script" not in body, "/changes: the count")
row = re.search(r"<tr><td class=\"date\" data-label=\"变更日期\">2026-11-01</td>(.*?)</tr>", body, re.S)
row = row.group(1) if row else ""
check('href="/doc/SL-2015-0013">示例省青川市城市供水管理办法</a>' in row, "/changes: the document link")
check('<span class="badge badge-ok">现行有效</span> → <span class="badge badge-old badge-repealed">已废止</span>' in row,
      "/changes: old → new status")
check("被新办法取代" in row and 'href="/doc/SL-2021-0005">示例省城市供水条例</a> 取代' in row, "/changes: reason and successor")
body = page("/changes?limit=2")
check(len(re.findall(r'data-label="变更日期"', body)) == 2 and 'rel="next" href="/changes?limit=2&amp;offset=2"' in body,
      "/changes paged: two, then a next link")
body = page("/changes?limit=2&offset=2")
check(re.findall(r'data-label="变更日期">([^<]*)<', body) == ["2026-10-01"] and 'rel="prev"' in body, "/changes page 2")
page("/changes?limit=101", 400)
page("/changes?offset=x", 400)
feed = ET.fromstring(http("/changes.atom")[2])
check(len(feed.findall(A + "entry")) == 3 and feed.find(A + "updated").text >= upd, "the feed lists the three events")
st, h, body = http("/metrics")
check('route="/api/catalogue"' in body.decode() and 'route="/catalogue"' in body.decode() and
      'route="/changes"' in body.decode(), "metrics count the new routes")

if failures:
    print("%d failure(s)" % len(failures))
    sys.exit(1)
print("catalogue: all checks passed")
