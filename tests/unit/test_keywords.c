/*
 * test_keywords.c - article keyword files (lib/keywords.c): several files in
 * one directory, rule names reduced as fg_rule_name does, labels with
 * 之一, the "published" guard with an any-version fallback, the hash, and
 * every load error (missing directory, no rule line, bad label, bad date,
 * invalid UTF-8); entries of one article in several files (and in one) add
 * up, in load order, per version; a thousand entries.
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

#include "fagui.h"

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void rm(const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/fagui-kw.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rmdir(dir);
	return 0;
}

static void test_find(void **state)
{
	(void)state;
	put("a.tsv", "# comment\n"
		     "rule\t中华人民共和国示例法\n"
		     "第一条\t狗咬人,遛狗\n"
		     "第十条之一\t犯困\r\n"
		     "\n"
		     "rule\t示例条例（2020年修订）\n"
		     "published\t2020-01-01\n"
		     "第二条\t新版\n");
	put("b.tsv", "rule\t示例条例\n"
		     "第二条\t任何版本\n");
	put("ignored.txt", "not a keyword file\n");
	fg_keywords *kw = NULL;
	fg_err err = {0};
	assert_int_equal(fg_keywords_load(dir, &kw, &err), FG_OK);
	assert_int_equal(fg_keywords_count(kw), 4);
	assert_true(fg_keywords_hash(kw) != 0);
	char *rule = fg_rule_name("中华人民共和国示例法");
	/* commas become spaces: no bigram spans two words */
	assert_string_equal(fg_keywords_find(kw, rule, NULL, 1, 0), "狗咬人 遛狗");
	assert_string_equal(fg_keywords_find(kw, rule, NULL, 10, 1), "犯困");
	assert_null(fg_keywords_find(kw, rule, NULL, 10, 0));
	assert_null(fg_keywords_find(kw, rule, NULL, 2, 0));
	free(rule);
	rule = fg_rule_name("示例条例");
	assert_string_equal(fg_keywords_find(kw, rule, "2020-01-01", 2, 0), "新版");
	assert_string_equal(fg_keywords_find(kw, rule, "2015-06-30", 2, 0), "任何版本");
	assert_string_equal(fg_keywords_find(kw, rule, NULL, 2, 0), "任何版本");
	free(rule);
	assert_null(fg_keywords_find(kw, "其他法", NULL, 1, 0));
	assert_null(fg_keywords_find(NULL, "其他法", NULL, 1, 0));
	fg_keywords_free(kw);
	rm("a.tsv");
	rm("b.tsv");
	rm("ignored.txt");

	/* an empty directory: no keywords, hash 0 */
	assert_int_equal(fg_keywords_load(dir, &kw, &err), FG_OK);
	assert_int_equal(fg_keywords_count(kw), 0);
	assert_int_equal(fg_keywords_hash(kw), 0);
	fg_keywords_free(kw);
}

static void test_merge(void **state)
{
	(void)state;
	put("a.tsv", "rule\t中华人民共和国示例法\n"
		     "第一条\t遛狗\n"
		     "第一条\t狗绳\n"
		     "published\t2020-01-01\n"
		     "第一条\t新版\n");
	put("b.tsv", "rule\t示例法\n"
		     "第一条\t被狗咬\n"
		     "published\t2020-01-01\n"
		     "第一条\t新版二\n");
	fg_buf big = {0};
	fg_buf_printf(&big, "rule\t大法\n");
	for (int i = 1; i <= 1000; i++)
		fg_buf_printf(&big, "第%d条\t词%d\n", i, i);
	put("c.tsv", big.data);
	fg_buf_free(&big);
	fg_keywords *kw = NULL;
	fg_err err = {0};
	assert_int_equal(fg_keywords_load(dir, &kw, &err), FG_OK);
	assert_int_equal(fg_keywords_count(kw), 1002); /* 示例法 第一条 any version, 2020 version; 大法 1000 */
	char *rule = fg_rule_name("示例法");
	assert_string_equal(fg_keywords_find(kw, rule, NULL, 1, 0), "遛狗 狗绳 被狗咬");
	assert_string_equal(fg_keywords_find(kw, rule, "2020-01-01", 1, 0), "新版 新版二");
	free(rule);
	rule = fg_rule_name("大法");
	assert_string_equal(fg_keywords_find(kw, rule, NULL, 1, 0), "词1");
	assert_string_equal(fg_keywords_find(kw, rule, NULL, 1000, 0), "词1000");
	free(rule);
	fg_keywords_free(kw);
	rm("a.tsv");
	rm("b.tsv");
	rm("c.tsv");
}

static void test_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *msg;
	} cases[] = {
		{"第一条\t词\n", "before the 'rule"},
		{"rule\t法\n第一\t词\n", "not an article label"},
		{"rule\t法\n第一条 和\t词\n", "not an article label"},
		{"rule\t法\n第一条\n", "expected 'label<TAB>words'"},
		{"rule\t法\npublished\t2020\n", "YYYY-MM-DD"},
		{"rule\t法\n第一条\t\xff\xfe\n", "not valid UTF-8"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		put("bad.tsv", cases[i].text);
		fg_keywords *kw = NULL;
		fg_err err = {0};
		assert_int_equal(fg_keywords_load(dir, &kw, &err), FG_E_INVAL);
		assert_null(kw);
		if (!strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: message '%s' lacks '%s'", i, err.msg, cases[i].msg);
		if (!strstr(err.msg, "bad.tsv:"))
			fail_msg("case %zu: message '%s' lacks the file", i, err.msg);
	}
	rm("bad.tsv");
	fg_keywords *kw = NULL;
	fg_err err = {0};
	assert_int_equal(fg_keywords_load("/nonexistent/fagui-kw", &kw, &err), FG_E_IO);
	assert_non_null(strstr(err.msg, "cannot open"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
