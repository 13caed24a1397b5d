/*
 * fg-search - command-line search over a Fagui index, and the relevance
 * evaluation on STARD-style question sets.
 *
 *   fg-search --index DIR [--doc] [--plain] [--limit N] [--status S] QUERY
 *       prints the API JSON of the search
 *   fg-search --index DIR --docview ID
 *       prints the /api/doc JSON
 *   fg-search --index DIR --eval FILE.jsonl [--stopwords FILE] [--max N]
 *       runs every {"query","relevant":[...]} line in default and plain
 *       mode and prints Recall@10, Recall@100 and MRR@10 for both
 *   --thesaurus FILE  the colloquial-to-statute thesaurus for questions
 *       (default: data/thesaurus.tsv found next to the program; "" for none)
 */
#include "fagui.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * The key of a rule name for matching STARD's relevant articles: normalized,
 * without spaces, and without "中华人民共和国" anywhere, as STARD writes
 * 《民法典》 where the documents' titles say 《中华人民共和国民法典》
 * (最高人民法院关于适用《民法典》有关担保制度的解释).
 */
static char *strip_prc(const char *s)
{
	static const char prc[] = "中华人民共和国";
	char *norm = NULL;
	size_t n;
	fg_normalize(s, strlen(s), &norm, &n, NULL, NULL);
	char *w = norm;
	for (char *r = norm; *r;) {
		if (!strncmp(r, prc, sizeof prc - 1))
			r += sizeof prc - 1;
		else if (*r == ' ')
			r++;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return norm;
}

struct metrics {
	double r10, r100, mrr10;
	size_t n;
	double ms;
};

/* A hit's key: its title without 中华人民共和国 (and without the part of a code: " · 物权编"), then its article label. Caller frees. */
static char *hit_key(const fg_hit *h)
{
	fg_buf key = {0};
	const char *dot = strstr(h->title, " · ");
	char *title = dot ? fg_xstrndup(h->title, (size_t)(dot - h->title)) : fg_xstrdup(h->title);
	char *t = strip_prc(title);
	free(title);
	fg_buf_puts(&key, t);
	fg_buf_puts(&key, h->article);
	free(t);
	return fg_buf_detach(&key);
}

static FILE *dump; /* FAGUI_EVAL_DUMP: the default mode's hit keys, one JSON line a question */

/*
 * FAGUI_EVAL_DUMP: add the keys of hits 101-500 (101-$FAGUI_EVAL_DEPTH) of req (a copy: its offset
 * changes) to keys, which holds the first 100, and write the question's
 * line to dump. Takes keys.
 */
static void dump_hits(fg_searcher *s, const fg_search_req *req0, const char *q, json_object *keys)
{
	fg_search_req req = *req0;
	fg_err err = {0};
	const char *dv = getenv("FAGUI_EVAL_DEPTH");
	unsigned depth = dv && *dv ? (unsigned)atoi(dv) : 500;
	for (unsigned off = 100; off < depth; off += 100) {
		fg_result *more = NULL;
		req.offset = off;
		if (fg_search(s, &req, &more, &err) != FG_OK)
			break;
		for (size_t i = 0; i < more->nhits; i++) {
			char *key = hit_key(&more->hits[i]);
			json_object_array_add(keys, json_object_new_string(key));
			free(key);
		}
		fg_result_free(more);
	}
	json_object *o = json_object_new_object();
	json_object_object_add(o, "query", json_object_new_string(q));
	json_object_object_add(o, "hits", keys);
	fprintf(dump, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* Run question q in default or plain mode; add its Recall@10, Recall@100 and MRR@10 against rel[0..nrel) to m. */
static void eval_one(fg_searcher *s, const char *q, char **rel, size_t nrel, int plain, struct metrics *m)
{
	fg_search_req req = {0};
	req.q = q;
	req.limit = 100;
	req.plain = plain;
	req.no_facets = 1;
	fg_result *r = NULL;
	fg_err err = {0};
	char qbuf[FG_QUERY_MAX_BYTES + 1];
	snprintf(qbuf, sizeof qbuf, "%s", q);
	req.q = qbuf;
	if (fg_search(s, &req, &r, &err) != FG_OK) {
		m->n++;
		return;
	}
	m->ms += r->took_ms;
	int *found = fg_xcalloc(nrel ? nrel : 1, sizeof *found);
	double rr = 0;
	json_object *keys = dump && !plain ? json_object_new_array() : NULL;
	for (size_t i = 0; i < r->nhits; i++) {
		char *key = hit_key(&r->hits[i]);
		if (keys)
			json_object_array_add(keys, json_object_new_string(key));
		for (size_t j = 0; j < nrel; j++) {
			if (!found[j] && !strcmp(key, rel[j])) {
				found[j] = (int)i + 1;
				if (rr == 0 && i < 10)
					rr = 1.0 / (double)(i + 1);
			}
		}
		free(key);
	}
	if (keys)
		dump_hits(s, &req, q, keys);
	size_t f10 = 0, f100 = 0;
	for (size_t j = 0; j < nrel; j++) {
		f10 += found[j] && found[j] <= 10;
		f100 += found[j] > 0;
	}
	if (nrel) {
		m->r10 += (double)f10 / (double)nrel;
		m->r100 += (double)f100 / (double)nrel;
	}
	m->mrr10 += rr;
	m->n++;
	free(found);
	fg_result_free(r);
}

/* --eval: the questions of the JSONL file path (the first max, 0 = all) in both modes, then the table. Exit code. */
static int run_eval(fg_searcher *s, const char *path, size_t max)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 1;
	}
	struct metrics def = {0}, plain = {0};
	const char *pv = getenv("FAGUI_EVAL_PLAIN");
	int noplain = pv && !strcmp(pv, "0"); /* FAGUI_EVAL_PLAIN=0: the default mode only */
	const char *dp = getenv("FAGUI_EVAL_DUMP");
	if (dp && *dp && !(dump = fopen(dp, "w"))) {
		perror(dp);
		fclose(f);
		return 1;
	}
	char *line = NULL;
	size_t cap = 0;
	size_t nq = 0;
	while (getline(&line, &cap, f) > 0 && (!max || nq < max)) {
		json_object *o = json_tokener_parse(line);
		json_object *q, *rel;
		if (!o || !json_object_object_get_ex(o, "query", &q) ||
		    !json_object_object_get_ex(o, "relevant", &rel)) {
			json_object_put(o);
			continue;
		}
		size_t nrel = json_object_array_length(rel);
		char **rels = fg_xcalloc(nrel ? nrel : 1, sizeof *rels);
		for (size_t i = 0; i < nrel; i++)
			rels[i] = strip_prc(json_object_get_string(json_object_array_get_idx(rel, i)));
		eval_one(s, json_object_get_string(q), rels, nrel, 0, &def);
		if (!noplain)
			eval_one(s, json_object_get_string(q), rels, nrel, 1, &plain);
		for (size_t i = 0; i < nrel; i++)
			free(rels[i]);
		free(rels);
		json_object_put(o);
		nq++;
	}
	free(line);
	fclose(f);
	if (dump)
		fclose(dump);
	if (!nq) {
		fprintf(stderr, "fg-search: no questions in %s\n", path);
		return 1;
	}
	printf("| mode (%zu questions) | Recall@10 | Recall@100 | MRR@10 | mean ms |\n|---|---|---|---|---|\n", nq);
	printf("| Fagui default | %.3f | %.3f | %.3f | %.1f |\n", def.r10 / nq, def.r100 / nq, def.mrr10 / nq,
	       def.ms / nq);
	if (!noplain)
		printf("| plain BM25 (OR of bigrams) | %.3f | %.3f | %.3f | %.1f |\n", plain.r10 / nq, plain.r100 / nq,
		       plain.mrr10 / nq, plain.ms / nq);
	return 0;
}

/* Whether id is one of the comma-separated ids. */
static int id_in(const char *id, const char *ids)
{
	const char *p = ids, *item;
	size_t n;
	while (fg_list_next(&p, &item, &n))
		if (n == strlen(id) && !memcmp(item, id, n))
			return 1;
	return 0;
}

/*
 * --names: look-up checks. Each line of path is "query<TAB>ids[<TAB>label]":
 * the query passes when its first hit belongs to one of the comma-separated
 * document ids (and is the article labelled label, when given). Prints the count and fraction; with FAGUI_NAMES_FAILS=FILE, the
 * failures (query, expected, first hit's id and title) go to FILE.
 */
static int run_names(fg_searcher *s, const char *path, size_t max)
{
	FILE *f = fopen(path, "r"), *fails = NULL;
	if (!f) {
		fprintf(stderr, "fg-search: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	const char *fp = getenv("FAGUI_NAMES_FAILS");
	if (fp && *fp)
		fails = fopen(fp, "w");
	char *line = NULL;
	size_t cap = 0, nq = 0, first = 0;
	double ms = 0;
	while (getline(&line, &cap, f) > 0 && (!max || nq < max)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		char *label = strchr(tab + 1, '\t');
		if (label)
			*label++ = '\0';
		fg_result *r = NULL;
		fg_err err = {0};
		fg_search_req req = {.q = line, .limit = 1, .no_facets = 1};
		int ok = fg_search(s, &req, &r, &err) == FG_OK && r->nhits && id_in(r->hits[0].id, tab + 1) &&
			 (!label || !strcmp(r->hits[0].article, label));
		nq++;
		first += ok;
		ms += r ? r->took_ms : 0;
		if (!ok && fails)
			fprintf(fails, "%s\t%s\t%s\t%s %s\n", line, tab + 1, r && r->nhits ? r->hits[0].id : "-",
				r && r->nhits ? r->hits[0].title : err.msg, r && r->nhits ? r->hits[0].article : "");
		fg_result_free(r);
	}
	free(line);
	fclose(f);
	if (fails)
		fclose(fails);
	printf("| look-ups | first | fraction | mean ms |\n|---|---|---|---|\n| %zu | %zu | %.4f | %.2f |\n", nq, first,
	       nq ? (double)first / (double)nq : 0, nq ? ms / (double)nq : 0);
	return 0;
}

struct opts {
	const char *index;   /* --index */
	const char *names;   /* --names FILE.tsv */
	const char *docview; /* --docview ID */
	const char *eval;    /* --eval FILE.jsonl */
	const char *swpath;  /* --stopwords, NULL for none */
	const char *thpath;  /* --thesaurus, NULL for the installed one, "" for none */
	fg_search_req req;   /* the search's options; q is set from the arguments */
	size_t max;          /* --max: questions to evaluate, 0 for all */
	int explain;         /* --explain */
	int suggest;         /* --suggest: print /api/suggest's JSON for the query */
};

static void usage(void)
{
	printf("usage: fg-search --index DIR [--doc] [--plain] [--limit N] QUERY\n"
	       "       fg-search --index DIR --docview ID\n"
	       "       fg-search --index DIR --suggest [--limit N] PREFIX   (rule names, as /api/suggest)\n"
	       "       fg-search --index DIR --eval FILE.jsonl [--stopwords FILE] [--max N]\n"
	       "       fg-search --index DIR --names FILE.tsv [--max N]   (query<TAB>ids: is the first hit one of them)\n"
	       "       --thesaurus FILE (default: the installed or in-tree data/thesaurus.tsv; \"\" = none)\n"
	       "       --explain: print the Xapian query to stderr\n");
}

/* Fill o from the command line. -1 to go on, else the exit code (0 after --help, 2 on misuse). */
static int parse_options(int argc, char **argv, struct opts *o)
{
	static const struct option opts[] = {{"index", required_argument, NULL, 'i'},
					     {"doc", no_argument, NULL, 'd'},
					     {"plain", no_argument, NULL, 'p'},
					     {"limit", required_argument, NULL, 'l'},
					     {"offset", required_argument, NULL, 'O'},
					     {"status", required_argument, NULL, 's'},
					     {"level", required_argument, NULL, 'L'},
					     {"region", required_argument, NULL, 'r'},
					     {"asof", required_argument, NULL, 'a'},
					     {"sort", required_argument, NULL, 'S'},
					     {"docview", required_argument, NULL, 'v'},
					     {"eval", required_argument, NULL, 'e'},
					     {"max", required_argument, NULL, 'm'},
					     {"names", required_argument, NULL, 'n'},
					     {"stopwords", required_argument, NULL, 'w'},
					     {"thesaurus", required_argument, NULL, 't'},
					     {"explain", no_argument, NULL, 'x'},
					     {"suggest", no_argument, NULL, 'g'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	fg_search_req *req = &o->req;
	int c;
	*o = (struct opts){0};
	while ((c = getopt_long(argc, argv, "i:dpl:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': o->index = optarg; break;
		case 'd': req->unit = FG_SEARCH_DOC; break;
		case 'p': req->plain = 1; break;
		case 'l': req->limit = (unsigned)atoi(optarg); break;
		case 'O': req->offset = (unsigned)atoi(optarg); break;
		case 's': req->status = optarg; break;
		case 'L': req->level = optarg; break;
		case 'r': req->region = optarg; break;
		case 'a': req->asof = optarg; break;
		case 'S': req->sort = !strcmp(optarg, "date") ? FG_SORT_DATE : FG_SORT_RELEVANCE; break;
		case 'v': o->docview = optarg; break;
		case 'e': o->eval = optarg; break;
		case 'm': o->max = (size_t)atol(optarg); break;
		case 'n': o->names = optarg; break;
		case 'w': o->swpath = optarg; break;
		case 't': o->thpath = optarg; break;
		case 'x': o->explain = 1; break;
		case 'g': o->suggest = 1; break;
		case 'h': usage(); return 0;
		default: return 2;
		}
	}
	if (!o->index) {
		fprintf(stderr, "fg-search: --index DIR is required\n");
		return 2;
	}
	return -1;
}

/*
 * Load the stop words (only with --stopwords) and the thesaurus (--thesaurus,
 * else data/thesaurus.tsv found next to the program), then open the index.
 * 0 with *s, *sw and *th set (the lists may be NULL), or 1 after a message
 * with nothing left to free.
 */
static int open_searcher(const struct opts *o, fg_searcher **s, fg_stopwords **sw, fg_thesaurus **th)
{
	fg_err err = {0};
	*s = NULL;
	*sw = NULL;
	*th = NULL;
	if (o->swpath && fg_stopwords_load(o->swpath, sw, &err) != FG_OK) {
		fprintf(stderr, "fg-search: %s\n", err.msg);
		return 1;
	}
	char *thfile = o->thpath ? fg_xstrdup(o->thpath) : fg_data_path("thesaurus.tsv");
	if (thfile && *thfile && fg_thesaurus_load(thfile, th, &err) != FG_OK) {
		fprintf(stderr, "fg-search: %s\n", err.msg);
		free(thfile);
		fg_stopwords_free(*sw);
		return 1;
	}
	free(thfile);
	if (fg_searcher_open(o->index, *sw, s, &err) != FG_OK) {
		fprintf(stderr, "fg-search: %s\n", err.msg);
		fg_thesaurus_free(*th);
		fg_stopwords_free(*sw);
		return 1;
	}
	fg_searcher_set_thesaurus(*s, *th);
	return 0;
}

/* --docview: print the /api/doc JSON of document id. The exit code. */
static int run_docview(fg_searcher *s, const char *id)
{
	fg_docview *v = NULL;
	fg_err err = {0};
	if (fg_docview_get(s, id, &v, &err) != FG_OK) {
		fprintf(stderr, "fg-search: %s\n", err.msg);
		return 1;
	}
	puts(v->json);
	fg_docview_free(v);
	return 0;
}

/* --suggest: print the /api/suggest JSON of q. The exit code. */
static int run_suggest(fg_searcher *s, const char *q, unsigned limit)
{
	fg_suggestion *v = NULL;
	size_t n = 0;
	fg_err err = {0};
	if (fg_suggest(s, q, limit, &v, &n, &err) != FG_OK) {
		fprintf(stderr, "fg-search: %s\n", err.msg);
		return 1;
	}
	char *j = fg_suggestions_json(q, v, n);
	puts(j);
	free(j);
	fg_suggestions_free(v, n);
	return 0;
}

/* Search the words of argv[first..argc) joined by spaces and print the API JSON. The exit code. */
static int run_query(fg_searcher *s, const struct opts *o, int argc, char **argv, int first)
{
	fg_search_req req = o->req;
	fg_buf q = {0};
	for (int i = first; i < argc; i++) {
		if (i > first)
			fg_buf_putc(&q, ' ');
		fg_buf_puts(&q, argv[i]);
	}
	req.q = q.data ? q.data : "";
	fg_result *r = NULL;
	fg_err err = {0};
	int rc = 0;
	if (fg_search(s, &req, &r, &err) != FG_OK) {
		fprintf(stderr, "fg-search: %s\n", err.msg);
		rc = 1;
	} else {
		if (o->explain)
			fprintf(stderr, "%s\n", r->parsed ? r->parsed : "");
		char *j = fg_result_json(r);
		puts(j);
		free(j);
		fg_result_free(r);
	}
	fg_buf_free(&q);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	int rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	fg_searcher *s;
	fg_stopwords *sw;
	fg_thesaurus *th;
	if (open_searcher(&o, &s, &sw, &th) != 0)
		return 1;
	if (o.eval)
		rc = run_eval(s, o.eval, o.max);
	else if (o.names)
		rc = run_names(s, o.names, o.max);
	else if (o.docview)
		rc = run_docview(s, o.docview);
	else if (o.suggest)
		rc = run_suggest(s, optind < argc ? argv[optind] : "", o.req.limit);
	else
		rc = run_query(s, &o, argc, argv, optind);
	fg_searcher_close(s);
	fg_thesaurus_free(th);
	fg_stopwords_free(sw);
	return rc;
}
