/*
 * searcher.c - a searcher's life: opening an index (an index directory
 * through its stub, or any Xapian database path), picking up new
 * generations and commits, and the in-memory columns (facets, prior,
 * document lengths) shared by the searchers of one process.
 */
#include "searcher.h"
#include "calendar.h"

#include "cite.h"
#include "index.h"
#include "layout.h"
#include "rules.h"
#include "terms.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


/* The value slots held in memory (fg_xcols): the facets and the prior's. */
static const unsigned col_slots[] = {FG_SLOT_LEVEL, FG_SLOT_STATUS, FG_SLOT_REGION, FG_SLOT_YEAR};

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
 *
 * The status column follows the calendar (calendar.h): the copy searchers use
 * is the loaded one with the status of the few documents whose stored status
 * is out of date on the day corrected (fg_status_changes), made again when
 * the day changes; so the prior and the facet counts agree with the status
 * filter and the hits.
 *
 * With fg_searcher_background_columns(1) (searchd) the shared columns load
 * in a thread of their own, started as soon as a searcher opens or sees a
 * new revision; until they are in, queries read values from the index (the
 * same results, more slowly), so the first query after an index change does
 * not wait for the load. The loader opens its own handle (Xapian handles are
 * not shared between threads) and publishes under the identity of what it
 * opened; it is started at most once per identity a searcher asks for, so a
 * searcher still on an older revision than the loader saw does not start
 * load after load (it gets the columns when it refreshes).
 */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static fg_xcols *shared_base;    /* as loaded from the database shared_key names */
static fg_xcols *shared_cols;    /* shared_base with the statuses of shared_day */
static char shared_key[160];     /* fg_xdb_identity */
static char shared_day[11];      /* the day shared_cols is for */
static unsigned shared_searchers; /* open searchers: the last one to close frees the columns */
static int background;            /* fg_searcher_background_columns */
static int loading;               /* the loader thread is running */
static int loader_joinable;       /* a loader thread was started and not joined yet */
static pthread_t loader;
static char load_for[160];        /* the identity the last load was started for */
static unsigned long loads_done;  /* columns loaded and published since the process started */
/*
 * The title map (cite.h) is shared the same way: one map per database
 * identity and day, built by the loader thread after the columns (in
 * background mode) or by the first searcher that needs it, and taken by
 * reference; a searcher that needs it while the loader builds it for its
 * database waits for it rather than build a second (~0.3 s on the real
 * corpus: the first rule look-up after a start or an index change).
 */
static fg_titlemap *shared_titles;
static char titles_key[160];      /* the identity shared_titles was built from */
static char titles_day[11];       /* the day of its statuses */
static int titles_loading;        /* the loader is building the map of load_for */
static pthread_cond_t titles_built = PTHREAD_COND_INITIALIZER;
static unsigned long title_builds; /* title maps built since the process started */

/* base with the status column of day (a copy when some status changed, else base itself, duplicated). */
static fg_xcols *cols_on(fg_xdb *db, const fg_xcols *base, const char *day)
{
	fg_status_change *ch = NULL;
	size_t n = 0;
	fg_xcols *c = NULL;
	if (fg_status_changes(db, day, &ch, &n, NULL) == FG_OK && n) {
		fg_docid *dids = fg_xcalloc(n, sizeof *dids);
		const char **vals = fg_xcalloc(n, sizeof *vals);
		for (size_t i = 0; i < n; i++)
			dids[i] = ch[i].did, vals[i] = ch[i].status;
		c = fg_xcols_with(base, FG_SLOT_STATUS, dids, vals, n);
		free(dids);
		free(vals);
	}
	free(ch);
	return c ? c : fg_xcols_dup(base);
}

static fg_xcols *load_cols(fg_xdb *db)
{
	fg_xcols *c = NULL;
	if (fg_xcols_load(db, col_slots, sizeof col_slots / sizeof col_slots[0], &c, NULL) != FG_OK)
		return NULL;
	return c;
}

/* Make (base, its copy for day) the shared columns of key; under shared_lock. Takes both. */
static void shared_publish(const char *key, fg_xcols *base, fg_xcols *cols, const char *day)
{
	fg_xcols_free(shared_base);
	fg_xcols_free(shared_cols);
	shared_base = base;
	shared_cols = cols;
	snprintf(shared_key, sizeof shared_key, "%s", key);
	snprintf(shared_day, sizeof shared_day, "%s", day);
	loads_done++;
}

