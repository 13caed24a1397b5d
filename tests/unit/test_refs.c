/*
 * test_cite.c - citation extraction: 《title》 with and without article
 * references, basis clauses, internal references, non-rule titles, short
 * and traditional-character names, and broken input; the bare form
 * (民法典第五百条, fg_cite_extract_bare).
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

/* Bare references: a name without 《》 before 第X条; start is the guess, run_start the longest name. */
static const struct {
	const char *text;
	size_t n;             /* bare citations expected */
	const char *title;    /* of the first, from start */
	const char *name;
	const char *run;      /* text from run_start to the article */
	const char *article;
	long num, sub;
} bare_cases[] = {
	{"民法典第五百条规定", 1, "民法典", "民法典", "民法典", "第五百条", 500, 0},
	{"用人单位依照劳动合同法第三十九条解除合同", 1, "劳动合同法", "劳动合同法", "用人单位依照劳动合同法",
	 "第三十九条", 39, 0},
	{"起诉应当符合民诉法第一百二十二条的条件", 1, "民诉法", "民诉法", "起诉应当符合民诉法", "第一百二十二条", 122, 0},
	{"根据中华人民共和国行政许可法第十二条之一", 1, "中华人民共和国行政许可法", "行政许可法",
	 "根据中华人民共和国行政许可法", "第十二条之一", 12, 1},
	{"违反示例省城市供水条例第二十七条第一款的", 1, "示例省城市供水条例", "示例省城市供水条例", "违反示例省城市供水条例",
	 "第二十七条第一款", 27, 0},
	{"河南省实施《水法》办法第十条", 1, "河南省实施《水法》办法", "河南省实施《水法》办法", "河南省实施《水法》办法",
	 "第十条", 10, 0},
	{"最高人民法院关于适用《民事诉讼法》的解释第九十条", 1, "最高人民法院关于适用《民事诉讼法》的解释",
	 "最高人民法院关于适用《民事诉讼法》的解释", "最高人民法院关于适用《民事诉讼法》的解释", "第九十条", 90, 0},
	{"破产法若干问题的规定（三）第十一条", 1, "破产法若干问题的规定（三）", NULL, "破产法若干问题的规定（三）",
	 "第十一条", 11, 0},
	{"刑法 第二十条", 1, "刑法", "刑法", "刑法", "第二十条", 20, 0},
	{"民法典第五百条和劳动合同法第十条", 2, "民法典", "民法典", "民法典", "第五百条", 500, 0},
	/* not bare references */
	{"《中华人民共和国民法典》第六百五十二条", 0, NULL, NULL, NULL, NULL, 0, 0},
	{"违反本条例第十九条第二款规定的", 0, NULL, NULL, NULL, NULL, 0, 0},
	{"依照该法第五条处理，此办法第六条另有规定", 0, NULL, NULL, NULL, NULL, 0, 0},
	{"在本条例第八条规定的期限内，使用列入本法第五十八条的，依照原条例第三条", 0, NULL, NULL, NULL, NULL, 0, 0},
	{"依照本实施细则第四十二条、本暂行办法第三条", 0, NULL, NULL, NULL, NULL, 0, 0},
	{"本溪市城市供水条例第三条", 1, "本溪市城市供水条例", "本溪市城市供水条例", "本溪市城市供水条例", "第三条", 3, 0},
	{"违反合同法第五十二条", 1, "合同法", "合同法", "违反合同法", "第五十二条", 52, 0},
	{"违反草原法第五条", 1, "草原法", "草原法", "违反草原法", "第五条", 5, 0},
	{"香港特别行政区基本法第二十三条", 1, "香港特别行政区基本法", "香港特别行政区基本法", "香港特别行政区基本法",
	 "第二十三条", 23, 0},
	{"当事人在民事诉讼法第二百零五条", 1, "当事人在民事诉讼法", "当事人在民事诉讼法", "当事人在民事诉讼法",
	 "第二百零五条", 205, 0},
	{"合同第五条约定", 0, NULL, NULL, NULL, NULL, 0, 0},
	{"第一次会议", 0, NULL, NULL, NULL, NULL, 0, 0},
	{"，第五条", 0, NULL, NULL, NULL, NULL, 0, 0},
	{"", 0, NULL, NULL, NULL, NULL, 0, 0},
};

