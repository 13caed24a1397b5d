/*
 * statusq.c - status by the calendar in queries (calendar.h): which indexed
 * documents have a given status on a day, whatever the status stored when
 * they were indexed, as one Xapian query over their status terms and date
 * values — the status filter of a search — and the few documents whose
 * status value (the status of the indexing day, index.c) is not the status of
 * that day, to correct the in-memory status column that the prior and the
 * facet counts read (searcher.c).
 *
 * Only documents stored 现行有效 or 尚未生效 follow the calendar (A below):
 *   尚未生效  A and effective > day, or stored 尚未生效 with no effective date
 *   失效      stored 失效, or A, not 尚未生效, and expires < day
 *   已修改    stored 已修改, or A, not 尚未生效 nor 失效, and valid_to <= day
 *   现行有效  A and none of the above
 * which is fg_status_on, the same rule for one document.
 */
#include "searcher.h"

#include "calendar.h"
#include "terms.h"
#include "xap.h"

#include <stdlib.h>
#include <string.h>

static fg_xq *status_term(const char *status)
{
	fg_buf t = {0};
	fg_term_field(&t, FG_PFX_STATUS, status, strlen(status));
	fg_xq *q = fg_xq_term(t.data, t.len, 1, 0);
	fg_buf_free(&t);
	return q;
}

static fg_xq *pair_free(int op, fg_xq *a, fg_xq *b)
{
	fg_xq *q = fg_xq_pair(op, a, b);
	fg_xq_free(a);
	fg_xq_free(b);
	return q;
}

/* The parts of the rule for one day (compact YYYYMMDD bounds). */
struct cal {
	fg_xq *a;       /* stored 现行有效 or 尚未生效 */
	fg_xq *pending; /* 尚未生效 on the day */
	fg_xq *expired; /* expires before the day */
	fg_xq *ended;   /* valid_to on or before the day */
};

static void cal_init(struct cal *c, const char *day)
{
	char next[11], prev[11], d[9], dn[9], dp[9];
	fg_date_add(day, 0, 1, next);
	fg_date_add(day, 0, -1, prev);
	fg_date_compact(day, d);
	fg_date_compact(next, dn);
	fg_date_compact(prev, dp);
	fg_xq *in = status_term(FG_STATUS_IN_FORCE), *pe = status_term(FG_STATUS_PENDING);
	c->a = fg_xq_pair(FG_XQ_OR, in, pe);
	fg_xq *later = fg_xq_value_range(FG_SLOT_EFFECTIVE, dn, NULL);
	fg_xq *undated = pair_free(FG_XQ_AND_NOT, fg_xq_dup(pe), fg_xq_value_range(FG_SLOT_EFFECTIVE, NULL, NULL));
	c->pending = pair_free(FG_XQ_OR, pair_free(FG_XQ_FILTER, fg_xq_dup(c->a), later), undated);
	c->expired = fg_xq_value_range(FG_SLOT_EXPIRES, NULL, dp);
	c->ended = fg_xq_value_range(FG_SLOT_VALID_TO, NULL, d);
	fg_xq_free(in);
	fg_xq_free(pe);
}

static void cal_fin(struct cal *c)
{
	fg_xq_free(c->a);
	fg_xq_free(c->pending);
	fg_xq_free(c->expired);
	fg_xq_free(c->ended);
}

/* A, not pending, restricted to (when) and without (unless, may be NULL). */
static fg_xq *changed(const struct cal *c, const fg_xq *when, const fg_xq *unless)
{
	fg_xq *q = pair_free(FG_XQ_AND_NOT, fg_xq_dup(c->a), fg_xq_dup(c->pending));
	if (unless)
		q = pair_free(FG_XQ_AND_NOT, q, fg_xq_dup(unless));
	return when ? pair_free(FG_XQ_FILTER, q, fg_xq_dup(when)) : q;
}

static fg_xq *query_on(const struct cal *c, const char *status)
{
	if (!strcmp(status, FG_STATUS_PENDING))
		return fg_xq_dup(c->pending);
	if (!strcmp(status, FG_STATUS_INVALID))
		return pair_free(FG_XQ_OR, status_term(status), changed(c, c->expired, NULL));
	if (!strcmp(status, FG_STATUS_AMENDED))
		return pair_free(FG_XQ_OR, status_term(status), changed(c, c->ended, c->expired));
	if (!strcmp(status, FG_STATUS_IN_FORCE)) {
		fg_xq *gone = fg_xq_pair(FG_XQ_OR, c->expired, c->ended);
		fg_xq *q = changed(c, NULL, gone);
		fg_xq_free(gone);
		return q;
	}
	return status_term(status);
}

fg_xq *fg_status_query(const char *list, const char *day)
{
	struct cal c;
	cal_init(&c, day);
	fg_xq *acc = NULL;
	const char *p = list, *item;
	size_t len;
	while (fg_list_next(&p, &item, &len)) {
		char *one = fg_xstrndup(item, len);
		fg_xq *q = query_on(&c, one);
		free(one);
		acc = acc ? pair_free(FG_XQ_OR, acc, q) : q;
	}
	cal_fin(&c);
	return acc;
}

/* Append the docids q matches (boolean) with value v. */
static fg_status collect(fg_xdb *db, const fg_xq *q, const char *v, fg_status_change **out, size_t *n, fg_err *err)
{
	fg_xenq *e = fg_xenq_new(db);
	fg_xenq_set_query(e, q);
	fg_xenq_set_boolean(e);
	fg_xmset *m = NULL;
	fg_status st = fg_xenq_get_mset(e, 0, fg_xdb_doccount(db) + 1, 0, &m, err);
	if (st == FG_OK) {
		unsigned k = fg_xmset_size(m);
		*out = fg_xrealloc(*out, (*n + k + 1) * sizeof **out);
		for (unsigned i = 0; i < k; i++)
			(*out)[(*n)++] = (fg_status_change){fg_xmset_docid(m, i), v};
	}
	fg_xmset_free(m);
	fg_xenq_free(e);
	return st;
}

/* The documents whose status value (the indexing day's status) is not v. */
static fg_xq *value_not(const fg_xq *q, const char *v)
{
	fg_xq *is = fg_xq_value_range(FG_SLOT_STATUS, v, v);
	fg_xq *out = fg_xq_pair(FG_XQ_AND_NOT, q, is);
	fg_xq_free(is);
	return out;
}

fg_status fg_status_changes(fg_xdb *db, const char *day, fg_status_change **out, size_t *n, fg_err *err)
{
	*out = NULL;
	*n = 0;
	struct cal c;
	cal_init(&c, day);
	static const char *const to[4] = {FG_STATUS_PENDING, FG_STATUS_INVALID, FG_STATUS_AMENDED, FG_STATUS_IN_FORCE};
	fg_status st = FG_OK;
	for (int i = 0; i < 4 && st == FG_OK; i++) {
		fg_xq *on = query_on(&c, to[i]);
		fg_xq *q = value_not(on, to[i]); /* on the day, and not so in the status value */
		st = collect(db, q, to[i], out, n, err);
		fg_xq_free(q);
		fg_xq_free(on);
	}
	cal_fin(&c);
	if (st != FG_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return st;
}
