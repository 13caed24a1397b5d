/*
 * test_xap.c - unit tests of the Xapian binding (xap.h): tiny databases
 * built in a temporary directory exercise writing, transactions, locking,
 * sharded stubs, queries with positions, filters, collapse, sorting,
 * value-count spies, expand sets, value weights, compaction and errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xap.h"

static char tmpdir[64];

/* Remove a directory tree (databases are flat, stubs are files). */
static void rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		while (d && (de = readdir(d))) {
			char sub[512];
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
			rmtree(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/fg-test-xap-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rmtree(tmpdir);
	return 0;
}

static const char *p(const char *name)
{
	static char buf[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
	return buf[k];
}

#define S(lit) (lit), (sizeof(lit) - 1)

/* A document: id term "Q<id>", free terms split on spaces with positions from 1, values. */
static fg_xdoc *mkdoc(const char *id, const char *text, const char *v0, const char *v1)
{
	fg_xdoc *d = fg_xdoc_new();
	char q[64];
	snprintf(q, sizeof q, "Q%s", id);
	fg_xdoc_add_boolean_term(d, q, strlen(q));
	fg_xdoc_set_data(d, text, strlen(text));
	unsigned pos = 1;
	const char *s = text;
	while (*s) {
		while (*s == ' ')
			s++;
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		if (e > s)
			fg_xdoc_add_posting(d, s, (size_t)(e - s), pos++, 1);
		s = e;
	}
	if (v0)
		fg_xdoc_add_value(d, 0, v0, strlen(v0));
	if (v1)
		fg_xdoc_add_value(d, 1, v1, strlen(v1));
	return d;
}

static void add(fg_xwdb *w, const char *id, const char *text, const char *v0, const char *v1)
{
	fg_err err = {0};
	fg_xdoc *d = mkdoc(id, text, v0, v1);
	char q[64];
	snprintf(q, sizeof q, "Q%s", id);
	assert_int_equal(fg_xwdb_replace_document(w, q, strlen(q), d, &err), FG_OK);
	fg_xdoc_free(d);
}

static fg_xdb *open_db(const char *path)
{
	fg_xdb *db = NULL;
	fg_err err = {0};
	assert_int_equal(fg_xdb_open(path, &db, &err), FG_OK);
	assert_non_null(db);
	return db;
}

/* Collect docids of a query's top hits into out (returns count). */
static unsigned run(fg_xdb *db, fg_xq *q, fg_docid *out, unsigned max)
{
	fg_err err = {0};
	fg_xenq *e = fg_xenq_new(db);
	fg_xmset *m = NULL;
	fg_xenq_set_query(e, q);
	assert_int_equal(fg_xenq_get_mset(e, 0, max, 100, &m, &err), FG_OK);
	unsigned n = fg_xmset_size(m);
	for (unsigned i = 0; i < n; i++)
		out[i] = fg_xmset_docid(m, i);
	fg_xmset_free(m);
	fg_xenq_free(e);
	fg_xq_free(q);
	return n;
}

static fg_xq *T(const char *t)
{
	return fg_xq_term(t, strlen(t), 1, 0);
}

/* ---- callbacks that only record (never assert inside C++ frames) ---- */

struct rec {
	char buf[1024];
	unsigned n;
	unsigned stop_after;
};

static int rec_posting(void *ctx, fg_docid did, unsigned wdf)
{
	struct rec *r = ctx;
	size_t l = strlen(r->buf);
	snprintf(r->buf + l, sizeof r->buf - l, "%u:%u ", did, wdf);
	return r->stop_after && ++r->n >= r->stop_after;
}

static int rec_term(void *ctx, const char *term, size_t len, unsigned freq)
{
	struct rec *r = ctx;
	size_t l = strlen(r->buf);
	snprintf(r->buf + l, sizeof r->buf - l, "%.*s=%u ", (int)len, term, freq);
	return r->stop_after && ++r->n >= r->stop_after;
}

static int rec_meta(void *ctx, const char *key, size_t klen, const char *val, size_t vlen)
{
	struct rec *r = ctx;
	size_t l = strlen(r->buf);
	snprintf(r->buf + l, sizeof r->buf - l, "%.*s=%.*s ", (int)klen, key, (int)vlen, val);
	return 0;
}

/* ---- tests ---- */

static void test_write_read(void **state)
{
	(void)state;
	fg_err err = {0};
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(p("db"), FG_XW_CREATE, 0, &w, &err), FG_OK);
	fg_docid did = 0;
	fg_xdoc *d = mkdoc("1", "alpha beta gamma", "b", NULL);
	assert_int_equal(fg_xwdb_add_document(w, d, &did, &err), FG_OK);
	assert_int_equal(did, 1);
	fg_xdoc_free(d);
	add(w, "2", "beta gamma delta", "a", NULL);
	add(w, "3", "gamma delta epsilon", "c", NULL);
	assert_int_equal(fg_xwdb_doccount(w), 3);
	assert_int_equal(fg_xwdb_termfreq(w, S("gamma")), 3);
	assert_int_equal(fg_xwdb_termfreq(w, S("beta")), 2);

	/* replace document 2: beta gone from it */
	add(w, "2", "zeta", "a", NULL);
	assert_int_equal(fg_xwdb_doccount(w), 3);
	assert_int_equal(fg_xwdb_termfreq(w, S("beta")), 1);
	assert_int_equal(fg_xwdb_termfreq(w, S("zeta")), 1);

	/* delete by term */
	assert_int_equal(fg_xwdb_delete_documents(w, S("Q3"), &err), FG_OK);
	assert_int_equal(fg_xwdb_doccount(w), 2);
	assert_int_equal(fg_xwdb_delete_documents(w, S("nosuchterm"), &err), FG_OK);

	assert_int_equal(fg_xwdb_set_metadata(w, "version", S("7"), &err), FG_OK);
	assert_int_equal(fg_xwdb_set_metadata(w, "vk", S("x\0y"), &err), FG_OK);
	char *v = NULL;
	size_t vlen = 0;
	assert_int_equal(fg_xwdb_get_metadata(w, "version", &v, &vlen, &err), FG_OK);
	assert_string_equal(v, "7");
	free(v);
	struct rec r = {0};
	assert_int_equal(fg_xwdb_postings(w, S("gamma"), rec_posting, &r, &err), FG_OK);
	assert_string_equal(r.buf, "1:1 ");
	memset(&r, 0, sizeof r);
	assert_int_equal(fg_xwdb_metadata_keys(w, "v", rec_meta, &r, &err), FG_OK);
	assert_int_equal(strncmp(r.buf, "version=7 vk=x", 14), 0);

	fg_xdoc *g = NULL;
	assert_int_equal(fg_xwdb_get_document(w, 2, &g, &err), FG_OK);
	size_t len;
	const char *data = fg_xdoc_get_data(g, &len);
	assert_int_equal(len, 4);
	assert_memory_equal(data, "zeta", 4);
	fg_xdoc_free(g);
	assert_int_equal(fg_xwdb_get_document(w, 3, &g, &err), FG_E_NOTFOUND);
	assert_null(g);

	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
	fg_xwdb_close(w);

	fg_xdb *db = open_db(p("db"));
	assert_int_equal(fg_xdb_doccount(db), 2);
	assert_int_equal(fg_xdb_termfreq(db, S("gamma")), 1);
	assert_int_equal(fg_xdb_termfreq(db, S("absent")), 0);
	assert_true(fg_xdb_avlength(db) > 0.5);
	assert_int_equal(fg_xdb_get_metadata(db, "vk", &v, &vlen, &err), FG_OK);
	assert_int_equal(vlen, 3);
	assert_memory_equal(v, "x\0y", 3);
	free(v);
	assert_int_equal(fg_xdb_get_metadata(db, "absent", &v, &vlen, &err), FG_OK);
	assert_int_equal(vlen, 0);
	assert_string_equal(v, "");
	free(v);

	assert_int_equal(fg_xdb_get_document(db, 1, &g, &err), FG_OK);
	assert_int_equal(fg_xdoc_docid(g), 1);
	data = fg_xdoc_get_data(g, &len);
	assert_int_equal(len, strlen("alpha beta gamma"));
	const char *v0 = fg_xdoc_get_value(g, 0, &len);
	assert_int_equal(len, 1);
	assert_memory_equal(v0, "b", 1);
	const char *v1 = fg_xdoc_get_value(g, 1, &len);
	assert_int_equal(len, 0);
	assert_string_equal(v1, "");
	/* earlier pointers stay valid after a change */
	fg_xdoc_add_value(g, 0, S("zz"));
	const char *v0b = fg_xdoc_get_value(g, 0, &len);
	assert_int_equal(len, 2);
	assert_memory_equal(v0, "b", 1);
	assert_memory_equal(v0b, "zz", 2);
	fg_xdoc_free(g);

	memset(&r, 0, sizeof r);
	assert_int_equal(fg_xdb_termlist(db, 1, rec_term, &r, &err), FG_OK);
	assert_string_equal(r.buf, "Q1=0 alpha=1 beta=1 gamma=1 ");
	memset(&r, 0, sizeof r);
	assert_int_equal(fg_xdb_allterms(db, "", rec_term, &r, &err), FG_OK);
	assert_string_equal(r.buf, "Q1=1 Q2=1 alpha=1 beta=1 gamma=1 zeta=1 ");
	memset(&r, 0, sizeof r);
	r.stop_after = 1;
	assert_int_equal(fg_xdb_allterms(db, "Q", rec_term, &r, &err), FG_OK);
	assert_string_equal(r.buf, "Q1=1 ");
	fg_xdb_close(db);
	fg_xdb_close(NULL);
	fg_xwdb_close(NULL);
	fg_xdoc_free(NULL);
}

static void test_txn_and_reopen(void **state)
{
	(void)state;
	fg_err err = {0};
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(p("t"), FG_XW_CREATE_OR_OPEN | FG_XW_TXN, 0, &w, &err), FG_OK);
	add(w, "1", "one", NULL, NULL);
	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);

	fg_xdb *db = open_db(p("t"));
	assert_int_equal(fg_xdb_doccount(db), 1);

	add(w, "2", "two", NULL, NULL);
	int changed = -1;
	assert_int_equal(fg_xdb_reopen(db, &changed, &err), FG_OK);
	assert_int_equal(changed, 0);
	assert_int_equal(fg_xdb_doccount(db), 1);

	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
	assert_int_equal(fg_xdb_doccount(db), 1); /* not yet reopened */
	assert_int_equal(fg_xdb_reopen(db, &changed, &err), FG_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(fg_xdb_doccount(db), 2);

	/* uncommitted changes are discarded by close */
	add(w, "3", "three", NULL, NULL);
	assert_int_equal(fg_xwdb_delete_documents(w, S("Q1"), &err), FG_OK);
	assert_int_equal(fg_xwdb_set_metadata(w, "k", S("v"), &err), FG_OK);
	assert_int_equal(fg_xwdb_doccount(w), 2);
	fg_xwdb_close(w);
	assert_int_equal(fg_xdb_reopen(db, &changed, &err), FG_OK);
	assert_int_equal(changed, 0);
	fg_xdb_close(db);
	db = open_db(p("t"));
	assert_int_equal(fg_xdb_doccount(db), 2);
	assert_int_equal(fg_xdb_termfreq(db, S("Q1")), 1);
	assert_int_equal(fg_xdb_termfreq(db, S("Q3")), 0);
	char *v;
	size_t vlen;
	assert_int_equal(fg_xdb_get_metadata(db, "k", &v, &vlen, &err), FG_OK);
	assert_int_equal(vlen, 0);
	free(v);
	fg_xdb_close(db);

	/* without FG_XW_TXN: automatic commit every flush_threshold changes, close discards the rest */
	assert_int_equal(fg_xwdb_open(p("t"), FG_XW_OPEN, 3, &w, &err), FG_OK);
	add(w, "10", "ten", NULL, NULL);
	add(w, "11", "eleven", NULL, NULL);
	add(w, "12", "twelve", NULL, NULL); /* third change: committed */
	add(w, "13", "thirteen", NULL, NULL);
	fg_xwdb_close(w);
	db = open_db(p("t"));
	assert_int_equal(fg_xdb_doccount(db), 5);
	assert_int_equal(fg_xdb_termfreq(db, S("Q12")), 1);
	assert_int_equal(fg_xdb_termfreq(db, S("Q13")), 0);
	fg_xdb_close(db);
	/* the environment is restored */
	assert_null(getenv("XAPIAN_FLUSH_THRESHOLD"));
	setenv("XAPIAN_FLUSH_THRESHOLD", "1234", 1);
	assert_int_equal(fg_xwdb_open(p("t"), FG_XW_OPEN | FG_XW_TXN, 7, &w, &err), FG_OK);
	fg_xwdb_close(w);
	assert_string_equal(getenv("XAPIAN_FLUSH_THRESHOLD"), "1234");
	unsetenv("XAPIAN_FLUSH_THRESHOLD");
}

