/*
 * test_doc.c - splitting Markdown and plain text into units: articles and
 * 之一 labels, headings, preamble and appendix, items, events, documents
 * without articles, GB18030/Big5 input (made with iconv here), broken input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <iconv.h>

#include "doc.h"

static const char law_md[] =
	"# 示例县河道保洁条例\n\n"
	"2020年5月6日 示例县第三届人民代表大会常务委员会第九次会议通过\n\n"
	"2021年1月1日 施行\n\n"
	"<!-- INFO END -->\n\n"
	"## 目录\n\n第一章 总则\n\n第二章 保洁责任\n\n"
	"## 第一章 总则\n\n"
	"第一条 为了保护河道环境，**根据**有关法律，制定本条例。\n\n"
	"第二条 本条例适用于本县。\n\n县水利部门负责监督管理。\n\n"
	"## 第二章 保洁责任\n\n"
	"### 第一节 一般规定\n\n"
	"第三条 下列单位负有保洁责任：\n\n（一）乡镇人民政府；\n\n（二）村民委员会。\n\n"
	"第三条之一 禁止向河道倾倒垃圾。\n\n"
	"### 第二节 [特别规定](http://example.invalid)\n\n"
	"第 5 条 违反本条例规定的，由县水利部门责令改正。\n\n"
	"## 附件 保洁责任区划分表\n\n"
	"| 河段 | 责任单位 |\n|---|---|\n| 东河 | 东河镇 |\n";

struct want_unit {
	int kind;
	const char *label;
	long num, sub;
	const char *heading;
	const char *text; /* exact text, or NULL to skip */
	int nparas, nitems;
};

static void check_units(const fg_doc *d, const struct want_unit *w, size_t n)
{
	if (d->nunits != n) {
		for (size_t i = 0; i < d->nunits; i++)
			fprintf(stderr, "unit %zu: %d %s [%s] %s\n", i, d->units[i].kind, d->units[i].label,
				d->units[i].heading, d->units[i].text);
		fail_msg("got %zu units, want %zu", d->nunits, n);
	}
	for (size_t i = 0; i < n; i++) {
		const fg_article *a = &d->units[i];
		assert_int_equal(a->kind, w[i].kind);
		assert_string_equal(a->label, w[i].label);
		assert_int_equal(a->num, w[i].num);
		assert_int_equal(a->sub, w[i].sub);
		assert_string_equal(a->heading, w[i].heading);
		if (w[i].text)
			assert_string_equal(a->text, w[i].text);
		assert_int_equal(a->len, strlen(a->text));
		assert_int_equal(a->nparas, w[i].nparas);
		assert_int_equal(a->nitems, w[i].nitems);
	}
}

static fg_doc *parse(const char *name, const char *s, size_t len, int fmt)
{
	fg_doc *d = NULL;
	fg_err err = {0};
	fg_status st = fg_doc_parse(name, s, len, fmt, &d, &err);
	if (st != FG_OK)
		fail_msg("parse %s: %s", name, err.msg);
	return d;
}

static void test_markdown(void **state)
{
	(void)state;
	fg_doc *d = parse("law.md", law_md, strlen(law_md), FG_FMT_AUTO);
	assert_int_equal(d->format, FG_FMT_MARKDOWN);
	assert_string_equal(d->encoding, "UTF-8");
	assert_string_equal(d->meta.title, "示例县河道保洁条例");
	assert_string_equal(d->meta.published, "2020-05-06");
	assert_string_equal(d->meta.effective, "2021-01-01");
	assert_int_equal(d->nevents, 2);
	assert_string_equal(d->events[0].date, "2020-05-06");
	assert_string_equal(d->events[0].text, "示例县第三届人民代表大会常务委员会第九次会议通过");
	assert_string_equal(d->events[1].text, "施行");
	static const struct want_unit w[] = {
		{FG_UNIT_PREAMBLE, "", 0, 0, "目录", "第一章 总则\n第二章 保洁责任", 2, 0},
		{FG_UNIT_ARTICLE, "第一条", 1, 0, "第一章 总则", "第一条 为了保护河道环境，根据有关法律，制定本条例。", 1, 0},
		{FG_UNIT_ARTICLE, "第二条", 2, 0, "第一章 总则", "第二条 本条例适用于本县。\n县水利部门负责监督管理。", 2, 0},
		{FG_UNIT_ARTICLE, "第三条", 3, 0, "第二章 保洁责任 / 第一节 一般规定",
		 "第三条 下列单位负有保洁责任：\n（一）乡镇人民政府；\n（二）村民委员会。", 3, 2},
		{FG_UNIT_ARTICLE, "第三条之一", 3, 1, "第二章 保洁责任 / 第一节 一般规定", NULL, 1, 0},
		{FG_UNIT_ARTICLE, "第5条", 5, 0, "第二章 保洁责任 / 第二节 特别规定",
		 "第 5 条 违反本条例规定的，由县水利部门责令改正。", 1, 0},
		{FG_UNIT_APPENDIX, "", 0, 0, "附件 保洁责任区划分表", "河段 责任单位\n东河 东河镇", 2, 0},
	};
	check_units(d, w, sizeof w / sizeof w[0]);
	assert_int_equal(d->dup_labels, 0);
	assert_int_equal(d->gaps, 1); /* 3 -> 5 */
	fg_doc_free(d);
}

