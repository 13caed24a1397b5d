/*
 * test_items.c - documents without articles split into their numbered
 * items: item markers and their refusals, item labels (key, shown form,
 * typed forms, prefixes), the outline (levels in sequence, the finest level
 * that carries text, parents with text of their own, lists that a lead-in
 * keeps, quotations, headings) in plain text (UTF-8 and GB18030) and
 * Markdown, preamble, appendix and the signature block, and documents with
 * articles left as they were.
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

static void test_marks(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int style;
		long num;
		size_t len;
	} ok[] = {
		{"一、总体要求", FG_ITEM_CN, 1, 6},    {"十一、加强组织", FG_ITEM_CN, 11, 9},
		{"二．主要任务", FG_ITEM_CN, 2, 6},    {"（二）工作目标", FG_ITEM_CN_PAREN, 2, 9},
		{"(三)保障", FG_ITEM_CN_PAREN, 3, 5},  {"12.加强规范性文件监督管理", FG_ITEM_AR, 12, 3},
		{"3、建立制度", FG_ITEM_AR, 3, 4},     {"１２．全角数字", FG_ITEM_AR, 12, 9},
		{"12. 列表项", FG_ITEM_AR, 12, 3},     {"（1）执法主体是否合法；", FG_ITEM_AR_PAREN, 1, 7},
		{"(10)其他", FG_ITEM_AR_PAREN, 10, 4}, {"2）第二项", FG_ITEM_AR_CLOSE, 2, 4},
		{"一是加强领导", FG_ITEM_SHI, 1, 6},   {"第二部分 主要任务", FG_ITEM_PART, 2, 12},
		{"一、二级公路", FG_ITEM_CN, 1, 6}, /* a marker; the outline refuses it without a 二、 */
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		fg_item_mark m;
		if (!fg_item_mark_parse(ok[i].s, strlen(ok[i].s), &m))
			fail_msg("no marker in %s", ok[i].s);
		assert_int_equal(m.style, ok[i].style);
		assert_int_equal(m.num, ok[i].num);
		assert_int_equal(m.len, ok[i].len);
	}
	static const char *const no[] = {
		"2016.5.1起施行",  /* a date */
		"2016年底前完成",  /* a year */
		"1.5万元以下罚款", /* a decimal */
		"3个月内",         /* a number in a sentence */
		"第十条 内容",     /* an article */
		"（2016）12号",    /* a year in brackets */
		"一是",            /* nothing after 一是 */
		"01.前导零",       /* a leading zero */
		"1234.四位数",     /* four digits */
		"十二月",          /* a month */
		"第一百部分",      /* too many parts */
		"各级政府",        /* no number at all */
		"",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		fg_item_mark m;
		if (fg_item_mark_parse(no[i], strlen(no[i]), &m))
			fail_msg("a marker in %s: style %d num %ld", no[i], m.style, m.num);
	}
}

static void check_key(const char *typed, const char *want)
{
	char *key = NULL;
	int ok = fg_item_label_key(typed, strlen(typed), &key);
	if (!want) {
		if (ok)
			fail_msg("%s read as label %s", typed, key);
		assert_null(key);
		return;
	}
	if (!ok)
		fail_msg("%s not read as a label", typed);
	assert_string_equal(key, want);
	free(key);
}

static void check_shown(const char *label, const char *want)
{
	char *s = fg_item_label_display(label);
	assert_string_equal(s, want);
	free(s);
}

