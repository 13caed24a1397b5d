/*
 * test_utf8.c - UTF-8 decoding, encoding, validation, sanitizing, counting
 * and the Han test, with the edge cases of cmark's api_test utf8().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

/* Decoding: input bytes, expected first code point and bytes consumed. */
static const struct {
	const char *in;
	size_t len;
	uint32_t cp;
	size_t used;
} decodes[] = {
	{"a", 1, 'a', 1},
	{"\x00", 1, 0, 1},
	{"\x7F", 1, 0x7F, 1},
	{"\xC2\x80", 2, 0x80, 2},
	{"\xDF\xBF", 2, 0x7FF, 2},
	{"\xE0\xA0\x80", 3, 0x800, 3},
	{"中", 3, 0x4E2D, 3},
	{"\xEF\xBF\xBD", 3, 0xFFFD, 3},   /* a real U+FFFD */
	{"\xEF\xBF\xBF", 3, 0xFFFF, 3},
	{"\xF0\x90\x80\x80", 4, 0x10000, 4},
	{"\xF0\xA0\x80\x80", 4, 0x20000, 4}, /* 𠀀 Ext B */
	{"\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4},
	/* Invalid: each yields U+FFFD and consumes one byte. */
	{"\x80", 1, 0xFFFD, 1},             /* stray continuation */
	{"\xBF", 1, 0xFFFD, 1},
	{"\xC0\x80", 2, 0xFFFD, 1},         /* overlong NUL */
	{"\xC1\xBF", 2, 0xFFFD, 1},         /* overlong */
	{"\xE0\x80\xAF", 3, 0xFFFD, 1},     /* overlong '/' */
	{"\xE0\x9F\xBF", 3, 0xFFFD, 1},     /* overlong U+07FF */
	{"\xF0\x80\x80\xAF", 4, 0xFFFD, 1}, /* overlong '/' */
	{"\xF0\x8F\xBF\xBF", 4, 0xFFFD, 1}, /* overlong U+FFFF */
	{"\xED\xA0\x80", 3, 0xFFFD, 1},     /* surrogate D800 */
	{"\xED\xBF\xBF", 3, 0xFFFD, 1},     /* surrogate DFFF */
	{"\xF4\x90\x80\x80", 4, 0xFFFD, 1}, /* above U+10FFFF */
	{"\xF5\x80\x80\x80", 4, 0xFFFD, 1},
	{"\xFE", 1, 0xFFFD, 1},
	{"\xFF", 1, 0xFFFD, 1},
	{"\xE4\xB8", 2, 0xFFFD, 1},         /* truncated 中 */
	{"\xE4\xB8\xAD", 2, 0xFFFD, 1},     /* truncated by len */
	{"\xF0\xA0\x80", 3, 0xFFFD, 1},
	{"\xC2", 1, 0xFFFD, 1},
	{"\xC2\x41", 2, 0xFFFD, 1},         /* bad continuation */
	{"\xE4\x41\xAD", 3, 0xFFFD, 1},
	{"\xF0\xA0\x41\x80", 4, 0xFFFD, 1},
};

static void test_decode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof decodes / sizeof decodes[0]; i++) {
		uint32_t cp = 12345;
		size_t n = fg_utf8_decode(decodes[i].in, decodes[i].len, &cp);
		if (cp != decodes[i].cp || n != decodes[i].used)
			fail_msg("case %zu: got U+%04X/%zu, want U+%04X/%zu", i, cp, n, decodes[i].cp,
				 decodes[i].used);
	}
}

/* Every 1- and 2-byte input decodes without reading past len and advances. */
static void test_decode_exhaustive(void **state)
{
	(void)state;
	for (unsigned a = 0; a < 256; a++) {
		for (unsigned b = 0; b < 256; b++) {
			char s[2] = {(char)a, (char)b};
			uint32_t cp;
			size_t n = fg_utf8_decode(s, 2, &cp);
			assert_true(n >= 1 && n <= 2);
			if (n == 2) {
				char e[4];
				/* Valid two-byte sequences round-trip. */
				assert_int_equal(fg_utf8_encode(cp, e), 2);
				assert_memory_equal(e, s, 2);
			}
			n = fg_utf8_decode(s, 1, &cp);
			assert_int_equal(n, 1);
		}
	}
}

static const struct {
	uint32_t cp;
	const char *want;
} encodes[] = {
	{'A', "A"},
	{0x7F, "\x7F"},
	{0x80, "\xC2\x80"},
	{0x7FF, "\xDF\xBF"},
	{0x800, "\xE0\xA0\x80"},
	{0x6CD5, "法"},
	{0xFFFF, "\xEF\xBF\xBF"},
	{0x10000, "\xF0\x90\x80\x80"},
	{0x10FFFF, "\xF4\x8F\xBF\xBF"},
	{0xD800, "\xEF\xBF\xBD"},
	{0xDFFF, "\xEF\xBF\xBD"},
	{0x110000, "\xEF\xBF\xBD"},
	{0xFFFFFFFF, "\xEF\xBF\xBD"},
};

