/*
 * test_stopwords.c - stop list parsing, normalization on load, the
 * single-character bigram rule and load errors.
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

#include "text.h"

static const char list[] = "# stop words for tests\n"
			   "的\n"
			   "了  # trailing comment\n"
			   "\n"
			   "   \n"
			   "ＴＨＥ\n"
			   "\t and \r\n"
			   "應當\n"
			   "的\n"
			   "#不是\n"
			   "以及";

static const struct {
	const char *tok;
	int want;
} lookups[] = {
	{"的", 1},   {"了", 1},   {"the", 1},   {"and", 1},   {"应当", 1}, /* normalized on load */
	{"以及", 1}, {"的法", 1}, {"法的", 1},  {"了解", 1},  {"法律", 0},
	{"不是", 0}, {"以", 0},   {"及", 0},    {"以及其", 0}, {"th", 0},
	{"", 0},     {"a的", 0},  {"的的的", 0}, {"应", 0},
};

static void test_lookup(void **state)
{
	fg_stopwords *sw = fg_stopwords_from_text(list, strlen(list));
	(void)state;
	assert_int_equal(fg_stopwords_count(sw), 6);
	for (size_t i = 0; i < sizeof lookups / sizeof lookups[0]; i++)
		if (fg_stopwords_has(sw, lookups[i].tok, strlen(lookups[i].tok)) != lookups[i].want)
			fail_msg("has(%s) != %d", lookups[i].tok, lookups[i].want);
	fg_stopwords_free(sw);
}

static void test_null_and_empty(void **state)
{
	(void)state;
	assert_int_equal(fg_stopwords_has(NULL, "的", 3), 0);
	assert_int_equal(fg_stopwords_count(NULL), 0);
	fg_stopwords_free(NULL);
	fg_stopwords *sw = fg_stopwords_from_text("", 0);
	assert_int_equal(fg_stopwords_count(sw), 0);
	assert_int_equal(fg_stopwords_has(sw, "的", 3), 0);
	fg_stopwords_free(sw);
}

/* Many words: the table grows and keeps every word. */
static void test_grow(void **state)
{
	fg_buf b = {0};
	char w[32];
	(void)state;
	for (int i = 0; i < 5000; i++)
		fg_buf_printf(&b, "w%d\n", i);
	fg_stopwords *sw = fg_stopwords_from_text(b.data, b.len);
	assert_int_equal(fg_stopwords_count(sw), 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(w, sizeof w, "w%d", i);
		assert_true(fg_stopwords_has(sw, w, strlen(w)));
	}
	assert_false(fg_stopwords_has(sw, "w5000", 5));
	fg_stopwords_free(sw);
	fg_buf_free(&b);
}

static void test_load(void **state)
{
	char path[] = "/tmp/fg_stopwords_XXXXXX";
	int fd = mkstemp(path);
	fg_stopwords *sw = (fg_stopwords *)1;
	fg_err err;
	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, list, strlen(list)), (ssize_t)strlen(list));
	close(fd);
	assert_int_equal(fg_stopwords_load(path, &sw, &err), FG_OK);
	assert_int_equal(fg_stopwords_count(sw), 6);
	assert_true(fg_stopwords_has(sw, "应当", 6));
	fg_stopwords_free(sw);
	unlink(path);

	sw = (fg_stopwords *)1;
	assert_int_equal(fg_stopwords_load("/nonexistent/stop.txt", &sw, &err), FG_E_IO);
	assert_null(sw);
	assert_int_equal(err.code, FG_E_IO);
	assert_string_equal(err.msg, "cannot open /nonexistent/stop.txt: No such file or directory");
	assert_int_equal(fg_stopwords_load("/nonexistent/stop.txt", &sw, NULL), FG_E_IO);
	/* A directory opens but cannot be read. */
	assert_int_equal(fg_stopwords_load("/", &sw, &err), FG_E_IO);
	assert_null(sw);
	assert_string_equal(err.msg, "cannot read /: Is a directory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
