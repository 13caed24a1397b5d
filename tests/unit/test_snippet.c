/*
 * test_snippet.c - highlighting and snippet windows: escaping, marks across
 * traditional and full-width text, merging, cuts and invalid UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const xk[] = {"行政许可"};
static const char *const abc[] = {"abc"};
static const char *const two[] = {"行政", "许可"};
static const char *const ovl[] = {"行政许", "政许可"};
static const char *const scr[] = {"script"};
static const char *const empty[] = {"", NULL};
static const char *const fa[] = {"法"};

static const struct {
	const char *text;
	const char *const *needles;
	size_t n;
	const char *want;
} highlights[] = {
	{"", xk, 1, ""},
	{"无关内容", xk, 1, "无关内容"},
	{"本法所稱行政許可，是指", xk, 1, "本法所稱<mark>行政許可</mark>，是指"},
	{"ＡＢＣ公司与abc", abc, 1, "<mark>ＡＢＣ</mark>公司与<mark>abc</mark>"},
	/* adjacent and overlapping matches merge */
	{"行政许可法", two, 2, "<mark>行政许可</mark>法"},
	{"行政许可法", ovl, 2, "<mark>行政许可</mark>法"},
	/* escaping, including inside marks */
	{"<script>alert('x')</script>&\"", scr, 1,
	 "&lt;<mark>script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark>script</mark>&gt;&amp;&quot;"},
	/* invalid bytes become U+FFFD, matches around them still work */
	{"\xFF行政許可\xE4\xB8", xk, 1, "\xEF\xBF\xBD<mark>行政許可</mark>\xEF\xBF\xBD\xEF\xBF\xBD"},
	{"行政\xFF许可", xk, 1, "行政\xEF\xBF\xBD许可"},
	/* empty and NULL needles are ignored */
	{"法律", empty, 2, "法律"},
	{"法律", NULL, 0, "法律"},
	/* overlapping occurrences of one needle */
	{"法法法", fa, 1, "<mark>法法法</mark>"},
};

static void test_highlight(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(highlights); i++) {
		char *h = fg_highlight_html(highlights[i].text, strlen(highlights[i].text), highlights[i].needles,
					    highlights[i].n);
		if (strcmp(h, highlights[i].want) != 0)
			fail_msg("case %zu: got [%s] want [%s]", i, h, highlights[i].want);
		free(h);
	}
}

static const char law[] = "第一条 为了规范行政许可的设定和实施，保护公民、法人和其他组织的合法权益，"
			  "维护公共利益和社会秩序，保障和监督行政机关有效实施行政管理，根据宪法，制定本法。\n"
			  "第二条 本法所称行政许可，是指行政机关根据公民、法人或者其他组织的申请，"
			  "经依法审查，准予其从事特定活动的行为。\n"
			  "第三条 行政许可的设定和实施，适用本法。有关行政机关对其他机关或者对其直接管理的事业单位"
			  "的人事、财务、外事等事项的审批，不适用本法。";

static const char *const q1[] = {"依法审查"};
static const char *const q2[] = {"事业单位", "人事"};
static const char *const q3[] = {"不存在"};
static const char *const q4[] = {"第三条 行政许可"};

static const struct {
	const char *const *needles;
	size_t n;
	size_t max;
	const char *want;
} snippets[] = {
	{q1, 1, 20, "…他组织的申请，经<mark>依法审查</mark>，准予其从事特定…"},
	/* the cluster is centred */
	{q2, 2, 30, "…机关或者对其直接管理的<mark>事业单位</mark>的<mark>人事</mark>、财务、外事等事项的审批…"},
	/* the window starts at the line start when it is close */
	{q4, 1, 20, "…<mark>第三条 行政许可</mark>的设定和实施，适用本法。…"},
	/* no match: the beginning */
	{q3, 1, 10, "第一条 为了规范行政…"},
	{q1, 1, 0, NULL},    /* 0: the whole text */
	{q1, 1, 1000, NULL}, /* longer than the text: the whole text */
};

static void test_snippet(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(snippets); i++) {
		char *s = fg_snippet(law, strlen(law), snippets[i].needles, snippets[i].n, snippets[i].max);
		char *whole = fg_highlight_html(law, strlen(law), snippets[i].needles, snippets[i].n);
		const char *want = snippets[i].want ? snippets[i].want : whole;
		if (strcmp(s, want) != 0)
			fail_msg("case %zu: got [%s] want [%s]", i, s, want);
		free(s);
		free(whole);
	}
}

/* The window goes where most distinct needles are, not to the first match. */
static void test_densest(void **state)
{
	static const char *const q[] = {"甲乙", "丙丁"};
	fg_buf b = {0};
	(void)state;
	fg_buf_puts(&b, "甲乙");
	for (int i = 0; i < 50; i++)
		fg_buf_puts(&b, "无关文字，");
	fg_buf_puts(&b, "这里有甲乙和丙丁。");
	for (int i = 0; i < 50; i++)
		fg_buf_puts(&b, "无关文字，");
	char *s = fg_snippet(b.data, b.len, q, 2, 20);
	assert_non_null(strstr(s, "<mark>甲乙</mark>和<mark>丙丁</mark>"));
	assert_true(strncmp(s, "…", 3) == 0);
	assert_true(fg_utf8_count(s, strlen(s)) < 20 + 2 + 4 * 13);
	free(s);
	fg_buf_free(&b);
}

/* Cuts never split a code point, and the output is valid UTF-8. */
static void test_valid_output(void **state)
{
	static const char *const q[] = {"许可", "<", "\xFF"};
	const char *texts[] = {law, "\xFF\xFE行政許可<b>\xE4\xB8", "許可許可許可許可許可許可許可許可許可許可"};
	(void)state;
	for (size_t t = 0; t < N(texts); t++) {
		for (size_t max = 1; max < 40; max += 3) {
			char *s = fg_snippet(texts[t], strlen(texts[t]), q, N(q), max);
			assert_true(fg_utf8_valid(s, strlen(s), NULL));
			assert_null(strstr(s, "<b>"));
			free(s);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_highlight),
		cmocka_unit_test(test_snippet),
		cmocka_unit_test(test_densest),
		cmocka_unit_test(test_valid_output),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