/* Make m (a reference is taken) the shared title map of key on day; under shared_lock. */
static void titles_publish(const char *key, const char *day, fg_titlemap *m)
{
	fg_titlemap_free(shared_titles);
	shared_titles = fg_titlemap_ref(m);
	snprintf(titles_key, sizeof titles_key, "%s", key);
	snprintf(titles_day, sizeof titles_day, "%s", day);
}

/* The loader thread: arg is the path to open (freed here). */
static void *load_thread(void *arg)
{
	char *path = arg;
	fg_xdb *db = NULL;
	char key[sizeof shared_key] = "", day[11];
	fg_xcols *base = NULL, *cols = NULL;
	fg_today(day);
	if (fg_xdb_open(path, &db, NULL) == FG_OK && fg_xdb_identity(db, key, sizeof key) == 0 &&
	    (base = load_cols(db)) != NULL)
		cols = cols_on(db, base, day);
	pthread_mutex_lock(&shared_lock);
	if (cols && shared_searchers > 0)
		shared_publish(key, base, cols, day);
	else
		fg_xcols_free(base), fg_xcols_free(cols);
	pthread_mutex_unlock(&shared_lock);
	/*
	 * then the title map, which searchers wait for (they have no other way
	 * to resolve names); loading stays 1 until the lock is taken for the last
	 * time here: kick_load joins this thread under the lock once it is 0
	 */
	fg_titlemap *tm = NULL;
	if (db && key[0] && fg_titlemap_build(db, &tm, NULL) != FG_OK)
		tm = NULL;
	pthread_mutex_lock(&shared_lock);
	if (tm)
		title_builds++;
	if (tm && shared_searchers > 0)
		titles_publish(key, day, tm);
	loading = titles_loading = 0;
	pthread_cond_broadcast(&titles_built);
	pthread_mutex_unlock(&shared_lock);
	fg_titlemap_free(tm);
	fg_xdb_close(db);
	free(path);
	return NULL;
}

/* Start loading the columns of s's database (identity key) unless that is done or under way; under shared_lock. */
static void kick_load(fg_searcher *s, const char *key)
{
	if (loading || !strcmp(key, shared_key) || !strcmp(key, load_for))
		return;
	if (loader_joinable) { /* the previous load has finished (loading is 0) */
		pthread_join(loader, NULL);
		loader_joinable = 0;
	}
	char *path = fg_xstrdup(s->path);
	if (pthread_create(&loader, NULL, load_thread, path) != 0) {
		free(path);
		return; /* queries keep reading values from the index */
	}
	loading = loader_joinable = titles_loading = 1;
	snprintf(load_for, sizeof load_for, "%s", key);
}

/* Whether s's columns can be shared (one local database), with its identity in key. */
static int shareable(fg_searcher *s, char *key, size_t len)
{
	const char *env = getenv("FAGUI_COLS");
	if ((env && !strcmp(env, "0")) || fg_layout_has_remote(s->path))
		return 0;
	return fg_xdb_identity(s->db, key, len) == 0;
}

/* In background mode, start loading the columns of s's (new) database now, before any query needs them. */
static void preload(fg_searcher *s)
{
	char key[sizeof shared_key];
	if (!background || !shareable(s, key, sizeof key))
		return;
	pthread_mutex_lock(&shared_lock);
	kick_load(s, key);
	pthread_mutex_unlock(&shared_lock);
}

void fg_searcher_columns_status(int *is_loading, unsigned long *loads)
{
	pthread_mutex_lock(&shared_lock);
	*is_loading = loading;
	*loads = loads_done;
	pthread_mutex_unlock(&shared_lock);
}

unsigned long fg_searcher_title_builds(void)
{
	pthread_mutex_lock(&shared_lock);
	unsigned long n = title_builds;
	pthread_mutex_unlock(&shared_lock);
	return n;
}

/*
 * The title map of s's database for today: s's own reference, else the
 * shared map of its identity and day (waiting for the loader when it is
 * building that one), else one built here and shared.
 */
