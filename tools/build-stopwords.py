#!/usr/bin/env python3
"""build-stopwords.py - build stopwords/stopwords.txt from corpus statistics and a curated list.

Usage: tools/build-stopwords.py [--shared ../shared] [--curated stopwords/curated.txt]
                                [--out stopwords/stopwords.txt] [--report FILE] [--strict]

1. Units: every article of ../shared/corpus/laws/**/*.md (the body after <!-- INFO END -->, split at
   paragraphs starting with 第X条; headings close an article) and every question ("query") of
   ../shared/eval/stard/train.jsonl.
2. Document frequency (number of units containing it at least once) of single Han characters and of Han
   bigrams (adjacent Han characters; any other character breaks the run), counted separately over
   articles and over questions.
3. Candidates: characters with DF ratio >= CHAR_MIN in either set, bigrams with DF ratio >= BIGRAM_MIN
   in either set (numeral/label fragments such as 二十, 第三, 五条 are kept automatically). They are printed (or written to --report) with their ratios and the curation decision.
4. The list written is the curated list (stopwords/curated.txt: sections "[name]" of accepted words and a
   "[reject]" section of candidates judged discriminative). Candidates decided neither way are reported
   as "undecided"; with --strict they make the run fail. Output is sorted within each section, so the
   result depends only on the inputs.

Python 3 standard library only.
"""
import argparse
import collections
import glob
import json
import os
import re
import sys

CHAR_MIN = 0.10    # single characters: in >= 10% of articles or of questions
BIGRAM_MIN = 0.04  # bigrams: in >= 4% of articles or of questions
# Candidates made only of numerals and label characters (十, 二十, 第三, 五条 ...) are fragments of article
# labels and amounts: never stop words, classified automatically.
NUMERAL_RE = re.compile(r'[零〇一二三四五六七八九十百千万两第条款项]+')

ARTICLE_RE = re.compile(r'^第[零〇一二三四五六七八九十百千两0-9]+条')
HAN_RE = re.compile(r'[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+')


def article_units(laws_dir):
    """Yield the text of every article of every Markdown law under laws_dir."""
    for path in sorted(glob.glob(os.path.join(laws_dir, '**', '*.md'), recursive=True)):
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
        marker = text.find('<!-- INFO END -->')
        if marker >= 0:
            text = text[marker + len('<!-- INFO END -->'):]
        cur = None
        for para in re.split(r'\n\s*\n', text):
            para = para.strip()
            if not para:
                continue
            if para.startswith('#'):
                if cur:
                    yield cur
                cur = None
            elif ARTICLE_RE.match(para):
                if cur:
                    yield cur
                cur = para
            elif cur is not None:
                cur += '\n' + para
        if cur:
            yield cur


def question_units(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line).get('query', '')


def count_df(units):
    chars, bigrams, n = collections.Counter(), collections.Counter(), 0
    for u in units:
        n += 1
        cs, bs = set(), set()
        for run in HAN_RE.findall(u):
            cs.update(run)
            bs.update(run[i:i + 2] for i in range(len(run) - 1))
        chars.update(cs)
        bigrams.update(bs)
    return n, chars, bigrams


def read_curated(path):
    """Return (ordered section names, {section: [words]}, set of rejected words)."""
    sections, words, reject = [], {}, set()
    cur = None
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            m = re.fullmatch(r'\[(.+)\]', line)
            if m:
                cur = m.group(1).strip()
                if cur != 'reject' and cur not in words:
                    sections.append(cur)
                    words[cur] = []
                continue
            if cur is None:
                sys.exit('%s:%d: word outside a [section]' % (path, lineno))
            for w in line.split():
                if cur == 'reject':
                    reject.add(w)
                else:
                    words[cur].append(w)
    return sections, words, reject


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shared', default=os.path.join(here, '..', 'shared'))
    ap.add_argument('--curated', default=os.path.join(here, 'stopwords', 'curated.txt'))
    ap.add_argument('--out', default=os.path.join(here, 'stopwords', 'stopwords.txt'))
    ap.add_argument('--report', help='write the candidate report here instead of stdout')
    ap.add_argument('--strict', action='store_true', help='fail when a candidate is undecided')
    args = ap.parse_args()

    laws = os.path.join(args.shared, 'corpus', 'laws')
    questions = os.path.join(args.shared, 'eval', 'stard', 'train.jsonl')
    if not os.path.isdir(laws) or not os.path.isfile(questions):
        sys.exit('build-stopwords: %s not found (the shared corpus is needed)' % args.shared)

    na, ac, ab = count_df(article_units(laws))
    nq, qc, qb = count_df(question_units(questions))
    sections, curated, reject = read_curated(args.curated)
    accepted = {w for s in sections for w in curated[s]}

    dup = collections.Counter(w for s in sections for w in curated[s])
    dups = sorted(w for w, c in dup.items() if c > 1)
    if dups:
        sys.exit('build-stopwords: listed twice: %s' % ' '.join(dups))
    both = sorted(accepted & reject)
    if both:
        sys.exit('build-stopwords: both accepted and rejected: %s' % ' '.join(both))

    def ratios(w):
        if len(w) == 1:
            return ac[w] / na, qc[w] / nq
        return ab[w] / na, qb[w] / nq

    cands = [w for w in set(ac) | set(qc) if max(ac[w] / na, qc[w] / nq) >= CHAR_MIN]
    cands += [w for w in set(ab) | set(qb) if max(ab[w] / na, qb[w] / nq) >= BIGRAM_MIN]
    cands.sort(key=lambda w: (-max(ratios(w)), w))

    rep = open(args.report, 'w', encoding='utf-8') if args.report else sys.stdout
    print('# %d articles, %d questions; thresholds: characters %.2f, bigrams %.2f' %
          (na, nq, CHAR_MIN, BIGRAM_MIN), file=rep)
    print('# word\tarticles\tquestions\tdecision', file=rep)
    undecided = 0
    for w in cands:
        a, q = ratios(w)
        if w in accepted:
            d = 'stop'
        elif w in reject:
            d = 'keep'
        elif NUMERAL_RE.fullmatch(w):
            d = 'keep (numeral)'
        else:
            d = 'undecided'
        undecided += d == 'undecided'
        print('%s\t%.3f\t%.3f\t%s' % (w, a, q, d), file=rep)
    ncand_stop = sum(1 for w in cands if w in accepted)
    print('# %d candidates: %d stop, %d keep, %d undecided; %d curated words below the thresholds' %
          (len(cands), ncand_stop, sum(1 for w in cands if w not in accepted) - undecided, undecided,
           len(accepted) - ncand_stop), file=rep)
    if rep is not sys.stdout:
        rep.close()

    out = ['# Fagui stop words - generated by tools/build-stopwords.py from stopwords/curated.txt;',
           '# do not edit by hand (see stopwords/README.md). One word per line, UTF-8.',
           '# Used for free-text queries and more-like-this only, never for exact phrases.',
           '# A single character also stops every bigram containing it.',
           '# Statistics: %d articles of the shared corpus, %d layperson questions.' % (na, nq)]
    for s in sections:
        out.append('')
        out.append('# [%s]' % s)
        # single characters first, then by length and code point: deterministic
        out.extend(sorted(set(curated[s]), key=lambda w: (len(w), w)))
    with open(args.out, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(out) + '\n')
    print('build-stopwords: wrote %d words to %s' % (len(accepted), args.out), file=sys.stderr)
    if args.strict and undecided:
        sys.exit('build-stopwords: %d undecided candidates' % undecided)


if __name__ == '__main__':
    main()