static void test_labels(void **state)
{
	(void)state;
	check_shown("二（二）12", "二、（二）12.");
	check_shown("一（一）", "一、（一）");
	check_shown("三", "三、");
	check_shown("第一部分二（三）", "第一部分 二、（三）");
	check_shown("二1（3）", "二、1.（3）");
	check_shown("1.2", "1.2.");
	check_shown("第十条", "第十条"); /* articles keep their label */
	check_shown("", "");
	check_key("二（二）12", "二（二）12");
	check_key("二、（二）12.", "二（二）12");
	check_key("二(二)12", "二（二）12");
	check_key("二 （二） 12", "二（二）12");
	check_key("二、（二）", "二（二）");
	check_key("二", "二");
	check_key("12.", "12");
	check_key("（３）", "（3）");
	check_key("1.2", "1.2");
	check_key("一是", "一是");
	check_key("12", NULL); /* a lone number: 2020 is no label */
	check_key("2020", NULL);
	check_key("二（二）12甲", NULL);
	check_key("合同", NULL);
	check_key("第十条", NULL);
	check_key("", NULL);

	fg_buf b = {0};
	fg_item_key_put(&b, FG_ITEM_CN, 2, FG_ITEM_NONE);
	fg_item_key_put(&b, FG_ITEM_CN_PAREN, 2, FG_ITEM_CN);
	fg_item_key_put(&b, FG_ITEM_AR, 12, FG_ITEM_CN_PAREN);
	fg_item_key_put(&b, FG_ITEM_AR_CLOSE, 3, FG_ITEM_AR);
	assert_string_equal(b.data, "二（二）12.3）");
	fg_buf_free(&b);

	size_t ends[8], last = 0;
	assert_int_equal(fg_item_label_prefixes("二（二）12", ends, 8, &last), 3);
	assert_int_equal(ends[0], 3);
	assert_int_equal(ends[1], 12);
	assert_int_equal(ends[2], 14);
	assert_int_equal(last, 12);
	assert_int_equal(fg_item_label_prefixes("1.2", ends, 8, &last), 2);
	assert_int_equal(ends[0], 1);
	assert_int_equal(ends[1], 3);
	assert_int_equal(last, 2);
	assert_int_equal(fg_item_label_prefixes("二、一是", ends, 8, &last), 2);
	assert_int_equal(ends[0], 3); /* 二, the separator belongs to neither */
	assert_int_equal(ends[1], 12);
	assert_int_equal(last, 6);
	assert_int_equal(fg_item_label_prefixes("第十条", ends, 8, &last), 0);
}

static fg_doc *parse(const char *name, const char *s, size_t len)
{
	fg_doc *d = NULL;
	fg_err err = {0};
	if (fg_doc_parse(name, s, len, FG_FMT_AUTO, &d, &err) != FG_OK)
		fail_msg("parse %s: %s", name, err.msg);
	return d;
}

struct want {
	int kind;
	const char *label, *heading, *start; /* start: the text's first bytes */
};

static void check(const fg_doc *d, const struct want *w, size_t n)
{
	if (d->nunits != n) {
		for (size_t i = 0; i < d->nunits; i++)
			fprintf(stderr, "unit %zu: %d [%s] [%s] %s\n", i, d->units[i].kind, d->units[i].label,
				d->units[i].heading, d->units[i].text);
		fail_msg("got %zu units, want %zu", d->nunits, n);
	}
	for (size_t i = 0; i < n; i++) {
		const fg_article *a = &d->units[i];
		assert_int_equal(a->kind, w[i].kind);
		assert_string_equal(a->label, w[i].label);
		assert_string_equal(a->heading, w[i].heading);
		if (strncmp(a->text, w[i].start, strlen(w[i].start)))
			fail_msg("unit %zu starts with %.40s, want %s", i, a->text, w[i].start);
	}
}

/* Three levels, items numbered on across sections, a lead-in list, run-in titles, a signature. */
static const char plan_txt[] = "示例县关于加强河道管理的实施方案\n"
			       "示县发〔2023〕5号\n\n"
			       "各乡镇人民政府：\n"
			       "　　为加强河道管理，制定本方案。\n"
			       "　　一、总体要求\n"
			       "　　（一）指导思想\n"
			       "　　坚持保护优先。\n"
			       "　　（二）工作目标\n"
			       "　　2024年底前，河道全部纳入管理。\n"
			       "　　二、主要任务\n"
			       "　　（一）落实责任\n"
			       "　　1.建立河长制度\n"
			       "　　各乡镇设立河长。\n"
			       "　　2.明确巡查要求\n"
			       "　　巡查内容包括：\n"
			       "　　（1）水面保洁；\n"
			       "　　（2）岸线管护。\n"
			       "　　巡查结果每月通报。\n"
			       "　　（二）加强监督\n"
			       "　　3.开展专项检查\n"
			       "　　2016.5 以前的旧账一并清理。\n"
			       "　　5.这一行编号跳了，不是一项\n"
			       "　　三、保障措施\n"
			       "　　（一）加强领导。各乡镇主要负责人负总责。\n"
			       "　　（二）强化考核。本方案自印发之日起施行，有效期3年。\n"
			       "示例县人民政府\n"
			       "2023年6月1日\n";