static void test_lock_and_errors(void **state)
{
	(void)state;
	fg_err err = {0};
	fg_xwdb *w = NULL, *w2 = (fg_xwdb *)1;
	assert_int_equal(fg_xwdb_open(p("l"), FG_XW_CREATE, 0, &w, &err), FG_OK);
	assert_int_equal(fg_xwdb_open(p("l"), FG_XW_OPEN, 0, &w2, &err), FG_E_LOCKED);
	assert_null(w2);
	assert_int_equal(err.code, FG_E_LOCKED);
	assert_non_null(strstr(err.msg, "DatabaseLockError"));
	fg_xwdb_close(w);
	/* the lock is released by close */
	assert_int_equal(fg_xwdb_open(p("l"), FG_XW_OPEN, 0, &w, &err), FG_OK);
	fg_xwdb_close(w);
	/* create on an existing database fails */
	assert_int_not_equal(fg_xwdb_open(p("l"), FG_XW_CREATE, 0, &w, &err), FG_OK);
	assert_null(w);

	fg_xdb *db = (fg_xdb *)1;
	memset(&err, 0, sizeof err);
	assert_int_equal(fg_xdb_open(p("missing"), &db, &err), FG_E_NOTFOUND);
	assert_null(db);
	assert_int_equal(err.code, FG_E_NOTFOUND);
	assert_non_null(strstr(err.msg, "cannot open "));
	assert_non_null(strstr(err.msg, "missing"));
	assert_int_equal(fg_xwdb_open(p("missing"), FG_XW_OPEN, 0, &w, &err), FG_E_NOTFOUND);
	assert_null(w);
	assert_int_equal(fg_xwdb_open(p("x"), 0x7, 0, &w, &err), FG_E_INVAL);
	assert_int_not_equal(fg_xdb_open_remote("127.0.0.1", 1, 500, &db, &err), FG_OK);
	assert_null(db);
	assert_int_equal(err.code, FG_E_XAPIAN);

	/* a missing document through a read-only handle */
	db = open_db(p("l"));
	fg_xdoc *d = (fg_xdoc *)1;
	assert_int_equal(fg_xdb_get_document(db, 42, &d, &err), FG_E_NOTFOUND);
	assert_null(d);
	assert_non_null(strstr(err.msg, "DocNotFoundError"));
	fg_xdb_close(db);
}

