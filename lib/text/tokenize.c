/*
 * tokenize.c - the one tokenizer for documents, queries and highlighting.
 * The text is normalized first (normalize.c); the normalized text is then
 * scanned for runs: a run of Han characters yields overlapping bigrams (a
 * lone character yields a unigram), a run of letters and digits yields one
 * word. Offsets go back to the original bytes through the normalization map.
 *
 * Positions follow text.h. A run of n Han characters occupies n positions
 * p..p+n-1 (bigram i at p+i, the FG_TK_CHAR of character i at p+i), a word
 * occupies one. After a run the next one starts one position further on
 * when a plain break (punctuation, space, a Han/Latin change) separates
 * them, at the next multiple of FG_POS_SENTENCE after a sentence end and at
 * the next multiple of FG_POS_PARAGRAPH after a newline, always leaving at
 * least one empty position. Breaks before the first token are ignored, so
 * the first token is at position 1. Positions are independent of
 * FG_TOK_CHARS, so char and bigram postings of one text agree.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

enum cls { C_BREAK, C_SENT, C_PARA, C_HAN, C_WORD };
enum gap { G_NONE, G_BREAK, G_SENT, G_PARA };

static enum cls classify(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z'))
			return C_WORD;
		if (cp == '\n')
			return C_PARA;
		if (cp == '!' || cp == '?' || cp == ';')
			return C_SENT;
		return C_BREAK;
	}
	if (fg_is_han(cp))
		return C_HAN;
	switch (cp) {
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ (not reached after NFKC, kept for safety) */
	case 0xFF1F: /* ？ */
	case 0xFF1B: /* ； */
	case 0x2026: /* … */
	case 0x22EF: /* ⋯ */
		return C_SENT;
	case 0x2028:
	case 0x2029:
		return C_PARA;
	case 0xFFFD:
		return C_BREAK;
	default:
		break;
	}
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_WORD;
	default:
		return C_BREAK;
	}
}

typedef struct tk {
	const char *orig; /* original input */
	size_t olen;
	const char *n;    /* normalized text */
	const size_t *map;
	fg_tok_cb cb;
	void *ctx;
	int chars;        /* FG_TOK_CHARS given */
	uint32_t last;    /* last position occupied (0: none yet) */
	enum gap gap;     /* strongest break seen since the last run */
	uint32_t run;     /* runs started so far */
	int stop;         /* the callback asked to stop */
} tk;

/* Positions saturate at UINT32_MAX on absurdly long inputs. */
static uint32_t clamp(uint64_t p)
{
	return p > UINT32_MAX ? UINT32_MAX : (uint32_t)p;
}

/* End offset in the original of the input code point that produced normalized byte j. */
static size_t orig_end(const tk *t, size_t j)
{
	size_t o = t->map[j];
	uint32_t cp;
	return o + fg_utf8_decode(t->orig + o, t->olen - o, &cp);
}

/* First position of a new run, applying the pending gap. */
static uint32_t run_start(tk *t)
{
	uint64_t last = t->last, p;

	if (t->last == 0)
		return 1;
	switch (t->gap) {
	case G_PARA:
		p = ((last + 1) / FG_POS_PARAGRAPH + 1) * FG_POS_PARAGRAPH;
		if (p <= UINT32_MAX - FG_POS_SENTENCE)
			break;
		/* out of room for paragraphs: degrade to a sentence gap */
		/* fall through */
	case G_SENT:
		p = ((last + 1) / FG_POS_SENTENCE + 1) * FG_POS_SENTENCE;
		if (p <= UINT32_MAX - FG_POS_SENTENCE)
			break;
		/* fall through */
	case G_BREAK:
		p = last + 2;
		break;
	default:
		p = last + 1;
		break;
	}
	return clamp(p);
}

static void emit(tk *t, int kind, size_t a, size_t b, uint32_t pos)
{
	fg_token tok;

	if (t->stop)
		return;
	tok.text = t->n + a;
	tok.len = b - a;
	tok.kind = kind;
	tok.pos = pos;
	tok.start = t->map[a];
	tok.end = orig_end(t, b - 1);
	tok.run = t->run;
	if (t->cb(t->ctx, &tok))
		t->stop = 1;
}

fg_status fg_tokenize(const char *text, size_t len, int flags, fg_tok_cb cb, void *ctx, fg_err *err)
{
	char *n = NULL;
	size_t nlen = 0, *map = NULL, i = 0;
	tk t;

	fg_normalize(text, len, &n, &nlen, &map, err);
	memset(&t, 0, sizeof t);
	t.orig = text;
	t.olen = len;
	t.n = n;
	t.map = map;
	t.cb = cb;
	t.ctx = ctx;
	t.chars = (flags & FG_TOK_CHARS) != 0;

	while (i < nlen && !t.stop) {
		uint32_t cp;
		size_t w = fg_utf8_decode(n + i, nlen - i, &cp);
		enum cls c = classify(cp);

		if (c == C_HAN) {
			/* A Han run: stream bigrams, remembering the previous character. */
			uint32_t p = run_start(&t);
			uint64_t k = 0;
			size_t prev = i, prevw = w;
			i += w;
			while (i < nlen && !t.stop) {
				w = fg_utf8_decode(n + i, nlen - i, &cp);
				if (classify(cp) != C_HAN)
					break;
				uint32_t pos = clamp(p + k);
				emit(&t, FG_TK_BIGRAM, prev, i + w, pos);
				if (t.chars)
					emit(&t, FG_TK_CHAR, prev, prev + prevw, pos);
				prev = i;
				prevw = w;
				k++;
				i += w;
			}
			if (k == 0)
				emit(&t, FG_TK_UNIGRAM, prev, prev + prevw, p);
			if (t.chars)
				emit(&t, FG_TK_CHAR, prev, prev + prevw, clamp(p + k));
			t.last = clamp(p + k);
			t.run++;
			t.gap = G_BREAK; /* a change to anything else is a break */
			continue;
		}
		if (c == C_WORD) {
			uint32_t p = run_start(&t);
			size_t a = i;
			i += w;
			while (i < nlen) {
				w = fg_utf8_decode(n + i, nlen - i, &cp);
				if (classify(cp) != C_WORD)
					break;
				i += w;
			}
			emit(&t, FG_TK_WORD, a, i, p);
			t.last = p;
			t.run++;
			t.gap = G_BREAK;
			continue;
		}
		if (c == C_PARA)
			t.gap = G_PARA;
		else if (c == C_SENT && t.gap < G_SENT)
			t.gap = G_SENT;
		else if (t.gap < G_BREAK)
			t.gap = G_BREAK;
		i += w;
	}
	free(n);
	free(map);
	return FG_OK;
}
