/*
 * test_conflict.c - extracting fine amounts, time limits and modal words,
 * and comparing two provisions (the corpus's planted conflicts C1-C4 and its
 * consistent pairs); with a known hierarchy (fg_conflict_compare_sup): one
 * direction per pair, fines paired one to one (for individuals with
 * individuals, the same amount first), a lower fine inside the superior's
 * range being no finding, one outside it on both sides being one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conflict.h"

static char *span(const char *s, size_t a, size_t b)
{
	static char buf[4][256];
	static int k;
	char *out = buf[k++ & 3];
	size_t n = b - a < 255 ? b - a : 255;
	memcpy(out, s + a, n);
	out[n] = '\0';
	return out;
}

static const struct {
	const char *text;
	size_t n;          /* amounts found */
	double lo, hi;     /* of the first */
	const char *span;  /* of the first */
} amounts[] = {
	{"由城市供水主管部门责令限期改正，处二千元以上一万元以下罚款；造成供水设施损坏的，依法承担赔偿责任。", 1, 2000,
	 10000, "二千元以上一万元以下"},
	{"处五千元以上三万元以下罚款", 1, 5000, 30000, "五千元以上三万元以下"},
	{"处三万元以上十万元以下罚款；拒不执行的", 1, 30000, 100000, "三万元以上十万元以下"},
	{"可以处5000元以下罚款", 1, 0, 5000, "5000元以下"},
	{"处十万元以上罚款", 1, 100000, -1, "十万元以上"},
	{"处二百元罚款", 1, 200, 200, "二百元"},
	{"对单位处一万元以上五万元以下罚款，对个人处五百元以上二千元以下罚款", 2, 10000, 50000, "一万元以上五万元以下"},
	{"收取接水工程费二千元", 0, 0, 0, NULL},           /* not a fine */
	{"第二十七条 擅自接管取水的", 0, 0, 0, NULL},
	{"", 0, 0, 0, NULL},
};

static void test_amounts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
		fg_amount a[8];
		const char *t = amounts[i].text;
		size_t n = fg_extract_amounts(t, strlen(t), a, 8);
		if (n != amounts[i].n)
			fail_msg("%s: %zu amounts, want %zu", t, n, amounts[i].n);
		if (!n)
			continue;
		if (a[0].lo != amounts[i].lo || a[0].hi != amounts[i].hi)
			fail_msg("%s: [%g, %g], want [%g, %g]", t, a[0].lo, a[0].hi, amounts[i].lo, amounts[i].hi);
		assert_string_equal(span(t, a[0].start, a[0].end), amounts[i].span);
	}
}

static const struct {
	const char *text;
	size_t n;
	double hours;
	const char *span;
} times[] = {
	{"原物业服务企业应当在十五日内退出物业管理区域", 1, 360, "十五日内"},
	{"应当在三十日内退出", 1, 720, "三十日内"},
	{"重大事故隐患应当在发现后三日内向安全生产监督管理部门报告", 1, 72, "三日内"},
	{"重大事故隐患应当在发现后二十四小时内向县安全生产监督管理局报告", 1, 24, "二十四小时内"},
	{"应当自受理申请之日起十五个工作日内作出决定", 1, 15 * 24.0 * 7 / 5, "十五个工作日内"},
	{"在二个月以内", 1, 1440, "二个月以内"},
	{"有效期五年", 0, 0, NULL},                         /* a validity period, not a limit */
	{"可以延长十日", 0, 0, NULL},
	{"2021年5月28日通过", 0, 0, NULL},
	{"第十日前", 0, 0, NULL},                           /* an ordinal day */
	{"每月至少组织一次排查", 0, 0, NULL},
};

static void test_times(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
		fg_timelimit t[8];
		const char *s = times[i].text;
		size_t n = fg_extract_times(s, strlen(s), t, 8);
		if (n != times[i].n)
			fail_msg("%s: %zu time limits, want %zu", s, n, times[i].n);
		if (!n)
			continue;
		if (t[0].hours < times[i].hours - 1e-6 || t[0].hours > times[i].hours + 1e-6)
			fail_msg("%s: %g hours, want %g", s, t[0].hours, times[i].hours);
		assert_string_equal(span(s, t[0].start, t[0].end), times[i].span);
	}
}

