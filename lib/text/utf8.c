/*
 * utf8.c - strict UTF-8 decoding and encoding, validation, sanitizing and
 * the Han ideograph test. Decoding never fails: anything that is not a
 * shortest-form encoding of a scalar value (stray continuation bytes,
 * overlong forms, surrogates, values above U+10FFFF, truncated sequences)
 * decodes to U+FFFD and consumes exactly one byte, as cmark's utf8.c does,
 * so callers always make progress and never split a valid code point.
 */
#include <string.h>

#include "text.h"

/* Length of the sequence announced by a lead byte (0 for invalid leads). */
static const uint8_t lead_len[256] = {
	/* 0x00-0x7F ASCII */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 0x80-0xBF continuation bytes: invalid as leads */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0xC0-0xC1 always overlong, 0xC2-0xDF two bytes */
	0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	/* 0xE0-0xEF three bytes */
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	/* 0xF0-0xF4 four bytes, 0xF5-0xFF invalid */
	4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

size_t fg_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned n;
	uint32_t c;

	if (len == 0) {
		*cp = 0xFFFD;
		return 1; /* never 0: keeps callers' loops finite even on misuse */
	}
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	n = lead_len[s[0]];
	if (n == 0 || n > len)
		goto bad;
	switch (n) {
	case 2:
		if ((s[1] & 0xC0) != 0x80)
			goto bad;
		c = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		break;
	case 3:
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			goto bad;
		c = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			goto bad;
		break;
	default:
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			goto bad;
		c = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		    ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (c < 0x10000 || c > 0x10FFFF)
			goto bad;
		break;
	}
	*cp = c;
	return n;
bad:
	*cp = 0xFFFD;
	return 1;
}

size_t fg_utf8_encode(uint32_t cp, char out[4])
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * An input byte that decodes to U+FFFD is a replacement only when it is not
 * the start of a literal, valid U+FFFD (EF BF BD).
 */
static int is_bad(const char *s, size_t len, size_t n, uint32_t cp)
{
	return cp == 0xFFFD && !(n == 3 && len >= 3 && (unsigned char)s[0] == 0xEF);
}

int fg_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = fg_utf8_decode(s + i, len - i, &cp);
		if (is_bad(s + i, len - i, n, cp)) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += n;
	}
	if (bad)
		*bad = len;
	return 1;
}

char *fg_utf8_sanitize(const char *s, size_t len, size_t *outlen, size_t *nbad, size_t *first_bad)
{
	fg_buf b = {0};
	size_t i = 0, run = 0, count = 0, first = len;
	uint32_t cp;

	fg_buf_grow(&b, len + 1);
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = fg_utf8_decode(s + i, len - i, &cp);
		if (is_bad(s + i, len - i, n, cp)) {
			fg_buf_put(&b, s + run, i - run);
			fg_buf_put(&b, "\xEF\xBF\xBD", 3);
			if (count++ == 0)
				first = i;
			run = i + n;
		}
		i += n;
	}
	fg_buf_put(&b, s + run, len - run);
	if (outlen)
		*outlen = b.len;
	if (nbad)
		*nbad = count;
	if (first_bad)
		*first_bad = first;
	return fg_buf_detach(&b);
}

size_t fg_utf8_count(const char *s, size_t len)
{
	size_t i = 0, count = 0;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80)
			i++;
		else
			i += fg_utf8_decode(s + i, len - i, &cp);
		count++;
	}
	return count;
}

int fg_is_han(uint32_t cp)
{
	if (cp < 0x3007)
		return 0;
	if (cp <= 0x9FFF)
		return cp >= 0x4E00 || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3007;
	if (cp < 0xF900)
		return 0;
	if (cp <= 0xFAFF)
		return 1;
	return (cp >= 0x20000 && cp <= 0x3134F) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}
