/*
 * test_tokenize.c - bigram tokenizer: tokens, kinds, positions with break,
 * sentence and paragraph gaps, original offsets, runs and early stop.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static const char *kind_name(int k)
{
	return k == FG_TK_BIGRAM ? "B" : k == FG_TK_UNIGRAM ? "U" : k == FG_TK_WORD ? "W" : k == FG_TK_CHAR ? "C" : "?";
}

/* Collects "pos kind text start-end run" lines. */
static int collect(void *ctx, const fg_token *t)
{
	fg_buf *b = ctx;
	fg_buf_printf(b, "%u %s %.*s %zu-%zu %u\n", t->pos, kind_name(t->kind), (int)t->len, t->text, t->start,
		      t->end, t->run);
	return 0;
}

static char *dump(const char *s, size_t len, int flags)
{
	fg_buf b = {0};
	assert_int_equal(fg_tokenize(s, len, flags, collect, &b, NULL), FG_OK);
	return fg_buf_detach(&b);
}

#define S FG_POS_SENTENCE
#define P FG_POS_PARAGRAPH

static const struct {
	const char *in;
	int flags;
	const char *want;
} cases[] = {
	{"", 0, ""},
	{"，。\n  ", 0, ""},
	{"法", 0, "1 U 法 0-3 0\n"},
	{"民法", 0, "1 B 民法 0-6 0\n"},
	{"民法典", 0, "1 B 民法 0-6 0\n2 B 法典 3-9 0\n"},
	/* punctuation breaks: the run of 4 occupies 1..4, one empty position */
	{"中华人民，共和国", 0,
	 "1 B 中华 0-6 0\n2 B 华人 3-9 0\n3 B 人民 6-12 0\n6 B 共和 15-21 1\n7 B 和国 18-24 1\n"},
	{"甲、乙", 0, "1 U 甲 0-3 0\n3 U 乙 6-9 1\n"},
	{"《刑法》（修正）", 0, "1 B 刑法 3-9 0\n4 B 修正 15-21 1\n"},
	/* several break characters leave one gap */
	{"甲 ， 乙", 0, "1 U 甲 0-3 0\n3 U 乙 8-11 1\n"},
	/* Han/Latin changes are breaks; words are lowercased */
	{"2021年GB18030标准", 0,
	 "1 W 2021 0-4 0\n3 U 年 4-7 1\n5 W gb18030 7-14 2\n7 B 标准 14-20 3\n"},
	{"ＡＢＣ１２３", 0, "1 W abc123 0-18 0\n"},
	{"Hello, World", 0, "1 W hello 0-5 0\n3 W world 7-12 1\n"},
	{"行政許可", 0, "1 B 行政 0-6 0\n2 B 政许 3-9 0\n3 B 许可 6-12 0\n"},
	/* sentence ends and paragraphs */
	{"甲。乙", 0, "1 U 甲 0-3 0\n1024 U 乙 6-9 1\n"},
	{"a!b?c;d", 0, "1 W a 0-1 0\n1024 W b 2-3 1\n2048 W c 4-5 2\n3072 W d 6-7 3\n"},
	{"甲…乙", 0, "1 U 甲 0-3 0\n1024 U 乙 6-9 1\n"},
	{"甲；乙！丙？丁", 0, "1 U 甲 0-3 0\n1024 U 乙 6-9 1\n2048 U 丙 12-15 2\n3072 U 丁 18-21 3\n"},
	{"甲\n乙", 0, "1 U 甲 0-3 0\n1048576 U 乙 4-7 1\n"},
	{"甲。\n\n乙", 0, "1 U 甲 0-3 0\n1048576 U 乙 8-11 1\n"},
	{"\n\n甲", 0, "1 U 甲 2-5 0\n"},
	/* invalid bytes and U+FFFD are breaks */
	{"中\xFF国", 0, "1 U 中 0-3 0\n3 U 国 4-7 1\n"},
	{"ab\xEF\xBF\xBD" "cd", 0, "1 W ab 0-2 0\n3 W cd 5-7 1\n"},
	{"民法\xE4\xB8", 0, "1 B 民法 0-6 0\n"},
	/* characters */
	{"民法典", FG_TOK_CHARS, "1 B 民法 0-6 0\n1 C 民 0-3 0\n2 B 法典 3-9 0\n2 C 法 3-6 0\n3 C 典 6-9 0\n"},
	{"法，x", FG_TOK_CHARS, "1 U 法 0-3 0\n1 C 法 0-3 0\n3 W x 6-7 1\n"},
	{"民法，刑法", FG_TOK_QUERY | FG_TOK_CHARS,
	 "1 B 民法 0-6 0\n1 C 民 0-3 0\n2 C 法 3-6 0\n4 B 刑法 9-15 1\n4 C 刑 9-12 1\n5 C 法 12-15 1\n"},
	/* one input code point producing two Han characters */
	{"㍻元年", 0, "1 B 平成 0-3 0\n2 B 成元 0-6 0\n3 B 元年 3-9 0\n"},
	/* non-Han letters are word characters */
	{"Straße αβγ", 0, "1 W strasse 0-7 0\n3 W αβγ 8-14 1\n"},
};