fg_status fg_searcher_titles(fg_searcher *s, const fg_titlemap **out, fg_err *err)
{
	*out = NULL;
	char today[11];
	fg_today(today);
	if (s->titles && strcmp(today, s->titles_day) != 0) {
		fg_titlemap_free(s->titles); /* a new day: statuses may have changed (calendar.h) */
		s->titles = NULL;
	}
	if (!s->titles) {
		char key[sizeof shared_key];
		int share = fg_xdb_identity(s->db, key, sizeof key) == 0; /* one database: not several shards */
		if (share) {
			pthread_mutex_lock(&shared_lock);
			while (!(shared_titles && !strcmp(key, titles_key) && !strcmp(today, titles_day)) &&
			       titles_loading && !strcmp(key, load_for))
				pthread_cond_wait(&titles_built, &shared_lock);
			if (shared_titles && !strcmp(key, titles_key) && !strcmp(today, titles_day))
				s->titles = fg_titlemap_ref(shared_titles);
			pthread_mutex_unlock(&shared_lock);
		}
		if (!s->titles) {
			fg_status st = fg_titlemap_build(s->db, &s->titles, err);
			if (st != FG_OK)
				return st;
			pthread_mutex_lock(&shared_lock);
			title_builds++;
			if (share)
				titles_publish(key, today, s->titles);
			pthread_mutex_unlock(&shared_lock);
		}
		snprintf(s->titles_day, sizeof s->titles_day, "%s", today);
	}
	*out = s->titles;
	return FG_OK;
}

void fg_searcher_background_columns(int on)
{
	pthread_mutex_lock(&shared_lock);
	background = on;
	pthread_mutex_unlock(&shared_lock);
}

/*
 * The shared columns of db (identity key) for day; under shared_lock. In
 * background mode a missing load is started and this returns at once: the
 * caller then finds no shared columns of its key.
 */
static void shared_update(fg_searcher *s, const char *key, const char *day)
{
	if (!shared_base || strcmp(key, shared_key) != 0) {
		if (background) {
			kick_load(s, key);
			return;
		}
		fg_xcols *c = load_cols(s->db);
		if (!c)
			return;
		shared_publish(key, c, NULL, "");
	}
	if (!shared_cols || strcmp(day, shared_day) != 0) {
		fg_xcols_free(shared_cols);
		shared_cols = cols_on(s->db, shared_base, day);
		snprintf(shared_day, sizeof shared_day, "%s", day);
	}
}