static void test_queries(void **state)
{
	(void)state;
	fg_err err = {0};
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(p("q"), FG_XW_OVERWRITE | FG_XW_NOSYNC, 0, &w, &err), FG_OK);
	add(w, "1", "a b c d", "2020", "x");    /* did 1 */
	add(w, "2", "b a c d", "2019", "x");    /* did 2 */
	add(w, "3", "a x x b", "2021", "y");    /* did 3 */
	add(w, "4", "c d e f a b", "2018", "y"); /* did 4 */
	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
	fg_xwdb_close(w);
	fg_xdb *db = open_db(p("q"));
	fg_docid ids[16];

	fg_xq *ab[2] = {T("a"), T("b")};
	assert_int_equal(run(db, fg_xq_combine(FG_XQ_PHRASE, ab, 2, 2), ids, 16), 2); /* 1 and 4 */
	assert_true((ids[0] == 1 && ids[1] == 4) || (ids[0] == 4 && ids[1] == 1));
	assert_int_equal(run(db, fg_xq_combine(FG_XQ_NEAR, ab, 2, 2), ids, 16), 3); /* 1 2 4 */
	assert_int_equal(run(db, fg_xq_combine(FG_XQ_NEAR, ab, 2, 4), ids, 16), 4);
	assert_int_equal(run(db, fg_xq_combine(FG_XQ_AND, ab, 2, 0), ids, 16), 4);
	assert_int_equal(run(db, fg_xq_combine(FG_XQ_OR, ab, 2, 3), ids, 16), 4); /* window ignored */
	assert_int_equal(run(db, fg_xq_combine(FG_XQ_ELITE_SET, ab, 2, 1), ids, 16), 4);
	assert_int_equal(run(db, fg_xq_combine(FG_XQ_OR, ab, 0, 0), ids, 16), 0);
	fg_xq_free(ab[0]);
	fg_xq_free(ab[1]);

	fg_xq *e = T("e"), *x = T("x"), *a = T("a");
	assert_int_equal(run(db, fg_xq_pair(FG_XQ_OR, e, x), ids, 16), 2);
	assert_int_equal(run(db, fg_xq_pair(FG_XQ_AND_NOT, a, x), ids, 16), 3);
	assert_int_equal(run(db, fg_xq_pair(FG_XQ_XOR, a, x), ids, 16), 3);
	/* NULL subqueries are skipped */
	fg_xq *withnull[3] = {NULL, e, NULL};
	assert_int_equal(run(db, fg_xq_combine(FG_XQ_OR, withnull, 3, 0), ids, 16), 1);
	assert_int_equal(ids[0], 4);

	/* filter by value range, and boolean filter adds no weight */
	fg_xq *r = fg_xq_value_range(0, "2019", "2020");
	assert_int_equal(run(db, fg_xq_pair(FG_XQ_FILTER, a, r), ids, 16), 2);
	assert_int_equal(run(db, fg_xq_value_range(0, "2020", NULL), ids, 16), 2);
	assert_int_equal(run(db, fg_xq_value_range(0, NULL, "2019"), ids, 16), 2);
	assert_int_equal(run(db, fg_xq_value_range(0, NULL, NULL), ids, 16), 4);
	assert_int_equal(run(db, fg_xq_value_range(5, NULL, NULL), ids, 16), 0);

	fg_xq *s0 = fg_xq_scale(a, 0);
	{
		fg_xenq *en = fg_xenq_new(db);
		fg_xmset *m = NULL;
		fg_xenq_set_query(en, s0);
		assert_int_equal(fg_xenq_get_mset(en, 0, 10, 0, &m, &err), FG_OK);
		assert_int_equal(fg_xmset_size(m), 4);
		assert_true(fg_xmset_weight(m, 0) == 0.0);
		fg_xmset_free(m);
		fg_xq *s2 = fg_xq_scale(x, 3.0);
		fg_xenq_set_query(en, s2);
		assert_int_equal(fg_xenq_get_mset(en, 0, 10, 0, &m, &err), FG_OK);
		double w3 = fg_xmset_weight(m, 0);
		fg_xmset_free(m);
		fg_xenq_set_query(en, x);
		assert_int_equal(fg_xenq_get_mset(en, 0, 10, 0, &m, &err), FG_OK);
		assert_true(w3 > 2.9 * fg_xmset_weight(m, 0));
		fg_xmset_free(m);
		fg_xq_free(s2);
		fg_xenq_free(en);
	}
	fg_xq_free(s0);

	/* wildcard, match all / nothing, describe, dup, empty */
	fg_xwdb *w2 = NULL;
	assert_int_equal(run(db, fg_xq_wildcard("Q", 0), ids, 16), 4);
	assert_int_equal(run(db, fg_xq_wildcard("Q", 2), ids, 16), 2);
	(void)w2;
	assert_int_equal(run(db, fg_xq_match_all(), ids, 16), 4);
	fg_xq *none = fg_xq_match_nothing();
	assert_true(fg_xq_empty(none));
	assert_true(fg_xq_empty(NULL));
	assert_false(fg_xq_empty(a));
	assert_int_equal(run(db, none, ids, 16), 0);
	char *desc = fg_xq_describe(r);
	assert_non_null(strstr(desc, "VALUE_RANGE"));
	free(desc);
	fg_xq *dup = fg_xq_dup(a);
	desc = fg_xq_describe(dup);
	assert_string_equal(desc, "Query(a)");
	free(desc);
	fg_xq_free(dup);
	/* invalid inputs give a query matching nothing */
	fg_xq *bad = fg_xq_combine(99, &a, 1, 0);
	assert_true(fg_xq_empty(bad));
	fg_xq_free(bad);
	bad = fg_xq_scale(a, -1.0);
	assert_true(fg_xq_empty(bad));
	fg_xq_free(bad);
	fg_xq_free(NULL);

	fg_xq_free(e);
	fg_xq_free(x);
	fg_xq_free(a);
	fg_xq_free(r);
	fg_xdb_close(db);
}

