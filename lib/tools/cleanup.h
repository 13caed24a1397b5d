/*
 * cleanup.h - the 规章和规范性文件清理 report: findings that a rule in force
 * needs 修改, 废止 or 宣布失效, computed from an index:
 *   stale-citation  it cites a rule that is 已废止/失效, or that was amended
 *                   (a newer version exists, or the cited version is 已修改)
 *                   after the citing rule was published (also for 尚未生效),
 *                   split by what changed (change, FG_STALE_*): a cited
 *                   article modified, renumbered or deleted, or the rule
 *                   repealed or renamed, is 修改; a whole rule cited (根据《X》)
 *                   and amended is 核查; an unchanged article is no finding
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
#define FG_NREASONS 4

/* What changed in the rule a stale citation cites (fg_finding.change). */
#define FG_STALE_MODIFIED "modified"       /* the cited article's text changed (修改) */
#define FG_STALE_RENUMBERED "renumbered"   /* the cited article has another number now (修改) */
#define FG_STALE_DELETED "deleted"         /* the cited article was deleted (修改) */
#define FG_STALE_REPEALED "repealed"       /* the cited rule was repealed or is no longer in force (修改) */
#define FG_STALE_RENAMED "renamed"         /* the cited rule was amended under a new name (修改) */
#define FG_STALE_AMENDED "amended"         /* the whole rule is cited and was amended (核查) */
#define FG_STALE_NO_ARTICLE "no-article"   /* the cited version has no such article (核查) */
#define FG_STALE_UNVERIFIED "unverified"   /* amended, but the index lacks a version to compare (核查) */

#define FG_PRIORITY_HIGH "high"
#define FG_PRIORITY_MEDIUM "medium"
#define FG_PRIORITY_LOW "low"

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
	int shared;                 /* keep every finding of the index for later calls with the same day,
				       thresholds and terms, whatever the filters (fagui-searchd) */
} fg_cleanup_opts;

typedef struct fg_finding {
	char *id;
	char *title;
	char *article;              /* unit label where the evidence is, "" for the whole document */
	int article_index;          /* unit index (0 for the whole document) */
	const char *reason;         /* FG_REASON_* (static) */
	char *evidence;             /* citing span, sentence with the term, validity sentence or dates */
	const char *action;         /* 修改, 宣布失效 or 核查 (static) */
	char *note;                 /* why: the cited rule's status or newer version, the current name … */
	char *level, *region, *authority, *status, *published;
	const char *change;         /* stale-citation: FG_STALE_*; "" for the other reasons (static) */
	const char *priority;       /* FG_PRIORITY_* (static) */
	char *locality;             /* the city or county below the region (fg_place_below), "" when none */
	char *cited_id;             /* stale-citation: the version cited, else "" */
	char *current_id;           /* stale-citation: the version in force now, "" when none */
	char *current_article;      /* stale-citation: the cited article's label in that version, "" when none */
	int basis;                  /* stale-citation: a basis clause naming the whole rule (根据《X》) */
	int basis_repealed;         /* every basis clause of the document's preamble or 第一条 names a
				       repealed rule (制定依据已废止): its rule is to be 废止 */
} fg_finding;

/*
 * Run the report. Findings are sorted by document id, unit index and
 * reason. The region filter follows the hierarchy (fg_place_match: 山东 or
 * 山东省 gives the province and its cities, 济南 the city, with the city a
 * local rule's title names); authority is matched against the 制定机关 the
 * record, its catalogue path, its history lines or its title say. With
 * o->shared, the findings of the whole index are made once per index
 * revision, day, thresholds and terms, and later calls only filter them.
 * Errors: FG_E_INVAL (bad today date, unknown reason; Chinese messages),
 * FG_E_XAPIAN. Caller frees *out with fg_findings_free.
 */
fg_status fg_cleanup_run(fg_searcher *s, const fg_cleanup_opts *o, fg_finding **out, size_t *n, fg_err *err);
void fg_findings_free(fg_finding *v, size_t n);

