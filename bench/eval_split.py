#!/usr/bin/env python3
"""eval_split.py - STARD recall split by whether the relevant article's rule has
article keywords (data/keywords): document expansion helps where it exists, and
must not crowd the other rules out. Reads the FAGUI_EVAL_DUMP file of
`fg-search --eval` (each question's first 500 hit keys, in order) and prints a
Markdown table of the fraction of relevant articles found in the first 10 and
100 hits.

  eval_split.py DUMP TRAIN_JSONL KEYWORDS_DIR [KEYWORDS_DIR_2]

With a second keywords directory (e.g. the session's starting set), also splits
by that one, so that rules which gained keywords can be told apart.
"""
import json, os, re, sys, unicodedata

ART = re.compile(r'(第[零〇一二两三四五六七八九十百千0-9]+条(之[一二三四五六七八九十]+)?)$')


def norm(name):
    # as fg-search's keys: NFKC and case folded (STARD's （一） is the hits' (一)), traditional characters aside
    name = unicodedata.normalize('NFKC', name).lower()
    return re.sub(r'\s+', '', name.replace('中华人民共和国', '').replace('《', '').replace('》', ''))


def kw_rules(d):
    rules = set()
    for f in os.listdir(d):
        if not f.endswith('.tsv') or f == 'learned.tsv':  # hand-written files only: learned.tsv covers every rule asked about
            continue
        for line in open(os.path.join(d, f), encoding='utf-8'):
            if line.startswith('rule\t'):
                rules.add(norm(line.split('\t', 1)[1].strip()))
    return rules


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    dump = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
    train = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
    sets = [kw_rules(d) for d in sys.argv[3:5]]
    if len(dump) > len(train):
        sys.exit('eval_split: the dump has more questions than the train file')
    rows = {}
    for q, d in zip(train, dump):
        if q['query'] != d['query']:
            sys.exit('eval_split: the dump and the train file are not in the same order')
        hits = [norm(h) for h in d['hits']]
        for rel in q['relevant']:
            r = norm(rel)
            m = ART.search(r)
            rule = r[:m.start()] if m else r
            rank = hits.index(r) + 1 if r in hits else 0
            key = tuple(rule in s for s in sets)
            rows.setdefault(key, []).append(rank)
    names = ['keywords now'] + (['keywords before'] if len(sets) > 1 else [])
    print('| ' + ' | '.join(names) + ' | relevant articles | Recall@10 | Recall@100 |')
    print('|' + '---|' * (len(names) + 3))
    for key in sorted(rows, reverse=True):
        ranks = rows[key]
        n = len(ranks)
        r10 = sum(1 for x in ranks if 0 < x <= 10) / n
        r100 = sum(1 for x in ranks if 0 < x <= 100) / n
        print('| ' + ' | '.join('yes' if k else 'no' for k in key) + f' | {n} | {r10:.3f} | {r100:.3f} |')


if __name__ == '__main__':
    main()