/* Build a shard with documents ids [from, to): text "common s<i>", value 0 = group, value 1 = rank. */
static void build_shard(const char *path, int from, int to)
{
	fg_err err = {0};
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(path, FG_XW_OVERWRITE, 0, &w, &err), FG_OK);
	for (int i = from; i < to; i++) {
		char id[16], text[64], grp[16], rank[18];
		snprintf(id, sizeof id, "%d", i);
		snprintf(text, sizeof text, "common s%d %s", i, i % 2 ? "odd" : "even");
		snprintf(grp, sizeof grp, "g%d", i % 3);
		size_t n = fg_x_sortable_serialise((double)i, rank);
		fg_xdoc *d = mkdoc(id, text, grp, NULL);
		fg_xdoc_add_value(d, 1, rank, n);
		char q[16];
		snprintf(q, sizeof q, "Q%d", i);
		assert_int_equal(fg_xwdb_replace_document(w, q, strlen(q), d, &err), FG_OK);
		fg_xdoc_free(d);
	}
	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
	fg_xwdb_close(w);
}

static void test_stub_shards(void **state)
{
	(void)state;
	fg_err err = {0};
	build_shard(p("s1"), 0, 5);
	build_shard(p("s2"), 5, 12);
	FILE *f = fopen(p("stub"), "w");
	assert_non_null(f);
	fputs("auto s1\nglass s2\n", f); /* relative to the stub */
	fclose(f);
	fg_xdb *db = open_db(p("stub"));
	assert_int_equal(fg_xdb_doccount(db), 12);
	assert_int_equal(fg_xdb_termfreq(db, S("common")), 12);
	assert_int_equal(fg_xdb_termfreq(db, S("s7")), 1);

	fg_xenq *e = fg_xenq_new(db);
	fg_xq *q = T("common");
	fg_xenq_set_query(e, q);
	fg_xmset *m = NULL;
	assert_int_equal(fg_xenq_get_mset(e, 0, 20, 20, &m, &err), FG_OK);
	assert_int_equal(fg_xmset_size(m), 12);
	assert_int_equal(fg_xmset_estimated(m), 12);
	assert_int_equal(fg_xmset_lower(m), 12);
	assert_int_equal(fg_xmset_upper(m), 12);
	/* both shards contribute: each document's data names its id */
	int seen[12] = {0};
	for (unsigned i = 0; i < fg_xmset_size(m); i++) {
		fg_xdoc *d = NULL;
		assert_int_equal(fg_xmset_document(m, i, &d, &err), FG_OK);
		size_t len;
		const char *data = fg_xdoc_get_data(d, &len);
		int id = atoi(data + strlen("common s"));
		assert_true(id >= 0 && id < 12);
		seen[id]++;
		assert_int_equal(fg_xdoc_docid(d), fg_xmset_docid(m, i));
		fg_xdoc_free(d);
	}
	for (int i = 0; i < 12; i++)
		assert_int_equal(seen[i], 1);
	fg_xdoc *d = (fg_xdoc *)1;
	assert_int_equal(fg_xmset_document(m, 99, &d, &err), FG_E_NOTFOUND);
	assert_null(d);
	assert_int_equal(fg_xmset_docid(m, 99), 0);
	fg_xmset_free(m);
	fg_xenq_free(e);
	fg_xq_free(q);

	/* the same combination through fg_xdb_add, with totals adding up */
	fg_xdb *a = open_db(p("s1")), *b = open_db(p("s2"));
	assert_int_equal(fg_xdb_doccount(a) + fg_xdb_doccount(b), 12);
	assert_int_equal(fg_xdb_termfreq(a, S("odd")) + fg_xdb_termfreq(b, S("odd")), fg_xdb_termfreq(db, S("odd")));
	assert_int_equal(fg_xdb_add(a, b, &err), FG_OK);
	fg_xdb_close(b);
	assert_int_equal(fg_xdb_doccount(a), 12);
	assert_int_equal(fg_xdb_termfreq(a, S("odd")), 6);
	struct rec r = {0};
	assert_int_equal(fg_xdb_postings(a, S("s6"), rec_posting, &r, &err), FG_OK);
	assert_string_equal(r.buf, "4:1 "); /* shard 2's docid 2 interleaved: 2*2 */
	fg_xdb_close(a);
	fg_xdb_close(db);
}

