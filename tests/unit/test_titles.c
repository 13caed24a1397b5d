/*
 * test_titles.c - the title map of a searcher (search/titles.c) and what is
 * built on it (cited-by, the cleanup report): a failure to read the index
 * while building the map is an error, never an empty map. The index is one
 * record served by xapian-tcpsrv; the server is stopped after the searcher
 * opened it and before the map is built, so reading the records fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fagui.h"
#include "cite.h"
#include "record.h"
#include "terms.h"
#include "xap.h"

static char tmpdir[64];

static unsigned free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	socklen_t alen = sizeof a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	unsigned port = 0;
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &alen) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* One document's record, as the indexer writes it (the title map reads its terms and values). */
static void write_record(const char *path)
{
	fg_err err = {0};
	fg_xwdb *w = NULL;
	assert_int_equal(fg_xwdb_open(path, FG_XW_OVERWRITE, 0, &w, &err), FG_OK);
	fg_doc d;
	memset(&d, 0, sizeof d);
	d.meta.id = "t1";
	d.meta.title = "示例省测试条例";
	d.meta.status = "现行有效";
	d.meta.level = "地方性法规";
	d.meta.published = "2020-01-01";
	fg_xdoc *x = fg_xdoc_new();
	fg_buf t = {0};
	fg_term_record(&t, "t1");
	fg_xdoc_add_boolean_term(x, t.data, t.len);
	fg_xdoc_add_boolean_term(x, FG_TERM_RECORDS, 3);
	fg_xdoc_add_value(x, FG_SLOT_ID, "t1", 2);
	fg_xdoc_add_value(x, FG_SLOT_CITE, "示例省测试条例\t", strlen("示例省测试条例\t"));
	fg_record_encode(&t, &d, "t1.md", "0");
	fg_xdoc_set_data(x, t.data, t.len);
	assert_int_equal(fg_xwdb_add_document(w, x, NULL, &err), FG_OK);
	assert_int_equal(fg_xwdb_commit(w, &err), FG_OK);
	fg_xdoc_free(x);
	fg_buf_free(&t);
	fg_xwdb_close(w);
}

static pid_t serve(const char *db, unsigned port)
{
	char portstr[16];
	snprintf(portstr, sizeof portstr, "%u", port);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setpgid(0, 0); /* on SIGTERM xapian-tcpsrv signals its whole group */
		freopen("/dev/null", "w", stdout);
		freopen("/dev/null", "w", stderr);
		execl("/usr/bin/xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", portstr, db,
		      (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void stop(pid_t pid)
{
	kill(-pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* A searcher over the record served on a fresh port; *pid gets the server. */
static fg_searcher *open_served(const char *db, const char *stub, pid_t *pid)
{
	unsigned port = free_port();
	assert_true(port > 0);
	FILE *f = fopen(stub, "w");
	assert_non_null(f);
	fprintf(f, "remote 127.0.0.1:%u\n", port);
	fclose(f);
	*pid = serve(db, port);
	fg_searcher *s = NULL;
	fg_err err = {0};
	for (int i = 0; i < 100 && !s; i++)
		if (fg_searcher_open(stub, NULL, &s, &err) != FG_OK)
			usleep(50000);
	assert_non_null(s);
	return s;
}

static void test_lost_index(void **state)
{
	(void)state;
	if (access("/usr/bin/xapian-tcpsrv", X_OK) != 0)
		skip();
	char db[128], stub[128];
	snprintf(db, sizeof db, "%s/db", tmpdir);
	snprintf(stub, sizeof stub, "%s/stub", tmpdir);
	write_record(db);
	fg_err err = {0};

	/* served: the map holds the record, the report runs */
	pid_t pid;
	fg_searcher *s = open_served(db, stub, &pid);
	const fg_titlemap *m = NULL;
	assert_int_equal(fg_searcher_titles(s, &m, &err), FG_OK);
	assert_int_equal(fg_titlemap_count(m), 1);
	fg_finding *v = NULL;
	size_t n = 0;
	fg_cleanup_opts o = {0};
	o.today = "2026-01-01";
	assert_int_equal(fg_cleanup_run(s, &o, &v, &n, &err), FG_OK);
	fg_findings_free(v, n);
	fg_searcher_close(s);
	stop(pid);

	/* the server gone before the map is built: errors, not an empty report */
	s = open_served(db, stub, &pid);
	stop(pid);
	m = NULL;
	assert_int_not_equal(fg_searcher_titles(s, &m, &err), FG_OK);
	assert_null(m);
	assert_true(strlen(err.msg) > 0);
	v = NULL;
	n = 0;
	fg_err_clear(&err);
	assert_int_equal(fg_cleanup_run(s, &o, &v, &n, &err), FG_E_XAPIAN);
	assert_null(v);
	fg_citedby *cb = NULL;
	assert_int_equal(fg_cite_cited_by(s, "t1", &cb, &n, &err), FG_E_XAPIAN);
	fg_searcher_close(s);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/fg-titles-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lost_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
