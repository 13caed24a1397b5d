/*
 * test_meta.c - vocabularies, dates, fields by key and YAML front matter.
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocab),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_meta_set),
		cmocka_unit_test(test_frontmatter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