struct counts {
	char vals[8][8];
	unsigned freq[8];
	unsigned n;
};

static int rec_count(void *ctx, const char *term, size_t len, unsigned freq)
{
	struct counts *c = ctx;
	if (c->n < 8) {
		snprintf(c->vals[c->n], sizeof c->vals[c->n], "%.*s", (int)len, term);
		c->freq[c->n++] = freq;
	}
	return 0;
}

static void test_collapse_sort_spy(void **state)
{
	(void)state;
	fg_err err = {0};
	build_shard(p("c"), 0, 10); /* groups g0: 0 3 6 9; g1: 1 4 7; g2: 2 5 8 */
	fg_xdb *db = open_db(p("c"));
	fg_xenq *e = fg_xenq_new(db);
	fg_xq *q = T("common");
	fg_xenq_set_query(e, q);

	/* value sort, both directions, by the serialised rank */
	fg_xenq_set_sort(e, FG_XSORT_VALUE, 1, 0);
	fg_xmset *m = NULL;
	assert_int_equal(fg_xenq_get_mset(e, 0, 10, 0, &m, &err), FG_OK);
	assert_int_equal(fg_xmset_size(m), 10);
	for (unsigned i = 0; i < 10; i++)
		assert_int_equal(fg_xmset_docid(m, i), i + 1);
	fg_xmset_free(m);
	fg_xenq_set_sort(e, FG_XSORT_VALUE_THEN_RELEVANCE, 1, 1);
	assert_int_equal(fg_xenq_get_mset(e, 2, 3, 0, &m, &err), FG_OK);
	assert_int_equal(fg_xmset_size(m), 3);
	assert_int_equal(fg_xmset_docid(m, 0), 8);
	assert_int_equal(fg_xmset_docid(m, 2), 6);
	fg_xmset_free(m);
	fg_xenq_set_sort(e, FG_XSORT_RELEVANCE_THEN_VALUE, 1, 1);
	assert_int_equal(fg_xenq_get_mset(e, 0, 10, 0, &m, &err), FG_OK);
	assert_int_equal(fg_xmset_size(m), 10);
	fg_xmset_free(m);
	fg_xenq_set_sort(e, FG_XSORT_RELEVANCE, 0, 0);

	/* collapse on the group: one hit per group, counts of the others */
	fg_xenq_set_collapse(e, 0, 1);
	int spy = fg_xenq_add_value_spy(e, 0);
	int spy2 = fg_xenq_add_value_spy(e, 1);
	assert_int_equal(spy, 0);
	assert_int_equal(spy2, 1);
	assert_int_equal(fg_xenq_get_mset(e, 0, 10, 10, &m, &err), FG_OK);
	assert_int_equal(fg_xmset_size(m), 3);
	unsigned total = 0;
	for (unsigned i = 0; i < 3; i++) {
		fg_xdoc *d = NULL;
		assert_int_equal(fg_xmset_document(m, i, &d, &err), FG_OK);
		size_t len;
		const char *g = fg_xdoc_get_value(d, 0, &len);
		unsigned cc = fg_xmset_collapse_count(m, i);
		assert_int_equal(cc, g[1] == '0' ? 3 : 2);
		total += cc;
		fg_xdoc_free(d);
	}
	assert_int_equal(total, 7);
	fg_xmset_free(m);

	/* the spy counts every matching document, most frequent first */
	struct counts c = {0};
	assert_int_equal(fg_xenq_spy_values(e, spy, rec_count, &c, &err), FG_OK);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.vals[0], "g0");
	assert_int_equal(c.freq[0], 4);
	assert_int_equal(c.freq[1], 3);
	assert_int_equal(c.freq[2], 3);
	memset(&c, 0, sizeof c);
	assert_int_equal(fg_xenq_spy_values(e, spy2, rec_count, &c, &err), FG_OK);
	assert_int_equal(c.n, 8); /* capped by the recorder; 10 distinct values */
	assert_int_equal(fg_xenq_spy_values(e, 5, rec_count, &c, &err), FG_E_INVAL);

	/* a second match counts afresh */
	fg_xq *odd = T("odd");
	fg_xenq_set_query(e, odd);
	fg_xenq_set_collapse(e, 0, 0);
	assert_int_equal(fg_xenq_get_mset(e, 0, 10, 10, &m, &err), FG_OK);
	assert_int_equal(fg_xmset_size(m), 5);
	assert_int_equal(fg_xmset_collapse_count(m, 0), 0);
	fg_xmset_free(m);
	memset(&c, 0, sizeof c);
	assert_int_equal(fg_xenq_spy_values(e, spy, rec_count, &c, &err), FG_OK);
	unsigned sum = 0;
	for (unsigned i = 0; i < c.n; i++)
		sum += c.freq[i];
	assert_int_equal(sum, 5);

	/* boolean weighting: every weight 0 */
	fg_xenq_set_boolean(e);
	assert_int_equal(fg_xenq_get_mset(e, 0, 10, 0, &m, &err), FG_OK);
	assert_true(fg_xmset_weight(m, 0) == 0.0);
	fg_xmset_free(m);
	fg_xenq_set_bm25(e, 1.2, 0, 1, 0.75, 0.5);
	assert_int_equal(fg_xenq_get_mset(e, 0, 10, 0, &m, &err), FG_OK);
	assert_true(fg_xmset_weight(m, 0) > 0.0);
	fg_xmset_free(m);

	fg_xq_free(odd);
	fg_xq_free(q);
	fg_xenq_free(e);
	fg_xdb_close(db);
}

