/*
 * search.c - ranked search over an index: opens (and refreshes) the index,
 * turns a request into a Xapian query (query.c), applies filters, the
 * static prior, collapsing and facets, relaxes to ranked matching when the
 * strict query finds too little, and builds hits with snippets; also loads
 * document views.
 *
 * Ranking: score = BM25(body phrase or bigrams) + title_weight * BM25(title)
 *                + prior_scale * prior(status, level)   (index.c fg_index_prior)
 */
#include "search.h"
#include "json.h"

#include "index.h"
#include "cite.h"
#include "query.h"
#include "versions.h"
#include "xap.h"

#include <json-c/json.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define RELAX_MIN 1          /* relax a plain query only when its strict form finds nothing */
#define FACET_CHECK 1000     /* documents checked for exact totals and facets */
#define SNIPPET_CHARS 120

/*
 * Ranking knobs. The defaults were chosen with `make eval` on STARD; the
 * environment variable FAGUI_TUNE ("k1=1.2,b=0.75,prior=1.5,...") overrides
 * them for experiments.
 */
struct tuning {
	double k1, b;         /* BM25 */
	double title;         /* title phrase weight (strict) */
	double prior;         /* scale of the status/level prior (strict) */
	double relax_title;   /* title bigram weight (relaxed) */
	double relax_prior;   /* scale of the prior (relaxed) */
	double strict_boost;  /* weight of strict matches inside the relaxed query */
	double level;         /* prior per level step (宪法 10 steps above 规范性文件) */
	double relax_level;   /* the same for relaxed questions */
	double doc_boost;     /* relaxed: weight added to units of the best-matching documents (0 = off) */
	double doc_top;       /* relaxed: how many best documents get it */
	double synonym;       /* relaxed: weight of the thesaurus' statute words (0 = off) */
	double relax_heading; /* relaxed: weight of bigrams in the unit's headings (0 = off) */
	double keywords;      /* relaxed: weight of bigrams of the article's everyday words (0 = off) */
};

static const struct tuning default_tuning = {1.2, 0.75, 2.0, 1.5, 0.2, 30.0, 3.0, 0.05, 0.15, 20, 20, 0.5, 0.25, 0.5};

static void read_tuning(struct tuning *t)
{
	*t = default_tuning;
	const char *env = getenv("FAGUI_TUNE");
	if (!env)
		return;
	static const struct {
		const char *name;
		size_t off;
	} knobs[] = {{"k1", offsetof(struct tuning, k1)},
		     {"b", offsetof(struct tuning, b)},
		     {"title", offsetof(struct tuning, title)},
		     {"prior", offsetof(struct tuning, prior)},
		     {"relax_title", offsetof(struct tuning, relax_title)},
		     {"relax_heading", offsetof(struct tuning, relax_heading)},
		     {"keywords", offsetof(struct tuning, keywords)},
		     {"relax_prior", offsetof(struct tuning, relax_prior)},
		     {"strict_boost", offsetof(struct tuning, strict_boost)},
		     {"level", offsetof(struct tuning, level)},
		     {"relax_level", offsetof(struct tuning, relax_level)},
		     {"doc_boost", offsetof(struct tuning, doc_boost)},
		     {"doc_top", offsetof(struct tuning, doc_top)},
		     {"synonym", offsetof(struct tuning, synonym)},
		     {NULL, 0}};
	const char *p = env;
	while (*p) {
		const char *eq = strchr(p, '=');
		if (!eq)
			break;
		for (int i = 0; knobs[i].name; i++)
			if (strlen(knobs[i].name) == (size_t)(eq - p) && !strncmp(p, knobs[i].name, (size_t)(eq - p)))
				*(double *)((char *)t + knobs[i].off) = strtod(eq + 1, NULL);
		const char *comma = strchr(eq, ',');
		if (!comma)
			break;
		p = comma + 1;
	}
}

struct fg_searcher {
	struct tuning tune;
	char *path;          /* what fg_xdb_open opens */
	int is_stub_dir;     /* path is DIR/index.stub of an index directory */
	struct stat st;      /* the stub when opened */
	fg_xdb *db;
	const fg_stopwords *sw;
	const fg_thesaurus *th; /* borrowed; NULL = no expansion */
	fg_titlemap *titles; /* citation title map of db, built on first use (cite.c) */
	fg_xcols *cols;      /* facet and prior columns of db, loaded on first use */
	int cols_state;      /* 0 not decided yet, 1 loaded, -1 not used (remote shards, FAGUI_COLS=0, error) */
};

/* The value slots held in memory (fg_xcols): the facets and the prior's. */
static const unsigned col_slots[] = {FG_SLOT_LEVEL, FG_SLOT_STATUS, FG_SLOT_REGION, FG_SLOT_YEAR};

/* Whether path names a database with a remote shard (a stub with a "remote" line). */
static int has_remote_shard(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	char *text = NULL;
	size_t len = 0;
	if (fg_read_file(path, 1 << 20, &text, &len, NULL) != FG_OK)
		return 1; /* unreadable: assume the worst, fall back to value lookups */
	int remote = 0;
	for (char *line = text; line && *line && !remote; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		while (*line == ' ' || *line == '\t')
			line++;
		remote = !strncmp(line, "remote", 6) && (line[6] == ' ' || line[6] == '\t');
	}
	free(text);
	return remote;
}

