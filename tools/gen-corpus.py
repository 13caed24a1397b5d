#!/usr/bin/env python3
"""gen-corpus.py - build a larger, realistic corpus for scale tests.

Reads a source corpus in the LawRefBook layout (default ../shared/corpus/laws:
Markdown files plus catalogue.tsv), keeps its article texts and the shape of
its documents (headings, number of articles per chapter), and writes FACTOR
times as many fictional documents into OUT: new titles recombined from real
title words under fictional regions (示例省, 样例市, ...), fictional dates,
meeting lines and versions, and articles drawn at random from the whole
source, renumbered 第一条, 第二条, ... Output layout:

    OUT/<level>/<region>/<title>(<date>).md     # title, event lines,
                                                # <!-- INFO END -->, ## headings,
                                                # 第X条 paragraphs
    OUT/catalogue.tsv                           # path name level region category
                                                # published valid_from expired version

Deterministic for a given --seed and source. Streaming: memory holds the
source's articles and document shapes (bounded by the source, whatever the
factor); output documents are written one at a time. The free disk space is
checked first and the run refused when the output would not fit.

    tools/gen-corpus.py --factor 10 --out /tmp/c10 [--src DIR] [--seed N]
    tools/gen-corpus.py --change 0.01 --out /tmp/c10 [--seed N]
        edits that fraction of OUT's files in place (an article appended or
        rewritten), for incremental-update benchmarks; prints the count

The source text is read in place and never copied into the project.
"""
import argparse
import os
import random
import re
import shutil
import sys

ART_RE = re.compile(r"^第[一二三四五六七八九十百千零〇两0-9０-９]+条(之[一二三四五六七八九十]+)?[\s\u3000]*")
DATE_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日")
SUFFIXES = ["实施细则", "实施办法", "暂行规定", "暂行办法", "管理条例", "管理办法", "若干规定", "条例", "办法",
            "规定", "规则", "细则", "决定", "解释", "法"]
REGIONS = ["示例省", "示例市", "样例省", "样例市", "模拟省", "模拟市", "虚构省", "虚构市", "假设省", "假设市",
           "示例自治区", "样例自治州", "示例省甲市", "示例省乙市", "样例省丙市", "样例省丁县", "模拟省戊市",
           "虚构省己县", "假设省庚市", "示例市辛区"]
NATIONAL_LEVELS = {"宪法", "法律", "行政法规", "监察法规", "司法解释", "部门规章"}
LOCAL_LEVELS = ["地方性法规", "地方性法规", "地方政府规章", "规范性文件", "自治条例和单行条例"]
LOCAL_BODIES = ["人民代表大会常务委员会", "人民政府", "人民政府办公厅"]
DIGITS = "零一二三四五六七八九"


def cn_num(n):
    """1..9999 as Chinese numerals, as article labels are written (十一, 一百零五)."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    out = ""
    units = [(1000, "千"), (100, "百"), (10, "十")]
    zero = False
    started = False
    for value, name in units:
        d = n // value % 10
        if d:
            if zero and started:
                out += "零"
            out += DIGITS[d] + name
            started = True
            zero = False
        elif started:
            zero = True
    if n % 10:
        if zero:
            out += "零"
        out += DIGITS[n % 10]
    return out


def stem_of(title):
    """The subject words of a real title: region prefix, version note and kind suffix dropped."""
    t = re.sub(r"[（(].*?[)）]", "", title)
    t = re.sub(r"^(中华人民共和国|最高人民法院|最高人民检察院|国务院)", "", t)
    t = re.sub(r"^(北京市|上海市|重庆市|天津市|山东省|河南省|浙江省|广东省|[^\s]{2,3}?[省市])", "", t)
    for s in SUFFIXES:
        if t.endswith(s) and len(t) > len(s) + 1:
            t = t[: -len(s)]
            break
    t = re.sub(r"^(关于|《)", "", t).strip("《》 ")
    return t if 2 <= len(t) <= 24 else ""


def parse_source(path):
    """(title, shape, articles): shape is a list of headings and article counts; articles their texts."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    lines = text.split("\n")
    title = ""
    body_start = 0
    for i, line in enumerate(lines):
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        if line.strip() == "<!-- INFO END -->":
            body_start = i + 1
            break
    paras = []
    cur = []
    for line in lines[body_start:]:
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            paras.append("\n".join(cur))
            cur = []
    if cur:
        paras.append("\n".join(cur))
    shape = []
    articles = []
    art = None
    for p in paras:
        if p.startswith("#"):
            if art is not None:
                articles.append(art)
                art = None
            shape.append(("h", p.lstrip("#").strip()))
            continue
        m = ART_RE.match(p)
        if m:
            if art is not None:
                articles.append(art)
            art = [p[m.end():]]
            shape.append(("a", None))
        elif art is not None:
            art.append(p)
    if art is not None:
        articles.append(art)
    return title, shape, ["\n\n".join(a) for a in articles if a and a[0]]


