/*
 * similar_int.h - what the files of similar provisions share (internal to
 * libfagui): similar.c searches (term vectors, the candidate pools, each hit
 * scored and compared), similar_rel.c says where a rule stands to a draft or
 * a source article (its level, its territory, superior law or not) and which
 * rules of the index may be its superior or same-level law, similar_hits.c
 * arranges the hits of one source (versions collapsed, relations in order,
 * grouped by document) and counts the summary, similar_out.c writes the JSON
 * and similar_scan.c runs the corpus-wide conflict scan. Calls go from
 * similar_scan.c and similar.c down to similar_rel.c and similar_hits.c,
 * never back.
 */
#ifndef FG_SIMILAR_INT_H
#define FG_SIMILAR_INT_H

#include "similar.h"

#include "cite.h"
#include "xap.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- similar_rel.c ---- */

/* Where a rule (or a draft) stands: its level and its territory. Strings are owned. */
typedef struct fg_standing {
	int rank;            /* fg_level_rank of its level, 10 when unknown */
	int national;        /* binds the whole country (a national level, or region 全国) */
	int in_force;        /* 现行有效 or 尚未生效: binding (a draft counts as in force) */
	char *region;        /* its region ("" when national or unknown): 示例省, 示例省白河市, 山东 */
	char *locality;      /* the place below the province its title names (fg_place_below), "" when none */
} fg_standing;

/* The standing of a rule from its record's level, region, title and status (today's). */
void fg_standing_init(fg_standing *s, const char *level, const char *region, const char *title, const char *status);
void fg_standing_fin(fg_standing *s);

/*
 * Whether rule hi is superior law for rule lo: both in force, hi binding on
 * lo's whole territory and higher (or of the same level for a wider
 * territory: a province's rules over its cities').
 */
int fg_standing_superior(const fg_standing *hi, const fg_standing *lo);

/*
 * How rule h stands to the draft or source d: FG_REL_NONE when d's level is
 * unknown, else superior, same level (same level, same territory) or
 * reference; *note gets a short static Chinese label (上位法, 同级规定,
 * 其他地区, 下位规定 …).
 */
int fg_standing_relation(const fg_standing *d, const fg_standing *h, const char **note);

/*
 * The standing of a pasted draft of level and region (either may be NULL or
 * ""; a region needs a level) against the places of the index (m): a region
 * of one place that only names cities or counties is completed with their
 * province (白河 -> 示例省 白河市). *place gets the places as shown (示例省
 * 白河市, 全国, "" when unknown; caller frees). Errors (FG_E_INVAL, Chinese
 * messages): unknown level, a region without a level, a national level with
 * a local region or a local level with 全国, a region that is no place name
 * or that the index does not know.
 */
fg_status fg_draft_standing(const fg_titlemap *m, const char *level, const char *region, fg_standing *out,
			    char **place, fg_err *err);

/*
 * A filter matching the units of the rules that are superior or same-level
 * law for d in the index (national levels by their XL terms, the others by
 * their D terms), in force by their stored status; NULL when there is none.
 * Caller frees with fg_xq_free.
 */
fg_xq *fg_family_filter(const fg_titlemap *m, const fg_standing *d);

/* ---- draft_power.c ---- */

/* An article on the power of the draft's level to set a measure (设定权). */
typedef struct fg_power_unit {
	fg_docid did;        /* the unit */
	int law;             /* which law: fg_power_law */
	int forbids;         /* its clause says the level 不得设定 */
	size_t s0, s1;       /* the clause in the unit's text, bytes */
} fg_power_unit;

typedef struct fg_power {
	fg_power_unit *v;
	size_t n;
} fg_power;

/*
 * The articles of the laws on 设定权 in the index (行政处罚法, 行政许可法,
 * 行政强制法: in-force national 法律 by rule name) that name level (a
 * draft's) in one clause with 设定, at most two a law, into out (empty for
 * levels the laws do not name). Caller frees with fg_power_free.
 */
void fg_power_find(fg_xdb *db, const fg_titlemap *m, const char *level, fg_power *out);
void fg_power_free(fg_power *p);
/* Whether text (len bytes) sets a measure of law (罚款, 许可, 查封 …): the first word's span in [*s, *e). */
int fg_power_trigger(int law, const char *text, size_t len, size_t *s, size_t *e);
/* The law's name as its rule name holds it: 行政处罚, 行政许可, 行政强制. */
const char *fg_power_law(int law);

/* ---- similar_hits.c ---- */

/* Free what a hit owns. */
void fg_simhit_fin(fg_simhit *h);
/* Order hits by document (documents by their best hit), then by similarity. */
void fg_simhits_group(fg_simhit *h, size_t n);
/*
 * Arrange the hits of r: versions of one rule collapsed to the one in force
 * (when versions is given: the title map), then the best limit hits (with
 * by_relation: the best limit of each relation, superior law first, then
 * same level, then reference), each run grouped by document.
 */
void fg_simhits_arrange(fg_simresult *r, unsigned limit, int by_relation, const fg_titlemap *versions);

/* ---- similar.c ---- */

/* A string-keyed hash table of doubles. */
typedef struct fg_strmap {
	char **keys;
	double *vals;
	size_t cap, n;
} fg_strmap;

double *fg_strmap_get(fg_strmap *m, const char *k, size_t len);
void fg_strmap_put(fg_strmap *m, const char *k, size_t len, double v);
void fg_strmap_free(fg_strmap *m);

/* One search session: the index, the idf cache and the source's standing. */
typedef struct fg_simctx {
	fg_xdb *db;
	const fg_stopwords *sw;
	double ndocs;
	fg_strmap idf;
	fg_standing src;           /* the current source's standing */
	int classify;              /* hits get relations (the source's level is known) */
	fg_xq *family;             /* a draft's superior and same-level rules (a second pool), or NULL */
	const fg_titlemap *titles; /* a draft's: collapse versions, arrange by relation; NULL otherwise */
	fg_power power;            /* a draft's articles on 设定权 */
} fg_simctx;

void fg_simctx_init(fg_simctx *c, fg_searcher *s, const fg_stopwords *sw);
void fg_simctx_fin(fg_simctx *c);
/* A new result (no hits yet) for the unit stored in d; c->src gets its standing. */
fg_status fg_simctx_source(fg_simctx *c, fg_xdoc *d, fg_simresult **out, fg_err *err);
/* Fill r->hits: the candidates of r->text scored, compared and arranged. */
fg_status fg_simctx_run(fg_simctx *c, fg_simresult *r, const fg_similar_opts *o, fg_err *err);

#ifdef __cplusplus
}
#endif
#endif
