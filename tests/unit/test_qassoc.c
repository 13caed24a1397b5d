/*
 * test_qassoc.c - word associations for relaxed questions (qassoc.c): the
 * body terms of the units whose keywords (K terms) hold the question's
 * bigrams, over a small database; off without keywords, without a
 * keyword match, at weight 0; and the FAGUI_TUNE names of their weights.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fagui.h"
#include "query.h"
#include "rank.h"
#include "terms.h"
#include "xap.h"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/fg-test-qassoc-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A unit: body terms (space-separated, positional) and K terms without wdf, as the indexer writes them. */
static void add(fg_xwdb *w, const char *id, const char *body, const char *keywords)
{
	fg_err err = {0};
	fg_xdoc *d = fg_xdoc_new();
	char q[64];
	snprintf(q, sizeof q, "Q%s", id);
	fg_xdoc_add_boolean_term(d, q, strlen(q));
	unsigned pos = 1;
	char buf[256];
	snprintf(buf, sizeof buf, "%s", body);
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
		fg_xdoc_add_posting(d, t, strlen(t), pos++, 1);
	snprintf(buf, sizeof buf, "%s", keywords);
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " ")) {
		char k[64];
		snprintf(k, sizeof k, "%s%s", FG_PFX_KEYWORD, t);
		fg_xdoc_add_term(d, k, strlen(k), 0);
	}
	assert_int_equal(fg_xwdb_replace_document(w, q, strlen(q), d, &err), FG_OK);
	fg_xdoc_free(d);
}

static fg_xdb *make_db(void)
{
	fg_err err = {0};
	char path[128];
	snprintf(path, sizeof path, "%s/db", tmpdir);
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(path, FG_XW_CREATE, 0, &w, &err), FG_OK);
	add(w, "1", "连续 驾驶 停车 休息 停车 休息", "犯困 长途");
	add(w, "2", "公共 停车 收费", "");
	add(w, "3", "房屋 租赁 押金", "押金 房东");
	add(w, "4", "房屋 买卖 合同", "");
	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
	fg_xwdb_close(w);
	fg_xdb *db = NULL;
	assert_int_equal(fg_xdb_open(path, &db, &err), FG_OK);
	return db;
}

/* The association query of question q (its tokens) under o, described; NULL when none. */
static char *assoc(fg_xdb *db, const char *q, const fg_relax_opts *o)
{
	fg_qtoks ts = {0};
	fg_query_tokens(q, strlen(q), &ts);
	fg_xq *x = fg_query_assoc(db, ts.v, ts.n, o);
	free(ts.v);
	char *d = x ? fg_xq_describe(x) : NULL;
	fg_xq_free(x);
	return d;
}

static void test_assoc(void **state)
{
	(void)state;
	fg_xdb *db = make_db();
	fg_relax_opts o = {0};
	o.keywords = 1;
	o.db = db;
	o.assoc = 0.5;
	o.assoc_docs = 20;
	o.assoc_terms = 10;
	char *d = assoc(db, "犯困", &o);
	assert_non_null(d);
	/* the body terms of unit 1, the only one whose keywords hold 犯困; none of unit 3 */
	assert_non_null(strstr(d, "停车"));
	assert_non_null(strstr(d, "休息"));
	assert_null(strstr(d, "押金"));
	assert_null(strstr(d, "犯困")); /* not the question's own words */
	free(d);
	/* the question's own bigram is not added again */
	d = assoc(db, "押金房东", &o);
	assert_non_null(d);
	assert_non_null(strstr(d, "租赁"));
	assert_null(strstr(d, "押金"));
	free(d);
	/* no keyword holds the question's bigrams, keywords off, associations off */
	assert_null(assoc(db, "合同", &o));
	o.keywords = 0;
	assert_null(assoc(db, "犯困", &o));
	o.keywords = 1;
	o.assoc = 0;
	assert_null(assoc(db, "犯困", &o));
	o.assoc = 0.5;
	assert_null(assoc(NULL, "犯困", &o));
	fg_xdb_close(db);
}

static void test_tuning(void **state)
{
	(void)state;
	fg_tuning t;
	setenv("FAGUI_TUNE", "assoc=0.2,assoc_docs=5,assoc_terms=7", 1);
	fg_tuning_read(&t);
	unsetenv("FAGUI_TUNE");
	assert_true(t.assoc == 0.2 && t.assoc_docs == 5 && t.assoc_terms == 7);
	fg_relax_opts o = fg_relax_opts_tuned(&t, NULL);
	assert_true(o.assoc == 0.2 && o.assoc_docs == 5 && o.assoc_terms == 7 && o.keywords == t.keywords);
	fg_tuning_read(&t);
	assert_true(t.assoc == fg_tuning_default.assoc && t.assoc == 0); /* off by default (rank.c) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assoc),
		cmocka_unit_test(test_tuning),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