def read_catalogue(src):
    rows = {}
    path = os.path.join(src, "catalogue.tsv")
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cols = dict(zip(header, line.rstrip("\n").split("\t")))
            rows[cols.get("path", "")] = cols
    return rows


def load_source(src):
    cat = read_catalogue(src)
    files = []
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(".md") and not n.startswith("README"):
                files.append(os.path.relpath(os.path.join(root, n), src))
    files.sort()
    templates = []
    pool = []
    stems = []
    size = 0
    for rel in files:
        full = os.path.join(src, rel)
        size += os.path.getsize(full)
        title, shape, arts = parse_source(full)
        nart = sum(1 for k, _ in shape if k == "a")
        if nart == 0:
            continue
        row = cat.get(rel, {})
        templates.append((shape, row.get("level", "地方性法规"), row.get("category", "")))
        pool.extend(arts)
        st = stem_of(title)
        if st:
            stems.append(st)
    return templates, pool, sorted(set(stems)), size, len(files)


def esc_name(s):
    return s.replace("/", "／")


def gen_doc(rng, i, tmpl, pool, stems, names_recent):
    shape, src_level, category = tmpl
    if src_level in NATIONAL_LEVELS and rng.random() < 0.5:
        level, region = ("法律" if src_level == "宪法" else src_level), "全国"
    else:
        level, region = rng.choice(LOCAL_LEVELS), rng.choice(REGIONS)
        category = level
    # a new version of a recent rule (same name, later date) one time in ten
    if names_recent and rng.random() < 0.1:
        name, level, region, category, prev_year = rng.choice(names_recent)
        year = min(prev_year + rng.randint(1, 8), 2024)
    else:
        stem = rng.choice(stems)
        if rng.random() < 0.4:
            stem = stem + rng.choice(stems)[:4]
        suffix = rng.choice(SUFFIXES[:-1] if region != "全国" else SUFFIXES)
        name = ("示例" if region == "全国" else region) + stem + suffix
        year = rng.randint(1985, 2023)
    name = esc_name(name)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    published = "%04d-%02d-%02d" % (year, month, day)
    eff_m = month + rng.randint(0, 5)
    eff_y = year + (eff_m - 1) // 12
    valid_from = "%04d-%02d-%02d" % (eff_y, (eff_m - 1) % 12 + 1, day)
    body = (region if region != "全国" else "示例国家") + rng.choice(LOCAL_BODIES)
    out = ["# " + name, ""]
    out.append("%d年%d月%d日 %s第%s次会议通过" % (year, month, day, body, cn_num(rng.randint(1, 60))))
    out.append("")
    if rng.random() < 0.3:
        y2 = min(year + rng.randint(1, 10), 2024)
        out.append("%d年%d月%d日 %s第%s次会议修正" % (y2, rng.randint(1, 12), rng.randint(1, 28), body,
                                                  cn_num(rng.randint(1, 60))))
        out.append("")
    out.append("<!-- INFO END -->")
    out.append("")
    n = 0
    nart = 0
    for kind, text in shape:
        if kind == "h":
            out.append("## " + text)
        else:
            n += 1
            nart += 1
            out.append("第%s条 %s" % (cn_num(n), pool[rng.randrange(len(pool))]))
        out.append("")
    rel = "%s/%s/%s(%s).md" % (level, region, name, published)
    return rel, "\n".join(out), nart, (name, level, region, category or level, published, valid_from, year)


def disk_free(path):
    p = os.path.abspath(path)
    while not os.path.exists(p):
        p = os.path.dirname(p)
    return shutil.disk_usage(p).free