static const struct {
	const char *text;
	size_t n;
	int cls;              /* of the first */
	const char *word;     /* the modal word */
	const char *pred;     /* its predicate */
} modals[] = {
	{"食品小作坊和食品摊贩可以投保食品安全责任保险。", 1, FG_MODAL_PERMIT, "可以", "投保食品安全责任保险"},
	{"食品小作坊和食品摊贩应当投保食品安全责任保险。", 1, FG_MODAL_OBLIGE, "应当", "投保食品安全责任保险"},
	{"物业服务企业不得以停止供水的方式催交物业费", 1, FG_MODAL_PROHIBIT, "不得", "以停止供水的方式催交物业费"},
	{"禁止在饮用水水源保护区内设置排污口", 1, FG_MODAL_PROHIBIT, "禁止", "在饮用水水源保护区内设置排污口"},
	{"提倡驾驶人佩戴安全头盔；必须遵守", 2, FG_MODAL_ENCOURAGE, "提倡", "驾驶人佩戴安全头盔"},
	{"县级以上人民政府负责", 0, 0, NULL, NULL},
};

static void test_modals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof modals / sizeof modals[0]; i++) {
		fg_modal m[8];
		const char *s = modals[i].text;
		size_t n = fg_extract_modals(s, strlen(s), m, 8);
		if (n != modals[i].n)
			fail_msg("%s: %zu modal words, want %zu", s, n, modals[i].n);
		if (!n)
			continue;
		assert_int_equal(m[0].cls, modals[i].cls);
		assert_string_equal(span(s, m[0].start, m[0].end), modals[i].word);
		assert_string_equal(span(s, m[0].end, m[0].pend), modals[i].pred);
	}
}

/* Pairs of provisions: what the comparison must find. */
static const struct {
	const char *name;
	const char *a, *alevel, *b, *blevel;
	int type;             /* first finding's type, -1 for none */
	const char *aspan, *bspan;
	int stricter;
	int level;            /* a FG_CONFLICT_LEVEL finding is expected */
} pairs[] = {
	{"C1 fine", "擅自在城市公共供水管道上直接装泵抽水或者接管取水的，由城市供水主管部门责令限期改正，处五千元以上三万元以下罚款；",
	 "地方性法规",
	 "擅自在城市公共供水管道上直接装泵抽水或者接管取水的，依照《示例省城市供水条例》第二十七条的规定，由市城市供水主管部门责令限期改正，处二千元以上一万元以下罚款；",
	 "地方政府规章", FG_CONFLICT_AMOUNT, "五千元以上三万元以下", "二千元以上一万元以下", -1, 1},
	{"C2 time", "物业服务合同终止的，原物业服务企业应当在十五日内退出物业管理区域", "地方性法规",
	 "物业服务合同终止的，原物业服务企业应当在三十日内退出物业管理区域", "地方政府规章", FG_CONFLICT_TIME, "十五日内",
	 "三十日内", -1, 1},
	{"C3 modality", "食品小作坊和食品摊贩可以投保食品安全责任保险。县级以上人民政府鼓励保险机构开发适合食品小作坊和食品摊贩的保险产品。",
	 "地方性法规", "食品小作坊和食品摊贩应当投保食品安全责任保险。食品生产企业和餐饮服务提供者应当按照本办法的规定投保食品安全责任保险。",
	 "规范性文件", FG_CONFLICT_MODALITY, "可以投保食品安全责任保险", "应当投保食品安全责任保险", 1, 1},
	{"C4 time", "重大事故隐患应当在发现后三日内向安全生产监督管理部门报告。", "地方性法规",
	 "重大事故隐患应当在发现后二十四小时内向县安全生产监督管理局报告。", "规范性文件", FG_CONFLICT_TIME, "三日内",
	 "二十四小时内", 1, 1},
	{"same limit", "原物业服务企业应当在十五日内退出物业管理区域", "地方性法规",
	 "原物业服务企业应当在十五日内退出物业管理区域，并依照规定办理交接", "规范性文件", -1, NULL, NULL, 0, 0},
	{"same prohibition", "物业服务企业不得以停止供水的方式催交物业费", "地方性法规",
	 "物业服务企业不得以停止供水、供电的方式催交物业费", "地方政府规章", -1, NULL, NULL, 0, 0},
	{"draft without level", "应当在三十日内退出", "", "应当在十五日内退出", "地方性法规", FG_CONFLICT_TIME, "三十日内",
	 "十五日内", 1, 0},
	{"unrelated", "县级以上人民政府负责本行政区域的供水工作", "地方性法规", "本条例自2021年10月1日起施行", "地方性法规",
	 -1, NULL, NULL, 0, 0},
};