static void drop_cols(fg_searcher *s)
{
	fg_xcols_free(s->cols);
	s->cols = NULL;
	s->cols_state = 0; /* decided again for the new database */
}

/*
 * Columns are shared by the searchers of one process (searchd's threads)
 * when they see the same database revision: one copy in memory, loaded once
 * per index change. Several shards have no single revision: each searcher
 * then loads its own.
 */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static fg_xcols *shared_cols;    /* of the database shared_key names */
static char shared_key[160];     /* fg_xdb_identity */
static unsigned shared_searchers; /* open searchers: the last one to close frees shared_cols */

/* The columns of the current database, or NULL when they are not used (then values are read from the index). */
static const fg_xcols *searcher_cols(fg_searcher *s)
{
	if (s->cols_state != 0)
		return s->cols;
	const char *env = getenv("FAGUI_COLS");
	if ((env && !strcmp(env, "0")) || has_remote_shard(s->path)) {
		s->cols_state = -1;
		return NULL;
	}
	char key[sizeof shared_key];
	if (fg_xdb_identity(s->db, key, sizeof key) == 0) {
		pthread_mutex_lock(&shared_lock);
		if (!shared_cols || strcmp(key, shared_key) != 0) {
			fg_xcols *c = NULL;
			if (fg_xcols_load(s->db, col_slots, sizeof col_slots / sizeof col_slots[0], &c, NULL) == FG_OK) {
				fg_xcols_free(shared_cols);
				shared_cols = c;
				snprintf(shared_key, sizeof shared_key, "%s", key);
			}
		}
		if (shared_cols && !strcmp(key, shared_key))
			s->cols = fg_xcols_dup(shared_cols);
		pthread_mutex_unlock(&shared_lock);
	} else {
		fg_xcols_load(s->db, col_slots, sizeof col_slots / sizeof col_slots[0], &s->cols, NULL);
	}
	s->cols_state = s->cols ? 1 : -1;
	return s->cols;
}

static fg_status open_db(fg_searcher *s, fg_err *err)
{
	fg_xdb *db = NULL;
	if (s->is_stub_dir && stat(s->path, &s->st) != 0)
		return fg_err_set(err, FG_E_NOTFOUND, "cannot open index %s: no index.stub", s->path);
	fg_status st = fg_xdb_open(s->path, &db, err);
	if (st != FG_OK)
		return st;
	fg_xdb_close(s->db);
	s->db = db;
	fg_titlemap_free(s->titles);
	s->titles = NULL;
	drop_cols(s);
	return FG_OK;
}

fg_status fg_searcher_open(const char *path, const fg_stopwords *sw, fg_searcher **out, fg_err *err)
{
	*out = NULL;
	fg_searcher *s = fg_xcalloc(1, sizeof *s);
	s->sw = sw;
	read_tuning(&s->tune);
	struct stat st;
	if (stat(path, &st) != 0) {
		free(s);
		return fg_err_set(err, FG_E_NOTFOUND, "cannot open index %s: no such file or directory", path);
	}
	fg_buf b = {0};
	fg_buf_printf(&b, "%s/index.stub", path);
	if (S_ISDIR(st.st_mode) && stat(b.data, &st) == 0) {
		s->path = fg_buf_detach(&b);
		s->is_stub_dir = 1;
	} else {
		fg_buf_free(&b);
		s->path = fg_xstrdup(path);
	}
	fg_status rc = open_db(s, err);
	if (rc != FG_OK) {
		free(s->path);
		free(s);
		return rc;
	}
	pthread_mutex_lock(&shared_lock);
	shared_searchers++;
	pthread_mutex_unlock(&shared_lock);
	*out = s;
	return FG_OK;
}

void fg_searcher_close(fg_searcher *s)
{
	if (!s)
		return;
	fg_xdb_close(s->db);
	fg_titlemap_free(s->titles);
	fg_xcols_free(s->cols);
	pthread_mutex_lock(&shared_lock);
	if (--shared_searchers == 0) {
		fg_xcols_free(shared_cols);
		shared_cols = NULL;
	}
	pthread_mutex_unlock(&shared_lock);
	free(s->path);
	free(s);
}

fg_status fg_searcher_refresh(fg_searcher *s, int *changed, fg_err *err)
{
	if (changed)
		*changed = 0;
	if (s->is_stub_dir) {
		struct stat st;
		if (stat(s->path, &st) == 0 &&
		    (st.st_ino != s->st.st_ino || st.st_mtim.tv_sec != s->st.st_mtim.tv_sec ||
		     st.st_mtim.tv_nsec != s->st.st_mtim.tv_nsec || st.st_size != s->st.st_size)) {
			fg_status rc = open_db(s, err);
			if (rc == FG_OK && changed)
				*changed = 1;
			return rc;
		}
	}
	int moved = 0;
	fg_status rc = fg_xdb_reopen(s->db, &moved, err);
	if (moved) {
		fg_titlemap_free(s->titles);
		s->titles = NULL;
		drop_cols(s);
	}
	if (changed)
		*changed = moved;
	return rc;
}

void fg_searcher_set_thesaurus(fg_searcher *s, const fg_thesaurus *th)
{
	s->th = th;
}

const fg_titlemap *fg_searcher_titles(fg_searcher *s)
{
	if (!s->titles)
		fg_titlemap_build(s->db, &s->titles, NULL);
	return s->titles;
}

unsigned fg_searcher_documents(fg_searcher *s)
{
	return fg_xdb_termfreq(s->db, "XKr", 3);
}

