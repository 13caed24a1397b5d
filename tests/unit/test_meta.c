/*
 * test_meta.c - vocabularies, dates, fields by key and YAML front matter;
 * metadata read from the text by strict patterns (文号 lines, 有效期
 * sentences, the signature block), each with the cases it must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"

static void test_vocab(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} levels[] = {
		{"宪法", "宪法"}, {"宪法相关法", "法律"}, {"法律", "法律"}, {"行政法规", "行政法规"},
		{"政府规章", "地方政府规章"}, {"地方政府规章", "地方政府规章"}, {"司法解释", "司法解释"},
		{" 地方性法规 ", "地方性法规"}, {"自治条例", "自治条例和单行条例"}, {"规范性文件", "规范性文件"},
		{"小说", NULL}, {"", NULL},
	}, statuses[] = {
		{"有效", "现行有效"}, {"现行", "现行有效"}, {"现行有效", "现行有效"}, {"废止", "已废止"},
		{"修改", "已修改"}, {"已被修改", "已修改"}, {"失效", "失效"}, {"已失效", "失效"},
		{"未生效", "尚未生效"}, {"尚未生效", "尚未生效"}, {"好", NULL},
	};
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		const char *c = fg_level_canon(levels[i].in);
		if (levels[i].want)
			assert_non_null(c), assert_string_equal(c, levels[i].want);
		else
			assert_null(c);
	}
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
		const char *c = fg_status_canon(statuses[i].in);
		if (statuses[i].want)
			assert_non_null(c), assert_string_equal(c, statuses[i].want);
		else
			assert_null(c);
	}
	assert_null(fg_level_canon(NULL));
	assert_int_equal(fg_level_rank("宪法"), 0);
	assert_int_equal(fg_level_rank("法律"), 1);
	assert_int_equal(fg_level_rank("规范性文件"), 9);
	assert_int_equal(fg_level_rank("x"), 10);
	assert_int_equal(fg_level_rank(NULL), 10);
	assert_int_equal(fg_status_rank("现行有效"), 0);
	assert_int_equal(fg_status_rank("尚未生效"), 1);
	assert_int_equal(fg_status_rank("已修改"), 2);
	assert_int_equal(fg_status_rank("失效"), 3);
	assert_int_equal(fg_status_rank("已废止"), 4);
	assert_int_equal(fg_status_rank("?"), 5);
	size_t n = 0;
	while (fg_levels[n])
		n++;
	assert_int_equal(n, 10);
	n = 0;
	while (fg_statuses[n])
		n++;
	assert_int_equal(n, 5);
}

static void test_dates(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} dates[] = {
		{"2021-03-01", "2021-03-01"},
		{"2021.3.1", "2021-03-01"},
		{"2021/3/1", "2021-03-01"},
		{"2021/12/31", "2021-12-31"},
		{"2021年3月1日", "2021-03-01"},
		{"1997年3月14日", "1997-03-14"},
		{"二〇二一年三月一日", "2021-03-01"},
		{"二〇二〇年十二月二十六日", "2020-12-26"},
		{"２０２１年３月１日", "2021-03-01"},
		{" 2021-03-01 ", "2021-03-01"},
		{"2020-02-29", "2020-02-29"},
		{"2021-02-29", NULL},
		{"2021-13-01", NULL},
		{"2021-00-10", NULL},
		{"2021年3月", NULL},
		{"2021-03-01x", NULL},
		{"2021-3.1", NULL},
		{"21-03-01", NULL},
		{"hello", NULL},
		{"", NULL},
	};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		char out[11] = "";
		int ok = fg_date_parse(dates[i].in, strlen(dates[i].in), out);
		if (ok != (dates[i].want != NULL))
			fail_msg("fg_date_parse(%s) = %d", dates[i].in, ok);
		if (ok)
			assert_string_equal(out, dates[i].want);
	}
}

static void test_meta_set(void **state)
{
	(void)state;
	fg_meta m = {0};
	assert_int_equal(fg_meta_set(&m, "标题", " 示例条例 ", strlen(" 示例条例 ")), 1);
	assert_string_equal(m.title, "示例条例");
	assert_int_equal(fg_meta_set(&m, "效力级别", "宪法相关法", strlen("宪法相关法")), 1);
	assert_string_equal(m.level, "法律");
	assert_int_equal(fg_meta_set(&m, "status", "有效", strlen("有效")), 1);
	assert_string_equal(m.status, "现行有效");
	assert_int_equal(fg_meta_set(&m, "公布日期", "2020年1月2日", strlen("2020年1月2日")), 1);
	assert_string_equal(m.published, "2020-01-02");
	assert_int_equal(fg_meta_set(&m, "有效期", "5年", strlen("5年")), 1);
	assert_string_equal(m.expires, "2025-01-02");
	assert_int_equal(fg_meta_set(&m, "effective", "2020-03-01", 10), 1);
	assert_int_equal(fg_meta_set(&m, "有效期", "三年", strlen("三年")), 1);
	assert_string_equal(m.expires, "2023-03-01");
	assert_int_equal(fg_meta_set(&m, "有效期", "至2030年6月30日", strlen("至2030年6月30日")), 1);
	assert_string_equal(m.expires, "2030-06-30");
	assert_int_equal(fg_meta_set(&m, "文号", "示府发〔2020〕1号", strlen("示府发〔2020〕1号")), 1);
	assert_string_equal(m.number, "示府发〔2020〕1号");
	assert_int_equal(fg_meta_set(&m, "version", "3", 1), 1);
	assert_int_equal(m.version, 3);
	assert_int_equal(fg_meta_set(&m, "expired", "1", 1), 1);
	assert_int_equal(m.expired, 1);
	assert_int_equal(fg_meta_set(&m, "colour", "red", 3), 0);
	/* a bad date leaves the field alone */
	fg_meta_set(&m, "published", "someday", 7);
	assert_string_equal(m.published, "2020-01-02");

	fg_meta o = {0};
	fg_meta_set(&o, "title", "另一条例", strlen("另一条例"));
	fg_meta_set(&o, "region", "示例省", strlen("示例省"));
	fg_meta_merge(&m, &o);
	assert_string_equal(m.title, "另一条例");
	assert_string_equal(m.region, "示例省");
	assert_string_equal(m.level, "法律");
	fg_meta_fin(&o);
	fg_meta_fin(&m);
	fg_meta_fin(NULL);
}

