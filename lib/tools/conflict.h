/*
 * conflict.h - comparing two similar provisions: the fine amounts (罚款 in
 * 元/万元, ranges with 以上/以下), the time limits (N日/个工作日/小时/个月/年
 * with 内/以内/前) and the modality (应当/必须, 可以, 鼓励/提倡, 不得/禁止) of the
 * same predicate are extracted from each text and compared, each item of one
 * text paired with at most one of the other; when one rule is the other's
 * superior law, one more finding says whether the lower rule is stricter or
 * looser (one direction per pair), and a lower rule's fine inside the
 * superior's range is no finding. Every finding carries the differing spans
 * as byte offsets into each text.
 */
#ifndef FG_CONFLICT_H
#define FG_CONFLICT_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

enum fg_conflict_type {
	FG_CONFLICT_AMOUNT = 0,   /* different fine amounts */
	FG_CONFLICT_TIME = 1,     /* different time limits */
	FG_CONFLICT_MODALITY = 2, /* 可以 vs 应当 etc. on the same predicate */
	FG_CONFLICT_LEVEL = 3,    /* a lower-level rule stricter or looser than a higher-level one */
	FG_CONFLICT_POWER = 4     /* a draft sets what its level may not set (设定权: 行政处罚法 …), similar.h */
};

/* A fine amount (or range) in yuan. */
typedef struct fg_amount {
	double lo;          /* lower bound, 0 for "N元以下" */
	double hi;          /* upper bound, -1 for "N元以上" (open) */
	size_t start, end;  /* bytes of the span "二千元以上一万元以下" */
} fg_amount;

/* A time limit ("十五日内", "二十四小时内", "十个工作日内"). */
typedef struct fg_timelimit {
	double hours;       /* length in hours (日 24, 工作日 33.6, 月 720, 年 8760) */
	size_t start, end;  /* bytes of the span, 内/以内/前 included */
} fg_timelimit;

enum fg_modal_class {
	FG_MODAL_OBLIGE = 0,    /* 应当, 必须 */
	FG_MODAL_PERMIT = 1,    /* 可以 */
	FG_MODAL_ENCOURAGE = 2, /* 鼓励, 提倡 */
	FG_MODAL_PROHIBIT = 3   /* 不得, 禁止, 严禁 */
};

/* A modal word and its predicate (the words after it up to the next punctuation). */
typedef struct fg_modal {
	int cls;            /* enum fg_modal_class */
	size_t start, end;  /* bytes of the modal word */
	size_t pend;        /* end of the predicate (starts at end) */
} fg_modal;

/*
 * Extract from len bytes of s, in text order, at most max items into out;
 * return how many were found (may exceed max: only max are stored).
 * Amounts count only when 罚款/罚金 follows within a few characters.
 */
size_t fg_extract_amounts(const char *s, size_t len, fg_amount *out, size_t max);
size_t fg_extract_times(const char *s, size_t len, fg_timelimit *out, size_t max);
size_t fg_extract_modals(const char *s, size_t len, fg_modal *out, size_t max);

typedef struct fg_conflict {
	int type;            /* enum fg_conflict_type */
	size_t a_start, a_end; /* span in a (bytes) */
	size_t b_start, b_end; /* span in b (bytes) */
	int stricter;        /* 1: b is stricter than a, -1: a is stricter, 0: cannot tell */
	char note[256];      /* a Chinese sentence saying what differs */
} fg_conflict;

/*
 * Compare provision a (alen bytes, of level alevel, which may be NULL or ""
 * for a draft) with provision b, knowing their hierarchy: sup = 1 when b is
 * a's superior law (higher, binding where a applies), -1 when a is b's, 0
 * when neither binds the other. Writes at most max findings into out and
 * returns their number (may exceed max). With a hierarchy: a fine of the
 * lower rule inside the superior's range is no finding (具体化), and one
 * FG_CONFLICT_LEVEL finding closes the list: the lower rule stricter or
 * looser (the direction of most findings, on a tie the first's; its spans
 * are that finding's), else its fine past the superior's range on both
 * sides, else a contradiction of modality. Fines and time limits are paired
 * one to one by the words around them (the same amount first; a fine for
 * units never with one for individuals).
 */
size_t fg_conflict_compare_sup(const char *a, size_t alen, const char *alevel, const char *b, size_t blen,
			       const char *blevel, int sup, fg_conflict *out, size_t max);

/*
 * fg_conflict_compare_sup with the hierarchy of the levels alone (the
 * higher-ranked rule as the superior one, fg_level_rank; none when a level is
 * unknown or both are equal), for callers that know no regions.
 */
size_t fg_conflict_compare(const char *a, size_t alen, const char *alevel, const char *b, size_t blen,
			   const char *blevel, fg_conflict *out, size_t max);

/* "amount", "time", "modality", "level" or "power". */
const char *fg_conflict_type_name(int type);

#ifdef __cplusplus
}
#endif
#endif
