/*
 * test_query.c - the query language: parse trees, error messages, article
 * references, and the Xapian queries they become (checked through
 * Xapian's query descriptions).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fagui.h"
#include "query.h"

static const fg_qopts opts = {2.0, 6.0, 12.0};

/* Parse and build; return the description of the query (caller frees) or NULL with err set. */
static char *describe(const char *q, fg_err *err, size_t *nneedles)
{
	fg_qnode *n = NULL;
	if (fg_query_parse(q, strlen(q), &n, err) != FG_OK)
		return NULL;
	if (!n)
		return fg_xstrdup("");
	fg_xq *x = NULL;
	char **needles = NULL;
	size_t nn = 0;
	fg_status st = fg_query_build(n, &opts, &x, &needles, &nn, err);
	fg_qnode_free(n);
	if (st != FG_OK)
		return NULL;
	char *d = fg_xq_describe(x);
	fg_xq_free(x);
	for (size_t i = 0; i < nn; i++)
		free(needles[i]);
	free(needles);
	if (nneedles)
		*nneedles = nn;
	return d;
}

static void test_parse_errors(void **state)
{
	(void)state;
	static const struct {
		const char *q;
		const char *msg;
	} cases[] = {
		{"(行政许可", "括号没有配对"},
		{"行政许可)", "多余的“)”"},
		{"\"行政许可", "引号没有配对"},
		{"“行政许可", "引号没有配对"},
		{"()", "括号内没有检索词"},
		{"标题:", "缺少要查找的内容"},
		{"- 许可", "后面应紧跟要排除的词"},
		{"-许可", "只有要排除的词"},
		{"NOT 许可", "只有要排除的词"},
		{"许可 OR", "缺少检索词"},
		{"许可 OR -变更", "OR 之内"},
		{"\xff\xfe", "不是有效的 UTF-8"},
		{"许可\" 备案", "引号没有配对"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fg_err err = {0};
		char *d = describe(cases[i].q, &err, NULL);
		if (d)
			fail_msg("query '%s' should fail, got %s", cases[i].q, d);
		assert_int_equal(err.code, FG_E_INVAL);
		if (!strstr(err.msg, cases[i].msg))
			fail_msg("query '%s': message '%s' lacks '%s'", cases[i].q, err.msg, cases[i].msg);
	}
}

static void test_nesting_limit(void **state)
{
	(void)state;
	char q[200];
	memset(q, '(', 40);
	strcpy(q + 40, "法");
	memset(q + 43, ')', 40);
	q[83] = '\0';
	fg_err err = {0};
	assert_null(describe(q, &err, NULL));
	assert_non_null(strstr(err.msg, "括号嵌套过深"));
}

static void test_translation(void **state)
{
	(void)state;
	static const struct {
		const char *q;
		const char *want; /* substring of the description */
	} cases[] = {
		/* a Han run is a phrase of its bigrams, window = its span: every other bigram
		   (and the last) pins every character, the others join by AND for their weight */
		{"行政许可", "((行政 PHRASE 3 许可) AND 政许)"},
		{"人民政", "(人民 PHRASE 2 民政)"},
		{"依法追究刑事责任", "((依法 PHRASE 7 追究 PHRASE 7 刑事 PHRASE 7 责任) AND 法追 AND 究刑 AND 事责)"},
		{"中华人民共和国", "((中华 PHRASE 6 人民 PHRASE 6 共和 PHRASE 6 和国) AND 华人 AND 民共)"},
		/* unless a repeated character lets the reduced phrase match elsewhere (大小大) */
		{"大小小大", "(大小 PHRASE 3 小小 PHRASE 3 小大)"},
		{"哈哈哈哈", "(哈哈 PHRASE 3 哈哈 PHRASE 3 哈哈)"},
		{"天天向上", "((天天 PHRASE 3 向上) AND 天向)"},
		/* title matches weigh 2x, 《》 names 6x */
		{"行政许可", "2 * ((S行政 PHRASE 3 S许可) AND S政许)"},
		{"《行政许可法》", "6 * ((S行政 PHRASE 4 S许可 PHRASE 4 S可法) AND S政许)"},
		/* single characters use the U terms */
		{"法", "U法"},
		{"法", "WILDCARD SYNONYM 法"},
		/* full-width and traditional characters are normalized */
		{"行政許可", "((行政 PHRASE 3 许可) AND 政许)"},
		{"ＧＢ１８０３０", "gb18030"},
		/* operators */
		{"许可 OR 备案", " OR "},
		{"许可 -变更", "AND_NOT"},
		{"许可 NOT 变更", "AND_NOT"},
		{"(许可 OR 备案) 听证", " AND "},
		/* fields */
		{"标题:供水", "S供水"},
		{"title:供水", "S供水"},
		{"文号:〔2019〕", "N2019"},
		{"机关:人民政府", "B人民 AND B民政"},
		/* article references */
		{"民法典第五百条", "A500"},
		{"民法典 第500条", "A500"},
		{"《民法典》第五百条", "A500"},
		{"刑法第十条之一", "A10-1"},
		{"民法典第五百条", "12 * "},
		/* a typographic closing quotation mark nothing opened separates terms */
		{"概不负责”的规定", "AND S不负)) AND ((的规 PHRASE 2 规定)"},
		{"」许可", "许可"},
		{"“许可”", "许可"},
		/* proximity */
		{"同句(罚款 供水)", "NEAR 512"},
		{"同款(罚款 供水)", "NEAR 524288"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fg_err err = {0};
		char *d = describe(cases[i].q, &err, NULL);
		if (!d)
			fail_msg("query '%s' failed: %s", cases[i].q, err.msg);
		if (!strstr(d, cases[i].want))
			fail_msg("query '%s' -> %s, lacks '%s'", cases[i].q, d, cases[i].want);
		free(d);
	}
}

static void test_no_phrase_across_punctuation(void **state)
{
	(void)state;
	fg_err err = {0};
	char *d = describe("行政，许可", &err, NULL);
	assert_non_null(d);
	/* two runs: no bigram 政许 spanning the comma */
	assert_null(strstr(d, "政许"));
	free(d);
}

static void test_empty_and_needles(void **state)
{
	(void)state;
	fg_err err = {0};
	char *d = describe("   ", &err, NULL);
	assert_string_equal(d, "");
	free(d);
	size_t nn = 0;
	d = describe("行政許可 罚款 -变更", &err, &nn);
	assert_non_null(d);
	assert_int_equal(nn, 2); /* excluded terms are not highlighted */
	free(d);
}

static void test_relaxed(void **state)
{
	(void)state;
	fg_stopwords *sw = fg_stopwords_from_text("的\n怎么\n", strlen("的\n怎么\n"));
	fg_qnode *n = NULL;
	const char *q = "房东不退押金怎么办";
	assert_int_equal(fg_query_parse(q, strlen(q), &n, NULL), FG_OK);
	assert_true(fg_query_is_plain(n));
	size_t nterms = 0, nn = 0;
	char **needles = NULL;
	fg_xq *x = fg_query_relaxed(n, sw, &(fg_relax_opts){.title = 0.5}, &nterms, &needles, &nn);
	assert_non_null(x);
	char *d = fg_xq_describe(x);
	assert_non_null(strstr(d, "押金"));
	assert_null(strstr(d, "怎么")); /* a stop word */
	assert_non_null(strstr(d, "0.5 * S押金"));
	assert_int_equal(nterms, 7); /* 8 bigrams minus 怎么 */
	free(d);
	fg_xq_free(x);
	for (size_t i = 0; i < nn; i++)
		free(needles[i]);
	free(needles);
	fg_qnode_free(n);
	/* operators and fields are not plain */
	const char *q2 = "标题:押金";
	assert_int_equal(fg_query_parse(q2, strlen(q2), &n, NULL), FG_OK);
	assert_false(fg_query_is_plain(n));
	fg_qnode_free(n);
	fg_stopwords_free(sw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_errors),   cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_translation),    cmocka_unit_test(test_no_phrase_across_punctuation),
		cmocka_unit_test(test_empty_and_needles), cmocka_unit_test(test_relaxed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
