/*
 * fuzz_query.c - the query language: fg_query_parse, fg_query_build,
 * fg_query_relaxed and fg_query_is_plain on any text up to the length
 * fg_search accepts (invalid UTF-8 is replaced first, as searchd rejects
 * it). Parsing succeeds or names the problem; a built query has valid
 * non-empty needles and can be described; everything is freed.
 */
#include <string.h>

#include "fuzz.h"
#include "query.h"
#include "search.h"

static fg_stopwords *sw;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static const char list[] = "# fuzz stop list\n的\n了\n怎么办\n规定\nthe\n";
	sw = fg_stopwords_from_text(list, sizeof list - 1);
	return 0;
}

static void check_needles(char **needles, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		CHECK(needles[i] != NULL);
		CHECK(fg_utf8_valid(needles[i], strlen(needles[i]), NULL));
		free(needles[i]);
	}
	free(needles);
}

static void check_tree(const fg_qnode *n, int depth)
{
	CHECK(depth < 100000);
	CHECK(n->type >= FG_Q_TEXT && n->type <= FG_Q_REF);
	if (n->type == FG_Q_TEXT || n->type == FG_Q_REF) {
		CHECK(n->text != NULL);
		CHECK(fg_utf8_valid(n->text, strlen(n->text), NULL));
	}
	if (n->type == FG_Q_NOT)
		CHECK(n->nkids == 1);
	for (size_t i = 0; i < n->nkids; i++) {
		CHECK(n->kids[i] != NULL);
		check_tree(n->kids[i], depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FG_QUERY_MAX_BYTES)
		return 0;
	size_t qlen = 0;
	char *q = fg_utf8_sanitize((const char *)data, size, &qlen, NULL, NULL);
	fg_qnode *tree = NULL;
	fg_err err = {0};
	fg_status st = fg_query_parse(q, qlen, &tree, &err);
	if (st != FG_OK) {
		CHECK(tree == NULL);
		CHECK(st == FG_E_INVAL || st == FG_E_LIMIT);
		CHECK(err.msg[0] != '\0');
		free(q);
		return 0;
	}
	if (tree) {
		check_tree(tree, 0);
		fg_qopts o = {2.0, 6.0, 12.0};
		fg_xq *xq = NULL;
		char **needles = NULL;
		size_t nneedles = 0;
		fg_err berr = {0};
		st = fg_query_build(tree, &o, &xq, &needles, &nneedles, &berr);
		if (st == FG_OK) {
			CHECK(xq != NULL);
			char *desc = fg_xq_describe(xq);
			CHECK(desc != NULL);
			free(desc);
			fg_xq_free(xq);
		} else {
			CHECK(xq == NULL);
			CHECK(berr.msg[0] != '\0');
		}
		check_needles(needles, nneedles);
		if (fg_query_is_plain(tree)) {
			size_t nterms = 0;
			char **rn = NULL;
			size_t nrn = 0;
			fg_xq *rq = fg_query_relaxed(tree, sw, &(fg_relax_opts){2.0, 1.0, 0.5, NULL}, &nterms, &rn, &nrn);
			if (rq)
				CHECK(nterms > 0);
			fg_xq_free(rq);
			check_needles(rn, nrn);
		}
		fg_qnode_free(tree);
	}
	free(q);
	return 0;
}