unsigned fg_searcher_units(fg_searcher *s)
{
	unsigned all = fg_xdb_doccount(s->db), recs = fg_searcher_documents(s);
	return all > recs ? all - recs : 0;
}

unsigned fg_searcher_articles(fg_searcher *s)
{
	return fg_xdb_termfreq(s->db, "XKa", 3);
}

struct fg_xdb *fg_searcher_db(fg_searcher *s)
{
	return s->db;
}

/* ---- helpers ---- */

static int valid_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void compact_date(const char *s, char out[9])
{
	memcpy(out, s, 4);
	memcpy(out + 4, s + 5, 2);
	memcpy(out + 6, s + 8, 2);
	out[8] = '\0';
}

/* OR of boolean terms prefix+value for each comma-separated value; NULL when list is empty. */
static fg_xq *terms_filter(const char *prefix, const char *list)
{
	if (!list || !*list)
		return NULL;
	fg_xq **subs = NULL;
	size_t n = 0;
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len) {
			fg_buf b = {0};
			fg_buf_puts(&b, prefix);
			fg_buf_put(&b, p, len);
			subs = fg_xrealloc(subs, (n + 1) * sizeof *subs);
			subs[n++] = fg_xq_term(b.data, b.len, 1, 0);
			fg_buf_free(&b);
		}
		if (!e)
			break;
		p = e + 1;
	}
	fg_xq *q = n ? fg_xq_combine(FG_XQ_OR, subs, n, 0) : NULL;
	for (size_t i = 0; i < n; i++)
		fg_xq_free(subs[i]);
	free(subs);
	return q;
}

static void add_filter(fg_xq **acc, fg_xq *f)
{
	if (!f)
		return;
	if (!*acc) {
		*acc = f;
		return;
	}
	fg_xq *r = fg_xq_pair(FG_XQ_AND, *acc, f);
	fg_xq_free(*acc);
	fg_xq_free(f);
	*acc = r;
}

static fg_xq *units_only(void)
{
	static const char *kinds[] = {"XKa", "XKp", "XKx", "XKt"};
	fg_xq *subs[4];
	for (int i = 0; i < 4; i++)
		subs[i] = fg_xq_term(kinds[i], 3, 1, 0);
	fg_xq *q = fg_xq_combine(FG_XQ_OR, subs, 4, 0);
	for (int i = 0; i < 4; i++)
		fg_xq_free(subs[i]);
	return q;
}

/*
 * The static prior as query-time weight sources over the status and level
 * values (the same weights as fg_index_prior, which the index also stores,
 * but with the level step tunable): scale * (status weight + level * (10 - rank)).
 */
static fg_xq *make_prior(fg_searcher *s, double scale, double level)
{
	double sw[5], lw[10];
	for (int i = 0; fg_statuses[i] && i < 5; i++) {
		fg_meta m = {0};
		m.status = (char *)fg_statuses[i];
		sw[i] = scale * fg_index_prior(&m);
	}
	/* fg_index_prior(m) with only a status = status weight + 0 levels (rank 10) */
	for (int i = 0; fg_levels[i] && i < 10; i++)
		lw[i] = scale * level * (10 - i);
	const fg_xcols *c = searcher_cols(s);
	fg_xq *st = fg_xq_cols_map(c, FG_SLOT_STATUS, fg_statuses, sw, 5, 0);
	fg_xq *lv = fg_xq_cols_map(c, FG_SLOT_LEVEL, fg_levels, lw, 10, 0);
	fg_xq *q = fg_xq_pair(FG_XQ_OR, st, lv);
	fg_xq_free(st);
	fg_xq_free(lv);
	return q;
}

/*
 * Document evidence for questions: rank whole documents with the same query
 * (collapsed on the id), and give the units of the best doc_top documents a
 * weight proportional to their document's score. NULL when off or on error.
 */
static fg_xq *doc_evidence(fg_searcher *s, const fg_xq *q)
{
	if (s->tune.doc_boost <= 0 || s->tune.doc_top < 1)
		return NULL;
	const fg_xcols *cols = searcher_cols(s); /* NULL over remote shards */
	fg_xenq *e = fg_xenq_new(s->db);
	fg_xenq_set_query(e, q);
	fg_xenq_set_bm25(e, s->tune.k1, 0, 1, s->tune.b, 0.5);
	fg_xenq_use_lengths(e, cols);
	fg_xenq_set_collapse(e, FG_SLOT_ID, 1);
	fg_xmset *m = NULL;
	fg_xq *out = NULL;
	if (fg_xenq_get_mset(e, 0, (unsigned)s->tune.doc_top, 0, &m, NULL) == FG_OK && fg_xmset_size(m) > 0) {
		unsigned n = fg_xmset_size(m);
		char **ids = fg_xcalloc(n, sizeof *ids);
		double *w = fg_xcalloc(n, sizeof *w);
		double top = fg_xmset_weight(m, 0);
		unsigned k = 0;
		for (unsigned i = 0; i < n; i++) {
			fg_xdoc *d = NULL;
			if (fg_xmset_document(m, i, &d, NULL) != FG_OK)
				continue;
			size_t len;
			const char *v = fg_xdoc_get_value(d, FG_SLOT_ID, &len);
			ids[k] = fg_xstrndup(v, len);
			w[k++] = top > 0 ? s->tune.doc_boost * fg_xmset_weight(m, i) / top : 0;
			fg_xdoc_free(d);
		}
		if (cols) {
			/* local database: the units of each document through its D<id> term */
			fg_xq **subs = fg_xcalloc(k ? k : 1, sizeof *subs);
			for (unsigned i = 0; i < k; i++) {
				fg_buf t = {0};
				fg_buf_putc(&t, 'D');
				fg_buf_puts(&t, ids[i]);
				subs[i] = fg_xq_term_weight(t.data, t.len, w[i]);
				fg_buf_free(&t);
			}
			out = fg_xq_combine(FG_XQ_OR, subs, k, 0);
			for (unsigned i = 0; i < k; i++)
				fg_xq_free(subs[i]);
			free(subs);
		} else {
			out = fg_xq_value_map(FG_SLOT_ID, (const char *const *)ids, w, k, 0);
		}
		for (unsigned i = 0; i < k; i++)
			free(ids[i]);
		free(ids);
		free(w);
	}
	fg_xmset_free(m);
	fg_xenq_free(e);
	return out;
}

