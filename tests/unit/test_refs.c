/*
 * test_cite.c - citation extraction: 《title》 with and without article
 * references, basis clauses, internal references, non-rule titles, short
 * and traditional-character names, and broken input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "refs.h"

static const struct {
	const char *text;
	size_t n;             /* citations expected */
	int kind;             /* of the first */
	const char *title;    /* of the first */
	const char *name;
	const char *article;
	long num, sub;
	const char *span;     /* text of the first */
} cases[] = {
	{"依据《示例省城市供水条例》第十二条，城市公共供水管道由供水企业维护。", 1, FG_CITE_BASIS, "示例省城市供水条例",
	 "示例省城市供水条例", "第十二条", 12, 0, "《示例省城市供水条例》第十二条"},
	{"违反《示例省城市供水条例》第二十七条的规定", 1, FG_CITE_REF, "示例省城市供水条例", "示例省城市供水条例",
	 "第二十七条", 27, 0, "《示例省城市供水条例》第二十七条"},
	{"根据《中华人民共和国行政许可法》，制定本规定。", 2, FG_CITE_BASIS, "中华人民共和国行政许可法", "行政许可法",
	 "", 0, 0, "《中华人民共和国行政许可法》"},
	{"依照《行政处罚法》处理。", 1, FG_CITE_REF, "行政处罚法", "行政处罚法", "", 0, 0, "《行政处罚法》"},
	{"《中华人民共和国民法典》第六百五十二条规定", 1, FG_CITE_REF, "中华人民共和国民法典", "民法典", "第六百五十二条",
	 652, 0, "《中华人民共和国民法典》第六百五十二条"},
	{"《中华人民共和国示例城乡供水法（样本）》第七条", 1, FG_CITE_REF, "中华人民共和国示例城乡供水法（样本）",
	 "示例城乡供水法", "第七条", 7, 0, "《中华人民共和国示例城乡供水法（样本）》第七条"},
	{"依照《示例省城市供水条例》第十二条之一", 1, FG_CITE_REF, "示例省城市供水条例", "示例省城市供水条例",
	 "第十二条之一", 12, 1, "《示例省城市供水条例》第十二条之一"},
	{"违反本条例第十九条第二款规定的", 1, FG_CITE_INTERNAL, "", "", "第十九条第二款", 19, 0, "本条例第十九条第二款"},
	{"本条例第五条第二项所列", 1, FG_CITE_INTERNAL, "", "", "第五条第二项", 5, 0, "本条例第五条第二项"},
	{"违反前款规定的，责令改正。", 1, FG_CITE_INTERNAL, "", "", "前款", 0, 0, "前款"},
	{"本办法第四条规定", 1, FG_CITE_INTERNAL, "", "", "第四条", 4, 0, "本办法第四条"},
	{"本法自公布之日起施行。", 1, FG_CITE_INTERNAL, "", "", "", 0, 0, "本法"},
	{"《示例省行政許可實施辦法》", 1, FG_CITE_REF, "示例省行政許可實施辦法", "示例省行政许可实施办法", "", 0, 0,
	 "《示例省行政許可實施辦法》"},
	/* not citations: a licence, a book, a standard, an unclosed title, the root law of the sample */
	{"取得《食品经营许可证》后", 0, 0, NULL, NULL, NULL, 0, 0, NULL},
	{"参见《人民日报》报道", 0, 0, NULL, NULL, NULL, 0, 0, NULL},
	{"符合《生活饮用水卫生标准》", 0, 0, NULL, NULL, NULL, 0, 0, NULL},
	{"依据《示例省城市供水条例", 0, 0, NULL, NULL, NULL, 0, 0, NULL},
	{"示例国根本法（样本）", 0, 0, NULL, NULL, NULL, 0, 0, NULL},
	{"", 0, 0, NULL, NULL, NULL, 0, 0, NULL},
};

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *t = cases[i].text;
		fg_cite *c = NULL;
		size_t n = fg_cite_extract(t, strlen(t), &c);
		if (n != cases[i].n)
			fail_msg("case %zu (%s): %zu citations, want %zu", i, t, n, cases[i].n);
		if (n) {
			assert_int_equal(c[0].kind, cases[i].kind);
			assert_string_equal(c[0].title, cases[i].title);
			assert_string_equal(c[0].name, cases[i].name);
			assert_string_equal(c[0].article, cases[i].article);
			assert_int_equal(c[0].num, cases[i].num);
			assert_int_equal(c[0].sub, cases[i].sub);
			assert_true(c[0].end <= strlen(t) && c[0].start < c[0].end);
			assert_int_equal(c[0].end - c[0].start, strlen(cases[i].span));
			assert_memory_equal(t + c[0].start, cases[i].span, strlen(cases[i].span));
		}
		fg_cite_free(c, n);
	}
}

/* A basis clause carries over titles joined by 、 和 及; a later reference in another clause does not. */
static void test_basis_chain(void **state)
{
	(void)state;
	const char *t = "根据《中华人民共和国食品安全法》《中华人民共和国行政许可法》和《示例省城市供水条例》等法律、法规，"
			"结合实际，制定本办法。违反《行政处罚法》的，依法处理。";
	fg_cite *c = NULL;
	size_t n = fg_cite_extract(t, strlen(t), &c);
	assert_int_equal(n, 5);
	assert_int_equal(c[0].kind, FG_CITE_BASIS);
	assert_int_equal(c[1].kind, FG_CITE_BASIS);
	assert_int_equal(c[2].kind, FG_CITE_BASIS);
	assert_string_equal(c[2].name, "示例省城市供水条例");
	assert_int_equal(c[3].kind, FG_CITE_INTERNAL); /* 本办法 */
	assert_int_equal(c[4].kind, FG_CITE_REF);
	assert_string_equal(c[4].name, "行政处罚法");
	fg_cite_free(c, n);
}

/* 本条例 is not 本条; 根本法 and 基本规定 are not internal references. */
static void test_internal_words(void **state)
{
	(void)state;
	const char *t = "本条例所称供水，依照本条第二款执行。宪法是国家的根本法，这是基本规定。";
	fg_cite *c = NULL;
	size_t n = fg_cite_extract(t, strlen(t), &c);
	assert_int_equal(n, 2);
	assert_int_equal(c[0].self_unit, 0);
	assert_string_equal(c[0].article, "");
	assert_int_equal(c[1].self_unit, 1);
	assert_string_equal(c[1].article, "本条第二款");
	fg_cite_free(c, n);
}

/* Broken UTF-8, lone brackets and very long spans never crash or overrun. */
static void test_broken(void **state)
{
	(void)state;
	const char *inputs[] = {"《\xff\xfe》", "》》《《", "《", "\xe3\x80", "本", "前款\xe3", "《a》第"};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		fg_cite *c = NULL;
		size_t n = fg_cite_extract(inputs[i], strlen(inputs[i]), &c);
		for (size_t k = 0; k < n; k++)
			assert_true(c[k].end <= strlen(inputs[i]));
		fg_cite_free(c, n);
	}
	size_t len = 5000;
	char *big = malloc(len + 1);
	memcpy(big, "《", 3);
	memset(big + 3, 'a', len - 3);
	big[len] = '\0';
	fg_cite *c = NULL;
	assert_int_equal(fg_cite_extract(big, len, &c), 0);
	fg_cite_free(c, 0);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_basis_chain),
		cmocka_unit_test(test_internal_words),
		cmocka_unit_test(test_broken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