static const char rules_txt[] = "示例县环境卫生管理规定\r\n\r\n第一章　总则\r\n\r\n"
				"第一条　为了加强环境卫生管理，制定本规定。\r\n"
				"第二条　本规定自2019年3月1日起施行。\r\n"
				"第二章　附则\r\n"
				"第三条　本规定由县城管局负责解释。\r\n";

static void test_text(void **state)
{
	(void)state;
	fg_doc *d = parse("rules.txt", rules_txt, strlen(rules_txt), FG_FMT_AUTO);
	assert_int_equal(d->format, FG_FMT_TEXT);
	assert_string_equal(d->meta.title, "示例县环境卫生管理规定");
	assert_string_equal(d->meta.effective, "2019-03-01");
	assert_null(d->meta.published);
	static const struct want_unit w[] = {
		{FG_UNIT_ARTICLE, "第一条", 1, 0, "第一章　总则", "第一条　为了加强环境卫生管理，制定本规定。", 1, 0},
		{FG_UNIT_ARTICLE, "第二条", 2, 0, "第一章　总则", NULL, 1, 0},
		{FG_UNIT_ARTICLE, "第三条", 3, 0, "第二章　附则", NULL, 1, 0},
	};
	check_units(d, w, 3);
	fg_doc_free(d);
}

static const char notice_txt[] = "示例县人民政府关于加强河道管理的通知\n"
				 "示县发〔2022〕7号\n"
				 "2022年3月15日 示例县人民政府印发\n\n"
				 "各乡镇人民政府：\n"
				 "　　一、明确责任\n"
				 "　　各乡镇人民政府负责本辖区河道管理。\n"
				 "　　二、加强巡查\n"
				 "　　（一）每周巡查一次；\n"
				 "　　（二）发现问题及时处理。\n"
				 "　　三、本通知自印发之日起施行。\n";

static void test_no_articles(void **state)
{
	(void)state;
	fg_doc *d = parse("notice.txt", notice_txt, strlen(notice_txt), FG_FMT_AUTO);
	assert_string_equal(d->meta.number, "示县发〔2022〕7号");
	assert_string_equal(d->meta.published, "2022-03-15");
	/* numbered items (items.c, test_items.c): each at the finest level that carries text */
	static const struct want_unit w[] = {
		{FG_UNIT_PREAMBLE, "", 0, 0, "", "各乡镇人民政府：", 1, 0},
		{FG_UNIT_TEXT, "一", 0, 0, "一、明确责任", "一、明确责任\n各乡镇人民政府负责本辖区河道管理。", 2, 0},
		{FG_UNIT_TEXT, "二（一）", 0, 0, "二、加强巡查 / （一）", "（一）每周巡查一次；", 1, 1},
		{FG_UNIT_TEXT, "二（二）", 0, 0, "二、加强巡查 / （二）", "（二）发现问题及时处理。", 1, 1},
		{FG_UNIT_TEXT, "三", 0, 0, "三、", "三、本通知自印发之日起施行。", 1, 0},
	};
	check_units(d, w, 5);
	fg_doc_free(d);

	/* no sections at all: the whole text is one unit */
	const char *s = "# 标题\n\n一段话。\n\n另一段话。\n";
	d = parse("x.md", s, strlen(s), FG_FMT_AUTO);
	static const struct want_unit w2[] = {{FG_UNIT_TEXT, "", 0, 0, "", "一段话。\n另一段话。", 2, 0}};
	check_units(d, w2, 1);
	fg_doc_free(d);

	/* Markdown headings as sections */
	s = "# 标题\n\n引言。\n\n## 甲部分\n\n甲内容。\n\n### 小节\n\n小节内容。\n\n## 乙部分\n\n乙内容。\n";
	d = parse("x.md", s, strlen(s), FG_FMT_AUTO);
	static const struct want_unit w3[] = {
		{FG_UNIT_TEXT, "", 0, 0, "", "引言。", 1, 0},
		{FG_UNIT_TEXT, "", 0, 0, "甲部分", "甲内容。\n小节\n小节内容。", 3, 0},
		{FG_UNIT_TEXT, "", 0, 0, "乙部分", "乙内容。", 1, 0},
	};
	check_units(d, w3, 3);
	fg_doc_free(d);
}

