/*
 * fuzz_tokenize.c - fg_tokenize on arbitrary bytes (the first byte picks
 * the flags and an early stop): every token lies within the input with
 * start < end, carries valid non-empty normalized text, and positions,
 * runs and starts never go backwards.
 */
#include <string.h>

#include "fuzz.h"
#include "text.h"

struct state {
	size_t len;       /* input bytes */
	size_t ntok;      /* tokens seen */
	size_t stop_at;   /* stop after this many tokens (0 = never) */
	uint32_t pos;     /* last position */
	uint32_t run;     /* last run */
	size_t start;     /* last start */
	int chars;        /* FG_TOK_CHARS given */
};

static int on_token(void *ctx, const fg_token *t)
{
	struct state *st = ctx;
	CHECK(st->stop_at == 0 || st->ntok < st->stop_at);
	CHECK(t->start < t->end && t->end <= st->len);
	CHECK(t->text != NULL && t->len > 0);
	CHECK(fg_utf8_valid(t->text, t->len, NULL));
	CHECK(t->kind >= FG_TK_BIGRAM && t->kind <= FG_TK_CHAR);
	CHECK(st->chars || t->kind != FG_TK_CHAR);
	CHECK(t->pos >= 1);
	if (st->ntok > 0) {
		CHECK(t->pos >= st->pos);
		CHECK(t->run >= st->run);
		CHECK(t->start >= st->start);
	}
	if (t->kind == FG_TK_BIGRAM || t->kind == FG_TK_UNIGRAM || t->kind == FG_TK_CHAR) {
		uint32_t cp;
		size_t w = fg_utf8_decode(t->text, t->len, &cp);
		CHECK(fg_is_han(cp));
		if (t->kind == FG_TK_BIGRAM)
			CHECK(w < t->len);
		else
			CHECK(w == t->len);
	}
	st->pos = t->pos;
	st->run = t->run;
	st->start = t->start;
	st->ntok++;
	return st->stop_at && st->ntok == st->stop_at;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int flags = (data[0] & 1 ? FG_TOK_QUERY : FG_TOK_DOC) | (data[0] & 2 ? FG_TOK_CHARS : 0);
	struct state st = {0};
	st.len = size - 1;
	st.stop_at = (data[0] >> 2) & 7;
	st.chars = (flags & FG_TOK_CHARS) != 0;
	fg_err err = {0};
	CHECK(fg_tokenize((const char *)data + 1, size - 1, flags, on_token, &st, &err) == FG_OK);
	return 0;
}