static void test_value_weight(void **state)
{
	(void)state;
	fg_err err = {0};
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(p("vw"), FG_XW_CREATE, 0, &w, &err), FG_OK);
	/* "law" twice in doc 1 (more relevant), once in doc 2 which has the larger prior */
	add(w, "1", "law law court", NULL, NULL);
	add(w, "2", "law court judge", NULL, NULL);
	add(w, "3", "other", NULL, NULL);
	fg_xdoc *d = NULL;
	char buf[18];
	size_t n;
	assert_int_equal(fg_xwdb_get_document(w, 2, &d, &err), FG_OK);
	n = fg_x_sortable_serialise(50.0, buf);
	fg_xdoc_add_value(d, 3, buf, n);
	assert_int_equal(fg_xwdb_replace_document(w, S("Q2"), d, &err), FG_OK);
	fg_xdoc_free(d);
	assert_int_equal(fg_xwdb_get_document(w, 3, &d, &err), FG_OK);
	n = fg_x_sortable_serialise(99.0, buf);
	fg_xdoc_add_value(d, 3, buf, n);
	assert_int_equal(fg_xwdb_replace_document(w, S("Q3"), d, &err), FG_OK);
	fg_xdoc_free(d);
	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
	fg_xwdb_close(w);

	fg_xdb *db = open_db(p("vw"));
	fg_docid ids[4];
	/* relevance alone: doc 1 first */
	assert_int_equal(run(db, T("law"), ids, 4), 2);
	assert_int_equal(ids[0], 1);
	/* with the prior: doc 2 first, doc 3 (no "law") still excluded */
	fg_xq *law = T("law"), *vw = fg_xq_value_weight(3);
	assert_int_equal(run(db, fg_xq_pair(FG_XQ_AND_MAYBE, law, vw), ids, 4), 2);
	assert_int_equal(ids[0], 2);
	assert_int_equal(ids[1], 1);
	/* alone it matches documents with the value, weighted by it */
	assert_int_equal(run(db, fg_xq_dup(vw), ids, 4), 2);
	assert_int_equal(ids[0], 3);
	fg_xq_free(law);
	fg_xq_free(vw);
	fg_xdb_close(db);

	/* sortable_serialise round trip and order */
	char a[18], b[18];
	size_t la = fg_x_sortable_serialise(-2.5, a), lb = fg_x_sortable_serialise(1e9, b);
	assert_true(la <= 18 && lb <= 18);
	assert_true(fg_x_sortable_unserialise(a, la) == -2.5);
	assert_true(fg_x_sortable_unserialise(b, lb) == 1e9);
	assert_true(memcmp(a, b, la < lb ? la : lb) < 0);
}

static int exclude_beta(void *ctx, const char *term, size_t len)
{
	(*(int *)ctx)++;
	return len == 4 && !memcmp(term, "beta", 4);
}

static void test_eset(void **state)
{
	(void)state;
	fg_err err = {0};
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(p("e"), FG_XW_CREATE, 0, &w, &err), FG_OK);
	add(w, "1", "alpha beta gamma Zprefixed", NULL, NULL);
	add(w, "2", "alpha beta delta", NULL, NULL);
	add(w, "3", "epsilon", NULL, NULL);
	add(w, "4", "zeta", NULL, NULL);
	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
	fg_xwdb_close(w);
	fg_xdb *db = open_db(p("e"));
	fg_xenq *e = fg_xenq_new(db);
	fg_docid rs[2] = {1, 2};
	fg_xeset *s = NULL;
	assert_int_equal(fg_xenq_get_eset(e, rs, 2, 10, 0, NULL, NULL, &s, &err), FG_OK);
	int has_q = 0, has_z = 0;
	for (unsigned i = 0; i < fg_xeset_size(s); i++) {
		size_t len;
		const char *t = fg_xeset_term(s, i, &len);
		has_q |= t[0] == 'Q';
		has_z |= len == 9 && !memcmp(t, "Zprefixed", 9);
	}
	assert_true(has_q && has_z);
	fg_xeset_free(s);

	int calls = 0;
	assert_int_equal(fg_xenq_get_eset(e, rs, 2, 10, 1, exclude_beta, &calls, &s, &err), FG_OK);
	assert_true(calls > 0);
	assert_true(fg_xeset_size(s) >= 3); /* alpha gamma delta */
	for (unsigned i = 0; i < fg_xeset_size(s); i++) {
		size_t len;
		const char *t = fg_xeset_term(s, i, &len);
		assert_false(t[0] >= 'A' && t[0] <= 'Z');
		assert_false(len == 4 && !memcmp(t, "beta", 4));
		assert_true(fg_xeset_weight(s, i) > 0);
		if (i)
			assert_true(fg_xeset_weight(s, i) <= fg_xeset_weight(s, i - 1));
	}
	size_t len = 9;
	assert_null(fg_xeset_term(s, 1000, &len));
	assert_int_equal(len, 0);
	fg_xeset_free(s);
	fg_xeset_free(NULL);
	fg_xenq_free(e);
	fg_xdb_close(db);
}

static void test_compact(void **state)
{
	(void)state;
	fg_err err = {0};
	build_shard(p("k1"), 0, 5);
	build_shard(p("k2"), 5, 9);
	FILE *f = fopen(p("kstub"), "w");
	assert_non_null(f);
	fputs("auto k1\nauto k2\n", f);
	fclose(f);
	assert_int_equal(fg_xdb_compact(p("kstub"), p("kout"), &err), FG_OK);
	fg_xdb *db = open_db(p("kout"));
	assert_int_equal(fg_xdb_doccount(db), 9);
	assert_int_equal(fg_xdb_termfreq(db, S("common")), 9);
	fg_xdb_close(db);
	/* destination exists */
	assert_int_equal(fg_xdb_compact(p("k1"), p("kout"), &err), FG_E_INVAL);
	/* missing source */
	assert_int_equal(fg_xdb_compact(p("nope"), p("kout2"), &err), FG_E_NOTFOUND);
	assert_non_null(strstr(err.msg, "cannot compact"));
}