struct words {
	char **v;
	size_t n;
};

static void add_word(void *ctx, const char *w, size_t len)
{
	struct words *ws = ctx;
	for (size_t i = 0; i < ws->n; i++)
		if (strlen(ws->v[i]) == len && !memcmp(ws->v[i], w, len))
			return;
	ws->v = fg_xrealloc(ws->v, (ws->n + 1) * sizeof *ws->v);
	ws->v[ws->n++] = fg_xstrndup(w, len);
}

/*
 * The thesaurus' statute words for the everyday words of question q, as
 * body phrases OR-ed at the synonym weight; the words are appended to the
 * needles for highlighting. NULL when off or nothing applies.
 */
static fg_xq *synonyms(fg_searcher *s, const char *q, size_t qlen, char ***needles, size_t *nneedles)
{
	if (!s->th || s->tune.synonym <= 0)
		return NULL;
	struct words ws = {0};
	fg_thesaurus_expand(s->th, q, qlen, add_word, &ws);
	fg_xq *words = fg_query_words(ws.v, ws.n, s->tune.relax_heading);
	fg_xq *out = words ? fg_xq_scale(words, s->tune.synonym) : NULL;
	fg_xq_free(words);
	if (ws.n) {
		*needles = fg_xrealloc(*needles, (*nneedles + ws.n + 1) * sizeof **needles);
		memcpy(*needles + *nneedles, ws.v, ws.n * sizeof *ws.v);
		*nneedles += ws.n;
	}
	free(ws.v);
	return out;
}

