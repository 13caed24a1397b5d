/*
 * cleanup_int.h - what the files of the cleanup report share (internal to
 * libfagui): cleanup.c runs the report (documents, units, validity, the
 * shared findings of an index and day), cleanup_terms.c holds the outdated
 * terms table and finds its terms in a text, cleanup_stale.c classifies the
 * stale citations of a unit by what changed (citecheck.h, the 新旧对照
 * alignment), cleanup_place.c says where a rule belongs and who made it, and
 * cleanup_out.c writes findings and rules (labels, JSON, CSV/TSV). Calls go
 * from cleanup.c to the others, never back.
 */
#ifndef FG_CLEANUP_INT_H
#define FG_CLEANUP_INT_H

#include "cleanup.h"

#include "cite.h"
#include "citecheck.h"
#include "record.h"
#include "xap.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FG_CLEANUP_EVIDENCE_MAX 600 /* bytes of evidence kept per finding */

/* ---- cleanup_place.c ---- */

/*
 * The places below the province a rule belongs to: the rest of its region
 * (示例省青川市 -> 青川市), else the city, county or district its title starts
 * with (region 山东, 济南市城市供水条例 -> 济南市). "" for national rules and
 * when none is named. Caller frees.
 */
char *fg_place_below(const char *region, const char *title);
/*
 * Whether a rule of region and locality (fg_place_below) is in one of the
 * places of the comma-separated list: a place and everything below it (山东省
 * or 山东: the province and its cities; 示例省青川市, 青川市 or 青川: the city),
 * names compared without 省/市/自治区/县 … . NULL or "" matches everything.
 */
int fg_place_match(const char *list, const char *region, const char *locality);
/*
 * The 制定机关 of a document: its record's own (front matter, catalogue,
 * signature), else the body its catalogue path names (部门规章/公安部/… ->
 * 公安部), else the body of its first history line that names one
 * (山东省第十二届人民代表大会常务委员会第二十二次会议通过 -> 山东省人民代表大会常务委员会;
 * 最高人民法院审判委员会… -> 最高人民法院; …人民政府…; 国务院; X部令), else the
 * issuer before 关于 in its title, else 国务院 for 行政法规. "" when none. Caller frees.
 */
char *fg_authority_of(const fg_record *r, const char *title, const char *level, const char *region);

/* ---- cleanup_terms.c ---- */

/* Receives one outdated-term finding: its evidence (len bytes) and note. */
typedef void (*fg_cleanup_emit)(void *ctx, const char *evidence, size_t len, const char *note);
/* The sentence of text around [start, end): bounded by 。；！？ or a newline, into [*s0, *s1). */
void fg_cleanup_sentence(const char *text, size_t len, size_t start, size_t end, size_t *s0, size_t *s1);
/* Every outdated term of t in text (len bytes), once per term, the first sentence naming it, given to emit. */
void fg_terms_scan(const fg_terms *t, const char *text, size_t len, fg_cleanup_emit emit, void *ctx);
/*
 * A query matching every unit whose text may hold one of t's terms or one of
 * the n words (NUL-terminated): an OR of their body phrases. t may be NULL.
 * NULL when nothing is left. Caller frees with fg_xq_free.
 */
fg_xq *fg_terms_query(const fg_terms *t, const char *const *words, size_t n);

/* ---- cleanup_stale.c ---- */

/* One stale citation of a unit. Strings are owned. */
typedef struct fg_stale {
	size_t start, end;          /* the citation in the unit's text, bytes */
	const char *change;         /* FG_STALE_* (static) */
	const char *action;         /* 修改 or 核查 (static) */
	const char *priority;       /* FG_PRIORITY_* (static) */
	char *note;                 /* what changed: 所引《X》第八条已修改为第十一条 … */
	char *cited_id, *current_id, *current_article;
	int basis;                  /* a basis clause naming the whole rule (根据《X》) */
	const fg_titledoc *rule;    /* the rule cited, as the title map resolves it (borrowed) */
} fg_stale;

/* What a unit's citations say about the citing document's own basis (制定依据). */
typedef struct fg_basis_count {
	int n;                      /* basis clauses naming a whole rule of the index, in the preamble or 第一条 */
	int gone;                   /* of those, rules repealed or no longer in force */
} fg_basis_count;

/*
 * The stale citations in a unit's text (len bytes) of document d: every
 * 《》 reference to a rule that was repealed, or amended after d was
 * published, checked by session cc (fg_citecheck_cite on d's date and
 * region: the comparisons of versions are made once per session) and
 * classified — an article modified, renumbered or deleted, a repealed or
 * renamed rule (修改); a whole rule amended, an article not found or a
 * version the index lacks (核查); an unchanged article is no finding. own
 * says the unit states the document's basis (the preamble or 第一条): its
 * basis clauses are counted into *bc. Returns the number in *out (caller
 * frees with fg_stale_free).
 */
size_t fg_stale_unit(fg_citecheck *cc, const fg_titlemap *m, const fg_titledoc *d, const char *text, size_t len,
		     int own, fg_basis_count *bc, fg_stale **out);
void fg_stale_free(fg_stale *v, size_t n);

/* ---- cleanup_out.c ---- */

/* The rank of a reason in FG_REASON_* order (0 … 3), 4 when unknown. */
int fg_reason_rank(const char *reason);

#ifdef __cplusplus
}
#endif
#endif
