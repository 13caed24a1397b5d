/*
 * test_thesaurus.c - thesaurus parsing (comments, lists on both sides,
 * normalization on load), expansion by substring of the normalized
 * question, words already present, and load errors.
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

static const char table[] = "# everyday\tstatute\n"
			    "房东\t出租人\n"
			    "老公, 老婆 \t 配偶,夫妻   # a comment\n"
			    "no tab on this line\n"
			    "\n"
			    "工資\t勞動報酬\n"
			    "空的\t\n";

struct got {
	char buf[256];
};

static void cat_word(void *ctx, const char *w, size_t len)
{
	struct got *g = ctx;
	size_t n = strlen(g->buf);
	if (n + len + 2 < sizeof g->buf) {
		memcpy(g->buf + n, w, len);
		g->buf[n + len] = '|';
		g->buf[n + len + 1] = '\0';
	}
}

static void test_expand(void **state)
{
	(void)state;
	fg_thesaurus *th = fg_thesaurus_from_text(table, strlen(table));
	assert_int_equal(fg_thesaurus_count(th), 4); /* 房东 老公 老婆 工资; 空的 has no statute word */
	static const struct {
		const char *q;
		const char *want;
		size_t calls;
	} cases[] = {
		{"房东不退押金怎么办", "出租人|", 1},
		{"房東不退押金", "出租人|", 1},           /* traditional characters are normalized */
		{"老公和老婆离婚", "配偶|夫妻|配偶|夫妻|", 4}, /* each entry; the caller removes repeats */
		{"夫妻一方的老公", "配偶|", 1},           /* 夫妻 is already in the question */
		{"老板拖欠工资", "劳动报酬|", 1},        /* both sides normalized */
		{"出租人不退押金", "", 0},
		{"", "", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct got g = {{0}};
		size_t n = fg_thesaurus_expand(th, cases[i].q, strlen(cases[i].q), cat_word, &g);
		if (n != cases[i].calls || strcmp(g.buf, cases[i].want))
			fail_msg("'%s' -> '%s' (%zu), want '%s' (%zu)", cases[i].q, g.buf, n, cases[i].want, cases[i].calls);
	}
	fg_thesaurus_free(th);
	/* NULL thesaurus: nothing */
	struct got g = {{0}};
	assert_int_equal(fg_thesaurus_expand(NULL, "房东", 6, cat_word, &g), 0);
	fg_thesaurus_free(NULL);
}

static void test_load(void **state)
{
	(void)state;
	fg_thesaurus *th = NULL;
	fg_err err = {0};
	assert_int_equal(fg_thesaurus_load("/nonexistent/thesaurus.tsv", &th, &err), FG_E_IO);
	assert_null(th);
	assert_non_null(strstr(err.msg, "cannot open /nonexistent/thesaurus.tsv"));
	/* the shipped table loads and maps a common everyday word */
	assert_int_equal(fg_thesaurus_load("data/thesaurus.tsv", &th, &err), FG_OK);
	assert_true(fg_thesaurus_count(th) > 100);
	struct got g = {{0}};
	assert_true(fg_thesaurus_expand(th, "房东", 6, cat_word, &g) >= 1);
	assert_non_null(strstr(g.buf, "出租人|"));
	fg_thesaurus_free(th);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