/* The columns of the current database, or NULL when they are not used (then values are read from the index). */
const fg_xcols *fg_searcher_cols(fg_searcher *s)
{
	char day[11];
	fg_today(day);
	if (s->cols_state == 1 && strcmp(day, s->cols_day) != 0) {
		fg_xcols_free(s->cols); /* a new day: statuses may have changed */
		s->cols = NULL;
		s->cols_state = 0;
	}
	if (s->cols_state != 0)
		return s->cols;
	const char *env = getenv("FAGUI_COLS");
	if ((env && !strcmp(env, "0")) || fg_layout_has_remote(s->path)) {
		s->cols_state = -1;
		return NULL;
	}
	char key[sizeof shared_key];
	if (fg_xdb_identity(s->db, key, sizeof key) == 0) {
		int pending = 0;
		pthread_mutex_lock(&shared_lock);
		shared_update(s, key, day);
		if (shared_cols && !strcmp(key, shared_key))
			s->cols = fg_xcols_dup(shared_cols);
		else if (background)
			pending = loading || strcmp(key, load_for) != 0;
		pthread_mutex_unlock(&shared_lock);
		if (!s->cols && pending)
			return NULL; /* still loading: ask again at the next query */
	} else {
		fg_xcols *base = load_cols(s->db);
		if (base)
			s->cols = cols_on(s->db, base, day);
		fg_xcols_free(base);
	}
	snprintf(s->cols_day, sizeof s->cols_day, "%s", day);
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
	fg_xdb_close(s->db2);
	s->db2 = NULL;
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
	fg_tuning_read(&s->tune);
	struct stat st;
	if (stat(path, &st) != 0) {
		free(s);
		return fg_err_set(err, FG_E_NOTFOUND, "cannot open index %s: no such file or directory", path);
	}
	if (fg_layout_is_index(path)) {
		fg_buf b = {0};
		fg_layout_stub_path(&b, path);
		s->path = fg_buf_detach(&b);
		s->is_stub_dir = 1;
	} else {
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
	preload(s);
	s->remote = fg_layout_has_remote(s->path);
	char *ab = fg_data_path("abbreviations.tsv"); /* rule-name abbreviations: a bad file only loses them */
	if (ab)
		fg_abbrevs_load(ab, &s->abbrevs, NULL);
	free(ab);
	char *rp = fg_data_path("repealed.tsv"); /* the same format: name<TAB>date<TAB>successor */
	if (rp)
		fg_abbrevs_load(rp, &s->repealed, NULL);
	free(rp);
	*out = s;
	return FG_OK;
}

void fg_searcher_close(fg_searcher *s)
{
	if (!s)
		return;
	fg_xdb_close(s->db);
	fg_xdb_close(s->db2);
	fg_titlemap_free(s->titles);
	fg_xcols_free(s->cols);
	fg_abbrevs_free(s->abbrevs);
	fg_abbrevs_free(s->repealed);
	pthread_mutex_lock(&shared_lock);
	if (--shared_searchers == 0) {
		if (loader_joinable) { /* its result is dropped unless a searcher opens meanwhile */
			pthread_t t = loader;
			loader_joinable = 0; /* joined here only */
			pthread_mutex_unlock(&shared_lock);
			pthread_join(t, NULL);
			pthread_mutex_lock(&shared_lock);
		}
		if (shared_searchers == 0) {
			fg_xcols_free(shared_cols);
			fg_xcols_free(shared_base);
			fg_titlemap_free(shared_titles);
			shared_cols = shared_base = NULL;
			shared_titles = NULL;
			shared_key[0] = load_for[0] = titles_key[0] = '\0';
		}
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
			if (rc == FG_OK)
				preload(s);
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
		preload(s);
	}
	if (changed)
		*changed = moved;
	return rc;
}

fg_xdb *fg_searcher_second_db(fg_searcher *s)
{
	char a[160], b[160];
	if (fg_xdb_identity(s->db, a, sizeof a) != 0) /* several shards: docids are not one list (fg_xq_docids) */
		return NULL;
	if (!s->db2 && fg_xdb_open(s->path, &s->db2, NULL) != FG_OK)
		return NULL;
	if (fg_xdb_identity(s->db2, b, sizeof b) != 0 || strcmp(a, b) != 0) {
		int moved = 0;
		if (fg_xdb_reopen(s->db2, &moved, NULL) != FG_OK || fg_xdb_identity(s->db2, b, sizeof b) != 0 ||
		    strcmp(a, b) != 0)
			return NULL; /* the index changed in between: the next question */
	}
	return s->db2;
}

void fg_searcher_set_thesaurus(fg_searcher *s, const fg_thesaurus *th)
{
	s->th = th;
}

unsigned fg_searcher_documents(fg_searcher *s)
{
	return fg_xdb_termfreq(s->db, FG_TERM_RECORDS, 3);
}

unsigned fg_searcher_units(fg_searcher *s)
{
	unsigned all = fg_xdb_doccount(s->db), recs = fg_searcher_documents(s);
	return all > recs ? all - recs : 0;
}

unsigned fg_searcher_articles(fg_searcher *s)
{
	return fg_xdb_termfreq(s->db, FG_TERM_ARTICLES, 3);
}

fg_xdb *fg_searcher_db(fg_searcher *s)
{
	return s->db;
}


const fg_tuning *fg_searcher_tuning(const fg_searcher *s)
{
	return &s->tune;
}

/*
 * The static prior as query-time weight sources over the status and level
 * values (the same weights as fg_index_prior, which the index also stores,
 * but with the level step tunable): scale * (status weight + level * (10 - rank)).
 */
fg_xq *fg_searcher_prior(fg_searcher *s, double scale, double level)
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
	const fg_xcols *c = fg_searcher_cols(s);
	fg_xq *st = fg_xq_cols_map(c, FG_SLOT_STATUS, fg_statuses, sw, 5, 0);
	fg_xq *lv = fg_xq_cols_map(c, FG_SLOT_LEVEL, fg_levels, lw, 10, 0);
	fg_xq *q = fg_xq_pair(FG_XQ_OR, st, lv);
	fg_xq_free(st);
	fg_xq_free(lv);
	return q;
}