static void test_frontmatter(void **state)
{
	(void)state;
	const char *s = "---\n"
			"title: \"示例市养犬管理条例：修订版\"\n"
			"文号: '示府发〔2021〕3号'\n"
			"效力级别: 地方性法规\n"
			"时效性: 有效\n"
			"有效期: 5年\n"
			"施行日期: 2021年3月1日\n"
			"tags: [a, b]\n"
			"unknown: 1\n"
			"---\n"
			"# 正文\n";
	fg_meta m = {0};
	size_t off = 99;
	fg_err err = {0};
	assert_int_equal(fg_frontmatter_parse(s, strlen(s), &m, &off, &err), FG_OK);
	assert_string_equal(s + off, "# 正文\n");
	assert_string_equal(m.title, "示例市养犬管理条例：修订版");
	assert_string_equal(m.number, "示府发〔2021〕3号");
	assert_string_equal(m.level, "地方性法规");
	assert_string_equal(m.status, "现行有效");
	assert_string_equal(m.effective, "2021-03-01");
	assert_string_equal(m.expires, "2026-03-01");
	fg_meta_fin(&m);

	/* none */
	off = 99;
	assert_int_equal(fg_frontmatter_parse("# 标题\n", 8, &m, &off, &err), FG_OK);
	assert_int_equal(off, 0);

	/* CRLF and "..." */
	s = "---\r\ntitle: 甲\r\n...\r\nbody";
	assert_int_equal(fg_frontmatter_parse(s, strlen(s), &m, &off, &err), FG_OK);
	assert_string_equal(s + off, "body");
	assert_string_equal(m.title, "甲");
	fg_meta_fin(&m);

	/* empty front matter */
	s = "---\n---\nx";
	assert_int_equal(fg_frontmatter_parse(s, strlen(s), &m, &off, &err), FG_OK);
	assert_string_equal(s + off, "x");

	/* unclosed */
	s = "---\ntitle: x\n";
	assert_int_equal(fg_frontmatter_parse(s, strlen(s), &m, &off, &err), FG_E_INVAL);
	assert_string_equal(err.msg, "front matter not closed (opened at line 1)");
	fg_meta_fin(&m);

	/* invalid YAML */
	s = "---\ntitle: x\nbad: \"open\n---\n";
	assert_int_equal(fg_frontmatter_parse(s, strlen(s), &m, &off, &err), FG_E_INVAL);
	assert_non_null(strstr(err.msg, "invalid front matter at line"));
	fg_meta_fin(&m);
	s = "---\n- a\n- b\n---\n";
	assert_int_equal(fg_frontmatter_parse(s, strlen(s), &m, &off, &err), FG_E_INVAL);
	fg_meta_fin(&m);
}

