/*
 * test_normalize.c - NFKC + case folding + traditional -> simplified
 * normalization and its offset map back to the original bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static const struct {
	const char *in;
	const char *want;
} cases[] = {
	{"", ""},
	{"abc", "abc"},
	{"ABC Def", "abc def"},
	{"ＡＢＣ１２３", "abc123"},               /* full-width ASCII */
	{"中华人民共和国", "中华人民共和国"},
	{"行政許可", "行政许可"},                 /* traditional -> simplified */
	{"條例", "条例"},
	{"憲法第一條", "宪法第一条"},
	{"中\xE3\x80\x80国", "中 国"},            /* ideographic space */
	{"a\tb\nc", "a\tb\nc"},                   /* tab and newline kept */
	{"a\rb\x01" "c\x7F" "d", "a b c d"},      /* other controls -> space */
	{"a\xC2\x85" "b", "a b"},                 /* C1 control NEL */
	{"a\xFF" "b", "a\xEF\xBF\xBD" "b"},       /* invalid byte */
	{"Straße", "strasse"},                    /* full case folding */
	{"ΣΊΣΥΦΟΣ", "σίσυφοσ"},
	{"Ⅻ", "xii"},                             /* compatibility */
	{"ﬁ", "fi"},
	{"㍻", "平成"},                           /* one -> two Han */
	{"①", "1"},
	{"，。；：！？（）、", ",。;:!?()、"},   /* full-width punctuation */
	{"…", "…"},                               /* kept as a sentence end */
	{"〇", "〇"},
	{"\xEF\xA4\x80", "岂"},                   /* U+F900 compatibility ideograph */
	{"a\xE2\x80\x8B" "b", "ab"},              /* zero width space dropped */
	{"\xEF\xBB\xBF" "x", "x"},                /* BOM dropped */
	{"É", "é"},
	{"\xF0\xA0\x80\x80", "\xF0\xA0\x80\x80"}, /* Ext B unchanged */
};

static void test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *out = NULL;
		size_t outlen = 0, *map = NULL;
		assert_int_equal(fg_normalize(cases[i].in, strlen(cases[i].in), &out, &outlen, &map, NULL), FG_OK);
		if (outlen != strlen(cases[i].want) || memcmp(out, cases[i].want, outlen) != 0)
			fail_msg("normalize(%s) = [%s], want [%s]", cases[i].in, out, cases[i].want);
		assert_int_equal(out[outlen], '\0');
		assert_int_equal(map[outlen], strlen(cases[i].in));
		free(out);
		free(map);
		/* map may be NULL. */
		assert_int_equal(fg_normalize(cases[i].in, strlen(cases[i].in), &out, &outlen, NULL, NULL), FG_OK);
		assert_int_equal(outlen, strlen(cases[i].want));
		free(out);
	}
}

/*
 * The offset map: output byte i comes from the input code point at map[i].
 * Check on a mixed text that each output code point maps to the start of an
 * input code point whose own normalization contains it.
 */
static void test_map(void **state)
{
	static const char *texts[] = {
		"第一條　為了規範ＡＢＣ行政許可的設定和實施，\xFF保護公民、法人。",
		"㍻元年 Straße ①\r\n中華\xE4\xB8",
		"",
		"ascii only",
	};
	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		const char *in = texts[t];
		size_t len = strlen(in), outlen, *map;
		char *out;
		fg_normalize(in, len, &out, &outlen, &map, NULL);
		assert_int_equal(map[outlen], len);
		for (size_t i = 0; i < outlen; i++) {
			assert_true(map[i] < len);
			if (i > 0)
				assert_true(map[i] >= map[i - 1]); /* monotonic */
		}
		/* Re-normalizing each original code point reproduces the output. */
		size_t o = 0, i = 0;
		while (i < len) {
			uint32_t cp, cps[18];
			size_t n = fg_utf8_decode(in + i, len - i, &cp);
			size_t k = fg_normalize_cp(cp, cps);
			for (size_t m = 0; m < k; m++) {
				char enc[4];
				size_t w = fg_utf8_encode(cps[m], enc);
				assert_true(o + w <= outlen);
				assert_memory_equal(out + o, enc, w);
				for (size_t q = 0; q < w; q++)
					assert_int_equal(map[o + q], i);
				o += w;
			}
			i += n;
		}
		assert_int_equal(o, outlen);
		free(out);
		free(map);
	}
}