/*
 * A reader left at an old revision while the writer commits several times
 * gets DatabaseModifiedError from Xapian; the binding reopens and retries.
 */
static int count_terms(void *ctx, const char *term, size_t len, unsigned freq)
{
	struct rec *r = ctx; /* buf: a prefix to count in stop_after */
	size_t pl = strlen(r->buf);
	(void)freq;
	r->n++;
	if (len >= pl && !memcmp(term, r->buf, pl))
		r->stop_after++;
	return 0;
}

static void rewrite_all(fg_xwdb *w, int round)
{
	fg_err err = {0};
	for (int i = 0; i < 300; i++) {
		/* enough distinct terms for B-trees of several levels */
		char id[16], text[2048];
		int n = snprintf(text, sizeof text, "common word r%d", round);
		for (int k = 0; k < 40; k++)
			n += snprintf(text + n, sizeof text - (size_t)n, " t%d_%d_%d", round, i, k);
		snprintf(id, sizeof id, "%d", i);
		add(w, id, text, NULL, NULL);
	}
	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
}

/*
 * A reader left at an old revision while the writer commits several times
 * gets DatabaseModifiedError from Xapian once the old blocks are reused;
 * the binding reopens and retries, so the reader jumps to the latest
 * revision (which an unreopened reader never sees).
 */
static void test_modified_retry(void **state)
{
	(void)state;
	fg_err err = {0};
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(p("m"), FG_XW_CREATE | FG_XW_TXN, 0, &w, &err), FG_OK);
	rewrite_all(w, 0);
	fg_xdb *db = open_db(p("m"));
	fg_xenq *e = fg_xenq_new(db);
	int round, reopened = 0;
	for (round = 1; round < 40 && !reopened; round++) {
		rewrite_all(w, round);
		char t[16];
		snprintf(t, sizeof t, "r%d", round);
		/* the expansion of "t" walks the whole term dictionary of the old revision */
		fg_xq *r = T(t), *wc = fg_xq_wildcard("t", 0);
		fg_xq *q = fg_xq_pair(FG_XQ_AND, r, wc);
		fg_xq_free(r);
		fg_xq_free(wc);
		fg_xenq_set_query(e, q);
		fg_xmset *m = NULL;
		assert_int_equal(fg_xenq_get_mset(e, 0, 10, 1000, &m, &err), FG_OK);
		reopened = fg_xmset_estimated(m) == 300;
		assert_true(reopened || fg_xmset_estimated(m) == 0);
		fg_xmset_free(m);
		fg_xq_free(q);
	}
	assert_true(reopened);
	fg_xenq_free(e);

	int base = round;
	reopened = 0;
	for (; round < base + 40 && !reopened; round++) {
		rewrite_all(w, round);
		char t[16];
		snprintf(t, sizeof t, "t%d_", round);
		struct rec r = {0};
		strcpy(r.buf, t);
		assert_int_equal(fg_xdb_allterms(db, "t", count_terms, &r, &err), FG_OK);
		/* every term once (a retry resumes), all of the newest revision once reopened */
		assert_int_equal(r.n, 12000);
		reopened = r.stop_after == 12000;
		assert_true(reopened || r.stop_after == 0);
	}
	assert_true(reopened);
	fg_xdb_close(db);
	fg_xwdb_close(w);
	assert_string_equal(fg_xapian_version(), "1.4.22");
}

/* A free TCP port on 127.0.0.1 (0 on failure). */
static unsigned free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	socklen_t alen = sizeof a;
	unsigned port = 0;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &alen) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* A database served by xapian-tcpsrv, searched alone and combined with a local shard. */
static void test_remote(void **state)
{
	(void)state;
	fg_err err = {0};
	if (access("/usr/bin/xapian-tcpsrv", X_OK) != 0)
		skip();
	build_shard(p("r1"), 0, 4);
	build_shard(p("r2"), 4, 10);
	unsigned port = free_port();
	assert_true(port > 0);
	char portstr[16];
	snprintf(portstr, sizeof portstr, "%u", port);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* its own process group: on SIGTERM xapian-tcpsrv signals its whole group */
		setpgid(0, 0);
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execl("/usr/bin/xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", portstr,
		      p("r2"), (char *)NULL);
		_exit(127);
	}
	fg_xdb *remote = NULL;
	for (int i = 0; i < 100 && !remote; i++) {
		if (fg_xdb_open_remote("127.0.0.1", port, 2000, &remote, &err) != FG_OK)
			usleep(50000);
	}
	fg_xdb *local = remote ? open_db(p("r1")) : NULL;
	unsigned rcount = remote ? fg_xdb_doccount(remote) : 0;
	fg_status st = remote ? fg_xdb_add(local, remote, &err) : FG_E_XAPIAN;
	unsigned total = local ? fg_xdb_doccount(local) : 0;
	unsigned hits = 0, spyn = 0;
	if (local) {
		fg_xenq *e = fg_xenq_new(local);
		fg_xq *q = T("common");
		fg_xmset *m = NULL;
		fg_xenq_set_query(e, q);
		int spy = fg_xenq_add_value_spy(e, 0);
		if (fg_xenq_get_mset(e, 0, 20, 20, &m, &err) == FG_OK) {
			hits = fg_xmset_size(m);
			fg_xmset_free(m);
			struct counts c = {0};
			if (fg_xenq_spy_values(e, spy, rec_count, &c, &err) == FG_OK)
				for (unsigned i = 0; i < c.n; i++)
					spyn += c.freq[i];
		}
		fg_xq_free(q);
		fg_xenq_free(e);
	}
	fg_xdb_close(remote);
	fg_xdb_close(local);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	assert_non_null(remote);
	assert_int_equal(rcount, 6);
	assert_int_equal(st, FG_OK);
	assert_int_equal(total, 10);
	assert_int_equal(hits, 10);
	assert_int_equal(spyn, 10);
}

/*
 * Document lengths from the columns (fg_xenq_use_lengths): every query
 * shape gives the same documents, estimates and weights (up to the order
 * of summation) as Xapian's own
 * BM25, on one database and on a stub of two shards, and the rewrite did
 * happen (Bm25Source in the query that ran).
 */
