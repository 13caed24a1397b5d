#!/usr/bin/env python3
"""eval_halves.py - STARD figures by half and by rules with or without keywords,
from FAGUI_EVAL_DUMP files (guard against overfitting: tune on the first half,
report the second too).

  eval_halves.py TRAIN_JSONL KEYWORDS_DIR DUMP_A [DUMP_B]

DUMP_A holds the first questions of TRAIN_JSONL in order (the first half when
DUMP_B, the second half, follows). Prints, per half and for all: Recall@10,
Recall@100, MRR@10 (per-question means, as fg-search --eval), and the fraction
of relevant articles found in the first 100 among rules without keywords.
"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_split import ART, kw_rules, norm  # noqa: E402  (the same keys and keyword rules as eval_split.py)


def score(pairs, kw):
    r10 = r100 = mrr = 0.0
    split = {True: [0, 0, 0], False: [0, 0, 0]}  # [n, in 10, in 100]
    for q, d in pairs:
        hits = [norm(h) for h in d['hits']]
        ranks = []
        for rel in q['relevant']:
            r = norm(rel)
            rank = hits.index(r) + 1 if r in hits else 0
            ranks.append(rank)
            m = ART.search(r)
            s = split[(r[:m.start()] if m else r) in kw]
            s[0] += 1
            s[1] += 0 < rank <= 10
            s[2] += 0 < rank <= 100
        n = len(ranks) or 1
        r10 += sum(1 for x in ranks if 0 < x <= 10) / n
        r100 += sum(1 for x in ranks if 0 < x <= 100) / n
        top = [x for x in ranks if 0 < x <= 10]
        mrr += 1.0 / min(top) if top else 0
    nq = len(pairs)
    nk = split[False]
    return nq, r10 / nq, r100 / nq, mrr / nq, nk[0], nk[1] / max(nk[0], 1), nk[2] / max(nk[0], 1)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    train = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
    kw = kw_rules(sys.argv[2])
    dumps = [[json.loads(l) for l in open(p, encoding='utf-8')] for p in sys.argv[3:5]]
    parts, at = [], 0
    for i, d in enumerate(dumps):
        qs = train[at:at + len(d)]
        at += len(d)
        for q, h in zip(qs, d):
            if q['query'] != h['query']:
                sys.exit('eval_halves: dump %d and the train file are not in the same order' % (i + 1))
        parts.append(list(zip(qs, d)))
    print('| questions | n | Recall@10 | Recall@100 | MRR@10 | no-keyword articles | their R@10 | their R@100 |')
    print('|---|---|---|---|---|---|---|---|')
    names = ['first half', 'second half'] if len(parts) == 2 else ['given']
    rows = [(nm, p) for nm, p in zip(names, parts)]
    if len(parts) == 2:
        rows.append(('all', parts[0] + parts[1]))
    for nm, p in rows:
        print('| %s | %d | %.3f | %.3f | %.3f | %d | %.3f | %.3f |' % ((nm,) + score(p, kw)))


main()