static void test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = dump(cases[i].in, strlen(cases[i].in), cases[i].flags);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu [%s]:\n--- got\n%s--- want\n%s", i, cases[i].in, got, cases[i].want);
		free(got);
	}
}

/* FG_TOK_DOC and FG_TOK_QUERY give the same tokens. */
static void test_doc_query_same(void **state)
{
	const char *s = "第一条　为了規範行政許可的設定和實施，保護公民、法人和其他組織的合法權益。\n第二條 GB/T 7714";
	(void)state;
	for (int c = 0; c <= FG_TOK_CHARS; c += FG_TOK_CHARS) {
		char *a = dump(s, strlen(s), FG_TOK_DOC | c), *b = dump(s, strlen(s), FG_TOK_QUERY | c);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

struct check {
	const char *orig;
	size_t len;
	uint32_t last_pos;
	size_t count;
};

/* Each token's original range normalizes back to the token text. */
static int check_token(void *ctx, const fg_token *t)
{
	struct check *c = ctx;
	char *n;
	size_t nlen;

	assert_true(t->start < t->end);
	assert_true(t->end <= c->len);
	assert_true(t->pos >= 1);
	if (t->kind != FG_TK_CHAR) {
		assert_true(t->pos > c->last_pos);
		c->last_pos = t->pos;
	}
	fg_normalize(c->orig + t->start, t->end - t->start, &n, &nlen, NULL, NULL);
	if (nlen != t->len || memcmp(n, t->text, nlen) != 0)
		fail_msg("token %.*s from [%.*s] normalizes to %s", (int)t->len, t->text, (int)(t->end - t->start),
			 c->orig + t->start, n);
	free(n);
	c->count++;
	return 0;
}

static void test_offsets(void **state)
{
	static const char *texts[] = {
		"第一條　為了規範ＡＢＣ行政許可的設定和實施，\xFF保護公民、法人。\n\n第二条 2021年GB18030标准",
		"Ｈｅｌｌｏ，世界！ ﬁle café",
		"\xE4\xB8\xAD\xE5\x9B\xBD\xE4",
	};
	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		for (int f = 0; f <= FG_TOK_CHARS; f += FG_TOK_CHARS) {
			struct check c = {texts[t], strlen(texts[t]), 0, 0};
			fg_tokenize(texts[t], c.len, f, check_token, &c, NULL);
			assert_true(c.count > 0);
		}
	}
}

static int stop_after_two(void *ctx, const fg_token *t)
{
	int *n = ctx;
	(void)t;
	return ++*n >= 2;
}

static void test_stop(void **state)
{
	int n = 0;
	(void)state;
	assert_int_equal(fg_tokenize("中华人民共和国 abc def", 29, 0, stop_after_two, &n, NULL), FG_OK);
	assert_int_equal(n, 2);
}

/* Every byte string tokenizes without trouble and offsets stay in range. */
static int in_range(void *ctx, const fg_token *t)
{
	size_t *len = ctx;
	assert_true(t->start < t->end && t->end <= *len);
	assert_true(t->len > 0);
	return 0;
}

static void test_random_bytes(void **state)
{
	unsigned seed = 12345;
	char buf[64];
	(void)state;
	for (int round = 0; round < 2000; round++) {
		size_t len = (size_t)(round % 64);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			/* Mix ASCII, UTF-8 lead and continuation bytes and Han fragments. */
			static const unsigned char pool[] = {'a', 'Z', '1', ' ', '\n', 0xE4, 0xB8, 0xAD, 0x80, 0xFF,
							     0xE3, 0x80, 0x82, 0xEF, 0xBC, 0x8C, 0xF0, 0xA0};
			buf[i] = (char)pool[(seed >> 16) % sizeof pool];
		}
		fg_tokenize(buf, len, FG_TOK_CHARS, in_range, &len, NULL);
	}
}

/* Many paragraphs: positions keep increasing and never wrap. */
static int monotonic(void *ctx, const fg_token *t)
{
	uint32_t *last = ctx;
	assert_true(t->pos >= *last);
	*last = t->pos;
	return 0;
}

static void test_many_paragraphs(void **state)
{
	fg_buf b = {0};
	uint32_t last = 0;
	(void)state;
	for (int i = 0; i < 6000; i++)
		fg_buf_puts(&b, "法律。\n");
	fg_tokenize(b.data, b.len, 0, monotonic, &last, NULL);
	assert_true(last > 4000u * P);
	fg_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),        cmocka_unit_test(test_doc_query_same),
		cmocka_unit_test(test_offsets),      cmocka_unit_test(test_stop),
		cmocka_unit_test(test_random_bytes), cmocka_unit_test(test_many_paragraphs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