static void test_compare(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		fg_conflict c[8];
		const char *a = pairs[i].a, *b = pairs[i].b;
		size_t n = fg_conflict_compare(a, strlen(a), pairs[i].alevel, b, strlen(b), pairs[i].blevel, c, 8);
		if (pairs[i].type < 0) {
			if (n)
				fail_msg("%s: %zu findings, want none (first: %s)", pairs[i].name, n, c[0].note);
			continue;
		}
		if (n == 0)
			fail_msg("%s: no finding", pairs[i].name);
		assert_int_equal(c[0].type, pairs[i].type);
		assert_string_equal(span(a, c[0].a_start, c[0].a_end), pairs[i].aspan);
		assert_string_equal(span(b, c[0].b_start, c[0].b_end), pairs[i].bspan);
		assert_int_equal(c[0].stricter, pairs[i].stricter);
		int level = 0;
		for (size_t k = 0; k < n && k < 8; k++)
			level |= c[k].type == FG_CONFLICT_LEVEL;
		if (level != pairs[i].level)
			fail_msg("%s: level finding %d, want %d", pairs[i].name, level, pairs[i].level);
	}
	assert_string_equal(fg_conflict_type_name(FG_CONFLICT_MODALITY), "modality");
}

/* Truncated UTF-8 and many items never read out of bounds. */
static void test_edges(void **state)
{
	(void)state;
	const char *t = "处五千元以上三万";
	fg_amount a[2];
	for (size_t n = 0; n <= strlen(t); n++)
		(void)fg_extract_amounts(t, n, a, 2);
	char many[4096] = "";
	for (int k = 0; k < 60; k++)
		strcat(many, "处一千元罚款，三日内应当报告；");
	fg_conflict c[4];
	size_t n = fg_conflict_compare(many, strlen(many), "法律", many, strlen(many), "法律", c, 4);
	assert_int_equal(n, 0);
	assert_true(fg_extract_amounts(many, strlen(many), a, 2) == 60);
}

/* The level findings of a comparison: how many, and whether one says 更严格 / 更宽松. */
static int level_findings(const fg_conflict *c, size_t n, int *stricter, int *looser)
{
	int k = 0;
	*stricter = *looser = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].type == FG_CONFLICT_LEVEL) {
			k++;
			*stricter |= strstr(c[i].note, "更严格") != NULL;
			*looser |= strstr(c[i].note, "更宽松") != NULL;
		}
	return k;
}

