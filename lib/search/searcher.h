/*
 * searcher.h - internal to the core: what a searcher holds (search.h has
 * the public handle), for the search layer's files and the work tools that
 * read the index through it.
 */
#ifndef FG_SEARCHER_H
#define FG_SEARCHER_H

#include "search.h"
#include "rank.h"
#include "xap.h"
#include "cite.h"

#include <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

struct fg_titlemap;

struct fg_searcher {
	fg_tuning tune;
	char *path;          /* what fg_xdb_open opens */
	int is_stub_dir;     /* path is DIR/index.stub of an index directory */
	struct stat st;      /* the stub when opened */
	fg_xdb *db;
	fg_xdb *db2;         /* a second handle for the document evidence of questions, matched in another thread
				(search.c match_parallel); opened on first use, closed when db changes */
	const fg_stopwords *sw;
	const fg_thesaurus *th; /* borrowed; NULL = no expansion */
	struct fg_titlemap *titles; /* citation title map of db, built on first use (titles.c) */
	char titles_day[11];  /* the day the title map's statuses are for (calendar.h) */
	fg_xcols *cols;      /* facet and prior columns of db, loaded on first use */
	int cols_state;      /* 0 not decided yet, 1 loaded, -1 not used (remote shards, FAGUI_COLS=0, error) */
	char cols_day[11];   /* the day cols' statuses are for (calendar.h) */
	struct fg_abbrevs *abbrevs; /* rule-name abbreviations (data/abbreviations.tsv), NULL when none */
	struct fg_abbrevs *repealed; /* repealed rules: name -> "date<TAB>successor" (data/repealed.tsv), NULL when none */
	int remote;          /* the index has a remote shard: posting sources cannot run there */
};

/* The underlying Xapian database (borrowed until the next refresh or close), for the search layer and the tools. */
fg_xdb *fg_searcher_db(fg_searcher *s);
/*
 * A second handle on the searcher's database at the same revision, for a
 * match in another thread (search.c match_parallel); opened on first use,
 * borrowed like fg_searcher_db. NULL over several shards (their docids are
 * not one list) or when it cannot reach that revision.
 */
fg_xdb *fg_searcher_second_db(fg_searcher *s);
/*
 * Append to r->hits the hits of m: each unit's record, its weight, a
 * snippet around needles and, when doc_unit, how many units matched in its
 * document (the collapse count).
 */
fg_status fg_result_add_hits(fg_result *r, fg_xmset *m, int doc_unit, char **needles, size_t nneedles, fg_err *err);
/* The columns of the current database, or NULL when they are not used (values are then read from the index). */
const fg_xcols *fg_searcher_cols(fg_searcher *s);
/*
 * The static prior as query-time weight sources over the status and level
 * values of s's columns (fg_index_prior's weights, the level step tunable):
 * scale * (status weight + level * (10 - rank)).
 */
fg_xq *fg_searcher_prior(fg_searcher *s, double scale, double level);
/* The ranking weights the searcher uses (defaults overridden by FAGUI_TUNE when it was opened). */
const fg_tuning *fg_searcher_tuning(const fg_searcher *s);


/* Build the map from the records of db. Errors: FG_E_XAPIAN. Caller frees with fg_titlemap_free. */
fg_status fg_titlemap_build(fg_xdb *db, fg_titlemap **out, fg_err *err);
/*
 * A boolean query matching the units that cite any of the comma-separated
 * document ids (Q terms of the citing units; matches nothing when none).
 * Caller frees with fg_xq_free.
 */
fg_xq *fg_cite_filter(fg_searcher *s, const char *ids);

/* ---- status by the calendar (statusq.c) ---- */

/* The documents whose status on day (YYYY-MM-DD) is one of list (comma-separated statuses). */
fg_xq *fg_status_query(const char *list, const char *day);
/* A document whose status value (of its indexing day) is not its status on the day. */
typedef struct fg_status_change {
	fg_docid did;
	const char *status; /* an FG_STATUS_* string */
} fg_status_change;
/* Every such document of db (*out: caller frees; NULL when none). */
fg_status fg_status_changes(fg_xdb *db, const char *day, fg_status_change **out, size_t *n, fg_err *err);

#ifdef __cplusplus
}
#endif
#endif
