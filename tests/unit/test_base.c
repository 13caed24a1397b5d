/*
 * test_base.c - the base layer's shared helpers: the one date validator and
 * date arithmetic, and comma-separated lists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base.h"

static void test_date_valid(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int ok;
	} cases[] = {
		{"2024-02-29", 1}, {"2023-02-29", 0}, {"2000-02-29", 1}, {"1900-02-29", 0}, {"2024-02-31", 0},
		{"2024-04-31", 0}, {"2024-12-31", 1}, {"2024-13-01", 0}, {"2024-00-10", 0}, {"2024-01-00", 0},
		{"2024-99-99", 0}, {"2024-1-01", 0},  {"2024/01/01", 0}, {"20240101", 0},   {"0999-01-01", 0},
		{"", 0},           {"2024-01-01 ", 0}, {"２０２４-01-01", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (fg_date_valid(cases[i].s) != cases[i].ok)
			fail_msg("fg_date_valid(\"%s\") != %d", cases[i].s, cases[i].ok);
	}
	assert_false(fg_date_valid(NULL));
}

static void test_date_arith(void **state)
{
	(void)state;
	char out[11], c[9];
	assert_true(fg_date_add("2020-02-29", 1, 0, out));
	assert_string_equal(out, "2021-02-28");
	assert_true(fg_date_add("2020-01-31", 0, 1, out));
	assert_string_equal(out, "2020-02-01");
	assert_true(fg_date_add("2021-01-01", 5, -1, out));
	assert_string_equal(out, "2025-12-31");
	assert_true(fg_date_add("2024-03-01", -10, 0, out));
	assert_string_equal(out, "2014-03-01");
	assert_false(fg_date_add("2024-02-30", 0, 1, out));
	assert_string_equal(out, "");
	fg_date_compact("2024-03-05", c);
	assert_string_equal(c, "20240305");
	fg_date_compact("2024", c);
	assert_string_equal(c, "");
	assert_int_equal(fg_date_days_in(2024, 2), 29);
	assert_int_equal(fg_date_days_in(2100, 2), 28);
	assert_int_equal(fg_date_days_in(2024, 13), 0);
}

static void test_list(void **state)
{
	(void)state;
	const char *p = " 现行有效 , 已修改,,x ,", *item;
	size_t n;
	const char *want[] = {"现行有效", "已修改", "", "x"};
	size_t k = 0;
	while (fg_list_next(&p, &item, &n)) {
		assert_true(k < 4);
		assert_int_equal(n, strlen(want[k]));
		assert_memory_equal(item, want[k], n);
		k++;
	}
	assert_int_equal(k, 4);
	p = NULL;
	assert_false(fg_list_next(&p, &item, &n));
	p = "";
	assert_false(fg_list_next(&p, &item, &n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_date_arith),
		cmocka_unit_test(test_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
