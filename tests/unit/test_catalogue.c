/*
 * test_catalogue.c - loading the catalogue TSV, lookups by path, status
 * derivation from versions and explicit status columns, malformed rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "doc.h"

static char tmpl[64];

static const char *write_tmp(const char *content)
{
	strcpy(tmpl, "/tmp/fg-test-cat-XXXXXX");
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	size_t n = strlen(content);
	assert_int_equal(write(fd, content, n), (ssize_t)n);
	close(fd);
	return tmpl;
}

static const char real_layout[] =
	"path\tname\tlevel\tregion\tcategory\tpublished\tvalid_from\texpired\tversion\n"
	"示例/河道条例(2010-01-01).md\t河道条例\t地方性法规\t示例省\t水利\t2010-01-01\t2010-03-01\t0\t1\n"
	"示例/河道条例(2015-06-01).md\t河道条例\t地方性法规\t示例省\t水利\t2015-06-01\t\t0\t2\n"
	"示例/河道条例.md\t河道条例\t地方性法规\t示例省\t水利\t2020-06-01\t2020-09-01\t0\t3\n"
	"示例/旧办法.md\t旧办法\t宪法相关法\t全国\t其他\t1990-01-01\t\t1\t1\n"
	"示例/新旧(2001-01-01).md\t新旧规定\t行政法规\t全国\t其他\t2001-01-01\t\t1\t1\n"
	"示例/新旧.md\t新旧规定\t行政法规\t全国\t其他\t2005-01-01\t\t1\t2\n"
	"示例/将来.md\t将来条例\t法律\t全国\t其他\t2999-01-01\t2999-06-01\t0\t1\n"
	"bad row without enough columns\n"
	"\t空路径\t法律\t全国\t其他\t2001-01-01\t\t0\t1\n"
	"\n"
	"./示例//重复.md\t重复\t法律\t全国\t其他\t2001-01-01\t\t0\t1\n"
	"示例/重复.md\t重复\t法律\t全国\t其他\t2001-01-01\t\t0\t1\n";

static void test_real_layout(void **state)
{
	(void)state;
	fg_catalogue *c = NULL;
	fg_err err = {0};
	const char *p = write_tmp(real_layout);
	assert_int_equal(fg_catalogue_load(p, &c, &err), FG_OK);
	unlink(p);
	assert_int_equal(fg_catalogue_count(c), 8);
	assert_int_equal(fg_catalogue_skipped(c), 3);
	static const struct {
		const char *path, *status, *level;
	} want[] = {
		{"示例/河道条例(2010-01-01).md", FG_STATUS_AMENDED, "地方性法规"},
		{"./示例/河道条例(2015-06-01).md", FG_STATUS_AMENDED, "地方性法规"},
		{"示例/河道条例.md", FG_STATUS_IN_FORCE, "地方性法规"},
		{"示例/旧办法.md", FG_STATUS_INVALID, "法律"},
		{"示例/新旧(2001-01-01).md", FG_STATUS_AMENDED, "行政法规"},
		{"示例/新旧.md", FG_STATUS_INVALID, "行政法规"},
		{"示例/将来.md", FG_STATUS_PENDING, "法律"},
		{"示例/重复.md", FG_STATUS_IN_FORCE, "法律"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const fg_meta *m = fg_catalogue_find(c, want[i].path);
		if (!m)
			fail_msg("no entry for %s", want[i].path);
		assert_string_equal(m->status, want[i].status);
		assert_string_equal(m->level, want[i].level);
	}
	const fg_meta *m = fg_catalogue_find(c, "示例/河道条例.md");
	assert_string_equal(m->title, "河道条例");
	assert_string_equal(m->published, "2020-06-01");
	assert_string_equal(m->effective, "2020-09-01");
	assert_string_equal(m->region, "示例省");
	assert_int_equal(m->version, 3);
	assert_null(fg_catalogue_find(c, "示例/没有.md"));
	assert_string_equal(fg_catalogue_path(c, 0), "示例/河道条例(2010-01-01).md");
	assert_non_null(fg_catalogue_meta(c, 7));
	assert_null(fg_catalogue_meta(c, 8));
	assert_null(fg_catalogue_path(c, 8));
	fg_catalogue_free(c);
	fg_catalogue_free(NULL);
}

static void test_extended(void **state)
{
	(void)state;
	const char *tsv = "path\tname\tlevel\tregion\tcategory\tpublished\tvalid_from\texpired\tversion\tid\tnumber\t"
			  "authority\tstatus\texpires\r\n"
			  "a.md\t甲办法\t政府规章\t示例市\t其他\t2010-01-01\t\t0\t1\tSX-1\t示府令第1号\t示例市人民政府\t废止\t\r\n"
			  "b.md\t甲办法\t政府规章\t示例市\t其他\t2000-01-01\t\t0\t1\tSX-0\t\t\t\t2003-01-01\r\n"
			  "c.md\t乙办法\t规范性文件\t示例市\t其他\t2010-01-01\t\t0\t1\t\t\t\t胡说\t\r\n";
	const char *p = write_tmp(tsv);
	fg_catalogue *c;
	assert_int_equal(fg_catalogue_load(p, &c, NULL), FG_OK);
	unlink(p);
	assert_int_equal(fg_catalogue_count(c), 2);
	assert_int_equal(fg_catalogue_skipped(c), 1); /* unknown status */
	const fg_meta *a = fg_catalogue_find(c, "a.md"), *b = fg_catalogue_find(c, "b.md");
	assert_string_equal(a->status, FG_STATUS_REPEALED); /* explicit status wins */
	assert_string_equal(a->id, "SX-1");
	assert_string_equal(a->number, "示府令第1号");
	assert_string_equal(a->authority, "示例市人民政府");
	assert_string_equal(a->level, "地方政府规章");
	assert_string_equal(b->status, FG_STATUS_AMENDED); /* older version of 甲办法 */
	assert_string_equal(b->expires, "2003-01-01");
	fg_catalogue_free(c);
}