static void free_needles(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- running a search ---- */

static const char *facet_names[FG_NFACETS] = {"level", "status", "region", "year"};
static const unsigned facet_slots[FG_NFACETS] = {FG_SLOT_LEVEL, FG_SLOT_STATUS, FG_SLOT_REGION, FG_SLOT_YEAR};

struct facet_acc {
	fg_facet *f;
};

static int facet_cb(void *ctx, const char *term, size_t len, unsigned freq)
{
	fg_facet *f = ctx;
	if (f->n >= 200)
		return 1;
	f->values = fg_xrealloc(f->values, (f->n + 1) * sizeof *f->values);
	f->values[f->n].value = fg_xstrndup(term, len);
	f->values[f->n].count = freq;
	f->n++;
	return 0;
}

static fg_status run_query(fg_searcher *s, const fg_search_req *req, const fg_xq *q, unsigned limit, int facets,
			   int versions, fg_xmset **mset, fg_xenq **enq, int spies[FG_NFACETS], int *counted, fg_err *err)
{
	fg_xenq *e = fg_xenq_new(s->db);
	fg_xenq_set_query(e, q);
	fg_xenq_set_bm25(e, s->tune.k1, 0, 1, s->tune.b, 0.5);
	if (req->unit == FG_SEARCH_DOC)
		fg_xenq_set_collapse(e, FG_SLOT_ID, 1);
	else if (versions)
		fg_xenq_set_collapse(e, FG_SLOT_ARTKEY, 1); /* one version of each article */
	if (req->sort == FG_SORT_DATE)
		fg_xenq_set_sort(e, FG_XSORT_VALUE_THEN_RELEVANCE, FG_SLOT_PUBLISHED, 1);
	/* document lengths from the columns; facets from them too (an array lookup per match) or else from value spies */
	const fg_xcols *all = searcher_cols(s);
	fg_xenq_use_lengths(e, all);
	const fg_xcols *cols = facets ? all : NULL;
	*counted = cols && fg_xenq_count_cols(e, cols) == 0;
	if (facets && !*counted)
		for (int i = 0; i < FG_NFACETS; i++)
			spies[i] = fg_xenq_add_value_spy(e, facet_slots[i]);
	unsigned check = req->offset + limit;
	if (facets && check < FACET_CHECK)
		check = FACET_CHECK;
	fg_status st = fg_xenq_get_mset(e, req->offset, limit, check, mset, err);
	if (st != FG_OK) {
		fg_xenq_free(e);
		return st;
	}
	*enq = e;
	return FG_OK;
}

static char *dup_or_empty(const char *s)
{
	return fg_xstrdup(s ? s : "");
}

void fg_hit_from_unit(fg_hit *h, struct json_object *o)
{
	h->id = dup_or_empty(fg_json_str(o, "id"));
	h->title = dup_or_empty(fg_json_str(o, "title"));
	h->number = dup_or_empty(fg_json_str(o, "number"));
	h->authority = dup_or_empty(fg_json_str(o, "authority"));
	h->level = dup_or_empty(fg_json_str(o, "level"));
	h->status = dup_or_empty(fg_json_str(o, "status"));
	h->region = dup_or_empty(fg_json_str(o, "region"));
	h->published = dup_or_empty(fg_json_str(o, "published"));
	h->effective = dup_or_empty(fg_json_str(o, "effective"));
	h->article = dup_or_empty(fg_json_str(o, "article"));
	h->heading = dup_or_empty(fg_json_str(o, "heading"));
	h->article_index = fg_json_int(o, "index");
	fg_buf u = {0};
	fg_buf_puts(&u, "/doc/");
	fg_buf_put_urlpart(&u, h->id);
	fg_buf_printf(&u, "#a%d", h->article_index);
	h->url = fg_buf_detach(&u);
	h->matched_articles = 1;
}

void fg_hit_fin(fg_hit *h)
{
	free(h->id);
	free(h->title);
	free(h->number);
	free(h->authority);
	free(h->level);
	free(h->status);
	free(h->region);
	free(h->published);
	free(h->effective);
	free(h->article);
	free(h->heading);
	free(h->snippet);
	free(h->url);
}

static fg_status make_hits(fg_searcher *s, const fg_search_req *req, fg_xmset *m, char **needles, size_t nneedles,
			   fg_result *r, fg_err *err)
{
	(void)s;
	unsigned n = fg_xmset_size(m);
	r->hits = fg_xcalloc(n ? n : 1, sizeof *r->hits);
	for (unsigned i = 0; i < n; i++) {
		fg_xdoc *d = NULL;
		fg_status st = fg_xmset_document(m, i, &d, err);
		if (st != FG_OK)
			return st;
		size_t dlen;
		const char *data = fg_xdoc_get_data(d, &dlen);
		json_object *o = json_tokener_parse(data);
		fg_hit *h = &r->hits[r->nhits++];
		fg_hit_from_unit(h, o);
		h->score = fg_xmset_weight(m, i);
		const char *text = fg_json_str(o, "text");
		h->snippet = fg_snippet(text, strlen(text), (const char *const *)needles, nneedles, SNIPPET_CHARS);
		h->matched_articles = req->unit == FG_SEARCH_DOC ? fg_xmset_collapse_count(m, i) + 1 : 1;
		json_object_put(o);
		fg_xdoc_free(d);
	}
	return FG_OK;
}

fg_status fg_search(fg_searcher *s, const fg_search_req *req0, fg_result **out, fg_err *err)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	*out = NULL;
	fg_search_req req = *req0;
	const char *q = req.q ? req.q : "";
	size_t qlen = strlen(q);
	if (qlen > FG_QUERY_MAX_BYTES)
		return fg_err_set(err, FG_E_LIMIT, "query too long: %zu bytes, at most %d", qlen, FG_QUERY_MAX_BYTES);
	if (req.limit == 0)
		req.limit = 10;
	if (req.limit > FG_SEARCH_MAX_LIMIT)
		return fg_err_set(err, FG_E_INVAL, "limit must be between 1 and %d", FG_SEARCH_MAX_LIMIT);
	if ((unsigned long)req.offset + req.limit > FG_SEARCH_MAX_DEPTH)
		return fg_err_set(err, FG_E_LIMIT, "offset + limit must not exceed %d", FG_SEARCH_MAX_DEPTH);
	const char *dates[3] = {req.from, req.to, req.asof};
	const char *dnames[3] = {"from", "to", "asof"};
	for (int i = 0; i < 3; i++)
		if (dates[i] && *dates[i] && !valid_date(dates[i]))
			return fg_err_set(err, FG_E_INVAL, "bad date in %s: expected YYYY-MM-DD", dnames[i]);

	fg_qnode *tree = NULL;
	fg_status st = fg_query_parse(q, qlen, &tree, err);
	if (st != FG_OK)
		return st;

	/* filters */
	fg_xq *filter = NULL;
	add_filter(&filter, terms_filter("XS", req.status));
	add_filter(&filter, terms_filter("XL", req.level));
	add_filter(&filter, terms_filter("XR", req.region));
	add_filter(&filter, terms_filter("XA", req.authority));
	if (req.cites && *req.cites)
		add_filter(&filter, fg_cite_filter(s, req.cites)); /* citing units, resolved now (cite.h) */
	if ((req.from && *req.from) || (req.to && *req.to)) {
		char lo[9], hi[9];
		if (req.from && *req.from)
			compact_date(req.from, lo);
		if (req.to && *req.to)
			compact_date(req.to, hi);
		add_filter(&filter, fg_xq_value_range(FG_SLOT_PUBLISHED, req.from && *req.from ? lo : NULL,
						      req.to && *req.to ? hi : NULL));
	}
	fg_xq *gone = NULL; /* asof: versions no longer in force on that day (versions.h) */
	if (req.asof && *req.asof) {
		char d[9];
		compact_date(req.asof, d);
		add_filter(&filter, fg_xq_value_range(FG_SLOT_EFFECTIVE, NULL, d));
		gone = fg_xq_value_range(FG_SLOT_VALID_TO, NULL, d);
	}
	if (!tree && !filter) {
		fg_xq_free(gone);
		return fg_err_set(err, FG_E_INVAL, "empty query: type words to search for or choose a filter");
	}

	fg_qopts opts = {s->tune.title, 3 * s->tune.title, 6 * s->tune.title};
	fg_xq *main = NULL;
	char **needles = NULL;
	size_t nneedles = 0;
	if (req.plain && tree) {
		size_t nt;
		main = fg_query_relaxed(tree, NULL, &(fg_relax_opts){0, 0, 0, NULL}, &nt, &needles, &nneedles);
		if (!main)
			main = fg_xq_match_nothing();
	} else if (tree) {
		st = fg_query_build(tree, &opts, &main, &needles, &nneedles, err);
		if (st != FG_OK) {
			fg_qnode_free(tree);
			fg_xq_free(filter);
			fg_xq_free(gone);
			return st;
		}
	} else {
		main = units_only();
	}

	fg_result *r = fg_xcalloc(1, sizeof *r);
	r->query = fg_xstrdup(q);
	int facets = !req.no_facets;
	int spies[FG_NFACETS], counted = 0;
	fg_xmset *m = NULL;
	fg_xenq *e = NULL;
	fg_xq *prior = NULL;
	if (!req.plain)
		prior = make_prior(s, s->tune.prior, s->tune.level);
	for (int pass = 0; pass < 2; pass++) {
		fg_xq *x = filter ? fg_xq_pair(FG_XQ_FILTER, main, filter) : fg_xq_dup(main);
		if (gone) {
			fg_xq *y = fg_xq_pair(FG_XQ_AND_NOT, x, gone);
			fg_xq_free(x);
			x = y;
		}
		if (prior && tree) {
			fg_xq *y = fg_xq_pair(FG_XQ_AND_MAYBE, x, prior);
			fg_xq_free(x);
			x = y;
		}
		st = run_query(s, &req, x, req.limit, facets, pass == 1, &m, &e, spies, &counted, err);
		fg_xq_free(x);
		if (st != FG_OK)
			break;
		unsigned total = fg_xmset_estimated(m);
		if (pass == 1 || req.plain || !tree || total >= RELAX_MIN || !fg_query_is_plain(tree))
			break;
		/* too little: rank by the question's content bigrams instead */
		size_t nterms = 0, nrn = 0;
		char **rn = NULL;
		fg_xq *rq = fg_query_relaxed(tree, s->sw, &(fg_relax_opts){s->tune.relax_title, s->tune.relax_heading, s->tune.keywords,
						   searcher_cols(s) ? s->db : NULL}, &nterms, &rn, &nrn);
		if (!rq || nterms < 2) {
			fg_xq_free(rq);
			free_needles(rn, nrn);
			break;
		}
		fg_xq *strict = fg_xq_scale(main, s->tune.strict_boost);
		fg_xq *both = fg_xq_pair(FG_XQ_OR, strict, rq);
		fg_xq_free(strict);
		fg_xq_free(rq);
		fg_xq_free(main);
		main = both;
		/* highlight both the whole phrases and the bigrams */
		needles = fg_xrealloc(needles, (nneedles + nrn + 1) * sizeof *needles);
		memcpy(needles + nneedles, rn, nrn * sizeof *rn);
		nneedles += nrn;
		free(rn);
		fg_xq *syn = synonyms(s, q, qlen, &needles, &nneedles);
		if (syn) {
			fg_xq *y = fg_xq_pair(FG_XQ_OR, main, syn);
			fg_xq_free(main);
			fg_xq_free(syn);
			main = y;
		}
		fg_xmset_free(m);
		fg_xenq_free(e);
		m = NULL;
		e = NULL;
		r->relaxed = 1;
		if (prior) {
			fg_xq_free(prior);
			prior = make_prior(s, s->tune.relax_prior, s->tune.relax_level);
			fg_xq *base = filter ? fg_xq_pair(FG_XQ_FILTER, main, filter) : fg_xq_dup(main);
			fg_xq *ranked = fg_xq_pair(FG_XQ_AND_MAYBE, base, prior);
			fg_xq *ev = doc_evidence(s, ranked);
			fg_xq_free(base);
			fg_xq_free(ranked);
			if (ev) {
				fg_xq *z = fg_xq_pair(FG_XQ_OR, prior, ev);
				fg_xq_free(prior);
				fg_xq_free(ev);
				prior = z;
			}
		}
	}
	fg_xq_free(prior);
	if (st == FG_OK) {
		r->total = fg_xmset_estimated(m);
		char *desc = fg_xq_describe(main);
		r->parsed = desc;
		st = make_hits(s, &req, m, needles, nneedles, r, err);
	}
	if (st == FG_OK && facets) {
		for (int i = 0; i < FG_NFACETS; i++) {
			r->facets[i].name = facet_names[i];
			if (counted)
				fg_xenq_cols_values(e, facet_slots[i], facet_cb, &r->facets[i], NULL);
			else
				fg_xenq_spy_values(e, spies[i], facet_cb, &r->facets[i], NULL);
		}
	}
	for (int i = 0; i < FG_NFACETS; i++)
		r->facets[i].name = facet_names[i];
	fg_xmset_free(m);
	fg_xenq_free(e);
	fg_xq_free(main);
	fg_xq_free(filter);
	fg_xq_free(gone);
	free_needles(needles, nneedles);
	fg_qnode_free(tree);
	if (st != FG_OK) {
		fg_result_free(r);
		return st;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->took_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	*out = r;
	return FG_OK;
}

void fg_result_free(fg_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nhits; i++)
		fg_hit_fin(&r->hits[i]);
	free(r->hits);
	for (int i = 0; i < FG_NFACETS; i++) {
		for (size_t j = 0; j < r->facets[i].n; j++)
			free(r->facets[i].values[j].value);
		free(r->facets[i].values);
	}
	free(r->query);
	free(r->parsed);
	free(r);
}

