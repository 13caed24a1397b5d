/*
 * normalize.c - matching normalization, one input code point at a time:
 * NFKC with Unicode case folding (libutf8proc), then traditional -> simplified
 * Han folding through lib/normtab.inc (generated from OpenCC's t2s data by
 * tools/gen-normtab.sh). Invalid UTF-8 becomes U+FFFD and control
 * characters other than \n and \t become spaces. Every output byte records
 * the byte offset of the input code point that produced it, so tokens and
 * highlights found in the normalized text map back to the original bytes.
 *
 * ASCII and CJK Unified Ideographs (nearly all of a Chinese statute) take a
 * fast path that never calls libutf8proc. Since the mapping is per code
 * point, a base letter followed by a combining mark is not composed; that
 * only matters for decomposed Latin text, which statutes do not contain.
 * U+2026 (…) is deliberately left alone instead of becoming "...", so that
 * the tokenizer still sees a sentence end.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

#include "normtab.inc"

#define NORMTAB_N (sizeof normtab / sizeof normtab[0])

/* Traditional -> simplified for one Han code point (identity when absent). */
static uint32_t t2s(uint32_t cp)
{
	size_t lo = 0, hi = NORMTAB_N;

	if (cp >= NORMTAB_BITS_LO && cp < NORMTAB_BITS_HI) {
		uint32_t b = cp - NORMTAB_BITS_LO;
		if (!(normtab_bits[b >> 6] & (1ULL << (b & 63))))
			return cp;
	}
	if (cp < normtab[0][0] || cp > normtab[NORMTAB_N - 1][0])
		return cp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (normtab[mid][0] < cp)
			lo = mid + 1;
		else if (normtab[mid][0] > cp)
			hi = mid;
		else
			return normtab[mid][1];
	}
	return cp;
}

/* Unified ideographs need no NFKC work; compatibility ideographs do. */
static int han_fast(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x2A6DF) || cp == 0x3007;
}

static uint32_t ascii_fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + ('a' - 'A');
	if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
		return ' ';
	return c;
}

/* Cc code points outside ASCII (C1 controls). */
static int is_c1(uint32_t c)
{
	return c >= 0x80 && c <= 0x9F;
}

size_t fg_normalize_cp(uint32_t cp, uint32_t out[18])
{
	utf8proc_int32_t buf[64];
	utf8proc_ssize_t n;
	int boundclass = 0;
	size_t i, k = 0;

	if (cp < 0x80) {
		out[0] = ascii_fold(cp);
		return 1;
	}
	if (han_fast(cp)) {
		out[0] = t2s(cp);
		return 1;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		out[0] = 0xFFFD;
		return 1;
	}
	if (is_c1(cp)) {
		out[0] = ' ';
		return 1;
	}
	if (cp == 0x2026) {
		out[0] = cp;
		return 1;
	}
	n = utf8proc_decompose_char((utf8proc_int32_t)cp, buf, 64,
				    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
					    UTF8PROC_IGNORE,
				    &boundclass);
	if (n < 0 || n > 64) {
		out[0] = cp;
		return 1;
	}
	if (n > 1) {
		n = utf8proc_normalize_utf32(buf, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (n < 0) {
			out[0] = cp;
			return 1;
		}
	}
	for (i = 0; i < (size_t)n && k < 18; i++) {
		uint32_t c = (uint32_t)buf[i];
		if (c < 0x80)
			c = ascii_fold(c);
		else if (is_c1(c))
			c = ' ';
		else if (fg_is_han(c))
			c = t2s(c);
		out[k++] = c;
	}
	return k;
}

/* One cached fg_normalize_cp result of at most two code points. */
#define NCACHE 256
struct ncache {
	uint32_t cp; /* input code point, UINT32_MAX when empty */
	uint32_t k;  /* number of output code points */
	uint32_t o[2];
};

/* Output buffer with its parallel offset map. */
typedef struct nbuf {
	char *s;
	size_t *map;
	size_t len, cap;
} nbuf;

static void nb_grow(nbuf *b, size_t extra, int want_map)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = fg_xrealloc(b->s, cap);
	if (want_map)
		b->map = fg_xrealloc(b->map, cap * sizeof *b->map);
	b->cap = cap;
}

fg_status fg_normalize(const char *s, size_t len, char **out, size_t *outlen, size_t **map, fg_err *err)
{
	nbuf b = {0};
	int want_map = map != NULL;
	size_t i = 0;
	struct ncache cache[NCACHE];
	int cache_ready = 0;

	(void)err;
	/* Han text grows by 0 bytes, ASCII by 0; reserve a little slack. */
	nb_grow(&b, len + len / 8 + 16, want_map);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			/* ASCII run: one byte in, one byte out. */
			size_t j = i;
			nb_grow(&b, 64, want_map);
			while (j < len && (unsigned char)s[j] < 0x80 && b.len < b.cap - 1) {
				b.s[b.len] = (char)ascii_fold((unsigned char)s[j]);
				if (want_map)
					b.map[b.len] = j;
				b.len++;
				j++;
			}
			i = j;
			continue;
		}
		uint32_t cp, o[18];
		size_t n = fg_utf8_decode(s + i, len - i, &cp), k;
		if (han_fast(cp)) {
			o[0] = t2s(cp);
			k = 1;
		} else {
			/*
			 * Other code points (mostly CJK punctuation) go through
			 * libutf8proc; a small direct-mapped cache keeps that
			 * off the hot path.
			 */
			if (!cache_ready) {
				memset(cache, 0xFF, sizeof cache);
				cache_ready = 1;
			}
			struct ncache *e = &cache[(cp ^ (cp >> 8)) & (NCACHE - 1)];
			if (e->cp == cp) {
				k = e->k;
				memcpy(o, e->o, sizeof e->o);
			} else {
				k = fg_normalize_cp(cp, o);
				if (k <= 2) {
					e->cp = cp;
					e->k = (uint32_t)k;
					memcpy(e->o, o, sizeof e->o);
				}
			}
		}
		nb_grow(&b, 4 * k, want_map);
		for (size_t m = 0; m < k; m++) {
			size_t w = fg_utf8_encode(o[m], b.s + b.len);
			if (want_map)
				for (size_t q = 0; q < w; q++)
					b.map[b.len + q] = i;
			b.len += w;
		}
		i += n;
	}
	b.s[b.len] = '\0';
	if (want_map) {
		b.map[b.len] = len;
		*map = b.map;
	}
	*out = b.s;
	if (outlen)
		*outlen = b.len;
	return FG_OK;
}
