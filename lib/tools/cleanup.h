/*
 * cleanup.h - the 规章和规范性文件清理 report: findings that a rule in force
 * needs 修改, 废止 or 宣布失效, computed from an index:
 *   stale-citation  it cites a rule that is 已废止/失效, or that was amended
 *                   (a newer version exists, or the cited version is 已修改)
 *                   after the citing rule was published (also for 尚未生效)
 *   expired         past its validity period (expires, or 有效期至…/有效期X年 in
 *                   its text), or a 规范性文件 older than the default validity
 *                   that states none
 *   outdated-term   it names an abolished agency or outdated term listed in
 *                   data/outdated-terms.tsv
 *   not-revised     no newer version and last published or amended more than
 *                   N years ago
 */
#ifndef FG_CLEANUP_H
#define FG_CLEANUP_H

#include "base.h"
#include "search.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FG_REASON_STALE "stale-citation"
#define FG_REASON_EXPIRED "expired"
#define FG_REASON_TERM "outdated-term"
#define FG_REASON_NOT_REVISED "not-revised"

typedef struct fg_terms fg_terms;

/*
 * Load the outdated-terms table (TSV: term, current, since, note, optional
 * not_in; '#' lines and the header row "term…" are skipped). Terms are
 * normalized. Errors: FG_E_IO, FG_E_INVAL (no entries). Caller frees.
 */
fg_status fg_terms_load(const char *path, fg_terms **out, fg_err *err);
void fg_terms_free(fg_terms *t);
size_t fg_terms_count(const fg_terms *t);
/*
 * The installed or in-tree data/outdated-terms.tsv, looked up next to the
 * running program (bin/../data, build-asan/bin/../../data,
 * bin/../share/fagui/data) or in $FAGUI_DATA; NULL when none. Caller frees.
 */
char *fg_terms_default_path(void);

typedef struct fg_cleanup_opts {
	const char *today;          /* YYYY-MM-DD; NULL or "" = the system date */
	int years;                  /* not-revised threshold in years (0 = 10) */
	int validity_years;         /* default validity of 规范性文件 without a stated one (0 = 5) */
	const char *reason;         /* comma-separated reasons, NULL = all */
	const char *level;          /* comma-separated levels, NULL = any */
	const char *region;         /* comma-separated regions, NULL = any */
	const char *authority;      /* substring of the issuing authority, NULL = any */
	const fg_terms *terms;      /* outdated terms; NULL = no outdated-term findings */
} fg_cleanup_opts;

typedef struct fg_finding {
	char *id;
	char *title;
	char *article;              /* unit label where the evidence is, "" for the whole document */
	int article_index;          /* unit index (0 for the whole document) */
	const char *reason;         /* FG_REASON_* (static) */
	char *evidence;             /* citing span, sentence with the term, validity sentence or dates */
	const char *action;         /* 修改, 废止 or 宣布失效 (static) */
	char *note;                 /* why: the cited rule's status or newer version, the current name … */
	char *level, *region, *authority, *status, *published;
} fg_finding;

/*
 * Run the report. Findings are sorted by document id, unit index and
 * reason. Errors: FG_E_INVAL (bad today date, unknown reason), FG_E_XAPIAN.
 * Caller frees *out with fg_findings_free.
 */
fg_status fg_cleanup_run(fg_searcher *s, const fg_cleanup_opts *o, fg_finding **out, size_t *n, fg_err *err);
void fg_findings_free(fg_finding *v, size_t n);

enum { FG_TABLE_TSV = 0, FG_TABLE_CSV = 1 };
/* {"findings":[…],"counts":{reason:n},"total":n}. Caller frees. */
char *fg_cleanup_json(const fg_finding *v, size_t n);
/* A header row and one row per finding, TSV (tabs and newlines in values become spaces) or CSV (RFC 4180, CRLF). Caller frees. */
char *fg_cleanup_table(const fg_finding *v, size_t n, int fmt);

#ifdef __cplusplus
}
#endif
#endif