static void test_number_lines(void **state)
{
	(void)state;
	static const struct {
		const char *line, *number;
	} ok[] = {
		{"晋政发〔2016〕12号", "晋政发〔2016〕12号"},
		{"国办发[2016]3号", "国办发[2016]3号"},
		{"示政发［2021］6号", "示政发［2021］6号"},
		{"青政办发（2014）37号", "青政办发（2014）37号"},
		{"青政办发(2014)第37号", "青政办发(2014)第37号"},
		{"　（示府发〔2021〕3号）", "示府发〔2021〕3号"},
		{"法释〔2021〕11号", "法释〔2021〕11号"},
		{"示政發〔2022〕15號", "示政發〔2022〕15號"},
		{"示例省人民政府令第3号", "示例省人民政府令第3号"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		size_t off = 0, n = 0;
		if (!fg_meta_number_line(ok[i].line, strlen(ok[i].line), &off, &n))
			fail_msg("not a 文号: %s", ok[i].line);
		assert_int_equal(n, strlen(ok[i].number));
		assert_memory_equal(ok[i].line + off, ok[i].number, n);
	}
	static const char *const no[] = {
		"（中发〔2015〕36号，以下简称《纲要》）", /* cited in a sentence */
		"根据晋政发〔2016〕12号文件精神",
		"晋政发〔16〕12号",     /* a two-digit year */
		"晋政发〔1850〕12号",   /* no such year */
		"晋政发〔2016〕号",     /* no number */
		"晋政发〔2016〕12345号", /* five digits */
		"晋政发2016年12号",
		"晋政发〔2016)12号",    /* brackets that do not pair */
		"ABC〔2016〕12号",      /* not Han */
		"〔2016〕12号",         /* no prefix */
		"国务院令第588号附件",
		"第12号",
		"",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (fg_meta_number_line(no[i], strlen(no[i]), NULL, NULL))
			fail_msg("taken as a 文号: %s", no[i]);
}

static void test_validity(void **state)
{
	(void)state;
	static const struct {
		const char *text, *effective, *published, *until;
	} ok[] = {
		{"本方案有效期5年。", NULL, "2021-03-15", "2026-03-14"},
		{"本方案自印发之日起施行，有效期5年。", "2021-04-01", "2021-03-15", "2026-03-14"},
		{"各地要抓好落实，本方案自印发之日起施行，有效期五年。", NULL, "2021-03-15", "2026-03-14"},
		{"本意见自2021年1月1日起施行，有效期至2025年12月31日。", NULL, NULL, "2025-12-31"},
		{"本实施方案的有效期为三年。", "2020-07-01", "2020-06-01", "2023-06-30"},
		{"本办法自2020年1月1日起施行，有效期2年。", NULL, "2019-12-01", "2021-12-31"},
		{"本措施有效期为2021年1月1日至2025年12月31日。", NULL, NULL, "2025-12-31"},
		{"本规定有效期限为3年。", "2019-05-01", NULL, "2022-04-30"},
		{"许可证有效期3年；本通知有效期至2030年6月30日止。", NULL, NULL, "2030-06-30"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char until[11] = "";
		if (!fg_meta_validity(ok[i].text, strlen(ok[i].text), ok[i].effective, ok[i].published, until))
			fail_msg("no validity in %s", ok[i].text);
		assert_string_equal(until, ok[i].until);
	}
	static const char *const no[] = {
		"许可证有效期为5年。",                               /* a licence's */
		"本办法所称许可证的有效期为3年。",                   /* the licence named by the document */
		"本办法自2020年1月1日起施行，许可证有效期3年。",     /* the clause speaks of a licence */
		"申请人应当在有效期届满前三十日申请延续。",
		"核发有效期为五年的许可证。",
		"本方案有效期5年以上。",
		"本方案有效期5年。", /* no date to count from (tested without dates) */
		"有效期至2025年12月31日。",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		char until[11] = "";
		if (fg_meta_validity(no[i], strlen(no[i]), NULL, NULL, until))
			fail_msg("validity %s taken from %s", until, no[i]);
	}
	const char *lic = "本办法所称许可证的有效期为3年。";
	char until[11];
	assert_false(fg_meta_validity(lic, strlen(lic), "2020-01-01", "2020-01-01", until));
	assert_true(fg_meta_effective_on_issue("本方案自印发之日起施行。", 36));
	assert_false(fg_meta_effective_on_issue("本方案自2021年1月1日起施行。", 40));
}

static fg_doc *parse_text(const char *s)
{
	fg_doc *d = NULL;
	fg_err err = {0};
	if (fg_doc_parse("t.txt", s, strlen(s), FG_FMT_TEXT, &d, &err) != FG_OK)
		fail_msg("parse: %s", err.msg);
	return d;
}

static void test_signature(void **state)
{
	(void)state;
	/* issuing bodies and date at the end, then a trailer */
	fg_doc *d = parse_text("示例县通知\n一、甲。\n二、乙。\n示例县人民政府\n示例县人民武装部\n二〇二一年三月十五日\n（此件公开发布）\n");
	assert_string_equal(d->meta.authority, "示例县人民政府、示例县人民武装部");
	assert_string_equal(d->meta.published, "2021-03-15");
	assert_int_equal(d->units[d->nunits - 1].kind, FG_UNIT_APPENDIX);
	fg_doc_free(d);
	/* the signature before the appendix */
	d = parse_text("示例县通知\n一、甲。\n二、乙。\n示例县财政局\n2022年1月5日\n附件\n表格一\n");
	assert_string_equal(d->meta.authority, "示例县财政局");
	assert_string_equal(d->meta.published, "2022-01-05");
	fg_doc_free(d);
	/* refusals: a date after a sentence, a date inside the body, a body line before a date, no date */
	static const char *const no[] = {
		"示例县通知\n一、甲。\n二、各地要抓好落实。\n2021年3月15日\n",
		"示例县通知\n一、甲。\n示例县人民政府\n2021年3月15日\n二、乙。\n",
		"示例县通知\n一、甲。\n二、乙。\n各级政府要切实加强组织领导\n2021年3月15日\n",
		"示例县通知\n一、甲。\n二、乙。\n示例县人民政府\n",
		"示例县通知\n一、甲。\n二、乙。\n示例县人民政府 印\n2021年3月15日\n",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		d = parse_text(no[i]);
		if (d->meta.authority || d->meta.published)
			fail_msg("signature taken from case %zu: %s %s", i, d->meta.authority ? d->meta.authority : "-",
				 d->meta.published ? d->meta.published : "-");
		fg_doc_free(d);
	}
	/* front matter wins over the text; the signature's date does not make 自公布之日起 a date when events give one */
	const char *fm = "---\nauthority: 甲机关\nnumber: 甲〔2020〕1号\n---\n# 标题\n\n示政发〔2021〕6号\n\n一、甲。\n\n二、乙。\n\n"
			 "示例省人民政府\n\n2021年3月15日\n";
	fg_doc *m = NULL;
	fg_err err = {0};
	assert_int_equal(fg_doc_parse("fm.md", fm, strlen(fm), FG_FMT_AUTO, &m, &err), FG_OK);
	assert_string_equal(m->meta.authority, "甲机关");
	assert_string_equal(m->meta.number, "甲〔2020〕1号");
	assert_string_equal(m->meta.published, "2021-03-15");
	fg_doc_free(m);
	const char *law = "# 示例条例\n\n2001年5月1日 通过\n\n<!-- INFO END -->\n\n第一条 本条例自公布之日起施行。\n";
	assert_int_equal(fg_doc_parse("law.md", law, strlen(law), FG_FMT_AUTO, &m, &err), FG_OK);
	assert_null(m->meta.effective);
	fg_doc_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocab),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_meta_set),
		cmocka_unit_test(test_frontmatter),
		cmocka_unit_test(test_number_lines),
		cmocka_unit_test(test_validity),
		cmocka_unit_test(test_signature),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