static const struct want plan_units[] = {
	{FG_UNIT_PREAMBLE, "", "", "各乡镇人民政府："},
	{FG_UNIT_TEXT, "一（一）", "一、总体要求 / （一）指导思想", "（一）指导思想\n坚持保护优先。"},
	{FG_UNIT_TEXT, "一（二）", "一、总体要求 / （二）工作目标", "（二）工作目标\n2024年底前"},
	{FG_UNIT_TEXT, "二（一）1", "二、主要任务 / （一）落实责任 / 1.建立河长制度",
	 "1.建立河长制度\n各乡镇设立河长。"},
	{FG_UNIT_TEXT, "二（一）2", "二、主要任务 / （一）落实责任 / 2.明确巡查要求",
	 "2.明确巡查要求\n巡查内容包括：\n（1）水面保洁；\n（2）岸线管护。\n巡查结果每月通报。"},
	{FG_UNIT_TEXT, "二（二）3", "二、主要任务 / （二）加强监督 / 3.开展专项检查",
	 "3.开展专项检查\n2016.5 以前的旧账一并清理。\n5.这一行编号跳了，不是一项"},
	{FG_UNIT_TEXT, "三（一）", "三、保障措施 / （一）加强领导", "（一）加强领导。各乡镇"},
	{FG_UNIT_TEXT, "三（二）", "三、保障措施 / （二）强化考核", "（二）强化考核。本方案"},
	{FG_UNIT_APPENDIX, "", "", "示例县人民政府\n2023年6月1日"},
};

static void check_plan(const fg_doc *d)
{
	check(d, plan_units, sizeof plan_units / sizeof plan_units[0]);
	assert_string_equal(d->meta.title, "示例县关于加强河道管理的实施方案");
	assert_string_equal(d->meta.number, "示县发〔2023〕5号");
	assert_string_equal(d->meta.authority, "示例县人民政府");
	assert_string_equal(d->meta.published, "2023-06-01");
	assert_string_equal(d->meta.effective, "2023-06-01");
	assert_string_equal(d->meta.expires, "2026-05-31");
}

static char *to_encoding(const char *s, const char *enc, size_t *outlen)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inleft = strlen(s), oleft = inleft * 4 + 16;
	char *out = malloc(oleft), *o = out, *in = (char *)s;
	assert_true(iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1);
	iconv_close(cd);
	*outlen = (size_t)(o - out);
	return out;
}

static void test_plain_text(void **state)
{
	(void)state;
	fg_doc *d = parse("plan.txt", plan_txt, strlen(plan_txt));
	check_plan(d);
	fg_doc_free(d);
	size_t n;
	char *gb = to_encoding(plan_txt, "GB18030", &n);
	d = parse("plan.gb.txt", gb, n);
	assert_string_equal(d->encoding, "GB18030");
	check_plan(d);
	fg_doc_free(d);
	free(gb);
}

static const char plan_md[] = "# 示例县关于提升服务效能的若干措施\n\n"
			      "示县办发[2024]2号\n\n"
			      "为提升服务效能，提出以下措施。\n\n"
			      "## 一、提升效率\n\n"
			      "### （一）压减时限\n\n"
			      "1. **当日办结**。企业开办当日办结。\n\n"
			      "2. **限时答复**。诉求五日内答复。\n\n"
			      "### （二）数据共享\n\n"
			      "3. **证照免提交**。共享获取的证照不再提交。\n\n"
			      "## 二、组织实施\n\n"
			      "本措施有效期至2027年12月31日。\n\n"
			      "## 附件 办事指南\n\n"
			      "1. 指南一\n2. 指南二\n\n"
			      "示例县人民政府办公室\n\n"
			      "2024年11月20日\n";

static void test_markdown(void **state)
{
	(void)state;
	fg_doc *d = parse("m.md", plan_md, strlen(plan_md));
	static const struct want w[] = {
		{FG_UNIT_PREAMBLE, "", "", "为提升服务效能"},
		{FG_UNIT_TEXT, "一（一）1", "一、提升效率 / （一）压减时限 / 1. 当日办结", "1. 当日办结。"},
		{FG_UNIT_TEXT, "一（一）2", "一、提升效率 / （一）压减时限 / 2. 限时答复", "2. 限时答复。"},
		{FG_UNIT_TEXT, "一（二）3", "一、提升效率 / （二）数据共享 / 3. 证照免提交", "3. 证照免提交。"},
		{FG_UNIT_TEXT, "二", "二、组织实施", "二、组织实施\n本措施有效期"},
		/* the appendix keeps its own numbered list and the signature */
		{FG_UNIT_APPENDIX, "", "附件 办事指南", "1. 指南一\n2. 指南二\n示例县人民政府办公室"},
	};
	check(d, w, sizeof w / sizeof w[0]);
	assert_string_equal(d->meta.number, "示县办发[2024]2号");
	assert_string_equal(d->meta.authority, "示例县人民政府办公室");
	assert_string_equal(d->meta.published, "2024-11-20");
	assert_null(d->meta.effective);
	assert_string_equal(d->meta.expires, "2027-12-31");
	fg_doc_free(d);
}

