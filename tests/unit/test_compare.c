/*
 * test_compare.c - the changed spans of the 新旧对照 (compare_diff.c): words
 * and phrases, not single characters. Each case gives two texts and both
 * marked: [-deleted-] in the old one, {+inserted+} in the new one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "versions_int.h"

static const struct {
	const char *a, *b;
	const char *ma, *mb; /* expected markings */
} cases[] = {
	/* a character shared by two rewritten phrases (评审) is not kept apart; a clause slides to after the comma */
	{"评审员在执行评审职务时，与审查员有同等的权利。", "评审员在参加审查活动时，除本办法另有规定外，与审查员有同等的权利。",
	 "评审员在[-执行评审职务-]时，与审查员有同等的权利。",
	 "评审员在{+参加审查活动+}时，{+除本办法另有规定外，+}与审查员有同等的权利。"},
	/* numbers in Chinese numerals are whole */
	{"处二千元以上一万元以下罚款", "处五千元以上三万元以下罚款", "处[-二千-]元以上[-一万-]元以下罚款",
	 "处{+五千+}元以上{+三万+}元以下罚款"},
	{"依照本办法第二百零六条的规定", "依照本办法第二百一十条的规定", "依照本办法第[-二百零六-]条的规定",
	 "依照本办法第{+二百一十+}条的规定"},
	{"在二小时内报告", "在一小时内报告", "在[-二-]小时内报告", "在{+一+}小时内报告"},
	/* digits and Latin words are whole (1.5万 is one number) */
	{"自2012年9月1日起施行", "自2021年9月1日起施行", "自[-2012-]年9月1日起施行", "自{+2021+}年9月1日起施行"},
	{"以PDF格式报送，限额1.5万元", "以OFD格式报送，限额12.5万元", "以[-PDF-]格式报送，限额[-1.5万-]元",
	 "以{+OFD+}格式报送，限额{+12.5万+}元"},
	/* list items inserted whole, with their 、 */
	{"适用于书记员、翻译人员", "适用于法官助理、书记员、司法技术人员、翻译人员", "适用于书记员、翻译人员",
	 "适用于{+法官助理、+}书记员、{+司法技术人员、+}翻译人员"},
	/* a clause mark is never folded into the edits around it */
	{"水行政、卫生、环境保护、价格等部门", "水行政、卫生健康、生态环境、发展改革等部门",
	 "水行政、卫生、[-环境保护-]、[-价格-]等部门", "水行政、卫生{+健康+}、{+生态环境+}、{+发展改革+}等部门"},
	{"由建设行政主管部门负责", "由住房和城乡建设主管部门负责", "由[-建设行政-]主管部门负责",
	 "由{+住房和城乡建设+}主管部门负责"},
	/* a sentence added at the end, a paragraph joined */
	{"统筹安排其他用水。", "统筹安排其他用水。节约用水依照有关规定执行。", "统筹安排其他用水。",
	 "统筹安排其他用水。{+节约用水依照有关规定执行。+}"},
	{"向法院提出。\n申请书应当写明理由。", "向法院提出。申请书应当写明理由。", "向法院提出。[-\n-]申请书应当写明理由。",
	 "向法院提出。申请书应当写明理由。"},
	/* nothing in common, one side empty, equal texts */
	{"甲", "乙", "[-甲-]", "{+乙+}"},
	{"", "新增的款", "", "{+新增的款+}"},
	{"相同的文字。", "相同的文字。", "相同的文字。", "相同的文字。"},
};

/* text with spans v[0..n) (pairs, shifted by base) marked by open/close. */
static char *marked(const char *text, const size_t *v, size_t n, size_t base, const char *open, const char *close)
{
	size_t len = strlen(text), at = 0;
	char *out = calloc(len + n * 8 + 1, 1);
	for (size_t i = 0; i < n; i++) {
		size_t s = v[2 * i] - base, e = v[2 * i + 1] - base;
		assert_true(s >= at && s < e && e <= len);
		strncat(out, text + at, s - at);
		strcat(out, open);
		strncat(out, text + s, e - s);
		strcat(out, close);
		at = e;
	}
	strcat(out, text + at);
	return out;
}

static void test_spans(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		fg_cmp_row row;
		memset(&row, 0, sizeof row);
		/* the texts sit after a label in their unit: offsets are shifted by the label's length */
		fg_diff_spans(cases[k].a, strlen(cases[k].a), 7, cases[k].b, strlen(cases[k].b), 10, &row);
		char *ma = marked(cases[k].a, row.a_spans, row.na, 7, "[-", "-]");
		char *mb = marked(cases[k].b, row.b_spans, row.nb, 10, "{+", "+}");
		if (strcmp(ma, cases[k].ma) || strcmp(mb, cases[k].mb))
			print_error("case %zu:\n  got  %s\n       %s\n  want %s\n       %s\n", k, ma, mb, cases[k].ma,
				    cases[k].mb);
		assert_string_equal(ma, cases[k].ma);
		assert_string_equal(mb, cases[k].mb);
		free(ma);
		free(mb);
		free(row.a_spans);
		free(row.b_spans);
	}
}

/* Texts too long for the table: the whole middle is one span, and nothing is lost. */
static void test_long(void **state)
{
	(void)state;
	size_t n = 3000;
	char *a = malloc(3 * n + 1), *b = malloc(3 * n + 1);
	for (size_t i = 0; i < n; i++) {
		memcpy(a + 3 * i, i % 7 ? "甲" : "乙", 3);
		memcpy(b + 3 * i, i % 5 ? "甲" : "丙", 3);
	}
	a[3 * n] = b[3 * n] = '\0';
	fg_cmp_row row;
	memset(&row, 0, sizeof row);
	fg_diff_spans(a, 3 * n, 0, b, 3 * n, 0, &row);
	assert_int_equal(row.na, 1);
	assert_int_equal(row.nb, 1);
	assert_true(row.a_spans[0] == 0 && row.a_spans[1] > 3 * (n - 10));
	assert_true(row.b_spans[0] == 0 && row.b_spans[1] > 3 * (n - 10));
	free(row.a_spans);
	free(row.b_spans);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