/* A double printed with a fixed number of decimals (no 16.047999999999998). */
static json_object *fixed_double(double v, int decimals)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", decimals, v);
	return json_object_new_double_s(v, buf);
}

json_object *fg_hit_json(const fg_hit *h)
{
	json_object *x = json_object_new_object();
	fg_json_put(x, "id", h->id);
	fg_json_put(x, "title", h->title);
	fg_json_put(x, "number", h->number);
	fg_json_put(x, "authority", h->authority);
	fg_json_put(x, "level", h->level);
	fg_json_put(x, "status", h->status);
	fg_json_put(x, "region", h->region);
	fg_json_put(x, "published", h->published);
	fg_json_put(x, "effective", h->effective);
	fg_json_put(x, "article", h->article);
	json_object_object_add(x, "article_index", json_object_new_int(h->article_index));
	json_object_object_add(x, "score", fixed_double(h->score, 4));
	fg_json_put(x, "snippet", h->snippet);
	fg_json_put(x, "url", h->url);
	json_object_object_add(x, "matched_articles", json_object_new_int((int)h->matched_articles));
	fg_json_put(x, "heading", h->heading);
	return x;
}

char *fg_result_json(const fg_result *r)
{
	json_object *o = json_object_new_object();
	fg_json_put(o, "query", r->query);
	json_object_object_add(o, "total", json_object_new_int64(r->total));
	json_object_object_add(o, "took_ms", fixed_double(r->took_ms, 3));
	json_object_object_add(o, "relaxed", json_object_new_boolean(r->relaxed));
	json_object *hits = json_object_new_array();
	for (size_t i = 0; i < r->nhits; i++) {
		const fg_hit *h = &r->hits[i];
		json_object *x = fg_hit_json(h);
		json_object_array_add(hits, x);
	}
	json_object_object_add(o, "hits", hits);
	json_object *facets = json_object_new_object();
	for (int i = 0; i < FG_NFACETS; i++) {
		json_object *f = json_object_new_object();
		for (size_t j = 0; j < r->facets[i].n; j++)
			json_object_object_add(f, r->facets[i].values[j].value,
					       json_object_new_int((int)r->facets[i].values[j].count));
		json_object_object_add(facets, facet_names[i], f);
	}
	json_object_object_add(o, "facets", facets);
	char *s = fg_xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

/* ---- document views ---- */

static void meta_from_json(fg_meta *m, json_object *o)
{
	static const char *keys[] = {"id", "title", "number", "authority", "level", "status", "region",
				     "category", "published", "effective", "expires", "supersedes", NULL};
	for (int i = 0; keys[i]; i++) {
		const char *v = fg_json_str(o, keys[i]);
		if (*v)
			fg_meta_set(m, keys[i], v, strlen(v));
	}
	m->version = fg_json_int(o, "version");
}

static int cmp_unit(const void *a, const void *b)
{
	const fg_article *x = a, *y = b;
	return (x->nparas > y->nparas) - (x->nparas < y->nparas);
}

fg_status fg_docview_get(fg_searcher *s, const char *id, fg_docview **out, fg_err *err)
{
	*out = NULL;
	if (!id || !*id || strlen(id) > 200)
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%.200s'", id ? id : "");
	fg_buf t = {0};
	fg_buf_printf(&t, "R%s", id);
	fg_xdocids rec = {0};
	fg_status st = fg_xdb_postings(s->db, t.data, t.len, fg_xdocids_collect, &rec, err);
	fg_buf_free(&t);
	if (st != FG_OK)
		return st;
	if (rec.n == 0) {
		free(rec.v);
		return fg_err_set(err, FG_E_NOTFOUND, "no document with id '%s'", id);
	}
	fg_xdoc *d = NULL;
	st = fg_xdb_get_document(s->db, rec.v[0], &d, err);
	fg_docid recid = rec.v[0];
	free(rec.v);
	if (st != FG_OK)
		return st;
	size_t dlen;
	json_object *o = json_tokener_parse(fg_xdoc_get_data(d, &dlen));
	fg_xdoc_free(d);
	fg_docview *v = fg_xcalloc(1, sizeof *v);
	json_object *mo = NULL, *ev = NULL;
	if (o && json_object_object_get_ex(o, "meta", &mo))
		meta_from_json(&v->meta, mo);
	v->path = fg_xstrdup(fg_json_str(o, "path"));
	v->format = fg_json_int(o, "format");
	v->body = fg_xstrdup(fg_json_str(o, "body"));
	if (o && json_object_object_get_ex(o, "events", &ev) && json_object_is_type(ev, json_type_array)) {
		size_t n = json_object_array_length(ev);
		v->events = fg_xcalloc(n ? n : 1, sizeof *v->events);
		for (size_t i = 0; i < n; i++) {
			json_object *e = json_object_array_get_idx(ev, i);
			snprintf(v->events[i].date, sizeof v->events[i].date, "%s", fg_json_str(e, "date"));
			v->events[i].text = fg_xstrdup(fg_json_str(e, "text"));
		}
		v->nevents = n;
	}

	/* the units: every document with D<id> but the record */
	fg_buf dt = {0};
	fg_buf_printf(&dt, "D%s", id);
	fg_xdocids units = {0};
	st = fg_xdb_postings(s->db, dt.data, dt.len, fg_xdocids_collect, &units, err);
	fg_buf_free(&dt);
	v->units = fg_xcalloc(units.n ? units.n : 1, sizeof *v->units);
	for (size_t i = 0; st == FG_OK && i < units.n; i++) {
		if (units.v[i] == recid)
			continue;
		fg_xdoc *u = NULL;
		st = fg_xdb_get_document(s->db, units.v[i], &u, err);
		if (st != FG_OK)
			break;
		json_object *uo = json_tokener_parse(fg_xdoc_get_data(u, &dlen));
		fg_article *a = &v->units[v->nunits++];
		const char *kind = fg_json_str(uo, "kind");
		a->kind = kind[0] == 'p' ? FG_UNIT_PREAMBLE : kind[0] == 'x' ? FG_UNIT_APPENDIX
			  : kind[0] == 't' ? FG_UNIT_TEXT : FG_UNIT_ARTICLE;
		a->label = fg_xstrdup(fg_json_str(uo, "article"));
		a->heading = fg_xstrdup(fg_json_str(uo, "heading"));
		a->text = fg_xstrdup(fg_json_str(uo, "text"));
		a->len = strlen(a->text);
		a->nparas = fg_json_int(uo, "index"); /* sort key, replaced below */
		if (*a->label) {
			size_t used;
			fg_article_label(a->label, strlen(a->label), &a->num, &a->sub, &used);
		}
		json_object_put(uo);
		fg_xdoc_free(u);
	}
	free(units.v);
	qsort(v->units, v->nunits, sizeof *v->units, cmp_unit);
	for (size_t i = 0; i < v->nunits; i++) {
		int np = 1;
		for (const char *p = v->units[i].text; *p; p++)
			np += *p == '\n';
		v->units[i].nparas = np;
	}

	/* the API JSON */
	json_object *j = json_object_new_object();
	const fg_meta *m = &v->meta;
	fg_json_put(j, "id", m->id);
	fg_json_put(j, "title", m->title);
	fg_json_put(j, "number", m->number);
	fg_json_put(j, "authority", m->authority);
	fg_json_put(j, "level", m->level);
	fg_json_put(j, "status", m->status);
	fg_json_put(j, "region", m->region);
	fg_json_put(j, "category", m->category);
	fg_json_put(j, "published", m->published);
	fg_json_put(j, "effective", m->effective);
	fg_json_put(j, "expires", m->expires);
	fg_json_put(j, "supersedes", m->supersedes);
	fg_json_put(j, "path", v->path);
	json_object *hist = json_object_new_array();
	for (size_t i = 0; i < v->nevents; i++) {
		json_object *e = json_object_new_object();
		fg_json_put(e, "date", v->events[i].date);
		fg_json_put(e, "event", v->events[i].text);
		json_object_array_add(hist, e);
	}
	json_object_object_add(j, "history", hist);
	json_object *arts = json_object_new_array();
	for (size_t i = 0; i < v->nunits; i++) {
		json_object *a = json_object_new_object();
		fg_json_put(a, "label", v->units[i].label);
		json_object_object_add(a, "index", json_object_new_int((int)i));
		fg_json_put(a, "heading", v->units[i].heading);
		fg_json_put(a, "text", v->units[i].text);
		json_object_array_add(arts, a);
	}
	json_object_object_add(j, "articles", arts);
	if (st == FG_OK)
		st = fg_cite_docview(s, v, err);
	json_object_object_add(j, "citations", fg_citations_json(v->citations, v->ncitations));
	/* the versions of this rule (versions.c) */
	json_object *vers = json_object_new_array();
	fg_version *vv = NULL;
	size_t nvv = 0;
	if (fg_versions_list(s->db, id, &vv, &nvv, NULL) == FG_OK) {
		for (size_t i = 0; i < nvv; i++) {
			json_object *x = json_object_new_object();
			fg_json_put(x, "id", vv[i].id);
			fg_json_put(x, "title", vv[i].title);
			fg_json_put(x, "published", vv[i].published);
			fg_json_put(x, "effective", vv[i].effective);
			fg_json_put(x, "status", vv[i].status);
			json_object_array_add(vers, x);
		}
		fg_versions_free(vv, nvv);
	}
	json_object_object_add(j, "versions", vers);
	json_object_object_add(j, "cited_by", fg_citedby_json(v->cited_by, v->ncited_by));
	v->json = fg_xstrdup(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(j);
	json_object_put(o);
	if (st != FG_OK) {
		fg_docview_free(v);
		return st;
	}
	*out = v;
	return FG_OK;
}

void fg_docview_free(fg_docview *v)
{
	if (!v)
		return;
	fg_meta_fin(&v->meta);
	free(v->path);
	free(v->body);
	for (size_t i = 0; i < v->nevents; i++)
		free(v->events[i].text);
	free(v->events);
	for (size_t i = 0; i < v->nunits; i++) {
		free(v->units[i].label);
		free(v->units[i].heading);
		free(v->units[i].text);
	}
	free(v->units);
	free(v->json);
	fg_citations_free(v->citations, v->ncitations);
	fg_citedby_free(v->cited_by, v->ncited_by);
	free(v);
}
