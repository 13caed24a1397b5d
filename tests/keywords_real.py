#!/usr/bin/env python3
"""keywords_real.py - every data/keywords file against the real corpus: its rule
is in the catalogue (中华人民共和国 and 《》 forms aside; the eight parts of
民法典 as one), its `published` version exists, and every article it annotates
exists in that version (or, without `published`, in the newest version).
Prints one line per file and exits 1 on any error.

  keywords_real.py CORPUS_DIR KEYWORDS_DIR [FILE...]
"""
import csv, os, re, sys

DIG = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
       '六': 6, '七': 7, '八': 8, '九': 9}
UNIT = {'十': 10, '百': 100, '千': 1000}


def cn_num(s):
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in DIG:
            cur = DIG[ch]
        elif ch in UNIT:
            total += (cur or 1) * UNIT[ch]
            cur = 0
        else:
            return None
    return total + cur


LABEL = re.compile(r'^第([零〇一二两三四五六七八九十百千0-9]+)条(之([一二三四五六七八九十]+))?')


def label_key(s):
    m = LABEL.match(s)
    if not m:
        return None
    return (cn_num(m.group(1)), cn_num(m.group(3)) if m.group(3) else 0)


def norm(name):
    name = name.replace('中华人民共和国', '').replace('《', '').replace('》', '')
    return re.sub(r'\s+', '', name)


CORPUS_SPACE = re.compile(r'^(第[零〇一二两三四五六七八九十百千0-9]+)[ \u3000]条')


def articles(path):
    out = set()
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = CORPUS_SPACE.sub(r'\1条 ', line.lstrip('#* \u3000'))  # 第一百二十八 条: a typo the indexer reads
            k = label_key(line)
            if k and k[0] is not None:
                rest = line[LABEL.match(line).end():]
                if not rest or rest[0] in ' \u3000\n　：:':
                    out.add(k)
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    corpus, kwdir = sys.argv[1], sys.argv[2]
    files = sys.argv[3:] or sorted(os.path.join(kwdir, f) for f in os.listdir(kwdir)
                                    if f.endswith('.tsv') and not f.startswith('sample-'))
    cat = {}
    with open(os.path.join(corpus, 'catalogue.tsv'), encoding='utf-8') as f:
        for row in csv.DictReader(f, delimiter='\t'):
            n = norm(row['name'])
            if n.startswith('民法典') and row['path'].startswith('民法典/'):
                n = '民法典'
            cat.setdefault(n, []).append(row)
    bad = 0
    for path in files:
        rule, pub, errs, count = None, '', [], 0
        cache = {}
        with open(path, encoding='utf-8') as f:
            for no, line in enumerate(f, 1):
                line = line.rstrip('\n')
                if not line or line.startswith('#'):
                    continue
                label, _, words = line.partition('\t')
                if label == 'rule':
                    rule, pub = norm(words), ''
                    if rule not in cat:
                        errs.append(f'{no}: rule {words} is not in the catalogue')
                    continue
                if label == 'published':
                    pub = words
                    if rule in cat and not any(r['published'] == pub for r in cat[rule]):
                        errs.append(f'{no}: no version of the rule published {pub}')
                    continue
                k = label_key(label)
                if not k or not words.strip():
                    errs.append(f'{no}: bad line {line[:40]}')
                    continue
                count += 1
                if rule not in cat:
                    continue
                rows = cat[rule]
                if pub:
                    rows = [r for r in rows if r['published'] == pub]
                elif len(rows) > 1 and rule != '民法典':
                    rows = [max(rows, key=lambda r: r['published'] or '0')]
                key = (rule, pub)
                if key not in cache:
                    s = set()
                    for r in rows:
                        s |= articles(os.path.join(corpus, r['path']))
                    cache[key] = s
                if k not in cache[key]:
                    errs.append(f'{no}: {label} is not an article of {rule} {pub or "(newest)"}')
        print(f'{os.path.basename(path)}: {count} articles, {len(errs)} errors')
        for e in errs[:20]:
            print('   ', e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)


main()
