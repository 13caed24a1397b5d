/*
 * test_catalogue_list.c - the catalogue's pure parts (catalogue_list.h):
 * region filters by hierarchy (a province holds its cities, a city is
 * found by its name with or without 市), and
 * the CSV and TSV of a page (BOM, Chinese header, RFC 4180 quoting, CRLF,
 * no BOM and no tabs inside TSV values).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fagui.h"

static void test_region_match(void **state)
{
	(void)state;
	static const struct {
		const char *region, *want;
		int match;
	} cases[] = {
		{"示例省", "示例省", 1},	   {"示例省白河市", "示例省", 1},  {"示例省云岭瑶族自治县", "示例省", 1},
		{"示例省白河市", "示例", 1},	   {"示例省白河市", "白河市", 1},  {"示例省白河市", "白河", 1},
		{"示例省白河市", "示例省白河市", 1}, {"示例省", "示例省白河市", 0}, {"山东省济南市", "济南市", 1}, {"示例省青川市", "白河市", 0},
		{"全国", "全国", 1},		   {"全国", "示例省", 0},	   {"示例省", "全国", 0},
		{"山东", "山东省", 1},		   {"山东", "山东", 1},	   {"山东济南市", "济南", 1},
		{"示例省白河南区", "河南", 1} /* a name inside another: documented */,	   {"河南", "河南省", 1},	   {"北京", "北京市", 1},
		{"沙市", "沙市", 1},		   {"", "示例省", 0},		   {"示例省", "", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(fg_catalogue_region_match(cases[i].region, cases[i].want), cases[i].match);
	assert_int_equal(fg_catalogue_region_match(NULL, "示例省"), 0);
}

static fg_catalogue_page *one_row(void)
{
	fg_catalogue_page *p = calloc(1, sizeof *p);
	p->total = 1;
	p->n = 1;
	p->docs = calloc(1, sizeof *p->docs);
	fg_catalogue_doc *d = p->docs;
	d->id = strdup("SL-1");
	d->title = strdup("关于\"放管服\"改革,第二批");
	d->number = strdup("示发\t〔2025〕1号\n附");
	d->authority = strdup("示例省人民政府");
	d->level = strdup("规范性文件");
	d->status = strdup("现行有效");
	d->region = strdup("示例省");
	d->published = strdup("2025-01-15");
	d->effective = strdup("");
	d->expires = strdup("");
	d->articles = 12;
	return p;
}

static void test_table(void **state)
{
	(void)state;
	fg_catalogue_page *p = one_row();
	char *csv = fg_catalogue_table(p, 0);
	assert_string_equal(csv, "\xEF\xBB\xBF编号,标题,文号,制定机关,效力级别,时效性,地区,公布日期,施行日期,有效期至,条数\r\n"
				 "SL-1,\"关于\"\"放管服\"\"改革,第二批\",\"示发\t〔2025〕1号\n附\",示例省人民政府,规范性文件,"
				 "现行有效,示例省,2025-01-15,,,12\r\n");
	char *tsv = fg_catalogue_table(p, 1);
	assert_string_equal(tsv, "编号\t标题\t文号\t制定机关\t效力级别\t时效性\t地区\t公布日期\t施行日期\t有效期至\t条数\n"
				 "SL-1\t关于\"放管服\"改革,第二批\t示发 〔2025〕1号 附\t示例省人民政府\t规范性文件\t现行有效\t"
				 "示例省\t2025-01-15\t\t\t12\n");
	char *json = fg_catalogue_json(p, 0);
	assert_non_null(strstr(json, "\"articles\":12"));
	assert_non_null(strstr(json, "\"total\":1"));
	free(csv);
	free(tsv);
	free(json);
	fg_catalogue_page_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_match),
		cmocka_unit_test(test_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