def generate(args):
    if not os.path.isdir(args.src):
        print("gen-corpus: source corpus %s not found" % args.src, file=sys.stderr)
        return 77
    templates, pool, stems, size, nfiles = load_source(args.src)
    if not templates:
        print("gen-corpus: no Markdown articles under %s" % args.src, file=sys.stderr)
        return 1
    need = int(size * args.factor * 1.05) + (64 << 20)
    free = disk_free(args.out)
    if need > free:
        print("gen-corpus: refusing: the x%g corpus needs about %d MiB, only %d MiB free under %s"
              % (args.factor, need >> 20, free >> 20, args.out), file=sys.stderr)
        return 1
    rng = random.Random(args.seed)
    ndocs = int(round(len(templates) * args.factor))
    os.makedirs(args.out, exist_ok=True)
    seen_paths = set()
    recent = []  # bounded ring of (name, ...) for new versions
    rows = {}    # name -> list of catalogue rows (bounded by the number of output documents)
    total_art = 0
    made_dirs = set()
    for i in range(ndocs):
        tmpl = templates[i % len(templates)]
        rel, text, nart, meta = gen_doc(rng, i, tmpl, pool, stems, recent)
        if rel in seen_paths:
            base, ext = os.path.splitext(rel)
            k = 2
            while "%s-%d%s" % (base, k, ext) in seen_paths:
                k += 1
            rel = "%s-%d%s" % (base, k, ext)
        seen_paths.add(rel)
        d = os.path.dirname(rel)
        if d not in made_dirs:
            os.makedirs(os.path.join(args.out, d), exist_ok=True)
            made_dirs.add(d)
        with open(os.path.join(args.out, rel), "w", encoding="utf-8") as f:
            f.write(text)
        total_art += nart
        name, level, region, category, published, valid_from, year = meta
        rows.setdefault(name, []).append([rel, name, level, region, category, published, valid_from])
        recent.append((name, level, region, category, year))
        if len(recent) > 2000:
            recent.pop(rng.randrange(len(recent)))
        if not args.quiet and (i + 1) % 5000 == 0:
            print("\rgen-corpus: %d/%d documents, %d articles" % (i + 1, ndocs, total_art), end="",
                  file=sys.stderr, flush=True)
    with open(os.path.join(args.out, "catalogue.tsv"), "w", encoding="utf-8") as f:
        f.write("path\tname\tlevel\tregion\tcategory\tpublished\tvalid_from\texpired\tversion\n")
        for name in sorted(rows):
            vs = sorted(rows[name], key=lambda r: r[5])
            for k, r in enumerate(vs):
                # the last version of a rule may have been repealed; older versions are superseded
                expired = "1" if (k == len(vs) - 1 and rng.random() < 0.05) else "0"
                f.write("\t".join(r + [expired, str(len(vs))]) + "\n")
    if not args.quiet:
        print("\rgen-corpus: %d documents, %d articles in %s (x%g of %d source files)"
              % (ndocs, total_art, args.out, args.factor, nfiles), file=sys.stderr)
    print('{"documents":%d,"articles":%d}' % (ndocs, total_art))
    return 0


def change(args):
    """Edit a fraction of OUT's files in place: one article appended or the last one rewritten."""
    files = []
    for root, dirs, names in os.walk(args.out):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(".md"):
                files.append(os.path.join(root, n))
    files.sort()
    rng = random.Random(args.seed + 1)
    k = max(1, int(round(len(files) * args.change)))
    picked = rng.sample(files, min(k, len(files)))
    for p in picked:
        with open(p, encoding="utf-8") as f:
            text = f.read()
        text = text.rstrip("\n") + "\n\n附注 本条例由示例修订（第%d次变更）补充。\n" % rng.randint(1, 10 ** 6)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
    print('{"changed":%d,"files":%d}' % (len(picked), len(files)))
    return 0


def main():
    ap = argparse.ArgumentParser(description="build a larger realistic corpus from a LawRefBook-style corpus")
    ap.add_argument("--src", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "..", "shared", "corpus", "laws"))
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--factor", type=float, default=10, help="output documents / source documents")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--change", type=float, help="edit this fraction of OUT's files in place instead")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    if args.change is not None:
        if not 0 < args.change <= 1:
            ap.error("--change takes a fraction in (0, 1]")
        return change(args)
    if args.factor <= 0:
        ap.error("--factor must be positive")
    return generate(args)


if __name__ == "__main__":
    sys.exit(main())
