/*
 * test_numeral.c - Chinese numerals, article labels and label formatting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"

static const struct {
	const char *in;
	long want;
	size_t used; /* bytes consumed */
} numbers[] = {
	{"一", 1, 3},
	{"十", 10, 3},
	{"十二", 12, 6},
	{"二十", 20, 6},
	{"一百零二", 102, 12},
	{"一百一十", 110, 12},
	{"一千零一十", 1010, 15},
	{"两千", 2000, 6},
	{"二〇二一", 2021, 12},
	{"二〇二", 202, 9},
	{"一九九七年", 1997, 12},
	{"三万五千", 35000, 12},
	{"一亿二千万", 120000000, 15},
	{"十万零三", 100003, 12},
	{"壹佰贰拾叁", 123, 15},
	{"拾", 10, 3},
	{"零", 0, 3},
	{"〇", 0, 3},
	{"2021", 2021, 4},
	{"１２", 12, 6},
	{"12万", 120000, 5},
	{"5条", 5, 1},
	{"第一", -1, 0},
	{"abc", -1, 0},
	{"", -1, 0},
};

static void test_cn_number(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		size_t used = 99;
		long v = fg_cn_number(numbers[i].in, strlen(numbers[i].in), &used);
		if (v != numbers[i].want)
			fail_msg("fg_cn_number(%s) = %ld, want %ld", numbers[i].in, v, numbers[i].want);
		if (v >= 0)
			assert_int_equal(used, numbers[i].used);
	}
}

static void test_huge_number(void **state)
{
	(void)state;
	char buf[400] = "";
	for (int i = 0; i < 100; i++)
		strcat(buf, "九");
	size_t used;
	long v = fg_cn_number(buf, strlen(buf), &used);
	assert_true(v > 0);
	assert_true(used > 0 && used <= strlen(buf));
	/* invalid UTF-8 stops the numeral */
	v = fg_cn_number("十\xff", 4, &used);
	assert_int_equal(v, 10);
	assert_int_equal(used, 3);
}

static const struct {
	const char *in;
	int ok;
	long num, sub;
	size_t used;
} labels[] = {
	{"第一百零二条 本法", 1, 102, 0, 18},
	{"第十条之一 内容", 1, 10, 1, 15},
	{"第 5 条 内容", 1, 5, 0, 9},
	{"第　五　条", 1, 5, 0, 15},
	{"第〇条", 1, 0, 0, 9},
	{"第二〇二条", 1, 202, 0, 15},
	{"第十条之规定", 1, 10, 0, 9},
	{"第二十條 繁体", 1, 20, 0, 12},
	{"第三条之二十", 1, 3, 2 * 10, 18},
	{"第一章 总则", 0, 0, 0, 0},
	{"第条", 0, 0, 0, 0},
	{"条", 0, 0, 0, 0},
	{"第", 0, 0, 0, 0},
	{"第十", 0, 0, 0, 0},
};

static void test_article_label(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		long num = -1, sub = -1;
		size_t used = 0;
		int ok = fg_article_label(labels[i].in, strlen(labels[i].in), &num, &sub, &used);
		if (ok != labels[i].ok)
			fail_msg("fg_article_label(%s) = %d", labels[i].in, ok);
		if (ok) {
			assert_int_equal(num, labels[i].num);
			assert_int_equal(sub, labels[i].sub);
			assert_int_equal(used, labels[i].used);
		}
	}
}

static const struct {
	long num, sub;
	const char *want;
} formats[] = {
	{1, 0, "第一条"},
	{10, 0, "第十条"},
	{12, 0, "第十二条"},
	{20, 0, "第二十条"},
	{102, 0, "第一百零二条"},
	{110, 0, "第一百一十条"},
	{1000, 0, "第一千条"},
	{1010, 0, "第一千零一十条"},
	{1260, 0, "第一千二百六十条"},
	{10, 1, "第十条之一"},
	{100, 12, "第一百条之十二"},
	{0, 0, "第零条"},
	{10010, 0, "第一万零一十条"},
	{20000, 0, "第二万条"},
};

static void test_label_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		char *s = fg_article_label_format(formats[i].num, formats[i].sub);
		assert_string_equal(s, formats[i].want);
		free(s);
	}
}

/* Formatting and parsing round-trip for every article number a law can have. */
static void test_roundtrip(void **state)
{
	(void)state;
	for (long n = 0; n <= 20000; n++) {
		char *s = fg_article_label_format(n, n % 7 == 0 ? 0 : n % 7);
		long num, sub;
		size_t used;
		assert_int_equal(fg_article_label(s, strlen(s), &num, &sub, &used), 1);
		if (num != n)
			fail_msg("%s parsed as %ld, want %ld", s, num, n);
		assert_int_equal(sub, n % 7 == 0 ? 0 : n % 7);
		assert_int_equal(used, strlen(s));
		free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cn_number),
		cmocka_unit_test(test_huge_number),
		cmocka_unit_test(test_article_label),
		cmocka_unit_test(test_label_format),
		cmocka_unit_test(test_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
