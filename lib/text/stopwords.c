/*
 * stopwords.c - the stop word list: an open-addressing hash set of
 * normalized words. A token is a stop word when it is listed exactly, or
 * when it is a Han bigram either of whose characters is listed on its own
 * (的, 了, ...), so that 的法 and 法的 are dropped at query time while the
 * positions of the remaining tokens are kept by the caller.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct fg_stopwords {
	char **slot;  /* NUL-terminated words, NULL for an empty slot */
	size_t *wlen; /* byte length of each word */
	size_t cap;   /* number of slots, a power of two */
	size_t count; /* words stored */
};

static size_t find_slot(const fg_stopwords *sw, const char *w, size_t len)
{
	size_t mask = sw->cap - 1, i = (size_t)fg_hash64(w, len) & mask;

	while (sw->slot[i] && !(sw->wlen[i] == len && memcmp(sw->slot[i], w, len) == 0))
		i = (i + 1) & mask;
	return i;
}

static void grow(fg_stopwords *sw)
{
	fg_stopwords old = *sw;

	sw->cap = old.cap ? old.cap * 2 : 64;
	sw->slot = fg_xcalloc(sw->cap, sizeof *sw->slot);
	sw->wlen = fg_xcalloc(sw->cap, sizeof *sw->wlen);
	for (size_t i = 0; i < old.cap; i++) {
		if (!old.slot[i])
			continue;
		size_t j = find_slot(sw, old.slot[i], old.wlen[i]);
		sw->slot[j] = old.slot[i];
		sw->wlen[j] = old.wlen[i];
	}
	free(old.slot);
	free(old.wlen);
}

static void add(fg_stopwords *sw, const char *w, size_t len)
{
	if ((sw->count + 1) * 2 > sw->cap)
		grow(sw);
	size_t i = find_slot(sw, w, len);
	if (sw->slot[i])
		return;
	sw->slot[i] = fg_xstrndup(w, len);
	sw->wlen[i] = len;
	sw->count++;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

fg_stopwords *fg_stopwords_from_text(const char *text, size_t len)
{
	fg_stopwords *sw = fg_xcalloc(1, sizeof *sw);
	size_t i = 0;

	grow(sw);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		const char *hash = memchr(text + i, '#', end - i);
		size_t stop = hash ? (size_t)(hash - text) : end;
		char *norm;
		size_t nlen, a = 0;

		/* Normalize first: full-width spaces become ASCII ones, then trim. */
		fg_normalize(text + i, stop - i, &norm, &nlen, NULL, NULL);
		while (a < nlen && is_space(norm[a]))
			a++;
		while (nlen > a && is_space(norm[nlen - 1]))
			nlen--;
		if (nlen > a)
			add(sw, norm + a, nlen - a);
		free(norm);
		i = end + 1;
	}
	return sw;
}

fg_status fg_stopwords_load(const char *path, fg_stopwords **out, fg_err *err)
{
	FILE *f;
	fg_buf b = {0};
	char chunk[8192];
	size_t n;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return fg_err_set(err, FG_E_IO, "cannot open %s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fg_buf_put(&b, chunk, n);
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		fg_buf_free(&b);
		return fg_err_set(err, FG_E_IO, "cannot read %s: %s", path, strerror(e ? e : EIO));
	}
	fclose(f);
	*out = fg_stopwords_from_text(b.data ? b.data : "", b.len);
	fg_buf_free(&b);
	return FG_OK;
}

void fg_stopwords_free(fg_stopwords *sw)
{
	if (!sw)
		return;
	for (size_t i = 0; i < sw->cap; i++)
		free(sw->slot[i]);
	free(sw->slot);
	free(sw->wlen);
	free(sw);
}

static int has(const fg_stopwords *sw, const char *w, size_t len)
{
	return sw->slot[find_slot(sw, w, len)] != NULL;
}

int fg_stopwords_has(const fg_stopwords *sw, const char *tok, size_t len)
{
	uint32_t a, b;
	size_t n1, n2;

	if (!sw || sw->count == 0 || len == 0)
		return 0;
	if (has(sw, tok, len))
		return 1;
	/* A Han bigram: two code points, both Han. */
	n1 = fg_utf8_decode(tok, len, &a);
	if (n1 >= len || !fg_is_han(a))
		return 0;
	n2 = fg_utf8_decode(tok + n1, len - n1, &b);
	if (n1 + n2 != len || !fg_is_han(b))
		return 0;
	return has(sw, tok, n1) || has(sw, tok + n1, n2);
}

size_t fg_stopwords_count(const fg_stopwords *sw)
{
	return sw ? sw->count : 0;
}
