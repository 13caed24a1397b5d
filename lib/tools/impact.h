/*
 * impact.h - the impact of an amended superior law (影响分析): for two
 * versions of one rule, every article of a rule in force that cites an
 * article of the old version which the new version modified, renumbered or
 * deleted. The citing units are what cites the old version (cite.h: the XT
 * terms, each citation resolved by the citing rule's date and region, so a
 * rule written after the new version, which cites that one, is not among
 * them; when the index holds no version before the old one, the rules
 * older than it are counted too: the title map gives their citations to the
 * newest version, yet they cite an earlier text, read against the old
 * version); the article each cites is read from its 《X》第N条 (refs.h); its
 * fate is the row of the 新旧对照 alignment (fg_compare, made once per run).
 * Whole-rule citations (根据《X》) and unchanged articles are not affected.
 */
#ifndef FG_IMPACT_H
#define FG_IMPACT_H

#include "base.h"
#include "search.h"
#include "versions.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One citing article affected by the amendment. Strings are owned by the fg_impact. */
typedef struct fg_impact_hit {
	char *id;               /* the citing rule */
	char *title;
	char *level;
	char *status;
	char *region;
	char *article;          /* the citing unit's label ("" outside articles) */
	int article_index;      /* the citing unit's index (/doc/ID#a<index>) */
	char *cited;            /* the citation as written: 《X》第N条 */
	int change;             /* FG_CHANGE_MODIFIED, FG_CHANGE_RENUMBERED or FG_CHANGE_DELETED */
	const fg_cmp_row *row;  /* the cited article's row in the comparison (row->b < 0: deleted) */
	int earlier;            /* the citing rule is older than the old version, and the index has no version
				   before that one: it cites an earlier text, whose article number is read
				   against the old version (to be confirmed by hand) */
} fg_impact_hit;

typedef struct fg_impact {
	fg_comparison *cmp;     /* old version = cmp->a, new version = cmp->b */
	size_t modified;        /* rows of the comparison by fg_impact_change */
	size_t renumbered;
	size_t deleted;
	size_t added;
	fg_impact_hit *hits;    /* by citing rule id, then unit, then citation order */
	size_t nhits;
	size_t units;           /* distinct citing units among the hits (受影响条文) */
	size_t rules;           /* distinct citing rules among the hits */
	size_t earlier;         /* hits with earlier set */
} fg_impact;

/*
 * The version of the rule of document id just before it (oldest effective
 * first, as fg_versions_list orders them) into *out, which the caller frees.
 * Errors, with a Chinese message: FG_E_NOTFOUND (no such document),
 * FG_E_INVAL (id is the rule's first version), FG_E_XAPIAN.
 */
fg_status fg_impact_previous(fg_searcher *s, const char *id, char **out, fg_err *err);

/*
 * The impact of amending version old_id into new_id. Errors, with a Chinese
 * message: FG_E_NOTFOUND (either id unknown), FG_E_INVAL (the same
 * document, two different rules, or new_id older than old_id),
 * FG_E_XAPIAN. Caller frees with fg_impact_free.
 */
fg_status fg_impact_run(fg_searcher *s, const char *old_id, const char *new_id, fg_impact **out, fg_err *err);
void fg_impact_free(fg_impact *im);

/*
 * What happened to a row's article as the impact counts it: FG_CHANGE_ADDED
 * or _DELETED (one side absent), _RENUMBERED (another label, whether or not
 * the text changed too), _MODIFIED (same label, other text), else _SAME.
 */
int fg_impact_change(const fg_comparison *c, const fg_cmp_row *r);
/* 修改, 重新编号, 删除, 新增 or 未改. */
const char *fg_impact_change_zh(int change);

/*
 * {"old":{"id","title","published"},"new":{…},"changes":{"modified",
 * "renumbered","deleted","added"},"affected_units","affected_rules",
 * "affected":[{"id","title","level","status","region","article",
 * "article_index","cited","cites_earlier_version","change","old_article",
 * "new_article","new_article_index","old_text","new_text"}]} (new_* null
 * when deleted), "earlier_citations": the hits with earlier set.
 * Caller frees.
 */
char *fg_impact_json(const fg_impact *im);
/*
 * The affected articles as a table, one row each under a header row of the
 * JSON keys: TSV, or with csv set CSV with a UTF-8 BOM (for Excel). Caller frees.
 */
char *fg_impact_table(const fg_impact *im, int csv);

#ifdef __cplusplus
}
#endif
#endif