enum { FG_TABLE_TSV = 0, FG_TABLE_CSV = 1 };
/* {"findings":[…],"counts":{reason:n},"total":n}. Caller frees. */
char *fg_cleanup_json(const fg_finding *v, size_t n);
/*
 * A header row and one row per finding. TSV: the JSON's keys and codes
 * (tabs and newlines in values become spaces). CSV (RFC 4180, CRLF), for
 * spreadsheets: a UTF-8 byte order mark, Chinese headers (统一编号, 法规名称,
 * 条文 …) and Chinese values (原因 引用已修改的法规, 优先级 高 …). Caller frees.
 */
char *fg_cleanup_table(const fg_finding *v, size_t n, int fmt);

/* The Chinese name of a reason (FG_REASON_*: 引用已修改或废止的法规, 已过有效期 …); the code itself when unknown. */
const char *fg_cleanup_reason_name(const char *reason);
/* The Chinese reason of one finding: 引用已修改的法规 or 引用已废止的法规 for a stale citation, else fg_cleanup_reason_name. */
const char *fg_finding_reason_label(const fg_finding *f);
/* The Chinese name of a change (FG_STALE_*: 条文已删除 …), of a priority (高, 中, 低); "" for "" or unknown. */
const char *fg_cleanup_change_name(const char *change);
const char *fg_cleanup_priority_name(const char *priority);
/*
 * One line on a finding, for a list: the note of a stale citation or an
 * expiry (with the start of the sentence stating the 有效期), the outdated
 * term and its current name (工商行政管理 → 市场监督管理), the dates of a rule
 * not revised. Caller frees.
 */
char *fg_finding_brief(const fg_finding *f);

/* ---- findings by rule ---- */

/* The actions a rule may get, strongest first: 宣布失效, 废止, 修改, 核查 (NULL-terminated). */
extern const char *const fg_cleanup_actions[];

/* One rule of the report and its findings. */
typedef struct fg_cleanup_rule {
	size_t first, n;            /* its findings: v[first .. first + n) of the findings grouped */
	const char *action;         /* the suggested action (fg_cleanup_actions): 宣布失效 when its validity
				       lapsed, 废止 when its basis was repealed, else 修改 or only 核查 */
	const char *priority;       /* the highest of its findings' (FG_PRIORITY_*) */
	size_t counts[FG_NREASONS]; /* findings by reason, FG_REASON_* order */
} fg_cleanup_rule;

enum { FG_RULES_BY_FINDINGS, FG_RULES_BY_LEVEL, FG_RULES_BY_DATE };

/*
 * The rules of findings v (sorted by id, as fg_cleanup_run gives them) whose
 * action is in the comma-separated list action (NULL or "" = any), sorted by
 * key (FG_RULES_BY_*): the number of findings (ties: higher priority first),
 * the level (宪法 first) or the publication date (oldest first, unknown dates
 * before), ascending unless desc; other ties by more findings, then id.
 * Returns their number; caller frees *out.
 */
size_t fg_cleanup_rules(const fg_finding *v, size_t n, const char *action, int key, int desc, fg_cleanup_rule **out);
/*
 * The findings of rules r[0..nr) (an export filtered by action), in id
 * order, as shallow copies: their strings stay v's. Caller frees *out with
 * free() alone, before v.
 */
size_t fg_cleanup_rule_findings(const fg_finding *v, const fg_cleanup_rule *r, size_t nr, fg_finding **out);
/*
 * {"group":"rule","total":rules,"offset","limit","total_findings","counts":
 * {reason:findings},"actions":{action:rules},"rules":[{"id","title","level",
 * "region","locality","authority","status","published","action","priority",
 * "total","counts":{reason:n},"reasons":[Chinese],"findings":[…]}]} for
 * rules r[offset .. offset + limit). Caller frees.
 */
char *fg_cleanup_rules_json(const fg_finding *v, const fg_cleanup_rule *r, size_t nr, size_t offset, size_t limit);

#ifdef __cplusplus
}
#endif
#endif