static void test_frontmatter_doc(void **state)
{
	(void)state;
	const char *s = "---\ntitle: \"示例县养犬管理办法：试行\"\nid: SX-1\nlevel: 政府规章\n有效期: 2年\n"
			"published: 2023-02-01\n---\n# 示例县养犬管理办法\n\n第一条 甲。\n\n第二条 本办法自2023年3月1日起施行。\n";
	fg_doc *d = parse("fm.md", s, strlen(s), FG_FMT_AUTO);
	assert_string_equal(d->meta.title, "示例县养犬管理办法：试行");
	assert_string_equal(d->meta.level, "地方政府规章");
	assert_string_equal(d->meta.expires, "2025-02-01");
	assert_string_equal(d->meta.effective, "2023-03-01");
	assert_int_equal(d->nunits, 2);
	assert_true(strncmp(d->body, "# 示例县", 4) == 0);
	char *id = fg_doc_make_id(&d->meta);
	assert_string_equal(id, "SX-1");
	free(id);
	fg_doc_free(d);
}

static void test_make_id(void **state)
{
	(void)state;
	fg_meta a = {0}, b = {0};
	a.title = "示例 条例";
	a.published = "2020-01-01";
	b.title = "示例条例";
	b.published = "2020-01-01";
	char *x = fg_doc_make_id(&a), *y = fg_doc_make_id(&b);
	assert_int_equal(strlen(x), 12);
	assert_string_equal(x, y);
	free(y);
	b.published = "2020-01-02";
	y = fg_doc_make_id(&b);
	assert_string_not_equal(x, y);
	free(x);
	free(y);
	fg_meta e = {0};
	x = fg_doc_make_id(&e);
	assert_int_equal(strlen(x), 12);
	free(x);
}

static void test_dups_gaps(void **state)
{
	(void)state;
	const char *s = "# 试验\n\n第一条 甲。\n\n第二条 乙。\n\n第二条 丙。\n\n第五条 丁。\n\n第〇条 戊。\n\n"
			"第十条规定的事项不是条文。\n";
	fg_doc *d = parse("dup.md", s, strlen(s), FG_FMT_AUTO);
	assert_int_equal(d->nunits, 5);
	assert_int_equal(d->dup_labels, 1);
	assert_int_equal(d->gaps, 1);
	assert_int_equal(d->units[4].num, 0);
	assert_string_equal(d->units[4].text, "第〇条 戊。\n第十条规定的事项不是条文。");
	fg_doc_free(d);
}

/* Convert UTF-8 text to another encoding with iconv. */
static char *to_enc(const char *s, const char *enc, size_t *outlen)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inleft = strlen(s), cap = inleft * 2 + 16, oleft = cap;
	char *out = malloc(cap), *o = out, *in = (char *)s;
	assert_true(iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1);
	iconv_close(cd);
	*outlen = cap - oleft;
	return out;
}

static void test_encodings(void **state)
{
	(void)state;
	size_t len;
	char *gb = to_enc(rules_txt, "GB18030", &len);
	fg_doc *d = parse("rules-gb.txt", gb, len, FG_FMT_AUTO);
	assert_string_equal(d->encoding, "GB18030");
	fg_doc *u = parse("rules.txt", rules_txt, strlen(rules_txt), FG_FMT_AUTO);
	assert_int_equal(d->nunits, u->nunits);
	for (size_t i = 0; i < d->nunits; i++)
		assert_string_equal(d->units[i].text, u->units[i].text);
	fg_doc_free(d);
	fg_doc_free(u);
	free(gb);

	const char *trad = "示例縣環境衛生管理規定\n第一條　為了加強環境衛生管理，制定本規定。這是關於環境的規定。\n"
			   "第二條　本規定由縣人民政府負責解釋，各部門應當遵守。\n";
	char *b5 = to_enc(trad, "BIG5", &len);
	d = parse("trad.txt", b5, len, FG_FMT_AUTO);
	assert_string_equal(d->encoding, "BIG5");
	assert_string_equal(d->meta.title, "示例縣環境衛生管理規定");
	assert_int_equal(d->nunits, 2);
	assert_int_equal(d->units[1].kind, FG_UNIT_ARTICLE);
	assert_string_equal(d->units[1].label, "第二條");
	assert_int_equal(d->units[1].num, 2);
	fg_doc_free(d);
	free(b5);
}

