#!/usr/bin/env python3
"""learn-assoc.py - a translation table from question bigrams to statute
bigrams, learned from questions and the articles that answer them.

  learn-assoc.py TRAIN_JSONL CORPUS_DIR STOPWORDS [--range A-B] [options] > data/learned.tsv

TRAIN_JSONL: one question a line, {"query": ..., "relevant": [rule name + 第X条, ...]}
(STARD's format). CORPUS_DIR: the Markdown corpus with its catalogue.tsv.
--range A-B learns from questions A..B only (1-based, inclusive), for
held-out measurement (learn on one half, measure on the other).

For every question bigram q (Han bigrams as the tokenizer makes them, no stop
characters or stop words) and every bigram a of the articles that answer
its questions but not in the question itself:
  n(q)   questions holding q
  n(q,a) of those, questions whose relevant articles hold a while the question does not
  p(a|q) = n(q,a) / n(q);  bg(a) = the fraction of all articles of the corpus that hold a
  weight = p(a|q) * log(p(a|q) / bg(a))    (a's share of the KL divergence)
Pairs are kept when n(q) >= --min-q (3), n(q,a) >= --min-qa (2), a is in at
least --min-arts (2) distinct relevant articles (--min-rules rules, default 1),
p(a|q) >= --min-p (0.2) and lift p(a|q)/bg(a) >= --min-lift (5); then each q
keeps its --per-q (10) best. Weights
are divided by the largest, so they lie in (0, 1].

Output: only term pairs and weights, one a line: q<TAB>a<TAB>weight (no
question or article text).

  learn-assoc.py TRAIN_JSONL CORPUS_DIR STOPWORDS --article-words [--range A-B] > data/keywords/learned.tsv

--article-words prints a data/keywords file instead: for every article named
relevant by a question, the bigrams of its questions (as above) that at least
--min-aq (1) of them hold, that are in at most --max-qdf (1.0) of all the
questions, and that at least --min-df (20) articles of the corpus hold (the
statute vocabulary: no bigram that only a question's wording makes). Bigrams
sorted, no order or question kept; the indexer adds them to the article's K
terms like hand-written keywords (data/keywords/README.md).
"""
import argparse, collections, csv, json, math, os, re, sys, unicodedata

ART_LINE = re.compile(r'^(第[零〇一二两三四五六七八九十百千0-9]+条(?:之[一二三四五六七八九十]+)?)[\s\u3000]')
ART = re.compile(r'(第[零〇一二两三四五六七八九十百千0-9]+条(之[一二三四五六七八九十]+)?)$')


def norm_key(name):
    # as bench/eval_split.py: the keys fg-search gives its hits
    name = unicodedata.normalize('NFKC', name).lower()
    return re.sub(r'\s+', '', name.replace('中华人民共和国', '').replace('《', '').replace('》', ''))


def is_han(c):
    cp = ord(c)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or cp == 0x3007 or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3134F or 0x2F800 <= cp <= 0x2FA1F)


def bigrams(text, stop):
    """The Han bigrams of text (NFKC, case-folded), minus stop words and bigrams with a stop character."""
    text = unicodedata.normalize('NFKC', text).lower()
    out = set()
    run = []
    for c in text + ' ':
        if is_han(c):
            run.append(c)
            continue
        for i in range(len(run) - 1):
            b = run[i] + run[i + 1]
            if run[i] in stop or run[i + 1] in stop or b in stop:
                continue
            out.add(b)
        run = []
    return out


def load_stop(path):
    s = set()
    for line in open(path, encoding='utf-8'):
        line = line.strip()
        if line and not line.startswith('#'):
            s.add(unicodedata.normalize('NFKC', line).lower())
    return s


def articles(corpus):
    """Yield (rule key, article label, text, published) for every article of the corpus."""
    with open(os.path.join(corpus, 'catalogue.tsv'), encoding='utf-8') as f:
        rows = list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
    for r in rows:
        name = r['name'].split(' ')[0]  # a code filed in parts: 民法典 人格权编 -> 民法典
        path = os.path.join(corpus, r['path'])
        try:
            lines = open(path, encoding='utf-8').read().split('\n')
        except OSError:
            continue
        label, buf = None, []
        for line in lines:
            m = ART_LINE.match(line)
            if m or line.startswith('#'):
                if label:
                    yield norm_key(name), label, '\n'.join(buf), r['published']
                label, buf = (m.group(1), [line[m.end():]]) if m else (None, [])
            elif label:
                buf.append(line)
        if label:
            yield norm_key(name), label, '\n'.join(buf), r['published']