/* Lists that must not split, and markers that are no items. */
static void test_refusals(void **state)
{
	(void)state;
	/* a document with articles: its numbered lists stay inside the article */
	const char *law =
		"示例县规定\n第一条 下列事项应当公开：\n1.预算；\n2.决算。\n第二条 本规定自公布之日起施行。\n";
	fg_doc *d = parse("law.txt", law, strlen(law));
	static const struct want w1[] = {
		{FG_UNIT_ARTICLE, "第一条", "", "第一条 下列事项应当公开：\n1.预算；\n2.决算。"},
		{FG_UNIT_ARTICLE, "第二条", "", "第二条"},
	};
	check(d, w1, 2);
	fg_doc_free(d);

	/* 1. then 5.: no sequence, no items; 一、 without 二、: no numbering */
	const char *gap = "示例通知\n一、二级公路由县交通局养护。\n1.第一件事。\n5.第五件事。\n2016.5 以前的事项。\n";
	d = parse("gap.txt", gap, strlen(gap));
	static const struct want w2[] = {
		{FG_UNIT_TEXT, "", "", "一、二级公路由县交通局养护。\n1.第一件事。\n5.第五件事。"}};
	check(d, w2, 1);
	fg_doc_free(d);

	/* an amendment quotes the items of the article it rewrites: they stay in the amendment's item */
	const char *amend = "示例县决定\n一、将第五条修改为：“有下列情形之一的，不予登记：\n（一）材料不全的；\n（二）"
			    "逾期申请的。”\n"
			    "二、删去第九条。\n";
	d = parse("amend.txt", amend, strlen(amend));
	static const struct want w3[] = {
		{FG_UNIT_TEXT, "一", "一、将第五条修改为",
		 "一、将第五条修改为：“有下列情形之一的，不予登记：\n（一）材料不全的；\n（二）逾期申请的。”"},
		{FG_UNIT_TEXT, "二", "二、", "二、删去第九条。"},
	};
	check(d, w3, 2);
	fg_doc_free(d);

	/* a quotation left open does not hide the next items of the outline */
	const char *open = "示例县决定\n一、增加一款：“甲。\n“乙。\n二、增加一条。\n三、本决定自公布之日起施行。\n";
	d = parse("open.txt", open, strlen(open));
	assert_int_equal(d->nunits, 3);
	assert_string_equal(d->units[2].label, "三");
	fg_doc_free(d);
}

/* Items under headings of the document's own, and items numbered 1, 2 again under each. */
static void test_headings(void **state)
{
	(void)state;
	const char *s = "# 示例县工作要点\n\n## 第一章 总体安排\n\n一、甲\n\n内容甲。\n\n二、乙\n\n内容乙。\n\n"
			"## 第二章 具体安排\n\n一、丙\n\n内容丙。\n\n二、丁\n\n内容丁。\n";
	fg_doc *d = parse("h.md", s, strlen(s));
	static const struct want w[] = {
		{FG_UNIT_TEXT, "一", "第一章 总体安排 / 一、甲", "一、甲\n内容甲。"},
		{FG_UNIT_TEXT, "二", "第一章 总体安排 / 二、乙", "二、乙"},
		{FG_UNIT_TEXT, "一", "第二章 具体安排 / 一、丙", "一、丙"},
		{FG_UNIT_TEXT, "二", "第二章 具体安排 / 二、丁", "二、丁"},
	};
	check(d, w, 4);
	fg_doc_free(d);
}

/* 第X部分 and 一是 as levels; full-width digits and 、 as separators */
static void test_parts(void **state)
{
	(void)state;
	const char *s = "示例县工作方案\n第一部分 总体要求\n一是加强领导，明确分工。\n二是强化保障。\n"
			"第二部分 工作安排\n１、第一季度完成摸底。\n２、第二季度完成整改。\n";
	fg_doc *d = parse("parts.txt", s, strlen(s));
	static const struct want w[] = {
		{FG_UNIT_TEXT, "第一部分一是", "第一部分 总体要求 / 一是", "一是加强领导"},
		{FG_UNIT_TEXT, "第一部分二是", "第一部分 总体要求 / 二是", "二是强化保障"},
		{FG_UNIT_TEXT, "第二部分1", "第二部分 工作安排 / １、", "１、第一季度"},
		{FG_UNIT_TEXT, "第二部分2", "第二部分 工作安排 / ２、", "２、第二季度"},
	};
	check(d, w, 4);
	char *shown = fg_item_label_display(d->units[0].label);
	assert_string_equal(shown, "第一部分 一是");
	free(shown);
	fg_doc_free(d);
}

