/*
 * versions.h - the dynamic catalogue: the versions of one rule (documents
 * sharing the XV rule-name term or linked by supersedes), the article-level
 * comparison of two versions (新旧对照), dated status events applied to an
 * index in place (DIR/events.tsv, kept across rebuilds), the change log, and
 * the validity intervals that make a search "as of" a date return the text
 * in force on that day.
 *
 * Validity: every unit and record of a document that stopped being in force
 * gets FG_SLOT_VALID_TO = the first day it was no longer in force (YYYYMMDD):
 * the effective date of the next version of the same rule, the date of a
 * repeal (an event, or a dated 废止/失效 history line of a repealed
 * document), or the day after its expiry date, whichever comes first.
 * Documents still in force have no value.
 *
 * The files: versions.c (versions of a rule), compare.c (comparison, its
 * warnings and JSON), compare_diff.c (changed words and phrases),
 * events.c (events.tsv, applying events), validity.c (the validity pass),
 * changes.c (change log), vindex.c (stored records, writable shards);
 * versions_int.h holds what they share.
 */
#ifndef FG_VERSIONS_H
#define FG_VERSIONS_H

#include "base.h"
#include "search.h"
#include "keywords.h"
#include "terms.h"

#ifdef __cplusplus
extern "C" {
#endif


/* ---- versions of one rule (versions.c) ---- */

typedef struct fg_version {
	char *id;
	char *title;
	char *published;   /* YYYY-MM-DD or "" */
	char *effective;
	char *status;
} fg_version;

/*
 * Every version of the rule document id belongs to (id included), oldest
 * effective first. Errors: FG_E_NOTFOUND, FG_E_XAPIAN. Caller frees with
 * fg_versions_free.
 */
fg_status fg_versions_list(fg_searcher *s, const char *id, fg_version **out, size_t *n, fg_err *err);
void fg_versions_free(fg_version *v, size_t n);

/* ---- comparison (新旧对照, compare.c) ---- */

enum fg_change { FG_CHANGE_SAME, FG_CHANGE_MODIFIED, FG_CHANGE_ADDED, FG_CHANGE_DELETED, FG_CHANGE_RENUMBERED };

typedef struct fg_cmp_row {
	int a, b;            /* unit index in a / b, -1 when absent */
	int change;          /* enum fg_change */
	double similarity;   /* of the two texts (bigram Dice), 0 when one side is absent */
	size_t *a_spans;     /* byte ranges [s, e) of a's text not in b (pairs: 2 * na entries) */
	size_t na;
	size_t *b_spans;     /* byte ranges of b's text not in a */
	size_t nb;
} fg_cmp_row;

/* What may be wrong with the pair compared (fg_comparison.warnings, bits). */
enum fg_cmp_warning {
	FG_CMP_SAME_DOC = 1,   /* a and b are one document */
	FG_CMP_OTHER_RULE = 2, /* b is not a version of a's rule (not in fg_versions_list of a) */
	FG_CMP_REVERSED = 4,   /* a took effect (else was published) after b: the older one given as b */
};

typedef struct fg_comparison {
	fg_docview *a, *b;
	fg_cmp_row *rows;    /* in document order of both sides */
	size_t nrows;
	int warnings;        /* enum fg_cmp_warning bits */
	fg_version *versions; /* the versions of a's rule, oldest first (fg_compare_versions); NULL before */
	size_t nversions;
} fg_comparison;

/*
 * Align the units of documents a and b by text similarity (articles get
 * renumbered, so not by number): a monotone alignment maximizing the summed
 * similarity of pairs above a threshold; the changed spans of a modified
 * pair are words and phrases (compare_diff.c), not single characters. Also
 * sets c->warnings (the versions of a's rule are looked up only when the
 * two rule names differ). Errors: FG_E_NOTFOUND (either id; the message
 * names it), FG_E_XAPIAN. Caller frees with fg_comparison_free.
 */
fg_status fg_compare(fg_searcher *s, const char *a, const char *b, fg_comparison **out, fg_err *err);
void fg_comparison_free(fg_comparison *c);
/* Fill c->versions with the versions of a's rule (fg_versions_list), unless already there. */
fg_status fg_compare_versions(fg_searcher *s, fg_comparison *c, fg_err *err);
/* "same", "modified", "added", "deleted", "renumbered". */
const char *fg_change_name(int change);
/* 1 when row r's text changed (modified, added, deleted): the rows of the 只看变化 view. */
int fg_cmp_row_changed(const fg_cmp_row *r);
/* "same_document", "different_rules", "reversed" for one FG_CMP_* bit. */
const char *fg_cmp_warning_code(int warning);
/* The Chinese message of one FG_CMP_* bit of c, naming the documents and what to do. Caller frees. */
char *fg_cmp_warning_text(const fg_comparison *c, int warning);
/*
 * {"a":{...},"b":{...},"rows":[{"a_label","a_text","b_label","b_text","change","a_index","b_index",
 * "similarity","a_changed","b_changed"}],"summary":{...},"warnings":[{"code","message"}],"view":"all"}
 * plus "versions" when c->versions is set. Caller frees.
 */
char *fg_comparison_json(const fg_comparison *c);
/*
 * The same with changes_only: the rows whose text changed (fg_cmp_row_changed),
 * "view":"changes" and "omitted" (rows left out). Caller frees.
 */
char *fg_comparison_json_view(const fg_comparison *c, int changes_only);

/* ---- status events (events.c; the validity pass: validity.c) ---- */

typedef struct fg_status_event {
	char date[11];       /* YYYY-MM-DD the change took effect */
	char *id;            /* document id */
	char *status;        /* canonical new status */
	char *superseded_by; /* id of the replacing document, "" when none */
	char *note;          /* free text, "" when none */
	char *recorded;      /* when it was recorded, YYYY-MM-DDTHH:MM:SSZ */
	char *previous;      /* status before the event, "" when unknown */
} fg_status_event;

/* Events of index directory dir (DIR/events.tsv), in file order; none when the file is missing. Caller frees. */
fg_status fg_events_load(const char *dir, fg_status_event **out, size_t *n, fg_err *err);
void fg_events_free(fg_status_event *v, size_t n);

/*
 * Record a status event for the index in dir and apply it: the document's
 * units and record get the new status (terms, values, data, history) in one
 * transaction on the shard holding it, the event is appended to
 * DIR/events.tsv, and validity intervals are recomputed. The caller holds
 * the indexer lock. ev->recorded and ev->previous are filled in.
 * Errors: FG_E_INVAL (bad date or status), FG_E_NOTFOUND (no such
 * document), FG_E_IO, FG_E_XAPIAN, FG_E_LOCKED.
 */
fg_status fg_event_add(const char *dir, const fg_keywords *kw, fg_status_event *ev, fg_err *err);

/*
 * After every build or update of the index in dir: apply every event of
 * DIR/events.tsv again (a rebuild restores the statuses of the files) and
 * recompute the validity intervals. *napplied (may be NULL) gets the number
 * of events applied.
 */
fg_status fg_versions_refresh(const char *dir, const fg_keywords *kw, size_t *napplied, fg_err *err);

/* ---- the change log (changes.c) ---- */

/*
 * The change log of events ev[0..n-1] as JSON {"changes":[{"date","id",
 * "title","status","previous","superseded_by","note","recorded","url"}]},
 * newest first, titles from the index s searches. Caller frees.
 */
char *fg_changes_json(fg_searcher *s, const fg_status_event *ev, size_t n);
/* The change log as an Atom feed; base is the site URL ("http://host:port"). Caller frees. */
char *fg_changes_atom(fg_searcher *s, const fg_status_event *ev, size_t n, const char *base);

/*
 * Load a document by id for display (tools/docview.c): fg_docview_load plus
 * the versions of its rule and v->json, the /api/doc/{id} JSON.
 * FG_E_NOTFOUND when there is none. Caller frees with fg_docview_free.
 */
fg_status fg_docview_get(fg_searcher *s, const char *id, fg_docview **out, fg_err *err);

#ifdef __cplusplus
}
#endif
#endif