static void test_broken(void **state)
{
	(void)state;
	fg_doc *d = (fg_doc *)1;
	fg_err err = {0};
	assert_int_equal(fg_doc_parse("empty.md", "", 0, FG_FMT_AUTO, &d, &err), FG_E_INVAL);
	assert_null(d);
	assert_string_equal(err.msg, "empty.md: no text");
	assert_int_equal(fg_doc_parse("blank.txt", " \n\n\t\n", 5, FG_FMT_AUTO, &d, &err), FG_E_INVAL);
	const char *fm = "---\ntitle: 甲\n---\n";
	assert_int_equal(fg_doc_parse("fm.md", fm, strlen(fm), FG_FMT_AUTO, &d, &err), FG_E_INVAL);
	assert_string_equal(err.msg, "fm.md: no text");
	fm = "---\ntitle: 甲\n";
	assert_int_equal(fg_doc_parse("open.md", fm, strlen(fm), FG_FMT_AUTO, &d, &err), FG_E_INVAL);
	assert_string_equal(err.msg, "open.md: front matter not closed (opened at line 1)");
	assert_int_equal(fg_doc_parse("bin.md", "第一条\0\x01\x02", 12, FG_FMT_AUTO, &d, &err), FG_E_ENCODING);
	assert_non_null(strstr(err.msg, "bin.md"));

	/* invalid UTF-8 inside mostly valid text is replaced */
	const char *bad = "# 标题\n\n第一条 甲\xff乙。\n";
	assert_int_equal(fg_doc_parse("bad.md", bad, strlen(bad), FG_FMT_AUTO, &d, &err), FG_OK);
	assert_int_equal(d->nunits, 1);
	fg_doc_free(d);

	/* a title with only history lines still gives a unit */
	const char *t = "# 只有标题的条例\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n";
	assert_int_equal(fg_doc_parse("t.md", t, strlen(t), FG_FMT_AUTO, &d, &err), FG_OK);
	assert_int_equal(d->nunits, 1);
	assert_int_equal(d->units[0].kind, FG_UNIT_TEXT);
	assert_string_equal(d->meta.published, "2020-01-01");
	fg_doc_free(d);
	fg_doc_free(NULL);
}

static void test_deep_and_big(void **state)
{
	(void)state;
	/* deeply nested block quotes and emphasis */
	size_t n = 100000;
	char *s = malloc(n * 2 + 64);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		s[k++] = '>';
	k += (size_t)sprintf(s + k, " 第一条 甲。");
	for (size_t i = 0; i < n / 2; i++)
		s[k++] = '*';
	s[k] = '\0';
	fg_doc *d = NULL;
	fg_err err = {0};
	assert_int_equal(fg_doc_parse("deep.md", s, k, FG_FMT_AUTO, &d, &err), FG_OK);
	assert_true(d->nunits >= 1);
	fg_doc_free(d);
	free(s);

	/* many articles */
	fg_buf b = {0};
	fg_buf_puts(&b, "# 大文件\n\n");
	for (long i = 1; i <= 20000; i++) {
		char *l = fg_article_label_format(i, 0);
		fg_buf_printf(&b, "%s 内容%ld。\n\n", l, i);
		free(l);
	}
	assert_int_equal(fg_doc_parse("big.md", b.data, b.len, FG_FMT_AUTO, &d, &err), FG_OK);
	assert_int_equal(d->nunits, 20000);
	assert_int_equal(d->units[19999].num, 20000);
	assert_int_equal(d->gaps, 0);
	fg_doc_free(d);
	fg_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown),      cmocka_unit_test(test_text),
		cmocka_unit_test(test_no_articles),   cmocka_unit_test(test_frontmatter_doc),
		cmocka_unit_test(test_make_id),       cmocka_unit_test(test_dups_gaps),
		cmocka_unit_test(test_encodings),     cmocka_unit_test(test_broken),
		cmocka_unit_test(test_deep_and_big),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