def article_words(train, stop, a):
    """Print a data/keywords file: each relevant article's question bigrams."""
    qdf = collections.Counter()
    qb = []
    for q in train:
        b = bigrams(q['query'], stop)
        qb.append(b)
        qdf.update(b)
    words = collections.defaultdict(collections.Counter)  # (rule, label) -> bigram -> questions
    for q, b in zip(train, qb):
        for r in q['relevant']:
            m = ART.search(r)
            if not m:
                continue
            words[(r[:m.start()], m.group(1))].update(b)
    cap = a.max_qdf * len(train)
    df = collections.Counter()
    if a.min_df > 0:
        for _, _, body, _ in articles(a.corpus):
            df.update(bigrams(body, stop))
    print('# learned article words: made by tools/learn-assoc.py --article-words (%d questions%s)' %
          (len(train), ', questions ' + a.range if a.range else ''))
    rule = None
    for (r, label), c in sorted(words.items()):
        ws = sorted(w for w, n in c.items() if n >= a.min_aq and qdf[w] <= cap and df[w] >= a.min_df)
        if not ws:
            continue
        if r != rule:
            print('rule\t%s' % r)
            rule = r
        print('%s\t%s' % (label, ','.join(ws)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('train')
    ap.add_argument('corpus')
    ap.add_argument('stopwords')
    ap.add_argument('--range', default=None)
    ap.add_argument('--min-q', type=int, default=3)
    ap.add_argument('--min-qa', type=int, default=2)
    ap.add_argument('--min-p', type=float, default=0.2)
    ap.add_argument('--min-lift', type=float, default=5.0)
    ap.add_argument('--per-q', type=int, default=10)
    ap.add_argument('--min-arts', type=int, default=2)
    ap.add_argument('--min-rules', type=int, default=1)
    ap.add_argument('--article-words', action='store_true')
    ap.add_argument('--max-qdf', type=float, default=1.0)
    ap.add_argument('--min-aq', type=int, default=1)
    ap.add_argument('--min-df', type=int, default=20)
    a = ap.parse_args()
    stop = load_stop(a.stopwords)

    train = [json.loads(l) for l in open(a.train, encoding='utf-8')]
    if a.range:
        lo, hi = (int(x) for x in a.range.split('-'))
        train = train[lo - 1:hi]
    if a.article_words:
        article_words(train, stop, a)
        return
    wanted = {norm_key(r) for q in train for r in q['relevant']}

    df = collections.Counter()
    nart = 0
    text = {}  # wanted key -> (published, bigrams)
    for rule, label, body, pub in articles(a.corpus):
        bg = bigrams(body, stop)
        nart += 1
        df.update(bg)
        k = rule + norm_key(label)
        if k in wanted and (k not in text or pub > text[k][0]):
            text[k] = (pub, bg)
    print('learn-assoc: %d articles, %d of %d relevant found' % (nart, len(text), len(wanted)), file=sys.stderr)

    nq = collections.Counter()
    nqa = collections.defaultdict(collections.Counter)
    arts = collections.defaultdict(lambda: collections.defaultdict(set))  # q -> a -> relevant articles holding a
    for q in train:
        qb = bigrams(q['query'], stop)
        ab = set()
        keys = [norm_key(r) for r in q['relevant'] if norm_key(r) in text]
        for k in keys:
            ab |= text[k][1]
        if not ab:
            continue
        ab -= qb
        for x in qb:
            nq[x] += 1
            nqa[x].update(ab)
            for k in keys:
                for y in text[k][1] - qb:
                    arts[x][y].add(k)

    pairs = []
    for x, n in nq.items():
        if n < a.min_q:
            continue
        best = []
        for y, c in nqa[x].items():
            if c < a.min_qa or len(arts[x][y]) < a.min_arts:
                continue
            if a.min_rules > 1 and len({ART.sub('', k) for k in arts[x][y]}) < a.min_rules:
                continue
            p = c / n
            bgp = df[y] / nart if df[y] else 1.0 / nart
            if p < a.min_p or p / bgp < a.min_lift:
                continue
            best.append((p * math.log(p / bgp), y))
        best.sort(reverse=True)
        pairs += [(x, y, w) for w, y in best[:a.per_q]]
    top = max((w for _, _, w in pairs), default=1.0)
    pairs.sort(key=lambda t: (t[0], -t[2]))
    print('# learned.tsv - question bigram, statute bigram, weight: made by tools/learn-assoc.py')
    print('# (%d questions%s; see data/README.learned.md). Do not edit by hand.' %
          (len(train), ', questions ' + a.range if a.range else ''))
    for x, y, w in pairs:
        print('%s\t%s\t%.3f' % (x, y, w / top))
    print('learn-assoc: %d question bigrams, %d pairs' % (len({x for x, _, _ in pairs}), len(pairs)), file=sys.stderr)


main()