static void test_errors(void **state)
{
	(void)state;
	fg_catalogue *c = (fg_catalogue *)1;
	fg_err err = {0};
	assert_int_equal(fg_catalogue_load("/nonexistent/catalogue.tsv", &c, &err), FG_E_IO);
	assert_null(c);
	const char *p = write_tmp("name\tlevel\n甲\t法律\n");
	assert_int_equal(fg_catalogue_load(p, &c, &err), FG_E_INVAL);
	assert_non_null(strstr(err.msg, "path"));
	unlink(p);
	p = write_tmp("path\tname\nonly-one-column\n\t\t\t\n");
	assert_int_equal(fg_catalogue_load(p, &c, &err), FG_E_INVAL);
	assert_non_null(strstr(err.msg, "no valid rows"));
	unlink(p);
	p = write_tmp("");
	assert_int_equal(fg_catalogue_load(p, &c, &err), FG_E_INVAL);
	unlink(p);
	p = write_tmp("path\tname\n");
	assert_int_equal(fg_catalogue_load(p, &c, &err), FG_OK);
	assert_int_equal(fg_catalogue_count(c), 0);
	assert_null(fg_catalogue_find(c, "x"));
	fg_catalogue_free(c);
	unlink(p);
}

/* Many rows: the hash table grows and every path is found. */
static void test_many(void **state)
{
	(void)state;
	fg_buf b = {0};
	fg_buf_puts(&b, "path\tname\tpublished\n");
	for (int i = 0; i < 5000; i++)
		fg_buf_printf(&b, "dir/%d.md\t条例%d\t2001-01-01\n", i, i);
	const char *p = write_tmp(b.data);
	fg_buf_free(&b);
	fg_catalogue *c;
	assert_int_equal(fg_catalogue_load(p, &c, NULL), FG_OK);
	unlink(p);
	assert_int_equal(fg_catalogue_count(c), 5000);
	for (int i = 0; i < 5000; i++) {
		char path[64], name[64];
		snprintf(path, sizeof path, "./dir/%d.md", i);
		snprintf(name, sizeof name, "条例%d", i);
		const fg_meta *m = fg_catalogue_find(c, path);
		assert_non_null(m);
		assert_string_equal(m->title, name);
		assert_string_equal(m->status, FG_STATUS_IN_FORCE);
	}
	fg_catalogue_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_layout),
		cmocka_unit_test(test_extended),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