static void test_encode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof encodes / sizeof encodes[0]; i++) {
		char out[4];
		size_t n = fg_utf8_encode(encodes[i].cp, out);
		assert_int_equal(n, strlen(encodes[i].want));
		assert_memory_equal(out, encodes[i].want, n);
	}
}

/* Round trip over every scalar value. */
static void test_roundtrip(void **state)
{
	(void)state;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		char out[4];
		uint32_t back;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		size_t n = fg_utf8_encode(cp, out);
		size_t m = fg_utf8_decode(out, n, &back);
		if (m != n || back != cp)
			fail_msg("U+%04X does not round-trip", cp);
	}
}

static const struct {
	const char *in;
	size_t len;
	int valid;
	size_t bad;      /* first bad offset (len when valid) */
	const char *san; /* sanitized */
	size_t nbad;
	size_t count;    /* code points */
} texts[] = {
	{"", 0, 1, 0, "", 0, 0},
	{"abc", 3, 1, 3, "abc", 0, 3},
	{"中华人民共和国", 21, 1, 21, "中华人民共和国", 0, 7},
	{"a\xEF\xBF\xBD" "b", 5, 1, 5, "a\xEF\xBF\xBD" "b", 0, 3}, /* literal U+FFFD is valid */
	{"a\xFF" "b", 3, 0, 1, "a\xEF\xBF\xBD" "b", 1, 3},
	{"法\xE4\xB8", 5, 0, 3, "法\xEF\xBF\xBD\xEF\xBF\xBD", 2, 3},
	{"\xC0\x80x", 3, 0, 0, "\xEF\xBF\xBD\xEF\xBF\xBDx", 2, 3},
	{"\xED\xA0\x80", 3, 0, 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3, 3},
	{"x\x00y", 3, 1, 3, "x\x00y", 0, 3},
	{"\xF0\x9F\x98\x80!", 5, 1, 5, "\xF0\x9F\x98\x80!", 0, 2},
};

static void test_valid_sanitize_count(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		size_t bad = 999, outlen = 999, nbad = 999, first = 999;
		assert_int_equal(fg_utf8_valid(texts[i].in, texts[i].len, &bad), texts[i].valid);
		assert_int_equal(bad, texts[i].bad);
		assert_int_equal(fg_utf8_valid(texts[i].in, texts[i].len, NULL), texts[i].valid);
		char *s = fg_utf8_sanitize(texts[i].in, texts[i].len, &outlen, &nbad, &first);
		/* Without replacements the copy is the input itself (it may hold NUL). */
		size_t want_len = texts[i].nbad == 0 ? texts[i].len : strlen(texts[i].san);
		assert_int_equal(outlen, want_len);
		assert_memory_equal(s, texts[i].san, outlen);
		assert_int_equal(s[outlen], '\0');
		assert_int_equal(nbad, texts[i].nbad);
		assert_int_equal(first, texts[i].bad);
		assert_true(fg_utf8_valid(s, outlen, NULL));
		free(s);
		s = fg_utf8_sanitize(texts[i].in, texts[i].len, NULL, NULL, NULL);
		free(s);
		assert_int_equal(fg_utf8_count(texts[i].in, texts[i].len), texts[i].count);
	}
}

static const struct {
	uint32_t cp;
	int han;
} hans[] = {
	{0x3006, 0}, {0x3007, 1}, {0x3008, 0}, {0x33FF, 0}, {0x3400, 1}, {0x4DBF, 1}, {0x4DC0, 0},
	{0x4DFF, 0}, {0x4E00, 1}, {0x6CD5, 1}, {0x9FFF, 1}, {0xA000, 0}, {0xF8FF, 0}, {0xF900, 1},
	{0xFAFF, 1}, {0xFB00, 0}, {0x1FFFF, 0}, {0x20000, 1}, {0x2A6DF, 1}, {0x2B740, 1},
	{0x2F800, 1}, {0x2FA1F, 1}, {0x30000, 1}, {0x3134F, 1}, {0x31350, 0}, {'A', 0},
	{0x3002, 0}, {0xFF0C, 0}, {0xFFFD, 0}, {0x3041, 0}, {0xAC00, 0},
};

static void test_is_han(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof hans / sizeof hans[0]; i++)
		if (fg_is_han(hans[i].cp) != hans[i].han)
			fail_msg("fg_is_han(U+%04X) != %d", hans[i].cp, hans[i].han);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_decode_exhaustive),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_valid_sanitize_count),
		cmocka_unit_test(test_is_han),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