/* Substrings found in the normalized text map back to the original words. */
static void test_map_back(void **state)
{
	const char *in = "本法所稱行政許可，是指ＡＢＣ公司。";
	size_t len = strlen(in), outlen, *map;
	char *out;
	static const struct {
		const char *needle;
		const char *orig;
	} finds[] = {
		{"行政许可", "行政許可"},
		{"abc", "ＡＢＣ"},
		{"所称", "所稱"},
		{"公司", "公司"},
	};
	(void)state;
	fg_normalize(in, len, &out, &outlen, &map, NULL);
	for (size_t i = 0; i < sizeof finds / sizeof finds[0]; i++) {
		const char *hit = strstr(out, finds[i].needle);
		assert_non_null(hit);
		size_t a = (size_t)(hit - out), b = a + strlen(finds[i].needle);
		size_t s = map[a], e = map[b]; /* next code point's start */
		assert_int_equal(e - s, strlen(finds[i].orig));
		assert_memory_equal(in + s, finds[i].orig, e - s);
	}
	free(out);
	free(map);
}

/* Normalization is idempotent. */
static void test_idempotent(void **state)
{
	static const char *texts[] = {
		"行政許可 條 ＡＢＣ Straße ㍻ Ⅻ ﬁ 乾隆 後來 於是 〇 …", "\xFF\xFE", "岂\xEF\xA4\x80",
	};
	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		char *a, *b;
		size_t alen, blen;
		fg_normalize(texts[t], strlen(texts[t]), &a, &alen, NULL, NULL);
		fg_normalize(a, alen, &b, &blen, NULL, NULL);
		assert_int_equal(alen, blen);
		assert_memory_equal(a, b, alen);
		free(a);
		free(b);
	}
}

/* Every Han code point normalizes to exactly one Han code point, and twice is once. */
static void test_han_table(void **state)
{
	static const uint32_t ranges[][2] = {
		{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2A6DF},
	};
	(void)state;
	for (size_t r = 0; r < 4; r++) {
		for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			uint32_t o[18], o2[18];
			size_t k = fg_normalize_cp(cp, o);
			if (k != 1 || !fg_is_han(o[0]))
				fail_msg("U+%04X -> %zu code points", cp, k);
			assert_int_equal(fg_normalize_cp(o[0], o2), 1);
			if (o2[0] != o[0])
				fail_msg("U+%04X -> U+%04X -> U+%04X", cp, o[0], o2[0]);
		}
	}
}

static const struct {
	uint32_t in;
	uint32_t out[3];
	size_t n;
} cps[] = {
	{'A', {'a'}, 1},
	{'\n', {'\n'}, 1},
	{0x0B, {' '}, 1},
	{0x689D, {0x6761}, 1}, /* 條 -> 条 */
	{0x8A31, {0x8BB8}, 1}, /* 許 -> 许 */
	{0x6CD5, {0x6CD5}, 1}, /* 法 */
	{0xFF21, {'a'}, 1},
	{0x3000, {' '}, 1},
	{0xD800, {0xFFFD}, 1},
	{0x110000, {0xFFFD}, 1},
	{0x200B, {0}, 0},
	{0x337B, {0x5E73, 0x6210}, 2},
	{0x2F00, {0x4E00}, 1}, /* Kangxi radical one */
};

static void test_cp(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		uint32_t o[18];
		size_t k = fg_normalize_cp(cps[i].in, o);
		if (k != cps[i].n)
			fail_msg("U+%04X: %zu code points, want %zu", cps[i].in, k, cps[i].n);
		for (size_t m = 0; m < k; m++)
			assert_int_equal(o[m], cps[i].out[m]);
	}
	/* The longest decomposition (U+FDFA) fits. */
	uint32_t o[18];
	assert_int_equal(fg_normalize_cp(0xFDFA, o), 18);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),   cmocka_unit_test(test_map),       cmocka_unit_test(test_map_back),
		cmocka_unit_test(test_idempotent), cmocka_unit_test(test_han_table), cmocka_unit_test(test_cp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