static void test_bare(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bare_cases / sizeof bare_cases[0]; i++) {
		const char *t = bare_cases[i].text;
		fg_cite *c = NULL;
		size_t n = fg_cite_extract_bare(t, strlen(t), &c);
		if (n != bare_cases[i].n)
			fail_msg("case %zu (%s): %zu bare citations, want %zu", i, t, n, bare_cases[i].n);
		if (n) {
			assert_int_equal(c[0].kind, FG_CITE_BARE);
			assert_string_equal(fg_cite_kind_name(c[0].kind), "bare");
			assert_string_equal(c[0].title, bare_cases[i].title);
			if (bare_cases[i].name)
				assert_string_equal(c[0].name, bare_cases[i].name);
			assert_string_equal(c[0].article, bare_cases[i].article);
			assert_int_equal(c[0].num, bare_cases[i].num);
			assert_int_equal(c[0].sub, bare_cases[i].sub);
			assert_true(c[0].run_start <= c[0].start && c[0].start < c[0].end && c[0].end <= strlen(t));
			size_t rl = strlen(bare_cases[i].run);
			assert_memory_equal(t + c[0].run_start, bare_cases[i].run, rl);
			assert_memory_equal(t + c[0].end - strlen(bare_cases[i].article), bare_cases[i].article,
					    strlen(bare_cases[i].article));
		}
		fg_cite_free(c, n);
	}
}

/* The second of two bare references does not reach back over the first article; 》第X条 stays fg_cite_extract's. */
static void test_bare_sequence(void **state)
{
	(void)state;
	const char *t = "依照《民法典》第五百条和劳动合同法第十条，以及民诉法第一百二十二条处理。";
	fg_cite *c = NULL;
	size_t n = fg_cite_extract_bare(t, strlen(t), &c);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].title, "劳动合同法");
	assert_memory_equal(t + c[0].run_start, "和劳动合同法", strlen("和劳动合同法"));
	assert_string_equal(c[1].title, "民诉法");
	assert_memory_equal(t + c[1].run_start, "以及民诉法", strlen("以及民诉法"));
	fg_cite_free(c, n);
	/* fg_cite_extract is unchanged by the bare form: the 《》 reference only */
	n = fg_cite_extract(t, strlen(t), &c);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].article, "第五百条");
	fg_cite_free(c, n);
}

/* Broken UTF-8, long runs and lone brackets before 第X条 never crash or overrun. */
static void test_bare_broken(void **state)
{
	(void)state;
	const char *inputs[] = {"\xff\xfe法第一条", "》法第一条", "《法》第一条", "\x80\x80\x80第一条", "法第",
				"（三）第一条", "规定（）第一条", "\xe3\x80\x80第一条", " 第一条"};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		fg_cite *c = NULL;
		size_t n = fg_cite_extract_bare(inputs[i], strlen(inputs[i]), &c);
		for (size_t k = 0; k < n; k++)
			assert_true(c[k].run_start <= c[k].start && c[k].end <= strlen(inputs[i]));
		fg_cite_free(c, n);
	}
	fg_buf b = {0};
	for (int i = 0; i < 200; i++)
		fg_buf_puts(&b, "汉");
	fg_buf_puts(&b, "条例第一条");
	fg_cite *c = NULL;
	size_t n = fg_cite_extract_bare(b.data, b.len, &c);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].end - c[0].run_start, 60 * 3 + strlen("第一条")); /* at most 60 characters of name */
	fg_cite_free(c, n);
	fg_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_basis_chain),
		cmocka_unit_test(test_internal_words),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_bare),
		cmocka_unit_test(test_bare_sequence),
		cmocka_unit_test(test_bare_broken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