static fg_xq *lengths_query(int k)
{
	fg_xq *a = T("alpha"), *b = T("beta"), *c = T("gamma"), *x = NULL, *y = NULL, *z = NULL;
	fg_xq *v[3] = {a, b, c};
	switch (k) {
	case 0: x = fg_xq_dup(a); break;
	case 1: x = fg_xq_combine(FG_XQ_OR, v, 3, 0); break;
	case 2: x = fg_xq_combine(FG_XQ_AND, v, 2, 0); break;
	case 3: x = fg_xq_combine(FG_XQ_PHRASE, v, 2, 2); break;
	case 4: /* reduced-phrase shape: phrase AND term, title-like scaled OR */
		y = fg_xq_combine(FG_XQ_PHRASE, v, 2, 3);
		z = fg_xq_pair(FG_XQ_AND, y, c);
		fg_xq_free(y);
		y = fg_xq_scale(b, 2.5);
		x = fg_xq_pair(FG_XQ_OR, z, y);
		break;
	case 5: y = fg_xq_scale(a, 0); x = fg_xq_pair(FG_XQ_AND, y, b); break;
	case 6: x = fg_xq_pair(FG_XQ_AND_NOT, a, c); break;
	case 7: x = fg_xq_pair(FG_XQ_FILTER, b, a); break;
	case 8: y = fg_xq_value_weight(1); x = fg_xq_pair(FG_XQ_AND_MAYBE, a, y); break;
	case 9: x = fg_xq_combine(FG_XQ_NEAR, v, 3, 6); break;
	case 10: y = fg_xq_combine(FG_XQ_SYNONYM, v, 2, 0); x = fg_xq_pair(FG_XQ_OR, y, c); break;
	case 11: y = fg_xq_scale(a, 3); z = fg_xq_scale(y, 0.5); x = fg_xq_pair(FG_XQ_AND_MAYBE, b, z); break;
	default: break; /* no more shapes: NULL */
	}
	fg_xq_free(y);
	fg_xq_free(z);
	fg_xq_free(a);
	fg_xq_free(b);
	fg_xq_free(c);
	return x;
}

static void lengths_db(const char *path, int from, int to)
{
	static const char *words[] = {"alpha", "beta", "gamma", "delta", "pad"};
	fg_err err = {0};
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(path, FG_XW_OVERWRITE, 0, &w, &err), FG_OK);
	for (int i = from; i < to; i++) {
		char id[16], text[512] = "", rank[18];
		snprintf(id, sizeof id, "%d", i);
		unsigned r = (unsigned)i * 2654435761u;
		int len = 1 + (int)(r % 37); /* lengths 1..37: BM25's length normalisation matters */
		for (int j = 0; j < len; j++) {
			r = r * 1103515245u + 12345u;
			strcat(text, words[(r >> 16) % 5]);
			strcat(text, " ");
		}
		fg_xdoc *d = mkdoc(id, text, NULL, NULL);
		size_t n = fg_x_sortable_serialise((double)(i % 7), rank);
		fg_xdoc_add_value(d, 1, rank, n);
		fg_xdoc_add_value(d, 2, i % 2 ? "odd" : "even", i % 2 ? 3 : 4);
		char q[16];
		snprintf(q, sizeof q, "Q%d", i);
		assert_int_equal(fg_xwdb_replace_document(w, q, strlen(q), d, &err), FG_OK);
		fg_xdoc_free(d);
	}
	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
	fg_xwdb_close(w);
}

static void test_lengths(void **state)
{
	(void)state;
	fg_err err = {0};
	lengths_db(p("one"), 0, 300);
	lengths_db(p("h1"), 0, 140);
	lengths_db(p("h2"), 140, 300);
	FILE *f = fopen(p("two"), "w");
	assert_non_null(f);
	fputs("auto h1\nauto h2\n", f);
	fclose(f);
	const char *paths[2] = {p("one"), p("two")};
	for (int l = 0; l < 2; l++) {
		fg_xdb *db = open_db(paths[l]);
		unsigned slot = 2;
		fg_xcols *cols = NULL;
		assert_int_equal(fg_xcols_load(db, &slot, 1, &cols, &err), FG_OK);
		int rewritten = 0;
		for (int k = 0;; k++) {
			fg_xq *q = lengths_query(k);
			if (!q)
				break;
			fg_xmset *m[2] = {NULL, NULL};
			char *desc[2];
			for (int use = 0; use < 2; use++) {
				fg_xenq *e = fg_xenq_new(db);
				fg_xenq_set_bm25(e, 1.2, 0, 1, 0.75, 0.5);
				fg_xenq_set_query(e, q);
				if (use)
					assert_int_equal(fg_xenq_use_lengths(e, cols), 0);
				assert_int_equal(fg_xenq_get_mset(e, 0, 40, 0, &m[use], &err), FG_OK);
				desc[use] = fg_xenq_describe(e);
				fg_xenq_free(e);
			}
			assert_null(strstr(desc[0], "Bm25Source"));
			rewritten += strstr(desc[1], "Bm25Source") != NULL;
			assert_int_equal(fg_xmset_size(m[0]), fg_xmset_size(m[1]));
			assert_int_equal(fg_xmset_estimated(m[0]), fg_xmset_estimated(m[1]));
			for (unsigned i = 0; i < fg_xmset_size(m[0]); i++) {
				assert_int_equal(fg_xmset_docid(m[0], i), fg_xmset_docid(m[1], i));
				/* the same terms' weights, summed in Xapian's order or ours: equal to the last bit or two */
				double w0 = fg_xmset_weight(m[0], i), w1 = fg_xmset_weight(m[1], i);
				assert_true(fabs(w0 - w1) <= 1e-12 * fabs(w0));
			}
			assert_true(fg_xmset_size(m[0]) > 0);
			free(desc[0]);
			free(desc[1]);
			fg_xmset_free(m[0]);
			fg_xmset_free(m[1]);
			fg_xq_free(q);
		}
		assert_int_equal(rewritten, 12); /* every query has a BM25-weighted term */
		fg_xcols_free(cols);
		fg_xdb_close(db);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_txn_and_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_and_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stub_shards, setup, teardown),
		cmocka_unit_test_setup_teardown(test_collapse_sort_spy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_weight, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modified_retry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lengths, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