/*
 * A part or section that says something of its own before its first item
 * is a unit; one whose only line names it is a heading of its items, also
 * when that line quotes a long 《》 name (one word, however long).
 */
static void test_parents(void **state)
{
	(void)state;
	const char *s =
		"示例县关于加强河湖管理保护的意见\n"
		"　　为加强河湖管理保护，提出如下意见。\n"
		"　　一、总体要求\n"
		"　　坚持生态优先，统筹推进河湖治理。\n"
		"　　（一）基本原则\n"
		"　　坚持保护优先。\n"
		"　　（二）主要目标\n"
		"　　水质稳定达标。\n"
		"　　二、修改《示例县人民政府关于河道采砂管理若干问题的规定》和《示例县湖泊保护办法》的有关条款\n"
		"　　1.将第三条修改为：\n"
		"　　“河湖长负责相应河湖的管理。”\n"
		"　　2.删去第九条。\n"
		"　　三、保障措施\n"
		"　　（一）加强组织领导\n"
		"　　各乡镇要建立工作机制。\n"
		"　　（二）强化督导考核\n"
		"　　纳入年度考核。\n";
	fg_doc *d = parse("parents.txt", s, strlen(s));
	const char *two = "二、修改《示例县人民政府关于河道采砂管理若干问题的规定》和《示例县湖泊保护办法》的有关条款";
	char h1[256], h2[256];
	snprintf(h1, sizeof h1, "%s / 1.将第三条修改为：", two);
	snprintf(h2, sizeof h2, "%s / 2.", two);
	const struct want w[] = {
		{FG_UNIT_PREAMBLE, "", "", "为加强河湖管理保护"},
		{FG_UNIT_TEXT, "一", "一、总体要求", "一、总体要求\n坚持生态优先"},
		{FG_UNIT_TEXT, "一（一）", "一、总体要求 / （一）基本原则", "（一）基本原则\n"},
		{FG_UNIT_TEXT, "一（二）", "一、总体要求 / （二）主要目标", "（二）主要目标\n"},
		{FG_UNIT_TEXT, "二1", h1, "1.将第三条修改为：\n“河湖长"},
		{FG_UNIT_TEXT, "二2", h2, "2.删去第九条。"},
		{FG_UNIT_TEXT, "三（一）", "三、保障措施 / （一）加强组织领导", "（一）加强组织领导\n"},
		{FG_UNIT_TEXT, "三（二）", "三、保障措施 / （二）强化督导考核", "（二）强化督导考核\n"},
	};
	check(d, w, sizeof w / sizeof w[0]);
	fg_doc_free(d);

	/* the same in Markdown: ## 一、 with a paragraph of its own is a unit, ## 二、 alone is not */
	const char *md = "# 示例县湿地保护意见\n\n"
			 "为保护湿地，提出以下意见。\n\n"
			 "## 一、总体要求\n\n"
			 "坚持全面保护。\n\n"
			 "### （一）基本原则\n\n"
			 "坚持保护优先。\n\n"
			 "### （二）主要目标\n\n"
			 "稳定湿地面积。\n\n"
			 "## 二、重点任务\n\n"
			 "### （一）严格用途监管\n\n"
			 "1. **严控占用**。不占或者少占湿地。\n\n"
			 "2. **实施修复**。修复退化湿地。\n";
	d = parse("parents.md", md, strlen(md));
	static const struct want wm[] = {
		{FG_UNIT_PREAMBLE, "", "", "为保护湿地"},
		{FG_UNIT_TEXT, "一", "一、总体要求", "一、总体要求\n坚持全面保护。"},
		{FG_UNIT_TEXT, "一（一）", "一、总体要求 / （一）基本原则", "（一）基本原则\n"},
		{FG_UNIT_TEXT, "一（二）", "一、总体要求 / （二）主要目标", "（二）主要目标\n"},
		{FG_UNIT_TEXT, "二（一）1", "二、重点任务 / （一）严格用途监管 / 1. 严控占用", "1. 严控占用。"},
		{FG_UNIT_TEXT, "二（一）2", "二、重点任务 / （一）严格用途监管 / 2. 实施修复", "2. 实施修复。"},
	};
	check(d, wm, sizeof wm / sizeof wm[0]);
	fg_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marks),    cmocka_unit_test(test_labels),   cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_markdown), cmocka_unit_test(test_refusals), cmocka_unit_test(test_headings),
		cmocka_unit_test(test_parts),    cmocka_unit_test(test_parents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