/* Pairs of a lower rule (a) and its superior law (b, sup = 1). */
static const struct {
	const char *name;
	const char *a, *b;
	size_t amounts;       /* amount findings */
	const char *aspan, *bspan; /* of the first amount finding */
	int levels;           /* level findings (at most one) */
	const char *dir;      /* in the level finding: 更严格, 更宽松, 超出 */
} sup_pairs[] = {
	/* the complaint: two fines against one were reported both 更严格 and 更宽松 */
	{"individual and unit against one fine",
	 "遛犬未即时清除犬粪的，由城市管理部门责令改正，对个人处五十元以上二百元以下罚款；对单位处一千元以上五千元以下罚款。",
	 "在公共场所遛犬未即时清除犬粪的，由城市管理部门责令改正，处二百元以上五百元以下罚款。", 1, "五十元以上二百元以下",
	 "二百元以上五百元以下", 1, "更宽松"},
	{"the same fine pairs first",
	 "在禁止燃放烟花爆竹的区域燃放烟花爆竹的，由公安机关责令停止燃放，对个人处一百元以上五百元以下罚款；对单位处五千元以上二万元以下罚款。",
	 "在禁止燃放烟花爆竹的区域燃放烟花爆竹的，由公安机关责令停止燃放，并处一百元以上五百元以下的罚款；在禁止燃放的时间内燃放烟花爆竹的，由公安机关责令停止燃放，并处五百元罚款。",
	 0, NULL, NULL, 0, NULL},
	{"individuals never against units", "对单位处一千元以上五千元以下罚款。", "对个人处五十元以上二百元以下罚款。", 0, NULL, NULL, 0,
	 NULL},
	{"inside the superior's range", "违反规定的，处二千元以上五千元以下罚款。", "违反规定的，处一千元以上一万元以下罚款。", 0, NULL,
	 NULL, 0, NULL},
	{"past the range on both sides", "违反规定的，处五百元以上二万元以下罚款。", "违反规定的，处一千元以上一万元以下罚款。", 1,
	 "五百元以上二万元以下", "一千元以上一万元以下", 1, "超出"},
	{"a shorter time limit", "应当在十日内报告。", "应当在十五日内报告。", 0, NULL, NULL, 1, "更严格"},
};

static void test_compare_sup(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof sup_pairs / sizeof sup_pairs[0]; i++) {
		fg_conflict c[8];
		const char *a = sup_pairs[i].a, *b = sup_pairs[i].b;
		size_t n = fg_conflict_compare_sup(a, strlen(a), "地方政府规章", b, strlen(b), "地方性法规", 1, c, 8);
		size_t namounts = 0, first = n;
		for (size_t k = 0; k < n; k++)
			if (c[k].type == FG_CONFLICT_AMOUNT && !namounts++)
				first = k;
		if (namounts != sup_pairs[i].amounts)
			fail_msg("%s: %zu amount findings, want %zu", sup_pairs[i].name, namounts, sup_pairs[i].amounts);
		if (namounts) {
			assert_string_equal(span(a, c[first].a_start, c[first].a_end), sup_pairs[i].aspan);
			assert_string_equal(span(b, c[first].b_start, c[first].b_end), sup_pairs[i].bspan);
		}
		int st, lo;
		int levels = level_findings(c, n, &st, &lo);
		if (levels != sup_pairs[i].levels)
			fail_msg("%s: %d level findings, want %d", sup_pairs[i].name, levels, sup_pairs[i].levels);
		assert_false(st && lo);
		for (size_t k = 0; levels && k < n; k++)
			if (c[k].type == FG_CONFLICT_LEVEL && !strstr(c[k].note, sup_pairs[i].dir))
				fail_msg("%s: level note %s, want %s", sup_pairs[i].name, c[k].note, sup_pairs[i].dir);
	}
	/* the same pair seen from the superior side: the same one finding, the lower rule named as such */
	const char *lo = sup_pairs[0].a, *hi = sup_pairs[0].b;
	fg_conflict c[8];
	int st, lx;
	size_t n = fg_conflict_compare_sup(hi, strlen(hi), "地方性法规", lo, strlen(lo), "地方政府规章", -1, c, 8);
	assert_int_equal(level_findings(c, n, &st, &lx), 1);
	assert_true(lx && !st);
	/* no hierarchy (another city's rule): differences, never a level finding */
	n = fg_conflict_compare_sup(lo, strlen(lo), "地方政府规章", hi, strlen(hi), "地方性法规", 0, c, 8);
	assert_true(n >= 1);
	assert_int_equal(level_findings(c, n, &st, &lx), 0);
	assert_string_equal(fg_conflict_type_name(FG_CONFLICT_POWER), "power");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amounts), cmocka_unit_test(test_times),   cmocka_unit_test(test_modals),
		cmocka_unit_test(test_compare), cmocka_unit_test(test_edges),   cmocka_unit_test(test_compare_sup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
